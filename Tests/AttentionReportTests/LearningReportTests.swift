import AttentionReport
@testable import AttentionTraining
import Testing

@Suite struct LearningReportTests {
    static let probes = [Probe(source: ["the", "<b>cat"], target: ["le", "chat"]),
                         Probe(source: ["the", "dog", "sleeps"], target: ["le", "chien", "dort"])]

    static func snapshot(epoch: Int, weight: Double) -> LearningSnapshot {
        LearningSnapshot(epoch: epoch, steps: 3 * epoch, trainingLoss: 2 / Double(epoch + 1), heldOutLoss: 2.5 / Double(epoch + 1),
                         alignmentHitRate: weight, alignmentErrorRate: 1 - weight,
                         alignments: [[[weight, 1 - weight], [1 - weight, weight]],
                                      [[1, 0, 0], [0, weight, 1 - weight], [0, 1 - weight, weight]]])
    }

    static let record = TrainingRecord(
        options: TrainingOptions(epochs: 4, batchSize: 2, learningRate: 0.01, optimizer: .adam, seed: 3),
        trainingPairs: 6, heldOutPairs: 2, probes: probes,
        snapshots: [snapshot(epoch: 0, weight: 0.5), snapshot(epoch: 1, weight: 0.75), snapshot(epoch: 4, weight: 0.875)])

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func thePageHasBothChartsAndOneHeatmapPerProbePerPoint() throws {
        let html = try LearningReport(record: Self.record).html
        #expect(html.hasPrefix("<!doctype html>"))
        // Two lines in each of two charts, each through the three points.
        #expect(Self.count("<path class=\"series\"", in: html) == 4)
        #expect(Self.count("<circle ", in: html) == 12)
        #expect(html.contains("<title>held-out loss at 4: 0.5000</title>"))
        #expect(html.contains("<title>alignment error rate at 1: 0.2500</title>"))
        // The training loss runs 2 → 1 → 0.4 over epochs 0 → 4: the first point at the top-left corner
        // (x 56, y 16), the last at the bottom-right (x 56 + 360, y 16 + 180).
        #expect(html.contains("<path class=\"series\" d=\"M56 16 L146 "))
        #expect(html.contains(" L416 196\" fill=\"none\""))
        #expect(Self.count("<figure class=\"heatmap\">", in: html) == 2 * 3)
        for caption in ["before training", "after epoch 1", "after epoch 4"] {
            #expect(Self.count("<figcaption>\(caption)</figcaption>", in: html) == 2)
        }
        // Cells: 3 points × (2 × 2 + 3 × 3).
        #expect(Self.count("</title></rect>", in: html) == 3 * 13)
        #expect(html.contains("<title>chat → &lt;b&gt;cat: 0.8750</title>"))
        #expect(!html.contains("<b>cat"))
        #expect(html.contains("<h3>the &lt;b&gt;cat → le chat</h3>"))
    }

    @Test func theSummarySaysHowTheModelTrainedAndHowItEnded() throws {
        let summary = try LearningReport(record: Self.record).summary
        #expect(summary == "Trained by attention-trace train for 4 epochs (12 steps) on 6 generated pairs, 2 held out: "
            + "adam at learning rate 0.01, batches of 2, seed 3, cross-entropy alone; sizes d_e 32, d_enc 32, d_s 64, d_a 32, d_o 64. "
            + "After epoch 4: training loss 0.4000, held-out loss 0.5000, held-out hit rate 87.5%, alignment error rate 0.125.")
    }

    @Test func aRecordWithoutSnapshotsOrWithMisshapenOnesIsRefused() {
        var record = Self.record
        record.snapshots = nil
        #expect(throws: ReportError.noSnapshots) { try LearningReport(record: record) }
        record.snapshots = [Self.snapshot(epoch: 2, weight: 0.5)]
        record.snapshots?[0].alignments[1].removeLast()
        #expect(throws: ReportError.inconsistentSnapshot(epoch: 2, reason: "has an alignment of another shape than 'the dog sleeps ||| le chien dort' (3 × 3)")) {
            try LearningReport(record: record)
        }
        record.probes = [Self.probes[0]]
        #expect(throws: ReportError.inconsistentSnapshot(epoch: 2, reason: "has 2 alignments for 1 probes")) {
            try LearningReport(record: record)
        }
    }
}
