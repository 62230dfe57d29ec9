import AttentionRendering
import AttentionTraining
import Foundation

/// Why a training record cannot be shown as a report.
public enum ReportError: Error, Equatable, CustomStringConvertible {
    /// The record holds no ``LearningSnapshot``s: it was written by a run that recorded none.
    case noSnapshots
    /// A snapshot's alignments do not match the record's probes.
    case inconsistentSnapshot(epoch: Int, reason: String)

    /// The error as one line, for a command to print after `Error: `.
    public var description: String {
        switch self {
        case .noSnapshots:
            "the training record has no snapshots (it was written before train recorded them); "
                + "train again, e.g. 'attention-trace train --epochs 30 --dtype F32 --output model.safetensors', to get one"
        case let .inconsistentSnapshot(epoch, reason):
            "the training record's snapshot after epoch \(epoch) \(reason)"
        }
    }
}

/// A training run as one offline page (`train --report`, `attention-trace report`): how the
/// model was trained and how it ended, the training and held-out loss over the recorded points,
/// the held-out hit rate and alignment error rate, and each probe sentence's attention at every
/// point as small multiples, so the alignment can be watched forming.
public struct LearningReport {
    /// The run shown.
    public let record: TrainingRecord
    private let probes: [Probe]
    private let snapshots: [LearningSnapshot]

    /// A report of `record`.
    ///
    /// - Throws: ``ReportError/noSnapshots`` for a record without snapshots, and
    ///   ``ReportError/inconsistentSnapshot(epoch:reason:)`` when a snapshot's alignments are not
    ///   one matrix per probe, of one row per target word and one column per source word.
    public init(record: TrainingRecord) throws(ReportError) {
        guard let snapshots = record.snapshots, !snapshots.isEmpty else { throw .noSnapshots }
        let probes = record.probes ?? []
        for snapshot in snapshots {
            guard snapshot.alignments.count == probes.count else {
                throw .inconsistentSnapshot(epoch: snapshot.epoch,
                                            reason: "has \(snapshot.alignments.count) alignments for \(probes.count) probes")
            }
            for (weights, probe) in zip(snapshot.alignments, probes)
            where weights.count != probe.target.count || weights.contains(where: { $0.count != probe.source.count }) {
                throw .inconsistentSnapshot(epoch: snapshot.epoch,
                                            reason: "has an alignment of another shape than '\(probe.text)' (\(probe.target.count) × \(probe.source.count))")
            }
        }
        self.record = record
        self.probes = probes
        self.snapshots = snapshots
    }

    /// The page: a complete, self-contained HTML document.
    public var html: String {
        var body = "<h1>Watching RNNsearch learn</h1>\n"
        body += "<p class=\"summary\">" + htmlEscaped(summary) + "</p>\n"
        body += "<h2>Loss</h2>\n"
        body += lineChartHTML([series("training loss", \.trainingLoss), series("held-out loss", \.heldOutLoss)],
                              caption: "Cross-entropy per predicted word, teacher-forced, at each recorded point",
                              xAxis: "epoch", yAxis: "loss")
        body += "<h2>Alignment against the gold alignment</h2>\n"
        body += "<p>" + htmlEscaped("""
            On the \(record.heldOutPairs) held-out pairs, the hit rate is the share of target words whose largest \
            attention weight falls on a gold-aligned source word; the alignment error rate is 1 − 2|A ∩ G| / (|A| + |G|).
            """) + "</p>\n"
        body += lineChartHTML([series("hit rate", \.alignmentHitRate), series("alignment error rate", \.alignmentErrorRate)],
                              caption: "Held-out hit rate and alignment error rate at each recorded point",
                              xAxis: "epoch", yAxis: "rate")
        body += "<h2>The probe sentences, as the model learns</h2>\n"
        body += "<p>Each row is a French word, each column an English word: the teacher-forced attention α at each recorded point, on one scale from 0 to 1.</p>\n"
        for (index, probe) in probes.enumerated() {
            body += "<h3>" + htmlEscaped("\(probe.sourceText) → \(probe.targetText)") + "</h3>\n"
            body += learningFiguresHTML(snapshots.map { ($0.epoch, $0.alignments[index]) }, targetWords: probe.target,
                                        sourceWords: probe.source)
        }
        return standaloneHTMLPage(title: "Watching RNNsearch learn", body: body)
    }

    /// One sentence on how the model was trained, then one on its last recorded numbers.
    public var summary: String {
        let options = record.options, sizes = options.configuration
        var text = "Trained by attention-trace train for \(options.epochs) epochs"
        if let last = snapshots.last { text += " (\(last.steps) steps)" }
        text += " on \(record.trainingPairs) generated pairs, \(record.heldOutPairs) held out"
            + (record.grammar.map { " (grammar \($0))" } ?? "") + ": "
            + "\(options.optimizer.rawValue) at learning rate \(options.learningRate), batches of \(options.batchSize), "
            + "seed \(options.seed)"
            + (options.alignmentWeight > 0 ? ", guided alignment λ = \(options.alignmentWeight)" : ", cross-entropy alone")
            + "; sizes d_e \(sizes.embeddingSize), d_enc \(sizes.encoderSize), d_s \(sizes.decoderSize), "
            + "d_a \(sizes.attentionSize), d_o \(sizes.readoutSize)."
        if let last = snapshots.last {
            text += String(format: " After epoch %d: training loss %.4f, held-out loss %.4f, held-out hit rate %.1f%%, alignment error rate %.3f",
                           last.epoch, last.trainingLoss, last.heldOutLoss, 100 * last.alignmentHitRate, last.alignmentErrorRate)
            if let evaluation = record.evaluation {
                text += String(format: ", exact translations %.1f%%", 100 * evaluation.exactMatchRate)
            }
            text += "."
        }
        return text
    }

    private func series(_ name: String, _ value: KeyPath<LearningSnapshot, Double>) -> ChartSeries {
        ChartSeries(name: name, points: snapshots.map { (x: Double($0.epoch), y: $0[keyPath: value]) })
    }
}
