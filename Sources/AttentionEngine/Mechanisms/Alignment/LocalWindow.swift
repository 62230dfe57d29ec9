import AttentionMath
import AttentionTrace
import Foundation

/// Local attention (Luong, Pham and Manning 2015, section 3.2): attend only to a
/// window of source positions `{i : |i − p_t| ≤ D}` around a centre `p_t`.
///
/// - local-m (monotonic): `p_t = t`.
/// - local-p (predictive): `p_t = n · σ(v_p · tanh(W_p s))`, real-valued; the
///   softmax over the window is then multiplied by a Gaussian
///   `exp(−(i − p_t)² / (2σ²))` with `σ = D / 2`, so the weights no longer sum to 1.
///
/// Positions are 0-based and the window is clipped to `[0, n − 1]`. A window
/// that falls entirely outside the source (local-m with `t − D > n − 1`) masks
/// every score, which gives zero weights, a zero context and a warning.
struct LocalWindow {
    /// The default width `d_p` of the position predictor when neither `W_p` nor `v_p` is given.
    static let defaultPredictorSize = 8

    /// The half-width D.
    let halfWidth: Int
    private let predictor: (wp: Matrix, wpProvenance: Provenance, vp: Matrix, vpProvenance: Provenance)?
    private let recorded = RecordedPredictor()

    /// Whether the centre is predicted (local-p) rather than `p_t = t` (local-m).
    var isPredictive: Bool { predictor != nil }

    private final class RecordedPredictor {
        var wp: TracedMatrix?
        var vp: TracedMatrix?
    }

    /// A monotonic window (local-m).
    init(monotonicHalfWidth halfWidth: Int) {
        self.halfWidth = halfWidth
        predictor = nil
    }

    /// A predictive window (local-p), checking the predictor's shapes; `d_p` is a trained model's, else
    /// the given tensors', else ``defaultPredictorSize``.
    ///
    /// - Precondition: `halfWidth` ≥ 1, which ``AlignmentMechanism/validate(_:)`` checks: σ = D/2 must be positive.
    /// - Throws: ``TraceError/shapeMismatch(tensor:expected:found:because:)``.
    init(predictiveHalfWidth halfWidth: Int, queryWidth ds: Int, tensors: TensorSource) throws(TraceError) {
        precondition(halfWidth > 0, "local-p with D = \(halfWidth)")
        self.halfWidth = halfWidth
        let dp = tensors.model?.model.configuration.positionSize ?? tensors.given["W_p"]?.rowCount ?? tensors.given["v_p"]?.columnCount
            ?? Self.defaultPredictorSize
        let (wp, wpProvenance) = try tensors.matrix("W_p", rows: dp, columns: ds,
                                                    because: "d_p x d_s, with d_s = \(ds) from query")
        let (vp, vpProvenance) = try tensors.vector("v_p", count: dp, because: "d_p = \(dp), the rows of W_p")
        predictor = (wp, wpProvenance, vp, vpProvenance)
    }

    /// The window of `kind`, or `nil` for global attention; for local-p, with the trace's warning
    /// that its rows do not sum to 1.
    ///
    /// - Throws: ``TraceError/shapeMismatch(tensor:expected:found:because:)`` for a predictor of the wrong shape.
    static func of(_ kind: AlignmentMechanism.Window, halfWidth: Int, queryWidth: Int, tensors: TensorSource,
                   recorder: TraceRecorder) throws(TraceError) -> LocalWindow? {
        switch kind {
        case .global:
            return nil
        case .monotonic:
            return LocalWindow(monotonicHalfWidth: halfWidth)
        case .predictive:
            recorder.warn("local-p weights are the window softmax times a Gaussian, so a row does not sum to 1 (as in Luong et al. 2015)")
            return try LocalWindow(predictiveHalfWidth: halfWidth, queryWidth: queryWidth, tensors: tensors)
        }
    }

    /// For local-p, records the step that predicts `p_t` and returns it (1 x 1); `nil` for local-m.
    func predictCentre(_ t: Int, group: String, inputs: AlignmentInputs, recorder: TraceRecorder) -> TracedMatrix? {
        guard let predictor else { return nil }
        let n = inputs.keys.value.rows
        recorder.begin("t\(t).position", title: "Predict where to look", group: group,
                       explanation: "Local-p predicts the centre of its window from the decoder state: a small network gives a number between 0 and 1, which is scaled to a position between 0 and n = \(n). The position is real-valued, not rounded.",
                       formulas: ["p_t = n · σ(v_p · tanh(W_p s))"])
        let s = inputs.queryRow(t, recorder: recorder)
        let wp = recorded.wp ?? recorder.input(predictor.wp, name: "W_p", "the position predictor's weights",
                                               rows: Axis(name: "hidden"), columns: Axis(name: "dimension"),
                                               provenance: predictor.wpProvenance)
        let vp = recorded.vp ?? recorder.input(predictor.vp, name: "v_p", "the position predictor's output weights",
                                               rows: Axis(name: "position"), columns: Axis(name: "hidden"),
                                               provenance: predictor.vpProvenance, asVector: true)
        (recorded.wp, recorded.vp) = (wp, vp)
        let pre = recorder.multiply(s, transposeOf: wp, key: "pre", symbol: "W_p s", "the predictor's linear part")
        let hidden = recorder.apply(.tanh, pre, key: "hidden", symbol: "tanh(W_p s)", "the predictor's hidden layer")
        let logit = recorder.multiply(hidden, transposeOf: vp, key: "logit", symbol: "v_p · tanh(W_p s)",
                                      "the predictor's output before the sigmoid")
        let fraction = recorder.apply(.sigmoid, logit, key: "fraction", symbol: "σ(v_p · tanh(W_p s))",
                                      "where to look, as a fraction of the sentence")
        return recorder.scale(fraction, by: Double(n), note: "n = \(n) source positions", key: "p", symbol: "p_t",
                              "the predicted centre of the window")
    }

    /// Records the window step: the centre (local-m), the 0/1 window and the masked scores.
    func restrict(_ scores: TracedMatrix, _ t: Int, centre predicted: TracedMatrix?, group: String,
                  recorder: TraceRecorder) -> TracedMatrix {
        let n = scores.value.columns
        recorder.begin("t\(t).window", title: "Keep only the window", group: group,
                       explanation: "Only source positions within D = \(halfWidth) of the centre p_t are kept; the others are masked (−∞), so the softmax gives them exactly 0.",
                       formulas: isPredictive ? ["keep i if |i − p_t| ≤ D"] : ["p_t = t", "keep i if |i − t| ≤ D"])
        let centre = predicted ?? recorder.record(Matrix(rows: 1, columns: 1, repeating: Double(t)), key: "p", symbol: "p_t",
                                                  "the centre of the window: the target position itself",
                                                  rows: scores.rows, columns: Axis(name: "position"),
                                                  provenance: Provenance(.constant, note: "p_t = t = \(t)"))
        let p = centre.value[0, 0], d = Double(halfWidth)
        let window = recorder.record(Matrix(rows: 1, columns: n) { _, i in abs(Double(i) - p) <= d ? 1 : 0 },
                                     key: "window", symbol: "W", "1 inside the window, 0 outside",
                                     rows: scores.rows, columns: scores.columns,
                                     provenance: Provenance(.window, [centre.id], factor: d))
        return recorder.mask(scores, with: window, key: "masked", symbol: "e", "the scores inside the window; −∞ outside")
    }

    /// Records the Gaussian step of local-p and returns the final weights `α = a ⊙ g`.
    func reweight(_ a: TracedMatrix, _ t: Int, centre: TracedMatrix, group: String, recorder: TraceRecorder) -> TracedMatrix {
        let sigma = Double(halfWidth) / 2, p = centre.value[0, 0]
        recorder.begin("t\(t).gaussian", title: "Favour positions near the centre", group: group,
                       explanation: "Each window weight is multiplied by a Gaussian centred on p_t with σ = D/2 = \(sigma), so positions far from the predicted centre count less. As in the paper, the resulting weights do not sum to 1.",
                       formulas: ["α_i = a_i · exp(−\\frac{(i − p_t)^2}{2σ^2})"])
        let gaussian = recorder.record(
            Matrix(rows: 1, columns: a.value.columns) { _, i in exp(-(Double(i) - p) * (Double(i) - p) / (2 * sigma * sigma)) },
            key: "gaussian", symbol: "g", "the Gaussian factor of each position", rows: a.rows, columns: a.columns,
            provenance: Provenance(.gaussian, [centre.id], factor: sigma))
        return recorder.hadamard(a, gaussian, key: "weights", symbol: "α", "the final weights; they do not sum to 1")
    }
}
