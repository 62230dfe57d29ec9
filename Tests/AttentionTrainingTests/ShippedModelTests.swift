import AttentionCorpus
import AttentionEngine
import AttentionMath
import AttentionModels
import AttentionTraining
import Testing
import TestSupport

extension TrainingRecord {
    /// The corpus the run trained on, drawn again from the package's grammar with its seed and split sizes.
    func corpus() throws -> Corpus {
        try CorpusGenerator(grammar: Grammar.bundled(), seed: options.seed)
            .generate(trainCount: trainingPairs, heldOutCount: heldOutPairs)
    }
}

/// What the shipped checkpoint, trained on the cross-entropy alone, learned on the corpus it was
/// trained on: it translates, and each French word attends to the English word it translates,
/// articles and determiners included (`Docs/models/rnnsearch.md`).
@Suite struct ShippedModelTests {
    @Test func alignsTheReadmeSentenceWhereFrenchWordsComeFrom() throws {
        let model = try Checkpoint.shippedModel().model
        let source = ["the", "man", "who", "visited", "the", "zoo", "yesterday"]
        let target = ["l'", "homme", "qui", "a", "visité", "le", "zoo", "hier"]
        let argmax = try model.attention(source: source, target: target).rowArgmax()
        // l'→the, homme→man, qui→who, a→visited, visité→visited, le→the, zoo→zoo, hier→yesterday.
        #expect(Array(argmax.prefix(target.count)) == [0, 1, 2, 3, 3, 4, 5, 6])
        #expect(try model.translate(source).words == target)
    }

    @Test func reordersAdjectivesAsFrenchDoes() throws {
        let model = try Checkpoint.shippedModel().model
        // le chat noir: noir reads "black", which English puts first.
        let cat = try model.attention(source: ["the", "black", "cat"], target: ["le", "chat", "noir"]).rowArgmax()
        #expect(Array(cat.prefix(3)) == [0, 2, 1])
        // la zone économique européenne: the two adjectives in mirrored order.
        let area = try model.attention(source: ["the", "european", "economic", "area"],
                                       target: ["la", "zone", "économique", "européenne"]).rowArgmax()
        #expect(Array(area.prefix(4)) == [0, 3, 2, 1])
        // sa ville: the possessive reads "his", though its gender is the city's.
        let city = try model.attention(source: ["his", "big", "city"], target: ["sa", "grande", "ville"]).rowArgmax()
        #expect(Array(city.prefix(3)) == [0, 1, 2])
    }

    @Test func translatesAndAlignsTheHeldOutSplit() throws {
        let (model, record) = try Checkpoint.shippedModel()
        let training = try #require(record)
        let corpus = try training.corpus()
        let evaluation = try Evaluation(of: model, on: Array(corpus.heldOut.prefix(50)))
        #expect(evaluation.alignmentHitRate >= 0.9)
        #expect(evaluation.exactMatchRate >= 0.9)
        let recorded = try #require(training.evaluation)
        #expect(recorded.alignmentHitRate >= 0.9 && recorded.exactMatchRate >= 0.9)
        #expect(training.options.alignmentWeight == 0, "the shipped model learned its attention from translating alone")
    }

    /// The engine draws again the parameters each shipped model's training started from: their
    /// attention on every probe is the record's snapshot before training, and a trace says so.
    @Test(arguments: ModelConfiguration.Score.allCases)
    func theInitialModelIsTheOneTrainingStartedFrom(_ score: ModelConfiguration.Score) throws {
        let checkpoint = try #require(try ModelCheckpoint.shipped(score: score))
        let initial = try #require(checkpoint.initial())
        let summary = try #require(checkpoint.training)
        let before = try #require(try checkpoint.snapshots().first)
        #expect(before.epoch == 0 && summary.probes.count == 4 && before.alignments.count == 4)
        for (probe, recorded) in zip(summary.probes, before.alignments) {
            let weights = try initial.model.attention(source: probe.source, target: probe.target)
            #expect(maxAbsoluteDifference(weights.rows(0..<probe.target.count).scalars, recorded.flatMap { $0 }) <= 1e-15)
            let trained = try checkpoint.model.attention(source: probe.source, target: probe.target)
            #expect(maxAbsoluteDifference(trained.rows(0..<probe.target.count).scalars, recorded.flatMap { $0 }) > 0.1)
        }
        #expect(initial.provenance == "checkpoint \(checkpoint.name) at epoch 0 (initial parameters of attention-trace train, not trained)")
        let unrecorded = ModelCheckpoint(model: checkpoint.model, name: "x.safetensors", training: nil)
        #expect(unrecorded.initial() == nil)
    }

    /// Articles look at "the" as other determiners look at theirs: since half the noun phrases have
    /// another determiner, the English determiner is where the French one's choice comes from.
    @Test func articlesAttendToTheArticleAndContentWordsToTheirWords() throws {
        let (model, record) = try Checkpoint.shippedModel()
        let training = try #require(record)
        let corpus = try training.corpus()
        var content = (words: 0, hits: 0), articles = (words: 0, onThe: 0)
        for pair in corpus.heldOut.prefix(100) {
            let argmax = try model.attention(source: pair.source, target: pair.target).rowArgmax()
            for (t, gold) in pair.alignment.enumerated() {
                if gold.allSatisfy({ pair.source[$0] == "the" }) {
                    articles.words += 1
                    if pair.source[argmax[t]] == "the" { articles.onThe += 1 }
                } else {
                    content.words += 1
                    if gold.contains(argmax[t]) { content.hits += 1 }
                }
            }
        }
        #expect(Double(content.hits) >= 0.9 * Double(content.words), "\(content)")
        #expect(Double(articles.onThe) >= 0.8 * Double(articles.words), "\(articles)")
    }
}
