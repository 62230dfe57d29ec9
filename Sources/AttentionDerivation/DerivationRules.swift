import AttentionTrace

/// Builds the ``DerivationRule`` of any tensor of a trace from its ``Provenance``,
/// and reads the trace's recorded values for ``DerivationFormatter``.
///
/// Each ``Operation`` has one case in ``rule(for:embedding:)``, which gathers what
/// its derivations need besides the values: the operands and their names, the
/// constant, and for a few operations a fact per row or cell (where a row's maximum
/// is, how far a position is from a window's centre).
package struct DerivationRules: Sendable {
    private let tensors: [TensorID: TracedTensor]
    /// The mechanism's results, by name (`weights`, not `result.weights`).
    private let results: [String: TraceResult]

    /// Indexes every tensor the trace's steps recorded, and its results.
    ///
    /// - Complexity: O(number of tensors in the trace).
    package init(trace: Trace) {
        var tensors: [TensorID: TracedTensor] = [:]
        for step in trace.steps {
            for tensor in step.tensors where tensors[tensor.id] == nil {
                tensors[tensor.id] = tensor
            }
        }
        self.tensors = tensors
        results = trace.result
    }

    /// The recorded tensor `id`, if any step recorded it.
    package func tensor(_ id: TensorID) -> TracedTensor? {
        tensors[id]
    }

    /// The recorded value in `row`, `column` of the step tensor or result (`result.weights`) `id`,
    /// the tensor viewed as a matrix (the rows of every head one after another for a 3-D result);
    /// `nil` when the trace keeps no values of it.
    func value(of id: TensorID, row: Int, column: Int) -> Double? {
        let values = tensors[id].map(recordedValues)
            ?? (id.hasPrefix("result.") ? results[String(id.dropFirst("result.".count))]?.values : nil)
        guard let values, column < values.columnCount else { return nil }
        let index = row * values.columnCount + column
        return values.scalars.indices.contains(index) ? values.scalars[index] : nil
    }

    /// The rule of the result `id` (`result.weights`) of the given shape: which recorded
    /// tensor each of its matrices repeats.
    package func rule(forResult id: TensorID, shape: [Int]) -> DerivationRule {
        let output = RuleTensor(id: id, name: id, shape: shape)
        let sources = results[String(id.dropFirst("result.".count))]?.sources ?? []
        return DerivationRule(output: output, kind: .result(sources: sources))
    }

    /// The rule of the step tensor `tensor`.
    ///
    /// - Parameter embedding: Whether a page embeds a tensor's values; an operand it
    ///   does not embed gets an excerpt of the cells the rule reads. `nil` (for
    ///   `explain`, which reads the trace) adds no excerpts.
    /// - Complexity: O(size of the tensor) for `rowMax` and `window`, which state a
    ///   fact per row or cell, plus the size of the excerpts; O(1) otherwise.
    package func rule(for tensor: TracedTensor, embedding: ((TensorID) -> Bool)? = nil) -> DerivationRule {
        let output = ruleTensor(tensor)
        let provenance = tensor.provenance
        var rule = DerivationRule(output: output, kind: .operation(provenance.operation))
        rule.note = provenance.note
        let operands = provenance.operands.map { tensors[$0] }
        rule.missing = zip(provenance.operands, operands).filter { $0.1 == nil }.map(\.0)
        guard rule.missing.isEmpty else { return rule }
        let a = operands.compactMap { $0 }
        rule.operands = a.map { ruleTensor($0, besides: output) }
        switch provenance.operation {
        case .embedding:
            rule.rowLabels = tensor.axes.count >= 2 ? tensor.rowAxis.labels : nil
        case .causalMask:
            rule.start = provenance.range?.first
            rule.rowLabels = tensor.axes.count >= 2 ? tensor.rowAxis.labels : nil
            rule.columnLabels = tensor.columnAxis.labels
        case .scale, .gaussian:
            rule.constant = DerivationFormatting.number(provenance.factor ?? .nan)
        case .window:
            rule.constant = DerivationFormatting.number(provenance.factor ?? .nan)
            rule.columnLabels = tensor.columnAxis.labels
            rule.distances = windowDistances(of: tensor, centre: a[0], halfWidth: provenance.factor ?? .nan)
        case .rowMax:
            rule.maxima = rowMaxima(of: tensor, in: a[0])
        case .sliceRows, .sliceColumns:
            rule.start = provenance.range?.first ?? 0
        case .rotateHalf, .rotatePairs:
            rule.rotaryColumns = provenance.range?.last
        case .tanh, .sigmoid, .exp, .cos, .sin, .log, .sqrt, .gelu, .geluTanh, .silu:
            rule.argument = argumentExpression(of: a[0])
        default:
            break
        }
        if let embedding { addExcerpts(to: &rule, unless: embedding) }
        return rule
    }

    /// `tensor` as a rule names it; see ``RuleTensor/name``.
    private func ruleTensor(_ tensor: TracedTensor, besides output: RuleTensor? = nil) -> RuleTensor {
        let name = DerivationFormatting.name(of: tensor)
        return RuleTensor(id: tensor.id, name: name == output?.name && tensor.id != output?.id ? tensor.id : name,
                          shape: tensor.shape)
    }

    /// The recorded values of `tensor`, or `nil` where the trace keeps none: the one
    /// place rules read values, so that a tensor without them gets no facts or excerpts.
    private func recordedValues(of tensor: TracedTensor) -> Tensor? {
        tensor.values
    }

    /// Per row of a `rowMax` output, the first column of `a` holding the maximum; `nil` for a
    /// masked row, and no facts at all when either tensor's values are not recorded.
    private func rowMaxima(of tensor: TracedTensor, in a: TracedTensor) -> [RowMaximum?]? {
        guard let output = recordedValues(of: tensor), let operand = recordedValues(of: a) else { return nil }
        return (0..<output.rowCount).map { i in
            let maximum = output[i, 0]
            let row = operand.rowCount == 1 ? 0 : i
            guard maximum != -.infinity,
                  let k = (0..<operand.columnCount).first(where: { operand[row, $0] == maximum }) else { return nil }
            return RowMaximum(column: k, label: a.columnAxis.labels?[k])
        }
    }

    /// Per cell of a `window` output, `|j − P[i,0]|` and whether it is at most `halfWidth`.
    private func windowDistances(of tensor: TracedTensor, centre: TracedTensor, halfWidth: Double) -> [WindowDistance]? {
        guard let centres = recordedValues(of: centre) else { return nil }
        let (rows, columns) = (tensor.shape.count >= 2 ? tensor.shape[tensor.shape.count - 2] : 1, tensor.shape.last ?? 1)
        return (0..<rows).flatMap { i in
            (0..<columns).map { j in
                let distance = abs(Double(j) - centres[centres.rowCount == 1 ? 0 : i, 0])
                return WindowDistance(text: DerivationFormatting.number(distance), isInside: distance <= halfWidth)
            }
        }
    }

    /// The sum (of two or three), difference or scaling that computed `argument`, if it was one.
    private func argumentExpression(of argument: TracedTensor) -> ArgumentExpression? {
        let provenance = argument.provenance
        let operands = provenance.operands.compactMap { tensors[$0] }
        guard operands.count == provenance.operands.count else { return nil }
        switch provenance.operation {
        case .subtract where operands.count == 2, .add where (2...3).contains(operands.count), .scale where operands.count == 1:
            let constant = provenance.operation == .scale ? DerivationFormatting.number(provenance.factor ?? .nan) : nil
            return ArgumentExpression(operation: provenance.operation, operands: operands.map { ruleTensor($0) },
                                      constant: constant)
        default:
            return nil
        }
    }

    /// Gives every operand the rule reads, and every operand of its argument, that
    /// the page does not embed an excerpt of the cells its derivations show.
    private func addExcerpts(to rule: inout DerivationRule, unless isEmbedded: (TensorID) -> Bool) {
        guard case .operation(let operation) = rule.kind else { return }
        let read = Set(rule.operandsRead.map(\.id))
        for k in rule.operands.indices where read.contains(rule.operands[k].id) && !isEmbedded(rule.operands[k].id) {
            let (rows, columns) = cellsRead(from: k, by: operation, of: rule.operands)
            rule.operands[k].excerpt = excerpt(of: rule.operands[k].id, rows: rows, columns: columns)
        }
        if var argument = rule.argument {
            for k in argument.operands.indices where !isEmbedded(argument.operands[k].id) {
                argument.operands[k].excerpt = excerpt(of: argument.operands[k].id, rows: nil, columns: nil)
            }
            rule.argument = argument
        }
    }

    /// The rows and columns (`nil` for all) of operand `k` that `operation`'s derivations show:
    /// the terms a product or a row reduction writes out, every cell otherwise.
    private func cellsRead(from k: Int, by operation: Operation, of operands: [RuleTensor]) -> (rows: [Int]?, columns: [Int]?) {
        let terms = DerivationFormatting.shownTerms(count: operands[0].columns)
        switch operation {
        case .matmul: return k == 0 ? (nil, terms) : (terms, nil)
        case .matmulTransposed, .rowMax, .rowSum: return (nil, terms)
        default: return (nil, nil)
        }
    }

    private func excerpt(of id: TensorID, rows: [Int]?, columns: [Int]?) -> ValueExcerpt? {
        guard let values = tensors[id].flatMap(recordedValues) else { return nil }
        let rowIndices = rows ?? Array(0..<values.rowCount)
        let columnIndices = columns ?? Array(0..<values.columnCount)
        return ValueExcerpt(rows: rows, columns: columns,
                            values: rowIndices.flatMap { i in columnIndices.map { j in values[i, j] } },
                            columnCount: values.columnCount)
    }
}
