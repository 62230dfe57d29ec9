import AttentionTrace

extension DerivationTemplate {
    /// Writes the template of `rule`'s tensor: the rule with the cell's indices, the
    /// operand values substituted, and the cell's own value.
    ///
    /// This is the one place an operation's derivation is written; each ``Operation``
    /// has one case here, and adding an operation means adding its case (and its
    /// facts to ``DerivationRules``), nothing else: `explain` and the page script both
    /// fill what this writes.
    ///
    /// - Parameters:
    ///   - rule: How the tensor was computed.
    ///   - hasValues: Whether the values of an operand are known (from the trace, a
    ///     page's island, or the operand's excerpt); an operation that shows values it
    ///     cannot know gets a note instead of terms.
    /// - Complexity: O(``DerivationFormatting/maximumTerms``) lines and holes for sums,
    ///   products and maxima, O(number of operands) for concatenations and stacks,
    ///   O(size of the rule's facts) for the rest.
    package init(rule: DerivationRule, hasValues: (RuleTensor) -> Bool) {
        var writer = TemplateWriter()
        let out = writer.operand(rule.output)
        switch rule.kind {
        case .result(let sources):
            writer.result(out, sources: sources)
        case .operation(let operation):
            let operands = rule.operands.map { writer.operand($0) }
            writer.operation(operation, of: rule, out: out, operands: operands, hasValues: hasValues)
        }
        self = writer.template
    }
}

extension TemplateWriter {
    fileprivate mutating func operation(_ operation: Operation, of rule: DerivationRule, out: TemplateOperand,
                                        operands a: [TemplateOperand], hasValues: (RuleTensor) -> Bool) {
        let here = out.cell(.row, .column)
        guard rule.missing.isEmpty else {
            line("\(here.reference) = \(here.value)")
            line("computed from \(rule.missing.joined(separator: ", ")), which the trace does not record")
            return
        }
        let unrecorded = rule.operandsRead.filter { !hasValues($0) }.map(\.id)
        guard unrecorded.isEmpty else {
            line("\(here.reference) = \(here.value)")
            line("computed by \(operation.rawValue) from \(rule.operands.map(\.id).joined(separator: ", ")); "
                 + "the trace keeps no values of \(unrecorded.joined(separator: ", ")), so the terms cannot be shown")
            return
        }
        switch operation {
        case .given: leaf(here, "\(rule.note ?? Provenance.givenInSpec)")
        case .generated: leaf(here, "generated: \(rule.note ?? "drawn from the seed")")
        case .constant: leaf(here, "a constant: \(rule.note ?? "fixed")")
        case .embedding:
            let token = rule.rowLabels.map { TemplateText.fact(fact($0), at: .row) } ?? TemplateIndex.row.text
            leaf(here, "from the embedding of “\(token)”, drawn from the seed and the token text")
        case .matmul: product(here, a[0], a[1], transposed: false)
        case .matmulTransposed: product(here, a[0], a[1], transposed: true)
        case .add: sum(here, of: a)
        case .subtract: difference(here, a[0], a[1])
        case .multiply: elementwiseProduct(here, a[0], a[1])
        case .scale: scaled(here, a[0], factor: rule.constant ?? "?", note: rule.note)
        case .rotateHalf: rotatedHalves(here, a[0], cos: a[1], sin: a[2], rotaryColumns: rule.rotaryColumns ?? 0)
        case .rotatePairs: rotatedPairs(here, a[0], cos: a[1], sin: a[2], rotaryColumns: rule.rotaryColumns ?? 0)
        case .tanh, .sigmoid, .exp, .cos, .sin, .log, .sqrt, .gelu, .geluTanh, .silu:
            function(here, operation == .sigmoid ? "σ" : operation.rawValue, a[0],
                     argument: rule.argument.flatMap { $0.operands.allSatisfy(hasValues) ? $0 : nil })
        case .rowMax: rowMaximum(here, a[0], maxima: rule.maxima)
        case .rowSum: rowSum(here, a[0])
        case .normalize: normalized(here, a[0], a[1])
        case .concatColumns: concatenated(here, a)
        case .stackRows: stacked(here, a)
        case .sliceColumns, .sliceRows:
            slice(here, a[0], start: rule.start ?? 0, byRows: operation == .sliceRows)
        case .previousRow: shifted(here, a[0], initial: a[1], forward: true)
        case .nextRow: shifted(here, a[0], initial: a[1], forward: false)
        case .interpolate: interpolated(here, z: a[0], a[1], a[2])
        case .mask: masked(here, a[0], mask: a[1])
        case .window:
            window(here, centre: a[0], halfWidth: rule.constant ?? "?", labels: rule.columnLabels, distances: rule.distances)
        case .gaussian: gaussian(here, centre: a[0], sigma: rule.constant ?? "?")
        case .causalMask:
            causalMask(here, rowLabels: rule.rowLabels, columnLabels: rule.columnLabels, keyOffset: rule.start ?? 0)
        }
    }

    private mutating func leaf(_ out: TemplateCell, _ origin: TemplateText) {
        line("\(out.reference) = \(out.value)")
        line(origin)
    }
}
