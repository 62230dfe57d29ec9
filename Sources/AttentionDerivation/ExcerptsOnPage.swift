import AttentionTrace

/// The operand excerpts one page's templates have written so far, so that a later template
/// that needs the same cells of the same tensor points at the earlier one instead of repeating
/// its numbers.
///
/// The decoder's templates need the same rows of the same weight matrices at every target
/// word: the README's walkthrough wrote 24,048 excerpt numbers of which 3,792 differ, about a
/// twelfth of its page. A page keeps one of these per trace, in the order its data islands
/// are written; an excerpt is the same when its tensor, rows and columns are (its values come
/// from the trace, which does not change).
package final class ExcerptsOnPage {
    /// Where an excerpt was first written: the tensor whose template (in its data island) holds
    /// it, and its slot there.
    package struct Reference: Equatable, Sendable {
        package let island: TensorID
        package let slot: Int
    }

    private struct Key: Hashable {
        let tensor: TensorID
        let rows: [Int]?
        let columns: [Int]?
    }

    private var written: [Key: Reference] = [:]

    package init() {}

    /// Where `excerpt` of `tensor` was written before, or `nil` when it was not: then it is
    /// being written now, in slot `slot` of the template of `island`, for later ones to point at.
    func earlier(_ excerpt: ValueExcerpt, of tensor: TensorID, island: TensorID, slot: Int) -> Reference? {
        let key = Key(tensor: tensor, rows: excerpt.rows, columns: excerpt.columns)
        if let reference = written[key] { return reference }
        written[key] = Reference(island: island, slot: slot)
        return nil
    }
}
