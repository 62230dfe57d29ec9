import AttentionMath
import AttentionTrace

extension LayerTail {
    /// Records the rest of the layer after the attention's output `o`, from the hidden state `h`
    /// entering it, as steps of the group `After attention`; returns the layer's output.
    ///
    /// - Precondition: ``parameters`` holds every parameter its configuration reads, of shapes that fit `h`.
    @discardableResult
    func record(output o: TracedMatrix, residual h: TracedMatrix, recorder: TraceRecorder) -> TracedMatrix {
        let group = "After attention"
        recorder.begin("residual", title: "Add the attention to the residual stream", group: group,
                       explanation: "The layer adds what the attention computed to the hidden state that entered it: the residual "
                           + "connection, which lets every layer refine the stream rather than replace it.",
                       formulas: [Formula("h′ = h + output")])
        var stream = recorder.add([h, o], key: "sum", symbol: "h + o", "the hidden state entering the layer plus the attention output")
        if placement == .postNorm {
            beginNormalization("norm1", title: "Normalise the sum", group: group, recorder: recorder)
            stream = normalize(stream, scale: "gamma_1", shift: "beta_1", symbol: "h′", recorder: recorder)
        }
        let normalized: TracedMatrix
        if placement == .preNorm {
            beginNormalization("norm2", title: "Normalise before the feed-forward block", group: group, recorder: recorder)
            normalized = normalize(stream, scale: "gamma_2", shift: "beta_2", symbol: "m", recorder: recorder)
        } else {
            normalized = stream
        }
        let fed = recordFeedForward(normalized, group: group, recorder: recorder)
        recorder.begin("residual2", title: "Add the feed-forward block to the residual stream", group: group,
                       explanation: "The second residual connection adds the feed-forward block's output to the stream"
                           + (placement == .postNorm ? ", and a last normalisation gives the layer's output." : ": this is the layer's output."),
                       formulas: [Formula("out = h′ + F")])
        let sum = recorder.add([stream, fed], key: "sum", symbol: placement == .postNorm ? "h′ + F" : "out",
                               placement == .postNorm ? "the stream plus the feed-forward output" : "the layer's output: the stream plus the feed-forward output")
        guard placement == .postNorm else { return sum }
        beginNormalization("norm2", title: "Normalise the layer's output", group: group, recorder: recorder)
        return normalize(sum, scale: "gamma_2", shift: "beta_2", symbol: "out", recorder: recorder)
    }

    private func beginNormalization(_ id: String, title: String, group: String, recorder: TraceRecorder) {
        switch normalization {
        case .layerNorm:
            recorder.begin(id, title: title, group: group,
                           explanation: "LayerNorm centres each token's row on its mean, divides it by its standard deviation "
                               + "(ε keeps the division safe), then scales and shifts every dimension by learnt γ and β.",
                           formulas: [Formula("μ = (1/d) Σ_k x_k"), Formula("σ² = (1/d) Σ_k (x_k − μ)²"),
                                      Formula("LN(x) = γ ⊙ (x − μ) / √(σ² + ε) + β")])
        case .rmsNorm:
            recorder.begin(id, title: title, group: group,
                           explanation: "RMSNorm divides each token's row by its root mean square (ε keeps the division safe) "
                               + "and scales every dimension by a learnt γ; unlike LayerNorm it neither centres nor shifts.",
                           formulas: [Formula("RMS(x) = √((1/d) Σ_k x_k² + ε)"), Formula("N(x) = γ ⊙ x / RMS(x)")])
        }
    }

    /// Records the normalisation of `x` in the current step, its last tensor under `output`.
    private func normalize(_ x: TracedMatrix, scale: String, shift: String, symbol: String,
                           recorder: TraceRecorder) -> TracedMatrix {
        let width = 1 / Double(x.value.columns), note = "1/d with d = \(x.value.columns)"
        let epsilon = recorder.record(Matrix(rows: 1, columns: 1, repeating: self.epsilon), key: "epsilon", symbol: "ε",
                                      "the small number added before the square root", rows: Axis(name: "ε"), columns: Axis(name: "ε"),
                                      provenance: Provenance(.constant, note: "ε = \(self.epsilon), the configuration's \(epsilonKey)"))
        let centered: TracedMatrix
        let spread: TracedMatrix
        switch normalization {
        case .layerNorm:
            let sum = recorder.rowSums(x, key: "rowSum", symbol: "Σx", "the sum of each row")
            let mean = recorder.scale(sum, by: width, note: note, key: "mean", symbol: "μ", "the mean of each row")
            centered = recorder.subtract(x, mean, key: "centered", symbol: "x − μ", "each entry minus its row's mean")
            let squares = recorder.hadamard(centered, centered, key: "squares", symbol: "(x − μ)²", "each centred entry squared")
            let total = recorder.rowSums(squares, key: "squareSum", symbol: "Σ(x − μ)²", "the sum of each row's squares")
            spread = recorder.scale(total, by: width, note: note, key: "variance", symbol: "σ²", "the variance of each row")
        case .rmsNorm:
            centered = x
            let squares = recorder.hadamard(x, x, key: "squares", symbol: "x²", "each entry squared")
            let total = recorder.rowSums(squares, key: "squareSum", symbol: "Σx²", "the sum of each row's squares")
            spread = recorder.scale(total, by: width, note: note, key: "meanSquare", symbol: "mean(x²)", "the mean square of each row")
        }
        let padded = recorder.add([spread, epsilon], key: "plusEpsilon", symbol: normalization == .layerNorm ? "σ² + ε" : "mean(x²) + ε",
                                  "the spread plus ε")
        let root = recorder.apply(.sqrt, padded, key: "root", symbol: normalization == .layerNorm ? "√(σ² + ε)" : "RMS",
                                  "the square root: what each row is divided by")
        let normalized = recorder.normalize(centered, by: root, key: "normalized", symbol: "x̂", "each row divided by its square root")
        let scaled = recorder.hadamard(normalized, input(scale, symbol: scale == "gamma_1" ? "γ₁" : "γ₂", "the learnt scale of each dimension",
                                                         rows: "scale", recorder: recorder),
                                       key: normalization == .layerNorm ? "scaled" : "output", symbol: normalization == .layerNorm ? "γ ⊙ x̂" : symbol,
                                       "each dimension times its learnt scale")
        guard normalization == .layerNorm else { return scaled }
        let beta = input(shift, symbol: shift == "beta_1" ? "β₁" : "β₂", "the learnt shift of each dimension", rows: "shift", recorder: recorder)
        return recorder.add([scaled, beta], key: "output", symbol: symbol, "the normalised row, scaled and shifted")
    }

    /// Records the feed-forward block on `m` as the step `ffn`, returning its output.
    private func recordFeedForward(_ m: TracedMatrix, group: String, recorder: TraceRecorder) -> TracedMatrix {
        switch feedForward {
        case .dense(let activation):
            let name = activation == .gelu ? "GELU, ½ x (1 + erf(x / √2))" : "GELU's tanh approximation, ½ x (1 + tanh(√(2/π) (x + 0.044715 x³)))"
            recorder.begin("ffn", title: "The feed-forward block", group: group,
                           explanation: "Each token's row goes through the same two-layer network on its own: a projection to "
                               + "\(parameter("W_1").value.columns) dimensions, the activation \(name), and a projection back.",
                           formulas: [Formula("F = f(m W_1 + b_1) W_2 + b_2")])
            let inner = affine(m, "W_1", "b_1", key: "inner", symbol: "m W_1 + b_1", recorder: recorder)
            let activated = recorder.apply(activation, inner, key: "activated", symbol: "f", "the activation of each entry")
            return affine(activated, "W_2", "b_2", key: "output", symbol: "F", recorder: recorder)
        case .gated:
            recorder.begin("ffn", title: "The feed-forward block (SwiGLU)", group: group,
                           explanation: "Each token's row is projected twice to \(parameter("W_up").value.columns) dimensions; one "
                               + "projection, through SiLU (x σ(x)), gates the other entry by entry, and a third projection brings "
                               + "the product back to the model width. None of them has a bias.",
                           formulas: [Formula("F = (silu(m W_gate) ⊙ m W_up) W_down")])
            let gate = recorder.multiply(m, input("W_gate", symbol: "W_gate", "the gate projection", rows: "model", recorder: recorder),
                                         key: "gate", symbol: "m W_gate", "the gate's projection")
            let up = recorder.multiply(m, input("W_up", symbol: "W_up", "the up projection", rows: "model", recorder: recorder),
                                       key: "up", symbol: "m W_up", "the other projection")
            let activated = recorder.apply(.silu, gate, key: "activated", symbol: "silu", "the SiLU of each gate entry")
            let product = recorder.hadamard(activated, up, key: "gated", symbol: "silu ⊙ up", "each gated entry")
            return recorder.multiply(product, input("W_down", symbol: "W_down", "the down projection", rows: "inner", recorder: recorder),
                                     key: "output", symbol: "F", "the feed-forward output")
        }
    }

    /// `x W + b`, the product and the sum recorded apart so that each derives.
    private func affine(_ x: TracedMatrix, _ weight: String, _ bias: String, key: String, symbol: String,
                        recorder: TraceRecorder) -> TracedMatrix {
        let w = input(weight, symbol: weight, "a projection of the feed-forward block", rows: key == "inner" ? "model" : "inner",
                      recorder: recorder)
        let product = recorder.multiply(x, w, key: key + "Product", symbol: "x \(weight)", "the product before the bias")
        let b = input(bias, symbol: bias, "its bias", rows: "bias", recorder: recorder)
        return recorder.add([product, b], key: key, symbol: symbol, "the product plus the bias")
    }

    /// Records parameter `name` as an input with the checkpoint tensor as its provenance.
    private func input(_ name: String, symbol: String, _ description: String, rows: String,
                       recorder: TraceRecorder) -> TracedMatrix {
        let parameter = parameter(name)
        return recorder.input(parameter.value, name: name, symbol: symbol, description, rows: Axis(name: rows),
                              columns: Axis(name: "dimension"), provenance: Provenance(.given, note: parameter.note))
    }

    private func parameter(_ name: String) -> Parameter {
        guard let parameter = parameters[name] else { preconditionFailure("the layer tail has no parameter '\(name)'") }
        return parameter
    }
}
