import ArgumentParser
import AttentionCorpus
import Foundation

/// The options that choose a generated corpus, shared by `corpus` and `train`.
struct CorpusArguments: ParsableArguments {
    @Option(help: "The seed of the corpus's draws (train also seeds its initial parameters and batch order with it).")
    var seed: UInt64 = CorpusGenerator.defaultSeed

    @Option(name: .customLong("train"), help: ArgumentHelp("The number of training pairs.", valueName: "count"))
    var trainCount = CorpusGenerator.defaultTrainCount

    @Option(name: .customLong("held-out"), help: ArgumentHelp("The number of held-out pairs.", valueName: "count"))
    var heldOutCount = CorpusGenerator.defaultHeldOutCount

    @Option(name: .customLong("grammar"), help: ArgumentHelp("Draw from this grammar file instead of the package's.", valueName: "file"))
    var grammarPath: String?

    /// The corpus these options choose.
    ///
    /// - Throws: ``GrammarError`` for a grammar file that cannot be read or is wrong.
    func corpus() throws -> Corpus {
        let grammar = try grammarPath.map { try Grammar(contentsOf: URL(fileURLWithPath: $0)) } ?? Grammar.bundled()
        return try CorpusGenerator(grammar: grammar, seed: seed).generate(trainCount: trainCount, heldOutCount: heldOutCount)
    }
}
