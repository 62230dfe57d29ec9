import AttentionMath
import AttentionTrace

/// A gated recurrent unit (Cho et al. 2014) in the form Bahdanau et al. (2014) use,
/// with row vectors and no biases:
///
///     z_t = σ(x_t W_z + h_{t−1} U_z)                 update gate
///     r_t = σ(x_t W_r + h_{t−1} U_r)                 reset gate
///     h̃_t = tanh(x_t W_h + (r_t ⊙ h_{t−1}) U_h)      candidate state
///     h_t = (1 − z_t) ⊙ h_{t−1} + z_t ⊙ h̃_t
///
/// PyTorch's `nn.GRU` differs: it applies the reset gate after `U_h` and swaps
/// the roles of `z` and `1 − z`.
struct GRU {
    /// The prefix of the parameters' names (their checkpoint names and random streams), such as `encoder.forward`.
    let name: String
    /// The symbol of the state, in formula notation (`h^{→}`, `s`).
    let state: String
    /// The width of each input row.
    let inputSize: Int
    /// The width of the state.
    let hiddenSize: Int

    /// The formulas of the recurrence, written with this GRU's state symbol.
    var formulas: [Formula] {
        let h = state, previous = "\(state)_{t−1}"
        return [
            "z_t = σ(x_t W_z + \(previous) U_z)",
            "r_t = σ(x_t W_r + \(previous) U_r)",
            "h̃_t = tanh(x_t W_h + (r_t ⊙ \(previous)) U_h)",
            "\(h)_t = (1 − z_t) ⊙ \(previous) + z_t ⊙ h̃_t",
        ]
    }

    /// Records the six weight matrices in the recorder's current step, each from `parameters`
    /// under its checkpoint name (`<name>.W_z` …).
    func recordWeights(from parameters: ParameterSource, recorder: TraceRecorder) -> Weights {
        let hidden = Axis(name: "dimension")
        func parameter(_ key: String, rows: Int) -> TracedMatrix {
            let (value, provenance) = parameters.matrix(named: "\(name).\(key)", rows: rows, columns: hiddenSize)
            return recorder.record(value, key: key, symbol: key, "\(name) GRU parameter \(key)",
                                   rows: Axis(name: rows == inputSize ? "input" : "dimension"), columns: hidden,
                                   provenance: provenance)
        }
        let wz = parameter("W_z", rows: inputSize), uz = parameter("U_z", rows: hiddenSize)
        let wr = parameter("W_r", rows: inputSize), ur = parameter("U_r", rows: hiddenSize)
        let wh = parameter("W_h", rows: inputSize), uh = parameter("U_h", rows: hiddenSize)
        return Weights(wz: wz, uz: uz, wr: wr, ur: ur, wh: wh, uh: uh)
    }

    /// Records one step, `previous` → the new state, in the recorder's current step: the same
    /// gates, under the same keys, as ``run(over:from:reversed:positions:stateID:parameters:recorder:)``
    /// records for every position, for a recurrence whose next input depends on its state
    /// (the RNNsearch decoder reads the context its state chose).
    ///
    /// - Parameters:
    ///   - input: `x_t`, one row.
    ///   - previous: The state before the step, one row, already recorded.
    ///   - weights: The weights, recorded once (``recordWeights(from:recorder:)``).
    ///   - stateKey: The key of the new state in the current step.
    func step(_ input: TracedMatrix, from previous: TracedMatrix, weights w: Weights, stateKey: String,
              recorder: TraceRecorder) -> TracedMatrix {
        let prev = "\(state)_{t−1}"
        let xwz = recorder.multiply(input, w.wz, key: "xW_z", symbol: "x_t W_z", "the input's contribution to the update gate")
        let huz = recorder.multiply(previous, w.uz, key: "hU_z", symbol: "\(prev) U_z", "the previous state's contribution to the update gate")
        let az = recorder.add([xwz, huz], key: "a_z", symbol: "a_z", "the update gate before the sigmoid")
        let z = recorder.apply(.sigmoid, az, key: "z", symbol: "z_t", "the update gate: how much of the candidate replaces the old state")
        let xwr = recorder.multiply(input, w.wr, key: "xW_r", symbol: "x_t W_r", "the input's contribution to the reset gate")
        let hur = recorder.multiply(previous, w.ur, key: "hU_r", symbol: "\(prev) U_r", "the previous state's contribution to the reset gate")
        let ar = recorder.add([xwr, hur], key: "a_r", symbol: "a_r", "the reset gate before the sigmoid")
        let r = recorder.apply(.sigmoid, ar, key: "r", symbol: "r_t", "the reset gate: how much of the old state the candidate may read")
        let rh = recorder.hadamard(r, previous, key: "rh", symbol: "r_t ⊙ \(prev)", "the old state, filtered by the reset gate")
        let xwh = recorder.multiply(input, w.wh, key: "xW_h", symbol: "x_t W_h", "the input's contribution to the candidate")
        let rhu = recorder.multiply(rh, w.uh, key: "rhU_h", symbol: "(r_t ⊙ \(prev)) U_h", "the filtered state's contribution to the candidate")
        let ah = recorder.add([xwh, rhu], key: "a_h", symbol: "a_h", "the candidate before the tanh")
        let candidate = recorder.apply(.tanh, ah, key: "candidate", symbol: "h̃_t", "the candidate state")
        return recorder.record(previous.value.interpolated(to: candidate.value, weight: z.value), key: stateKey,
                               symbol: "\(state)_t", "the new state: old state and candidate mixed by the update gate",
                               rows: previous.rows, columns: previous.columns,
                               provenance: Provenance(.interpolate, [z.id, previous.id, candidate.id]))
    }

    /// Runs the GRU over the rows of `inputs`, recording its parameters and every
    /// gate at every position in the recorder's current step.
    ///
    /// - Parameters:
    ///   - inputs: One row per position.
    ///   - initial: The state before the first position read (one row).
    ///   - reversed: Read the positions from last to first (a backward RNN). Results
    ///     are still recorded in position order.
    ///   - positions: What the rows of the recorded gates and states index.
    ///   - stateID: The identifier to record the states under, if not `<step>.h`.
    /// - Returns: The states, one row per position.
    func run(over inputs: TracedMatrix, from initial: TracedMatrix, reversed: Bool = false, positions: Axis,
             stateID: TensorID? = nil, parameters source: ParameterSource, recorder: TraceRecorder) -> TracedMatrix {
        let hidden = Axis(name: "dimension")
        let (wz, uz, wr, ur, wh, uh) = recordWeights(from: source, recorder: recorder).all
        let x = TracedMatrix(id: inputs.id, value: inputs.value, rows: positions, columns: inputs.columns)
        let xwz = recorder.multiply(x, wz, key: "xW_z", symbol: "x_t W_z", "the input's contribution to the update gate")
        let xwr = recorder.multiply(x, wr, key: "xW_r", symbol: "x_t W_r", "the input's contribution to the reset gate")
        let xwh = recorder.multiply(x, wh, key: "xW_h", symbol: "x_t W_h", "the input's contribution to the candidate")

        let parameters = Parameters(wz: wz.value, uz: uz.value, wr: wr.value, ur: ur.value, wh: wh.value, uh: uh.value)
        let n = inputs.value.rows
        var perPosition = [GRUStep?](repeating: nil, count: n)
        var state = initial.value
        for t in reversed ? Array((0..<n).reversed()) : Array(0..<n) {
            let step = GRUStep(input: (xwz.value.row(t), xwr.value.row(t), xwh.value.row(t)), previous: state,
                               parameters: parameters)
            perPosition[t] = step
            state = step.h
        }
        let steps = perPosition.compactMap { $0 }
        func stacked(_ value: KeyPath<GRUStep, Matrix>) -> [Matrix] { steps.map { $0[keyPath: value] } }

        let prev = "\(self.state)_{t−1}"
        let statesID = stateID ?? recorder.id(forKey: "h")
        let previousStates = recorder.record(
            Matrix.stacking(stacked(\.previous)), key: "previous", symbol: prev,
            reversed ? "the state before each position (the next position's state, read right to left)"
                     : "the state before each position (the previous position's state)",
            rows: positions, columns: hidden,
            provenance: Provenance(reversed ? .nextRow : .previousRow, [statesID, initial.id]))
        func gate(_ key: String, _ rows: [Matrix], _ symbol: String, _ description: String, _ provenance: Provenance) -> TracedMatrix {
            recorder.record(Matrix.stacking(rows), key: key, symbol: symbol, description, rows: positions, columns: hidden,
                          provenance: provenance)
        }
        let huz = gate("hU_z", stacked(\.huz), "\(prev) U_z", "the previous state's contribution to the update gate",
                       Provenance(.matmul, [previousStates.id, uz.id]))
        let az = gate("a_z", stacked(\.az), "a_z", "the update gate before the sigmoid", Provenance(.add, [xwz.id, huz.id]))
        let z = gate("z", stacked(\.z), "z_t", "the update gate: how much of the candidate replaces the old state",
                     Provenance(.sigmoid, [az.id]))
        let hur = gate("hU_r", stacked(\.hur), "\(prev) U_r", "the previous state's contribution to the reset gate",
                       Provenance(.matmul, [previousStates.id, ur.id]))
        let ar = gate("a_r", stacked(\.ar), "a_r", "the reset gate before the sigmoid", Provenance(.add, [xwr.id, hur.id]))
        let r = gate("r", stacked(\.r), "r_t", "the reset gate: how much of the old state the candidate may read",
                     Provenance(.sigmoid, [ar.id]))
        let rh = gate("rh", stacked(\.rh), "r_t ⊙ \(prev)", "the old state, filtered by the reset gate",
                      Provenance(.multiply, [r.id, previousStates.id]))
        let rhu = gate("rhU_h", stacked(\.rhu), "(r_t ⊙ \(prev)) U_h", "the filtered state's contribution to the candidate",
                       Provenance(.matmul, [rh.id, uh.id]))
        let ah = gate("a_h", stacked(\.ah), "a_h", "the candidate before the tanh", Provenance(.add, [xwh.id, rhu.id]))
        let candidate = gate("candidate", stacked(\.candidate), "h̃_t", "the candidate state",
                             Provenance(.tanh, [ah.id]))
        return recorder.record(Matrix.stacking(stacked(\.h)), id: statesID, symbol: "\(self.state)_t",
                             "the new state: old state and candidate mixed by the update gate",
                             rows: positions, columns: hidden,
                             provenance: Provenance(.interpolate, [z.id, previousStates.id, candidate.id]))
    }
}

extension GRU {
    /// The six weight matrices of a GRU.
    struct Parameters {
        var wz, uz, wr, ur, wh, uh: Matrix
    }

    /// The six weight matrices as the trace recorded them.
    struct Weights {
        let wz, uz, wr, ur, wh, uh: TracedMatrix

        /// The six in declaration order.
        var all: (TracedMatrix, TracedMatrix, TracedMatrix, TracedMatrix, TracedMatrix, TracedMatrix) {
            (wz, uz, wr, ur, wh, uh)
        }
    }
}

/// Every value one GRU step computes, for one position.
struct GRUStep {
    /// The state before the step.
    let previous: Matrix
    let huz, az, z, hur, ar, r, rh, rhu, ah, candidate: Matrix
    /// The state after the step.
    let h: Matrix

    /// Computes one step from the input's three projections `x W_z`, `x W_r`, `x W_h`
    /// and the previous state.
    init(input: (wz: Matrix, wr: Matrix, wh: Matrix), previous: Matrix, parameters: GRU.Parameters) {
        self.previous = previous
        huz = previous.multiplied(by: parameters.uz)
        az = Matrix.sum([input.wz, huz])
        z = az.applying(.sigmoid)
        hur = previous.multiplied(by: parameters.ur)
        ar = Matrix.sum([input.wr, hur])
        r = ar.applying(.sigmoid)
        rh = r.combined(with: previous, .multiply)
        rhu = rh.multiplied(by: parameters.uh)
        ah = Matrix.sum([input.wh, rhu])
        candidate = ah.applying(.tanh)
        h = previous.interpolated(to: candidate, weight: z)
    }
}
