import AttentionTrace

extension Trace {
    /// The tensor a check means by `name`, as `explain --cell` means it: see ``Trace/namedTensor(_:)``.
    func labelledTensor(named name: String) -> LabelledTensor? {
        namedTensor(name).map { LabelledTensor(name: name, values: $0.values, axes: $0.axes) }
    }

    /// Says which names exist, for an unknown name: the results, the inputs, and recorded ids that resemble `name`.
    func namesSuggestion(for name: String) -> String {
        let summarized = steps.flatMap(\.tensors).filter { $0.summary != nil }.map(\.id) + result.filter { $0.value.summary != nil }.keys.sorted()
        if summarized.contains(name), let largest = recording.largestStoredTensor {
            return "\(name) has more than \(largest) numbers, so the trace keeps only a summary of it; check a smaller input"
        }
        let similar = steps.flatMap(\.tensors).map(\.id)
            .filter { $0.lowercased().contains(name.lowercased()) || name.lowercased().contains($0.lowercased()) }
        var parts = ["results: \(result.keys.sorted().joined(separator: ", "))",
                     "inputs: \(inputs.keys.sorted().joined(separator: ", "))"]
        if !similar.isEmpty { parts.append("similar recorded tensors: \(similar.prefix(6).joined(separator: ", "))") }
        parts.append("every recorded id is listed in Docs/mechanisms/\(variant).md")
        return parts.joined(separator: "; ")
    }
}
