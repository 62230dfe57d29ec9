/// Which key and value head each query head reads in grouped-query attention (Ainslie et al.
/// 2023; multi-query attention, Shazeer 2019, is the case of one key and value head).
///
/// With `heads` query heads and `kvHeads` key and value heads (`kvHeads` divides `heads`), query
/// head `h` reads key and value head `⌊h · kvHeads / heads⌋`: consecutive query heads share one,
/// as PyTorch's `scaled_dot_product_attention(enable_gqa=True)` and Hugging Face's `repeat_kv`
/// do by repeating each key and value head `heads / kvHeads` times (`repeat_interleave`).
struct KeyValueGroups: Equatable {
    /// The number of query heads.
    let heads: Int
    /// The number of key and value heads; it divides ``heads``.
    let kvHeads: Int

    /// The key and value head query head `head` reads.
    func kvHead(ofQueryHead head: Int) -> Int {
        head * kvHeads / heads
    }

    /// Whether every query head has its own key and value head (plain multi-head attention).
    var isUngrouped: Bool { kvHeads == heads }

    /// What the grouping shares and saves, for the trace's explanation: which query heads read
    /// which key and value head, and the numbers a KV cache holds per cached position, `2 · kvHeads · d_k`
    /// instead of `2 · heads · d_k`.
    func explanation(width dk: Int, positions n: Int) -> String {
        let groups = (0..<kvHeads).map { g in
            let readers = (0..<heads).filter { kvHead(ofQueryHead: $0) == g }.map(String.init)
            return "query heads \(readers.joined(separator: ", ")) read K_\(g) and V_\(g)"
        }
        let cached = 2 * kvHeads * dk, full = 2 * heads * dk
        let saved = 100 * Double(full - cached) / Double(full)
        return "There are \(kvHeads) key and value head\(kvHeads == 1 ? "" : "s") for \(heads) query heads: "
            + groups.joined(separator: "; ")
            + ". A KV cache keeps K and V of every past position: \(cached) numbers per position (2 · \(kvHeads) · d_k) "
            + "instead of \(full) (2 · \(heads) · d_k), \(cached * n) instead of \(full * n) for these \(n) positions, "
            + "\(Int(saved.rounded()))% less."
    }
}
