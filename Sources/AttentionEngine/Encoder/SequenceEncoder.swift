import AttentionMath
import AttentionTrace
import Foundation

/// Step 1 of the Transformer-style variants: the sequence `X` (or `memory`,
/// `question`, `document`) that attention reads, one row per token.
///
/// A spec's tensor is used as given. From tokens, each row is the token's
/// embedding plus, where word order matters, the sinusoidal positional encoding
/// of Vaswani et al. (2017):
///
///     PE[pos, 2i]     = sin(pos / 10000^(2i/d))
///     PE[pos, 2i + 1] = cos(pos / 10000^(2i/d))
///
/// Without it, self-attention could not tell "the man visited the zoo" from
/// "the zoo visited the man".
struct SequenceEncoder {
    let input: ResolvedInput
    /// The variant that reads the sequences, for error messages.
    let variant: String

    /// Records and returns the sequence `name`.
    ///
    /// - Parameters:
    ///   - name: The canonical tensor name.
    ///   - tokens: The tokens to embed when the spec does not give the tensor.
    ///   - side: `source` or `target`, naming the axis and the missing sentence in errors.
    ///   - positional: Add positional encodings to embeddings.
    ///   - width: The number of columns required (when another sequence fixes it).
    /// - Throws: ``TraceError`` when neither the tensor nor tokens are given, or shapes disagree.
    func sequence(_ name: String, tokens: [String]?, side: String, positional: Bool, width: Int? = nil,
                  recorder: TraceRecorder) throws(TraceError) -> TracedMatrix {
        let group = "Step 1 · Encode"
        if let given = try input.tensors.givenMatrix(name) {
            if let width, given.columns != width {
                throw TraceError.shapeMismatch(tensor: name, expected: [given.rows, width], found: [given.rows, given.columns],
                                               because: "its rows must be as wide as the other sequence's, d_model = \(width)")
            }
            let axis = try input.axis(side, labels: tokens, rows: given.rows, tensor: name)
            let origin = input.tensors.notes[name].map { "\(name) is \($0)" } ?? "The spec gives \(name) directly"
            recorder.begin("encode.\(name)", title: "The given \(name)", group: group,
                           explanation: "\(origin): one row per \(side) position.",
                           formulas: ["\(name)_i"])
            return recorder.input(given, name: name, "the \(side) sequence, one row per position", rows: axis,
                                  columns: Axis(name: "dimension"), provenance: input.tensors.provenance(ofGiven: name))
        }
        guard let tokens else {
            throw TraceError.missingSequence(tensor: name, side: side, variant: variant)
        }
        if let width, width != SentenceEncoder.embeddingSize {
            throw TraceError.embeddingWidthMismatch(tensor: name, side: side, embeddingWidth: SentenceEncoder.embeddingSize,
                                                    givenWidth: width)
        }
        let axis = Axis(name: side, labels: tokens)
        let encoder = SentenceEncoder(parameters: .seeded(input.tensors.generator))
        recorder.begin("encode.\(name)", title: positional ? "Embed the \(side) words and their positions" : "Embed the \(side) words",
                       group: group,
                       explanation: positional
                           ? "Each word becomes its embedding plus a positional encoding: sines and cosines of its position at different frequencies. Attention itself ignores order, so the position has to be written into the vectors."
                           : "Each word becomes its embedding: a vector that depends only on the word and the seed.",
                       formulas: positional
                           ? ["\(name)_{pos} = x_{pos} + PE_{pos}", "PE_{pos,2i} = sin(pos / 10000^{2i/d})", "PE_{pos,2i+1} = cos(pos / 10000^{2i/d})"]
                           : ["\(name)_{pos} = x_{pos}"])
        let embeddings = encoder.embed(tokens, side: side == "target" ? .target : .source, key: positional ? "x" : name,
                                       rows: axis, recorder: recorder)
        guard positional else {
            recorder.publish(embeddings, asInput: name)
            return embeddings
        }
        let d = embeddings.value.columns
        let encoding = recorder.record(
            Matrix(rows: tokens.count, columns: d) { pos, i in
                let angle = Double(pos) / pow(10000, Double(i - i % 2) / Double(d))
                return i % 2 == 0 ? sin(angle) : cos(angle)
            },
            key: "PE", symbol: "PE_{pos}", "the sinusoidal positional encoding of each position", rows: axis,
            columns: Axis(name: "dimension"),
            provenance: Provenance(.constant, note: "sin(pos / 10000^(2i/d)) in even columns, cos in odd columns, d = \(d)"))
        let sequence = recorder.add([embeddings, encoding], key: name, symbol: name, "embedding plus position")
        recorder.publish(sequence, asInput: name)
        return sequence
    }
}
