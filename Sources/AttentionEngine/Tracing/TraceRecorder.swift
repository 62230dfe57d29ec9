import AttentionMath
import AttentionTrace

/// Records a mechanism's computation step by step while it runs.
///
/// Every operation on ``TracedMatrix`` values computes its result with the
/// matrix API and records it, with its ``Provenance``, in the current step; the
/// trace therefore holds every intermediate and cannot disagree with what was
/// computed. Computed tensors get the identifier `<step id>.<key>`; inputs keep
/// their canonical name.
///
/// The ``policy`` decides what the trace keeps of each tensor: a tensor above its
/// size is recorded as a ``TensorSummary``, and its matrix is freed as soon as the
/// mechanism no longer needs it.
final class TraceRecorder {
    let policy: RecordingPolicy
    private(set) var steps: [Step] = []
    private(set) var inputs: [String: Tensor] = [:]
    private(set) var warnings: [String] = []
    private(set) var results: [String: TraceResult] = [:]
    /// The matrix each result of ``recordResult(_:repeating:asVector:)`` repeats, for a stage that continues from it.
    private(set) var resultMatrices: [String: TracedMatrix] = [:]
    /// The first recorded entry that is NaN, +∞, or −∞ where no mask put it, which only an overflow produces.
    private(set) var firstUndefinedEntry: (id: TensorID, row: Int, column: Int)?
    /// The target tokens a mechanism generated (a translation), when the input gave none.
    var generatedTargetTokens: [String]?
    /// The tensors ``mask(_:with:key:symbol:_:)`` made, the only ones whose −∞ entries mean "masked".
    private var maskedTensors: Set<TensorID> = []

    init(policy: RecordingPolicy) {
        self.policy = policy
    }

    /// Starts a new step; tensors recorded from now on belong to it.
    func begin(_ id: String, title: String, group: String? = nil, explanation: String, formulas: [Formula]) {
        steps.append(Step(id: id, title: title, group: group, explanation: explanation, formulas: formulas))
    }

    /// Adds `sentence` to the explanation of the current step, and retitles it: for what a step
    /// learns only from its own numbers, such as the word a model predicted.
    func amendCurrentStep(title: String? = nil, appending sentence: String) {
        precondition(!steps.isEmpty, "amending before the first step")
        let step = steps.count - 1
        if let title { steps[step].title = title }
        steps[step].explanation += " " + sentence
    }

    /// Renames the group of every step in group `old` to `new`: for a group named after what
    /// its steps computed, such as the word a translation step generated.
    func renameGroup(_ old: String, to new: String) {
        for index in steps.indices where steps[index].group == old {
            steps[index].group = new
        }
    }

    /// Adds a warning to the trace.
    func warn(_ message: String) {
        warnings.append(message)
    }

    /// Records a value under its full identifier.
    ///
    /// - Parameter asVector: Record a one-row matrix as a one-dimensional tensor.
    @discardableResult
    func record(_ value: Matrix, id: TensorID, symbol: String, _ description: String,
                rows: Axis, columns: Axis, provenance: Provenance, asVector: Bool = false) -> TracedMatrix {
        precondition(!steps.isEmpty, "record(\(id)) before the first step")
        if firstUndefinedEntry == nil, let entry = value.firstUndefinedEntry {
            firstUndefinedEntry = (id, entry.row, entry.column)
        }
        let values = asVector ? Tensor(vector: value.scalars) : Tensor(value)
        let axes = asVector ? [columns] : [rows, columns]
        let recorded: RecordedValues = policy.keepsNumbers(ofCount: values.scalars.count) ? .full(values) : .summary(Self.summary(of: values))
        steps[steps.count - 1].tensors.append(TracedTensor(id: id, symbol: symbol, description: description, axes: axes,
                                                           recorded: recorded, provenance: provenance))
        return TracedMatrix(id: id, value: value, rows: rows, columns: columns)
    }

    /// Notes the first −∞ of `scores`, which are about to be masked or normalised, unless a mask put it
    /// there: a score that overflowed to −∞ would otherwise pass for a masked one.
    fileprivate func noteOverflowToNegativeInfinity(in scores: TracedMatrix) {
        guard firstUndefinedEntry == nil, !maskedTensors.contains(scores.id),
              let offset = scores.value.scalars.firstIndex(of: -.infinity) else { return }
        let columns = max(scores.value.columns, 1)
        firstUndefinedEntry = (scores.id, offset / columns, offset % columns)
    }

    /// Remembers that `tensor` was made by a mask.
    fileprivate func noteMasked(_ tensor: TracedMatrix) -> TracedMatrix {
        maskedTensors.insert(tensor.id)
        return tensor
    }

    /// Records a computed value as `<current step>.<key>`.
    @discardableResult
    func record(_ value: Matrix, key: String, symbol: String, _ description: String,
                rows: Axis, columns: Axis, provenance: Provenance) -> TracedMatrix {
        record(value, id: qualified(key), symbol: symbol, description, rows: rows, columns: columns,
               provenance: provenance)
    }

    /// Records an input under its canonical name and lists it in the trace's `inputs`.
    @discardableResult
    func input(_ value: Matrix, name: String, symbol: String? = nil, _ description: String,
               rows: Axis, columns: Axis, provenance: Provenance, asVector: Bool = false) -> TracedMatrix {
        inputs[name] = asVector ? Tensor(vector: value.scalars) : Tensor(value)
        return record(value, id: name, symbol: symbol ?? name, description, rows: rows, columns: columns,
                      provenance: provenance, asVector: asVector)
    }

    /// Lists an already recorded tensor among the trace's `inputs` under its canonical name,
    /// for inputs that an earlier stage computed (the encoder's `keys` and `query`).
    func publish(_ tensor: TracedMatrix, asInput name: String) {
        inputs[name] = Tensor(tensor.value)
    }

    /// A matrix a step recorded, offered as an output: as it is, or its one row as a vector.
    struct ResultTensor {
        fileprivate let tensor: TracedMatrix
        fileprivate let asVector: Bool

        /// The output is the matrix itself.
        static func matrix(_ tensor: TracedMatrix) -> ResultTensor { ResultTensor(tensor: tensor, asVector: false) }
        /// The output is the matrix's one row, as a one-dimensional tensor.
        static func vector(_ tensor: TracedMatrix) -> ResultTensor { ResultTensor(tensor: tensor, asVector: true) }
    }

    /// Records the mechanism's outputs under their canonical names; see ``recordResult(_:repeating:asVector:)``.
    func recordResults(_ tensors: [String: ResultTensor]) {
        for (name, result) in tensors {
            recordResult(name, repeating: result.tensor, asVector: result.asVector)
        }
    }

    /// An output built from equally shaped matrices stacked along a new leading
    /// dimension (the heads' weights), collected part by part so that no part has
    /// to stay in memory until the end.
    struct StackedResult {
        fileprivate let shape: [Int]
        fileprivate let keepsNumbers: Bool
        fileprivate var scalars: [Double] = []
        fileprivate var summaries: [TensorSummary] = []
        /// The parts' identifiers, in order.
        fileprivate var sources: [TensorID] = []
        /// What a part's rows and columns index.
        fileprivate var partAxes: [Axis] = [Axis(name: "row"), Axis(name: "column")]
    }

    /// Starts an output of `count` stacked `rows` × `columns` matrices, kept in full
    /// or summarised as the ``policy`` says for its whole size.
    func stackedResult(count: Int, rows: Int, columns: Int) -> StackedResult {
        let shape = [count, rows, columns], total = count * rows * columns
        var stack = StackedResult(shape: shape, keepsNumbers: policy.keepsNumbers(ofCount: total))
        // Room for every part at once: growing by doubling would copy (and fault in) the parts seen so far at each step.
        if stack.keepsNumbers { stack.scalars.reserveCapacity(total) }
        return stack
    }

    /// Adds the next part: its numbers, or its recorded summary (see ``summary(of:)``).
    func append(_ part: TracedMatrix, to stack: inout StackedResult) {
        precondition(part.value.shape == Array(stack.shape.dropFirst()), "stacking \(part.value.shape) into \(stack.shape)")
        if stack.keepsNumbers {
            stack.scalars += part.value.scalars
        } else {
            stack.summaries.append(summary(of: part))
        }
        stack.sources.append(part.id)
        stack.partAxes = [part.rows, part.columns]
    }

    /// Records `tensor`, a matrix a step recorded, as the output `name` too: its numbers, or
    /// the summary its step recorded, as the ``policy`` says, with the tensor as its source and its axes.
    ///
    /// - Parameter asVector: Record a one-row matrix as a one-dimensional tensor.
    func recordResult(_ name: String, repeating tensor: TracedMatrix, asVector: Bool = false) {
        let values = asVector ? Tensor(vector: tensor.value.scalars) : Tensor(tensor.value)
        let recorded: RecordedValues = policy.keepsNumbers(ofCount: values.scalars.count)
            ? .full(values) : .summary(summary(of: tensor, asVector: asVector))
        results[name] = TraceResult(sources: [tensor.id], axes: asVector ? [tensor.columns] : [tensor.rows, tensor.columns],
                                    recorded: recorded)
        resultMatrices[name] = tensor
    }

    /// The summary a step recorded for `tensor`, or a new one when its numbers were kept.
    private func summary(of tensor: TracedMatrix, asVector: Bool = false) -> TensorSummary {
        let recorded = steps.reversed().lazy.flatMap(\.tensors).first { $0.id == tensor.id }?.summary
        return recorded ?? Self.summary(of: asVector ? Tensor(vector: tensor.value.scalars) : Tensor(tensor.value))
    }

    /// The summary of `values`, a large one's rows shared out over the cores as the element-wise
    /// kernels share theirs (the summaries of an n = 2048 trace's 41 matrices of 4 million numbers
    /// were about a sixth of its time on one core).
    private static func summary(of values: Tensor) -> TensorSummary {
        TensorSummary(values, splittingRows: RowPartition.forEachChunk(rows:columns:_:))
    }

    /// Records a completed stack as the output `name`: one matrix per head, each repeating its part.
    func recordResult(_ name: String, _ stack: StackedResult) {
        let recorded: RecordedValues = stack.keepsNumbers
            ? .full(Tensor(shape: stack.shape, scalars: stack.scalars)) : .summary(TensorSummary(stacking: stack.summaries))
        results[name] = TraceResult(sources: stack.sources, axes: [Axis(name: "head")] + stack.partAxes, recorded: recorded)
    }

    fileprivate func qualified(_ key: String) -> TensorID {
        "\(steps[steps.count - 1].id).\(key)"
    }

    // MARK: - Traced operations

    /// `A · B`.
    func multiply(_ a: TracedMatrix, _ b: TracedMatrix, key: String, symbol: String, _ description: String) -> TracedMatrix {
        record(a.value.multiplied(by: b.value), key: key, symbol: symbol, description,
               rows: a.rows, columns: b.columns, provenance: Provenance(.matmul, [a.id, b.id]))
    }

    /// `A · Bᵀ`.
    ///
    /// - Parameter rows: What the result's rows index, when not what `A`'s rows index
    ///   (a parameter vector times a matrix gives scores for the current target word).
    func multiply(_ a: TracedMatrix, transposeOf b: TracedMatrix, rows: Axis? = nil, key: String, symbol: String,
                  _ description: String) -> TracedMatrix {
        record(a.value.multiplied(byTransposeOf: b.value), key: key, symbol: symbol, description,
               rows: rows ?? a.rows, columns: b.rows, provenance: Provenance(.matmulTransposed, [a.id, b.id]))
    }

    /// `A` with the entries where `M` is 0 replaced by −∞.
    func mask(_ a: TracedMatrix, with mask: TracedMatrix, key: String, symbol: String, _ description: String) -> TracedMatrix {
        noteOverflowToNegativeInfinity(in: a)
        return noteMasked(record(a.value.masked { mask.value[$0, $1] != 0 }, key: key, symbol: symbol, description,
                                 rows: a.rows, columns: a.columns, provenance: Provenance(.mask, [a.id, mask.id])))
    }

    /// `f(A)` entry by entry.
    func apply(_ function: ElementwiseFunction, _ a: TracedMatrix, key: String, symbol: String,
               _ description: String) -> TracedMatrix {
        let operation: Operation = switch function {
        case .tanh: .tanh
        case .sigmoid: .sigmoid
        case .exp: .exp
        case .cos: .cos
        case .sin: .sin
        case .log: .log
        case .sqrt: .sqrt
        case .gelu: .gelu
        case .geluTanh: .geluTanh
        case .silu: .silu
        }
        return record(a.value.applying(function), key: key, symbol: symbol, description,
                      rows: a.rows, columns: a.columns, provenance: Provenance(operation, [a.id]))
    }

    /// The entry-wise sum of the terms; later terms may broadcast.
    func add(_ terms: [TracedMatrix], key: String, symbol: String, _ description: String) -> TracedMatrix {
        record(Matrix.sum(terms.map(\.value)), key: key, symbol: symbol, description,
               rows: terms[0].rows, columns: terms[0].columns, provenance: Provenance(.add, terms.map(\.id)))
    }

    /// `A − B` entry by entry; `B` may broadcast.
    func subtract(_ a: TracedMatrix, _ b: TracedMatrix, key: String, symbol: String, _ description: String) -> TracedMatrix {
        record(a.value.combined(with: b.value, .subtract), key: key, symbol: symbol, description,
               rows: a.rows, columns: a.columns, provenance: Provenance(.subtract, [a.id, b.id]))
    }

    /// The sum of each row of `a`, one column.
    func rowSums(_ a: TracedMatrix, key: String, symbol: String, _ description: String) -> TracedMatrix {
        record(a.value.rowSums(), key: key, symbol: symbol, description, rows: a.rows, columns: Axis(name: "sum"),
               provenance: Provenance(.rowSum, [a.id]))
    }

    /// `E[i,j] / Z[i,0]`: each row of `e` divided by its entry of the column `z` (0 where it is 0).
    func normalize(_ e: TracedMatrix, by z: TracedMatrix, key: String, symbol: String, _ description: String) -> TracedMatrix {
        let quotient = Matrix(rows: e.value.rows, columns: e.value.columns) { i, j in
            z.value[i, 0] == 0 ? 0 : e.value[i, j] / z.value[i, 0]
        }
        return record(quotient, key: key, symbol: symbol, description, rows: e.rows, columns: e.columns,
                      provenance: Provenance(.normalize, [e.id, z.id]))
    }

    /// `A ⊙ B` entry by entry.
    func hadamard(_ a: TracedMatrix, _ b: TracedMatrix, key: String, symbol: String, _ description: String) -> TracedMatrix {
        record(a.value.combined(with: b.value, .multiply), key: key, symbol: symbol, description,
               rows: a.rows, columns: a.columns, provenance: Provenance(.multiply, [a.id, b.id]))
    }

    /// `factor · A`.
    func scale(_ a: TracedMatrix, by factor: Double, note: String, key: String, symbol: String,
               _ description: String) -> TracedMatrix {
        record(a.value.scaled(by: factor), key: key, symbol: symbol, description, rows: a.rows, columns: a.columns,
               provenance: Provenance(.scale, [a.id], factor: factor, note: note))
    }

    /// The parts side by side; one-row parts broadcast to every row of the first part with more rows.
    ///
    /// - Parameter id: The identifier to record under, when not `<step>.<key>` (the
    ///   encoder's annotations are recorded as `keys`).
    /// A part that a mask made keeps its −∞ entries' meaning ("masked") in the result.
    func concatenate(_ parts: [TracedMatrix], rows: Axis, columns: Axis, id: TensorID? = nil, key: String, symbol: String,
                     _ description: String) -> TracedMatrix {
        let result = record(Matrix.concatenatingColumns(parts.map(\.value)), id: id ?? qualified(key), symbol: symbol,
                            description, rows: rows, columns: columns, provenance: Provenance(.concatColumns, parts.map(\.id)))
        return parts.contains { maskedTensors.contains($0.id) } ? noteMasked(result) : result
    }

    /// The parts' rows one after another.
    func stack(_ parts: [TracedMatrix], rows: Axis, key: String, symbol: String, _ description: String) -> TracedMatrix {
        record(Matrix.stacking(parts.map(\.value)), key: key, symbol: symbol, description,
               rows: rows, columns: parts[0].columns, provenance: Provenance(.stackRows, parts.map(\.id)))
    }

    /// The symbols under which ``softmax(_:symbols:)`` records its five intermediates.
    struct SoftmaxSymbols {
        var maximum = "m"
        var shifted = "y"
        var exponentials = "ε"
        var sum = "Z"
        var weights = "α"
    }

    /// A numerically stable softmax over each row, recording the row maximum,
    /// the shifted scores, their exponentials, the row sums and the weights.
    ///
    /// Rows whose every score is masked get zero weights and a warning.
    ///
    /// - Parameter weightsKey: The key of the weights, when they are not attention weights
    ///   (a model's word probabilities).
    func softmax(_ scores: TracedMatrix, symbols: SoftmaxSymbols = SoftmaxSymbols(), rowDescription: String,
                 weightsKey: String = "weights", weightsDescription: String = "the attention weights: each exponential divided by its row's sum") -> TracedMatrix {
        noteOverflowToNegativeInfinity(in: scores)
        let softmax = Softmax(rowsOf: scores.value)
        let one = Axis(name: "max")
        let m = record(softmax.maxima, key: "max", symbol: symbols.maximum,
                       "the largest score of each \(rowDescription), subtracted so no exponential overflows",
                       rows: scores.rows, columns: one, provenance: Provenance(.rowMax, [scores.id]))
        let y = record(softmax.shifted, key: "shifted", symbol: symbols.shifted, "each score minus its row's maximum",
                       rows: scores.rows, columns: scores.columns, provenance: Provenance(.subtract, [scores.id, m.id]))
        let e = record(softmax.exponentials, key: "exp", symbol: symbols.exponentials,
                       "the exponential of each shifted score", rows: scores.rows, columns: scores.columns,
                       provenance: Provenance(.exp, [y.id]))
        let z = record(softmax.sums, key: "sum", symbol: symbols.sum, "the sum of the exponentials of each \(rowDescription)",
                       rows: scores.rows, columns: Axis(name: "sum"), provenance: Provenance(.rowSum, [e.id]))
        for row in softmax.fullyMaskedRows {
            warn("\(scores.rows.name) \(scores.rows.label(row)): every score is masked, so its weights and context are all zero")
        }
        return record(softmax.weights, key: weightsKey, symbol: symbols.weights, weightsDescription,
                      rows: scores.rows, columns: scores.columns, provenance: Provenance(.normalize, [e.id, z.id]))
    }
}

extension TraceRecorder {
    /// The identifier a tensor recorded now under `key` will have.
    func id(forKey key: String) -> TensorID {
        qualified(key)
    }

    /// Rows `range` of `a`.
    func rows(_ range: Range<Int>, of a: TracedMatrix, key: String, symbol: String, _ description: String) -> TracedMatrix {
        record(a.value.rows(range), key: key, symbol: symbol, description,
               rows: Axis(name: a.rows.name, labels: a.rows.labels.map { Array($0[range]) }), columns: a.columns,
               provenance: Provenance(.sliceRows, [a.id], range: [range.lowerBound, range.upperBound]))
    }

    /// Columns `range` of `a`.
    func columns(_ range: Range<Int>, of a: TracedMatrix, key: String, symbol: String, _ description: String) -> TracedMatrix {
        record(a.value.columns(range), key: key, symbol: symbol, description, rows: a.rows,
               columns: Axis(name: a.columns.name, labels: a.columns.labels.map { Array($0[range]) }),
               provenance: Provenance(.sliceColumns, [a.id], range: [range.lowerBound, range.upperBound]))
    }
}
