import ArgumentParser
import AttentionDerivation
import AttentionRendering
import AttentionTrace
import NameSuggestions

/// `attention-trace explain`: trace as `trace` does and print how chosen numbers were computed.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Trace as `trace` does and print the derivation of chosen cells.",
        discussion: """
            Takes the same arguments as `trace`, so any number of a page (including \
            tensors drawn as pictures, and those a trace keeps only summaries of) can be \
            explained: --cell "head0.normalise.weights[5,7]". Results go by their names \
            and positions by their labels, as in lesson checks: --cell 'weights["hier","yesterday"]'.
            """)

    @OptionGroup var arguments: TraceArguments

    @Option(name: .customLong("cell"), help: ArgumentHelp(
        "A cell to explain, as ID[row,column] ([column] for a vector, [head,row,column] for a stack); a result by its name (weights), a position by its label in quotes (weights[\"hier\",\"zoo\"]); repeatable.",
        valueName: "ID[index]"))
    var cells: [String] = []

    func validate() throws {
        guard !cells.isEmpty else { throw ValidationError("give at least one --cell, such as --cell \"t0.normalise.weights[0,0]\"") }
    }

    func run() throws {
        let references = try cells.map(CellReference.init(parsing:))
        // Every number is kept, so that any cell of any size can be explained.
        let trace = try arguments.trace(recording: .full)
        let derivations = CellDerivations(trace: trace)
        var output = ""
        for (number, reference) in references.enumerated() {
            let (id, index) = try reference.resolved(in: trace)
            if number > 0 { output += "\n" }
            if references.count > 1 {
                let resolved = "\(id)[\(index.map(String.init).joined(separator: ","))]"
                output += reference.text == resolved ? "\(resolved):\n" : "\(reference.text) is \(resolved):\n"
            }
            for line in try derivations.derivation(ofCell: id, at: index) {
                output += line + "\n"
            }
            // A result repeats a recorded cell; that cell's derivation is the one that explains it.
            if let (source, sourceIndex) = Self.recordedCell(repeatedBy: id, at: index, in: trace) {
                output += "\(source)[\(sourceIndex.map(String.init).joined(separator: ","))]:\n"
                for line in try derivations.derivation(ofCell: source, at: sourceIndex) {
                    output += line + "\n"
                }
            }
        }
        try FileAccess.write(output, to: nil)
    }

    /// The step tensor and index that the result cell `id[index]` repeats (matrix `s` of a stacked
    /// result is its `s`-th source), or `nil` for a step tensor or a result returned as is.
    static func recordedCell(repeatedBy id: String, at index: [Int], in trace: Trace) -> (String, [Int])? {
        guard id.hasPrefix("result."), let result = trace.result[String(id.dropFirst("result.".count))] else { return nil }
        let stacked = result.shape.count >= 3
        let matrix = stacked ? index.first ?? 0 : 0
        guard result.sources.indices.contains(matrix) else { return nil }
        return (result.sources[matrix], stacked ? Array(index.dropFirst()) : index)
    }
}

/// A `--cell` argument: a tensor's name and an index whose coordinates are positions or
/// labels, `head0.normalise.weights[5,7]` or `weights["hier","yesterday"]`.
struct CellReference: Equatable {
    /// One coordinate: a 0-based position, or a label in double quotes (`\"` and `\\` escape).
    enum Coordinate: Equatable {
        case position(Int)
        case label(String)
    }

    /// The argument as given.
    let text: String
    /// The tensor: an identifier, a result's name, or `result.` and its name.
    let name: String
    let coordinates: [Coordinate]

    /// Parses `NAME[c,…]`; spaces around coordinates are allowed.
    ///
    /// - Throws: ``CommandFailure`` naming the text and the expected form.
    init(parsing text: String) throws {
        let malformed = CommandFailure("malformed --cell '\(text)': write the tensor identifier and the index in brackets, such as head0.normalise.weights[5,7] or weights[\"hier\",\"zoo\"]")
        guard let open = text.firstIndex(of: "["), text.hasSuffix("]") else { throw malformed }
        var rest = text[text.index(after: open)..<text.index(before: text.endIndex)]
        var coordinates: [Coordinate] = []
        while true {
            rest = rest.drop(while: \.isWhitespace)
            if rest.first == "\"" {
                rest.removeFirst()
                var label = ""
                while let character = rest.popFirst(), character != "\"" {
                    if character == "\\" {
                        guard let escaped = rest.popFirst() else { throw malformed }
                        label.append(escaped)
                    } else {
                        label.append(character)
                    }
                }
                coordinates.append(.label(label))
            } else {
                let digits = rest.prefix { $0 != "," && !$0.isWhitespace }
                guard let position = Int(digits) else { throw malformed }
                rest = rest.dropFirst(digits.count)
                coordinates.append(.position(position))
            }
            rest = rest.drop(while: \.isWhitespace)
            guard let separator = rest.popFirst() else { break }
            guard separator == "," else { throw malformed }
        }
        guard open != text.startIndex else { throw malformed }
        self.text = text
        name = String(text[..<open])
        self.coordinates = coordinates
    }

    /// The identifier and index the derivations use: a result's name becomes `result.NAME`,
    /// and each label its first position along its axis.
    ///
    /// - Throws: ``CommandFailure`` for an unknown name (with the closest one) or label (with the axis's labels).
    func resolved(in trace: Trace) throws -> (id: String, index: [Int]) {
        guard let tensor = trace.namedTensor(name) else {
            let names = trace.result.keys.sorted() + trace.steps.flatMap { $0.tensors.map(\.id) }
            let suggestion = closestName(to: name, among: names).map { "did you mean '\($0)'?" }
                ?? "the results are \(trace.result.keys.sorted().joined(separator: ", ")), and every recorded id is listed in Docs/mechanisms/\(trace.variant).md"
            throw CommandFailure("--cell '\(text)': the trace has no tensor '\(name)'; \(suggestion)")
        }
        let index = try coordinates.enumerated().map { axis, coordinate in
            switch coordinate {
            case .position(let position):
                return position
            case .label(let label):
                guard tensor.axes.indices.contains(axis) else {
                    throw CommandFailure("--cell '\(text)': '\(name)' has \(tensor.axes.count) axes, so it has no axis for the label \"\(label)\"")
                }
                let axisInfo = tensor.axes[axis]
                guard let position = axisInfo.position(ofLabel: label) else {
                    let labels = axisInfo.labels.map { "its labels are " + $0.map { "\"\($0)\"" }.joined(separator: ", ") }
                        ?? "it has no labels, so give a position"
                    throw CommandFailure("--cell '\(text)': axis \(axisInfo.name) of '\(name)' has no label \"\(label)\"; \(labels)")
                }
                return position
            }
        }
        return (tensor.id, index)
    }
}
