/// How one number of a trace was obtained, with the recorded operand values substituted.
///
/// The first line names the cell and states its rule with concrete indices
/// (`e[0,3] = Σ_k v_a[k] · u[3,k]`); the following lines substitute the
/// recorded values (`= 1.0000·0.9640 + (−1.0000)·0.7616`) and end with the
/// cell's own value (`= 0.2024`). Leaves say where the number came from
/// (`given in the input spec`), and masked cells say why they are masked.
struct CellDerivation: Hashable, Sendable {
    /// The lines, in reading order.
    var lines: [String]

    /// The lines joined by newlines.
    var text: String { lines.joined(separator: "\n") }
}
