import ArgumentParser
import AttentionRendering
import AttentionTrace

/// `attention-trace explain`: trace as `trace` does and print how chosen numbers were computed.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Trace as `trace` does and print the derivation of chosen cells.",
        discussion: """
            Takes the same arguments as `trace`, so any number of a page (including \
            tensors drawn as pictures, and those a trace keeps only summaries of) can be \
            explained: --cell "head0.normalise.weights[5,7]".
            """)

    @OptionGroup var arguments: TraceArguments

    @Option(name: .customLong("cell"), help: ArgumentHelp(
        "A cell to explain, as ID[row,column] ([column] for a vector, [head,row,column] for a stack); repeatable.",
        valueName: "ID[index]"))
    var cells: [String] = []

    func validate() throws {
        guard !cells.isEmpty else { throw ValidationError("give at least one --cell, such as --cell \"t0.normalise.weights[0,0]\"") }
    }

    func run() throws {
        let references = try cells.map(CellReference.init(parsing:))
        // Every number is kept, so that any cell of any size can be explained.
        let derivations = CellDerivations(trace: try arguments.trace(recording: .full))
        var output = ""
        for (number, reference) in references.enumerated() {
            if number > 0 { output += "\n" }
            for line in try derivations.derivation(ofCell: reference.id, at: reference.index) {
                output += line + "\n"
            }
        }
        try FileAccess.write(output, to: nil)
    }
}

/// A `--cell` argument: a tensor identifier and an index, `head0.normalise.weights[5,7]`.
struct CellReference: Equatable {
    let id: String
    let index: [Int]

    /// Parses `ID[i,j,…]`; spaces after commas are allowed.
    ///
    /// - Throws: ``CommandFailure`` naming the text and the expected form.
    init(parsing text: String) throws {
        let malformed = CommandFailure("malformed --cell '\(text)': write the tensor identifier and the index in brackets, such as head0.normalise.weights[5,7]")
        guard text.hasSuffix("]"), let open = text.lastIndex(of: "[") else { throw malformed }
        let id = String(text[..<open])
        let coordinates = text[text.index(after: open)..<text.index(before: text.endIndex)].split(separator: ",", omittingEmptySubsequences: false)
        let index = coordinates.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !id.isEmpty, !coordinates.isEmpty, index.count == coordinates.count else { throw malformed }
        self.id = id
        self.index = index
    }
}
