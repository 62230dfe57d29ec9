import AttentionTrace

/// Collects a ``DerivationTemplate`` while an operation's case writes its lines:
/// gives each tensor read a slot, each list of facts a number, and keeps the lines.
struct TemplateWriter {
    private(set) var template = DerivationTemplate(tensors: [], excerpts: [])

    /// Gives `tensor` the next slot; the first one given is the tensor the template explains.
    mutating func operand(_ tensor: RuleTensor) -> TemplateOperand {
        template.tensors.append(tensor.id)
        template.excerpts.append(tensor.excerpt)
        return TemplateOperand(slot: template.tensors.count - 1, tensor: tensor)
    }

    /// Adds a list of facts and returns its number, for ``TemplateText/fact(_:at:)``.
    mutating func fact(_ entries: [String]) -> Int {
        template.facts.append(entries)
        return template.facts.count - 1
    }

    /// Adds a line of text, shown when every condition holds.
    mutating func line(_ text: TemplateText, when conditions: TemplateCondition...) {
        line(text, when: conditions)
    }

    /// Adds a line of text, shown when every condition holds.
    mutating func line(_ text: TemplateText, when conditions: [TemplateCondition]) {
        template.lines.append(TemplateLine(conditions: conditions, content: .text(text)))
    }

    /// Adds the lines of the derivation of `cell` in its own tensor, shown when every condition holds.
    mutating func derivation(of cell: TemplateCell, when conditions: [TemplateCondition] = []) {
        template.lines.append(TemplateLine(conditions: conditions,
                                           content: .continuation(slot: cell.operand.slot, row: cell.row, column: cell.column)))
    }
}

/// A tensor a template reads, in its slot.
struct TemplateOperand {
    let slot: Int
    let tensor: RuleTensor

    /// The name in references, `u` in `u[3,1]`.
    var name: String { tensor.name }
    var rows: Int { tensor.rows }
    var columns: Int { tensor.columns }

    /// The cell a reference to (`i`, `j`) reads: an operand with one row (or column) is
    /// read at row (or column) 0 for every row (or column) of the output.
    func cell(_ i: TemplateIndex, _ j: TemplateIndex) -> TemplateCell {
        TemplateCell(operand: self, row: rows == 1 ? 0 : i, column: columns == 1 ? 0 : j)
    }

    /// A reference such as `u[{i},k]`; a vector's ignores `row`.
    func reference(row: TemplateText, column: TemplateText) -> TemplateText {
        tensor.isVector ? "\(name)[\(column)]" : "\(name)[\(row),\(column)]"
    }
}

/// One cell a template refers to, at indices that depend on the cell explained.
struct TemplateCell {
    let operand: TemplateOperand
    let row: TemplateIndex
    let column: TemplateIndex

    /// `u[{i},{j}]`, or `v_a[{j}]` for a vector.
    var reference: TemplateText { operand.reference(row: row.text, column: column.text) }
    /// The recorded value, as tables print it.
    var value: TemplateText { hole("v") }
    /// The value as a factor of a product, parenthesised when negative.
    var factor: TemplateText { hole("f") }
    /// The value negated.
    var negated: TemplateText { hole("n") }
    /// The tensor's name in derivations.
    var name: String { operand.name }

    private func hole(_ kind: String) -> TemplateText {
        TemplateText(source: "{\(kind)\(operand.slot):\(row.expression),\(column.expression)}")
    }
}

extension TemplateCondition {
    init(_ left: TemplateText, _ relation: Relation, _ right: TemplateText) {
        self.init(left: left, relation: relation, right: right)
    }

    init(_ left: TemplateIndex, _ relation: Relation, _ right: TemplateIndex) {
        self.init(left: left.text, relation: relation, right: right.text)
    }
}
