import AttentionText
import AttentionTrace

/// A one-line account of where a tensor's values came from, such as
/// "= tanh(t0.score.pre)" or "generated: Glorot uniform".
///
/// It is a list of pieces rather than a string so that Markdown can show the
/// operand identifiers as code and HTML can link them to their tables.
struct ProvenanceSummary: Hashable {
    /// Text, or the identifier of another tensor in the trace.
    enum Piece: Hashable {
        case text(String)
        case tensor(TensorID)
    }

    let pieces: [Piece]

    /// Summarises how a step tensor was computed, followed by its note if it has one (a given,
    /// generated, embedded or constant tensor's note is its account already, so it is not said twice).
    init(_ provenance: Provenance) {
        var pieces = Self.pieces(for: provenance)
        if let note = provenance.note, ![.given, .generated, .embedding, .constant].contains(provenance.operation) {
            pieces.append(.text(" — \(note)"))
        }
        self.pieces = pieces
    }

    /// Says that a result holds the same values as the step tensor `id`.
    init(sameAs id: TensorID) {
        pieces = [.text("= "), .tensor(id)]
    }

    /// Says that a result was not recorded by any step.
    init(resultNamed name: String) {
        pieces = [.text("the mechanism's \(name), as returned")]
    }

    private static func pieces(for provenance: Provenance) -> [Piece] {
        let operands = provenance.operands
        /// Operand `k`, or a question mark when the trace recorded too few.
        func operand(_ k: Int) -> Piece { k < operands.count ? .tensor(operands[k]) : .text("?") }
        func joined(_ separator: String) -> [Piece] {
            operands.enumerated().flatMap { k, id in k == 0 ? [Piece.tensor(id)] : [.text(separator), .tensor(id)] }
        }
        switch provenance.operation {
        case .given: return [.text(provenance.note ?? Provenance.givenInSpec)]
        case .generated: return [.text("generated: \(provenance.note ?? "drawn from the seed")")]
        case .embedding: return [.text("the token's embedding: \(provenance.note ?? "drawn from the seed and the token text")")]
        case .constant: return [.text("a constant: \(provenance.note ?? "fixed")")]
        case .matmul: return [.text("= "), operand(0), .text(" · "), operand(1)]
        case .matmulTransposed: return [.text("= "), operand(0), .text(" · "), operand(1), .text("ᵀ")]
        case .add: return [.text("= ")] + joined(" + ")
        case .subtract: return [.text("= "), operand(0), .text(" − "), operand(1)]
        case .multiply: return [.text("= "), operand(0), .text(" ⊙ "), operand(1)]
        case .scale:
            let factor = provenance.factor.map(NumberFormatting.exact) ?? "?"
            return [.text("= \(factor) · "), operand(0)]
        case .tanh, .sigmoid, .exp, .cos, .sin, .log, .sqrt, .gelu, .geluTanh, .silu:
            return [.text("= \(provenance.operation.rawValue)("), operand(0), .text(")")]
        case .rotateHalf, .rotatePairs:
            let pairs = provenance.operation == .rotateHalf ? "column j with j + r/2" : "columns 2k and 2k + 1"
            let r = provenance.range?.last.map(String.init) ?? "?"
            return [.text("= "), operand(0), .text(" with \(pairs) rotated by the angles of "), operand(1), .text(" and "),
                    operand(2), .text(" (r = \(r) rotary columns)")]
        case .rowMax: return [.text("= the maximum of each row of "), operand(0)]
        case .rowSum: return [.text("= the sum of each row of "), operand(0)]
        case .normalize:
            return [.text("= "), operand(0), .text(" / "), operand(1), .text(" by rows (0 where the sum is 0)")]
        case .concatColumns: return [.text("= [")] + joined(" ; ") + [.text("] side by side")]
        case .stackRows: return [.text("= the rows of ")] + joined(", then ")
        case .sliceRows, .sliceColumns:
            let noun = provenance.operation == .sliceRows ? "row" : "column"
            return [.text("= \(Self.slice(provenance.range, of: noun)) of "), operand(0)]
        case .previousRow:
            return [.text("= "), operand(0), .text(" shifted down one row, starting from "), operand(1)]
        case .nextRow:
            return [.text("= "), operand(0), .text(" shifted up one row, ending with "), operand(1)]
        case .interpolate:
            return [.text("= (1 − "), operand(0), .text(") ⊙ "), operand(1), .text(" + "), operand(0),
                    .text(" ⊙ "), operand(2)]
        case .mask: return [.text("= "), operand(0), .text(" where "), operand(1), .text(" = 1, else masked (−∞)")]
        case .window:
            let d = provenance.factor.map(NumberFormatting.exact) ?? "?"
            return [.text("= 1 where |j − "), operand(0), .text("| ≤ \(d), else 0")]
        case .gaussian:
            let sigma = provenance.factor.map(NumberFormatting.exact) ?? "?"
            return [.text("= exp(−(j − "), operand(0), .text(")² / (2 · \(sigma)²))")]
        case .causalMask: return [.text("= 1 where j ≤ i (a position and its past), else 0")]
        }
    }

    /// A half-open slice `[a, b)` in words: `row 7` for one, `rows 2 to 4` for several.
    private static func slice(_ range: [Int]?, of noun: String) -> String {
        guard let range, range.count == 2 else { return "\(noun)s ?" }
        return range[1] == range[0] + 1 ? "\(noun) \(range[0])" : "\(noun)s \(range[0]) to \(range[1] - 1)"
    }
}
