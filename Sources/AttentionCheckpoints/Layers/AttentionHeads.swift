import AttentionMath

/// Scaled dot-product attention split into heads, as BERT's, GPT-2's and Llama's layers compute it.
enum AttentionHeads {
    /// Each head's softmax and the heads' contexts, concatenated.
    ///
    /// Head j takes columns `[j d_k, (j+1) d_k)` of Q and the columns of its key and value head
    /// g = ⌊j · kv / h⌋ of K and V (kv = `keys.columns / d_k` heads; kv = h unless grouped), and
    /// computes `A_j = softmax(Q_j K_gᵀ / √d_k)`, `Z_j = A_j V_g`; when `causal`, the scores of later
    /// positions (column k > row i) are −∞ first, so that they get weight exactly 0.
    ///
    /// - Returns: The heads' softmaxes, every intermediate kept, and `concat_j(Z_j)` (n × h d_k).
    static func attend(queries: Matrix, keys: Matrix, values: Matrix, headCount: Int,
                       causal: Bool) -> (heads: [Softmax], context: Matrix) {
        let width = queries.columns / headCount, scale = 1 / Double(width).squareRoot()
        let keyValueHeadCount = keys.columns / width
        var heads: [Softmax] = [], contexts: [Matrix] = []
        for head in 0..<headCount {
            let columns = (head * width)..<((head + 1) * width)
            let group = head * keyValueHeadCount / headCount, shared = (group * width)..<((group + 1) * width)
            let scores = queries.columns(columns).multiplied(byTransposeOf: keys.columns(shared)).scaled(by: scale)
            let softmax = Softmax(rowsOf: causal ? scores.masked { query, key in key <= query } : scores)
            heads.append(softmax)
            contexts.append(softmax.weights.multiplied(by: values.columns(shared)))
        }
        return (heads, Matrix.concatenatingColumns(contexts))
    }
}
