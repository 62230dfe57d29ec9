import ArgumentParser
import AttentionCorpus
import Foundation

/// `attention-trace corpus`: generate the English→French corpus with its gold alignments.
struct CorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "Generate the English→French training corpus with gold word alignments.",
        discussion: """
            Pairs are drawn from a synchronous grammar (the package's own, or --grammar FILE), \
            deterministically from --seed; no held-out English sentence is in the training split. \
            Docs/corpus.md describes the grammar file and the alignment rules.
            """)

    /// What the corpus is written as.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case json, tsv
    }

    @OptionGroup var corpusOptions: CorpusArguments

    @Option(help: "json or tsv (by default, the output file's extension, else json).")
    var format: Format?

    @Option(name: .customLong("output"), help: ArgumentHelp("Write here instead of standard output.", valueName: "file"))
    var outputPath: String?

    func run() throws {
        let format = try self.format ?? formatFromExtension()
        let corpus = try corpusOptions.corpus()
        let text = switch format {
        case .json: try corpus.json()
        case .tsv: corpus.tsv
        }
        try FileAccess.write(text, to: outputPath)
    }

    /// The format the output file's extension names; JSON for standard output.
    private func formatFromExtension() throws -> Format {
        guard let outputPath else { return .json }
        let pathExtension = URL(fileURLWithPath: outputPath).pathExtension
        guard let format = Format(rawValue: pathExtension.lowercased()) else {
            throw CommandFailure("cannot tell the format of '\(outputPath)' from its extension; name it .json or .tsv, or pass --format json|tsv")
        }
        return format
    }
}
