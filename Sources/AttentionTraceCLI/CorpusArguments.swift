import ArgumentParser
import AttentionCorpus

/// The options that choose a generated corpus, shared by `corpus` and `train`.
struct CorpusArguments: ParsableArguments {
    @Option(help: "The seed of the corpus's draws (train also seeds its initial parameters and batch order with it).")
    var seed: UInt64 = CorpusGenerator.defaultSeed

    @Option(name: .customLong("train"), help: ArgumentHelp("The number of training pairs.", valueName: "count"))
    var trainCount = CorpusGenerator.defaultTrainCount

    @Option(name: .customLong("held-out"), help: ArgumentHelp("The number of held-out pairs.", valueName: "count"))
    var heldOutCount = CorpusGenerator.defaultHeldOutCount

    /// The corpus these options choose, drawn from `grammar`.
    func corpus(from grammar: Grammar) throws -> Corpus {
        try CorpusGenerator(grammar: grammar, seed: seed).generate(trainCount: trainCount, heldOutCount: heldOutCount)
    }
}
