import AttentionMath
import AttentionModels
import Foundation

/// The optimisers `train --optimizer` offers.
public enum OptimizerKind: String, CaseIterable, Sendable, Codable {
    /// Plain stochastic gradient descent: `θ ← θ − η g`.
    case sgd
    /// Adam (Kingma and Ba 2015) with `β₁ = 0.9`, `β₂ = 0.999`, `ε = 10⁻⁸`:
    ///
    ///     m ← β₁ m + (1 − β₁) g      v ← β₂ v + (1 − β₂) g²
    ///     θ ← θ − η (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
    ///
    /// as PyTorch's `torch.optim.Adam` computes it.
    case adam
}

/// An optimiser's state and its update rule (see ``OptimizerKind``).
struct Optimizer {
    static let beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8

    let kind: OptimizerKind
    let learningRate: Double
    private(set) var stepCount = 0
    private var firstMoments: ModelParameters?
    private var secondMoments: ModelParameters?

    init(kind: OptimizerKind, learningRate: Double) {
        self.kind = kind
        self.learningRate = learningRate
    }

    /// Applies one update of `gradient` to `parameters`.
    mutating func update(_ parameters: inout ModelParameters, with gradient: ModelParameters) {
        stepCount += 1
        switch kind {
        case .sgd:
            for field in parameters.fields {
                parameters[keyPath: field.path].add(gradient[keyPath: field.path], scaledBy: -learningRate)
            }
        case .adam:
            var first = firstMoments ?? gradient.zeros, second = secondMoments ?? gradient.zeros
            let t = Double(stepCount)
            let firstCorrection = 1 - Foundation.pow(Self.beta1, t), secondCorrection = 1 - Foundation.pow(Self.beta2, t)
            for field in parameters.fields {
                let g = gradient[keyPath: field.path]
                let m = first[keyPath: field.path].zipped(with: g) { Self.beta1 * $0 + (1 - Self.beta1) * $1 }
                let v = second[keyPath: field.path].zipped(with: g) { Self.beta2 * $0 + (1 - Self.beta2) * $1 * $1 }
                let step = m.zipped(with: v) { m, v in
                    self.learningRate * (m / firstCorrection) / ((v / secondCorrection).squareRoot() + Self.epsilon)
                }
                parameters[keyPath: field.path].add(step, scaledBy: -1)
                first[keyPath: field.path] = m
                second[keyPath: field.path] = v
            }
            firstMoments = first
            secondMoments = second
        }
    }
}
