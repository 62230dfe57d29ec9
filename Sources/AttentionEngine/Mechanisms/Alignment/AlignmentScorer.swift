import AttentionMath
import AttentionTrace

/// Scores each decoder state against every source annotation, recording the
/// steps of the chosen ``ScoreFunction``.
///
/// Parameter shapes are checked when the scorer is made, before anything is
/// recorded; the parameters are recorded in the first target word's score step.
final class AlignmentScorer {
    /// Whose words a concat score is explained in: Bahdanau's ("additive") or Luong's ("concat").
    enum Framing {
        case bahdanau, luong
    }

    let function: ScoreFunction
    private let framing: Framing
    /// What the scores read. A decoder that reads each context (RNNsearch) replaces the query
    /// with each new state before scoring the next word.
    var inputs: AlignmentInputs
    private var wa: Parameter?
    private var va: Parameter?

    private enum Parameter {
        case pending(Matrix, Provenance)
        case recorded(TracedMatrix)
    }

    /// Creates a scorer, checking that the query, keys and parameters fit together.
    ///
    /// - Throws: ``TraceError/shapeMismatch(tensor:expected:found:because:)``.
    init(_ function: ScoreFunction, framing: Framing = .luong, inputs: AlignmentInputs, tensors: TensorSource) throws(TraceError) {
        self.function = function
        self.framing = framing
        self.inputs = inputs
        let m = inputs.query.value.rows, ds = inputs.query.value.columns, dh = inputs.keys.value.columns
        switch function {
        case .dot, .scaledDot:
            guard ds == dh else {
                throw TraceError.shapeMismatch(tensor: "query", expected: [m, dh], found: [m, ds],
                                               because: "a \(function.rawValue) score needs queries as wide as the keys, d_s = d_h = \(dh)")
            }
        case .general:
            let (value, provenance) = try tensors.matrix("W_a", rows: ds, columns: dh,
                                                         because: "d_s x d_h, with d_s = \(ds) from query and d_h = \(dh) from keys")
            wa = .pending(value, provenance)
        case .concat:
            let da = tensors.given["W_a"]?.rowCount ?? tensors.given["v_a"]?.columnCount ?? tensors.parameters.sizes.score
            let (w, wProvenance) = try tensors.matrix("W_a", rows: da, columns: ds + dh,
                                                      because: "d_a x (d_s + d_h), with d_s = \(ds) from query and d_h = \(dh) from keys")
            let (v, vProvenance) = try tensors.vector("v_a", count: da, because: "d_a = \(da), the rows of W_a")
            wa = .pending(w, wProvenance)
            va = .pending(v, vProvenance)
        }
    }

    /// Records the scoring steps for target word `t` and returns its scores (one row).
    func score(_ t: Int, group: String, recorder: TraceRecorder) -> TracedMatrix {
        let keys = inputs.keys
        switch function {
        case .dot, .scaledDot:
            let scaled = function == .scaledDot
            recorder.begin("t\(t).score", title: "Score every source word", group: group,
                           explanation: scaled
                               ? "Each score is the dot product of the decoder state with an annotation, divided by √d_h. Without the division, dot products of wide vectors grow with d_h and push the softmax towards a single word."
                               : "Each score is the dot product of the decoder state with an annotation: large when the two vectors point the same way. There are no parameters to learn.",
                           formulas: scaled ? ["e_i = \\frac{s · h_i}{\\sqrt{d_h}}"] : ["e_i = s · h_i"])
            let s = inputs.queryRow(t, recorder: recorder)
            let dot = recorder.multiply(s, transposeOf: keys, key: scaled ? "dot" : "scores", symbol: scaled ? "s · h_i" : "e",
                                        "the dot product of the decoder state with each annotation")
            guard scaled else { return dot }
            let dh = keys.value.columns
            return recorder.scale(dot, by: 1 / Double(dh).squareRoot(), note: "1/√d_h = 1/√\(dh)", key: "scores",
                                  symbol: "e", "the scaled score of each source word")
        case .general:
            recorder.begin("t\(t).score", title: "Score every source word", group: group,
                           explanation: "The general score first maps the decoder state through a learned matrix W_a, then takes the dot product with each annotation. W_a lets the model compare vectors of different widths and learn which dimensions should match.",
                           formulas: ["e_i = s W_a h_i^⊤"])
            let s = inputs.queryRow(t, recorder: recorder)
            let w = parameter(\.wa, name: "W_a", "the score's bilinear weights", rows: Axis(name: "dimension"),
                              columns: Axis(name: "dimension"), asVector: false, recorder: recorder)
            let sw = recorder.multiply(s, w, key: "sW", symbol: "s W_a", "the decoder state mapped by W_a")
            return recorder.multiply(sw, transposeOf: keys, key: "scores", symbol: "e", "the score of each source word")
        case .concat:
            return concatScore(t, group: group, recorder: recorder)
        }
    }

    private func concatScore(_ t: Int, group: String, recorder: TraceRecorder) -> TracedMatrix {
        // The halves are named as the page names them elsewhere: the annotations' own column
        // labels (→0 … ←3 for the bidirectional encoder's halves), else h0, h1, …; s0, s1, … for the state.
        let ds = inputs.query.value.columns, dh = inputs.keys.value.columns
        let annotationLabels = inputs.keys.columns.labels ?? (0..<dh).map { "h\($0)" }
        let concatenationAxis = Axis(name: "dimension", labels: (0..<ds).map { "s\($0)" } + annotationLabels)
        recorder.begin("t\(t).concatenate", title: "Concatenate the decoder state with each annotation", group: group,
                       explanation: "The decoder state s is placed next to every source annotation h_i, giving one row per source word. The scoring network will look at both halves together.",
                       formulas: ["c_i = [s ; h_i]"])
        let s = inputs.queryRow(t, recorder: recorder)
        let c = recorder.concatenate([s, inputs.keys], rows: inputs.keys.rows, columns: concatenationAxis,
                                     key: "c", symbol: "c_i", "[s ; h_i] for every source word i")
        recorder.begin("t\(t).score", title: "Score every source word", group: group,
                       explanation: framing == .bahdanau
                           ? "A small feed-forward network rates how well each source word fits the decoder state: a linear map W_a, a tanh, then a dot product with v_a gives one number per source word. Higher means more relevant."
                           : "Luong's concat score is Bahdanau's additive score: a one-layer network with weights W_a and output vector v_a reads [s ; h_i] and returns one number per source word.",
                       formulas: ["u_i = tanh(W_a c_i)", "e_i = v_a · u_i"])
        let w = parameter(\.wa, name: "W_a", "the scoring network's weights", rows: Axis(name: "hidden"),
                          columns: concatenationAxis, asVector: false, recorder: recorder)
        let v = parameter(\.va, name: "v_a", "the scoring network's output weights", rows: Axis(name: ""),
                          columns: Axis(name: "hidden"), asVector: true, recorder: recorder)
        let pre = recorder.multiply(c, transposeOf: w, key: "pre", symbol: "W_a c_i",
                                    "the linear part of the network, one row per source word")
        let u = recorder.apply(.tanh, pre, key: "u", symbol: "u_i", "the hidden layer of the scoring network")
        return recorder.multiply(v, transposeOf: u, rows: s.rows, key: "scores", symbol: "e", "the score of each source word")
    }

    /// The parameter at `path`, recorded as an input the first time it is used.
    private func parameter(_ path: ReferenceWritableKeyPath<AlignmentScorer, Parameter?>, name: String, _ description: String,
                           rows: Axis, columns: Axis, asVector: Bool, recorder: TraceRecorder) -> TracedMatrix {
        switch self[keyPath: path] {
        case .recorded(let traced)?:
            return traced
        case .pending(let value, let provenance)?:
            let traced = recorder.input(value, name: name, description, rows: rows, columns: columns,
                                        provenance: provenance, asVector: asVector)
            self[keyPath: path] = .recorded(traced)
            return traced
        case nil:
            preconditionFailure("\(function.rawValue) score has no parameter \(name)")
        }
    }
}
