import AttentionTrace

/// Writes a cell's derivation for `attention-trace explain` and the tests: fills the
/// tensor's ``DerivationTemplate`` with the trace's recorded values, as a page's script
/// fills the same template with the values of its data islands.
struct DerivationFormatter {
    /// The rule of a tensor, for derivations that continue with an operand's own
    /// (a stacked row, a mask), or `nil` when it is unknown.
    let rule: (TensorID) -> DerivationRule?
    /// The recorded value in a row and column of a tensor viewed as a matrix, or
    /// `nil` when the trace keeps no values of that tensor.
    let value: (TensorID, _ row: Int, _ column: Int) -> Double?

    /// The template of `rule`'s tensor, with operands known where the trace or an excerpt has their values.
    func template(of rule: DerivationRule) -> DerivationTemplate {
        DerivationTemplate(rule: rule, hasValues: { $0.excerpt != nil || value($0.id, 0, 0) != nil })
    }

    /// The derivation of the cell at `index` (one coordinate per dimension) of `rule`'s tensor.
    func derivation(of rule: DerivationRule, at index: [Int]) -> CellDerivation {
        CellDerivation(lines: template(of: rule).filled(at: index, shape: rule.output.shape, value: value) { id in
            self.rule(id).map(template(of:))
        })
    }
}

extension DerivationFormatter {
    /// Reads the rules and values of a trace.
    init(rules: DerivationRules) {
        self.init(rule: { id in rules.tensor(id).map { rules.rule(for: $0) } }, value: rules.value(of:row:column:))
    }
}
