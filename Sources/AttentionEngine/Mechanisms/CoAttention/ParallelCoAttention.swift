import AttentionMath
import AttentionTrace

/// Parallel co-attention (Lu, Yang, Batra and Parikh 2016, section 3.3): a
/// question and a document attend to each other at the same time, through one
/// affinity matrix. Rows are feature vectors:
///
///     C   = tanh(Q W_b Dᵀ)                         affinity, T x N
///     H_d = tanh(W_d Dᵀ + (W_q Qᵀ) C)              k x N
///     H_q = tanh(W_q Qᵀ + (W_d Dᵀ) Cᵀ)             k x T
///     a_d = softmax(w_d · H_d),  a_q = softmax(w_q · H_q)
///     ĉ_d = Σ_n a_d[n] D_n,      ĉ_q = Σ_t a_q[t] Q_t
///
/// Swapping the question and the document (with `W_q ↔ W_d`, `w_q ↔ w_d` and
/// `W_b → W_bᵀ`) swaps every output.
struct ParallelCoAttention {
    /// The default width k of the hidden maps when neither `W_q` nor `W_d` is given.
    static let defaultHiddenSize = 4

    let question: TracedMatrix
    let document: TracedMatrix
    private let parameters: Parameters

    /// Each parameter's value and how it was obtained.
    private struct Parameters {
        var wb, wq, wd, wqVector, wdVector: (Matrix, Provenance)
    }

    /// Checks the parameters' shapes (given or generated).
    ///
    /// - Throws: ``TraceError/shapeMismatch(tensor:expected:found:because:)``.
    init(question: TracedMatrix, document: TracedMatrix, tensors: TensorSource) throws(TraceError) {
        self.question = question
        self.document = document
        let d = question.value.columns
        let k = tensors.given["W_q"]?.rowCount ?? tensors.given["W_d"]?.rowCount ?? tensors.given["w_q"]?.columnCount
            ?? Self.defaultHiddenSize
        parameters = Parameters(
            wb: try tensors.matrix("W_b", rows: d, columns: d, because: "d x d, d = \(d) from question"),
            wq: try tensors.matrix("W_q", rows: k, columns: d, because: "k x d, with d = \(d) from question"),
            wd: try tensors.matrix("W_d", rows: k, columns: d, because: "k x d, with k = \(k) and d = \(d)"),
            wqVector: try tensors.vector("w_q", count: k, because: "k = \(k), the rows of W_q"),
            wdVector: try tensors.vector("w_d", count: k, because: "k = \(k), the rows of W_d"))
    }

    func trace(recorder: TraceRecorder) -> [String: TraceRecorder.ResultTensor] {
        let hidden = Axis(name: "hidden"), dimension = Axis(name: "dimension")
        func parameter(_ parameter: (Matrix, Provenance), _ name: String, _ description: String, rows: Axis, columns: Axis,
                       asVector: Bool = false) -> TracedMatrix {
            recorder.input(parameter.0, name: name, description, rows: rows, columns: columns, provenance: parameter.1,
                           asVector: asVector)
        }
        recorder.begin("affinity", title: "Compare every question word with every document word", group: "Step 2 · Affinity",
                       explanation: "The affinity matrix C holds one number per (question word, document word) pair: how strongly they relate, through the learned matrix W_b.",
                       formulas: ["C = tanh(Q W_b D^⊤)"])
        let wb = parameter(parameters.wb, "W_b", "the affinity weights", rows: dimension, columns: dimension)
        let qwb = recorder.multiply(question, wb, key: "QW_b", symbol: "Q W_b", "the question mapped by W_b")
        let pre = recorder.multiply(qwb, transposeOf: document, key: "pre", symbol: "Q W_b D^⊤", "before the tanh")
        let affinity = recorder.apply(.tanh, pre, key: "C", symbol: "C", "the affinity matrix")

        recorder.begin("hidden", title: "Let each side read the other through C", group: "Step 3 · Attention maps",
                       explanation: "Each document word's hidden feature adds what the question says about it, carried across by the affinity matrix; and the other way round for each question word.",
                       formulas: ["H_d = tanh(W_d D^⊤ + (W_q Q^⊤) C)", "H_q = tanh(W_q Q^⊤ + (W_d D^⊤) C^⊤)"])
        let wq = parameter(parameters.wq, "W_q", "projects the question", rows: hidden, columns: dimension)
        let wd = parameter(parameters.wd, "W_d", "projects the document", rows: hidden, columns: dimension)
        let wdD = recorder.multiply(wd, transposeOf: document, rows: hidden, key: "W_dD", symbol: "W_d D^⊤",
                                    "the projected document, one column per document word")
        let wqQ = recorder.multiply(wq, transposeOf: question, rows: hidden, key: "W_qQ", symbol: "W_q Q^⊤",
                                    "the projected question, one column per question word")
        let carriedToDocument = recorder.multiply(wqQ, affinity, key: "W_qQC", symbol: "(W_q Q^⊤) C",
                                                  "the question carried to each document word")
        let carriedToQuestion = recorder.multiply(wdD, transposeOf: affinity, key: "W_dDC", symbol: "(W_d D^⊤) C^⊤",
                                                  "the document carried to each question word")
        let hdPre = recorder.add([wdD, carriedToDocument], key: "H_d.pre", symbol: "W_d D^⊤ + (W_q Q^⊤) C", "before the tanh")
        let hd = recorder.apply(.tanh, hdPre, key: "H_d", symbol: "H_d", "the document's hidden features")
        let hqPre = recorder.add([wqQ, carriedToQuestion], key: "H_q.pre", symbol: "W_q Q^⊤ + (W_d D^⊤) C^⊤", "before the tanh")
        let hq = recorder.apply(.tanh, hqPre, key: "H_q", symbol: "H_q", "the question's hidden features")

        recorder.begin("scores", title: "Score each word", group: "Step 3 · Attention maps",
                       explanation: "A learned vector turns each word's hidden feature into one score per word, on each side.",
                       formulas: ["e_d = w_d · H_d", "e_q = w_q · H_q"])
        let wdVector = parameter(parameters.wdVector, "w_d", "scores the document's features", rows: Axis(name: "document"),
                                 columns: hidden, asVector: true)
        let wqVector = parameter(parameters.wqVector, "w_q", "scores the question's features", rows: Axis(name: "question"),
                                 columns: hidden, asVector: true)
        let documentScores = recorder.multiply(wdVector, hd, key: "e_d", symbol: "e_d", "the score of each document word")
        let questionScores = recorder.multiply(wqVector, hq, key: "e_q", symbol: "e_q", "the score of each question word")

        recorder.begin("document.normalise", title: "Attend over the document", group: "Step 4 · Normalise",
                       explanation: "A softmax turns the document scores into weights that sum to 1.",
                       formulas: ["a_d = softmax(e_d)"])
        let documentWeights = recorder.softmax(documentScores, symbols: .init(weights: "a_d"), rowDescription: "side")
        recorder.begin("question.normalise", title: "Attend over the question", group: "Step 4 · Normalise",
                       explanation: "A softmax turns the question scores into weights that sum to 1.",
                       formulas: ["a_q = softmax(e_q)"])
        let questionWeights = recorder.softmax(questionScores, symbols: .init(weights: "a_q"), rowDescription: "side")

        recorder.begin("contexts", title: "Summarise each side", group: "Step 5 · Weighted sums",
                       explanation: "Each side's summary is the weighted sum of its own word vectors, with the weights it just computed.",
                       formulas: ["ĉ_d = Σ_n a_d[n] D_n", "ĉ_q = Σ_t a_q[t] Q_t"])
        let documentContext = recorder.multiply(documentWeights, document, key: "context_document", symbol: "ĉ_d",
                                                "the attended summary of the document")
        let questionContext = recorder.multiply(questionWeights, question, key: "context_question", symbol: "ĉ_q",
                                                "the attended summary of the question")
        return [
            "affinity": .matrix(affinity),
            "weights_document": .vector(documentWeights),
            "weights_question": .vector(questionWeights),
            "context_document": .vector(documentContext),
            "context_question": .vector(questionContext),
        ]
    }
}
