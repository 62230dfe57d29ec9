import AttentionEngine
import AttentionMarkdown
import AttentionModels
import AttentionRendering
import Foundation

extension LearningDirective {
    static let keys = ["probe", "variant", "model"]

    /// Reads a ```` ```{learning} ```` block: the attention of one of a trained model's probe
    /// sentences at every point its training record kept, as small multiples on one scale.
    ///
    /// `model` is `trained` (the default: the package's model of `variant`'s score, `additive`
    /// unless said) or the path of a checkpoint `attention-trace train` wrote; `probe` is one of its
    /// record's probes, written `english ||| french`.
    ///
    /// - Throws: ``LessonError`` at the key's line for a bad value, a model without snapshots, or a
    ///   probe the record does not keep (naming the ones it keeps).
    init(_ body: DirectiveBody, at location: SourceLocation) throws(LessonError) {
        let directive = "learning"
        guard let probeEntry = try body.single("probe", directive: directive) else {
            throw LessonError("{learning} needs a 'probe': a sentence pair 'english ||| french' of the model's training record",
                              at: location)
        }
        var variant = Variant.additive
        if let entry = try body.single("variant", directive: directive) { variant = try parseVariant(entry) }
        let checkpoint: ModelCheckpoint
        if let entry = try body.single("model", directive: directive) {
            checkpoint = try DirectiveInputs.checkpoint(entry, for: variant, at: location)
        } else {
            checkpoint = try DirectiveInputs.shippedModel(for: variant, at: location)
        }
        let snapshots: [TrainingSummary.Snapshot]
        do {
            snapshots = try checkpoint.snapshots()
        } catch {
            throw LessonError("\(checkpoint.name): \(error.description)", at: location)
        }
        guard let record = checkpoint.training, !snapshots.isEmpty else {
            throw LessonError("\(checkpoint.name) has no training record with snapshots; train it with 'attention-trace train'",
                              at: location)
        }
        let sides = unquoted(probeEntry.value).components(separatedBy: "|||")
        let tokenizer = Tokenizer()
        let tokens = sides.map { tokenizer.tokens(of: $0).map(\.text) }
        guard tokens.count == 2, let index = record.probes.firstIndex(where: { [$0.source, $0.target] == tokens }) else {
            let kept = record.probes.map { "'\($0.source.joined(separator: " ")) ||| \($0.target.joined(separator: " "))'" }
            throw LessonError("the training record of \(checkpoint.name) keeps no probe '\(unquoted(probeEntry.value))'; "
                + "it keeps \(kept.joined(separator: ", "))", at: probeEntry.location)
        }
        let probe = record.probes[index]
        let pair = sides.map { $0.trimmingCharacters(in: .whitespaces) }
        var html = "<p><em>" + htmlEscaped("The attention of “\(pair[0])” → “\(pair[1])” as \(checkpoint.name) learned, "
            + "teacher-forced, at every point its training record kept (on one scale from 0 to 1).") + "</em></p>\n"
        html += learningFiguresHTML(snapshots.map { ($0.epoch, $0.alignments[index]) }, targetWords: probe.target,
                                    sourceWords: probe.source)
        blocks = [Block(.html(html))]
        self.location = location
    }
}
