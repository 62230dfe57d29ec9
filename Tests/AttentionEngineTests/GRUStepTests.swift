@testable import AttentionEngine
import AttentionMath
import Foundation
import Testing
import TestSupport

@Suite struct GRUStepTests {
    /// One step with d = 2 and non-symmetric recurrent weights, so a transposed product would show.
    ///
    ///     h_{t−1} = [0.2, −0.4]
    ///     h U_z = [0.2·1 − 0.4·0, 0.2·2 − 0.4·1] = [0.2, 0]      a_z = [0.5, −0.3] + [0.2, 0]  = [0.7, −0.3]
    ///     h U_r = [0.2·0 − 0.4·1, 0.2·1 − 0.4·0] = [−0.4, 0.2]   a_r = [0.1, 0.1] + [−0.4, 0.2] = [−0.3, 0.3]
    ///     r ⊙ h = [0.2 σ(−0.3), −0.4 σ(0.3)]
    ///     (r ⊙ h) U_h with U_h = [[1, 0], [1, 1]] = [0.2 σ(−0.3) − 0.4 σ(0.3), −0.4 σ(0.3)]
    ///     h̃ = tanh([1, −1] + that);  h = (1 − z) ⊙ h_{t−1} + z ⊙ h̃
    @Test func oneStepMatchesTheHandComputation() {
        func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
        let parameters = GRU.Parameters(
            wz: .identity(2), uz: Matrix(rowArrays: [[1, 2], [0, 1]]),
            wr: .identity(2), ur: Matrix(rowArrays: [[0, 1], [1, 0]]),
            wh: .identity(2), uh: Matrix(rowArrays: [[1, 0], [1, 1]]))
        let step = GRUStep(input: (Matrix(row: [0.5, -0.3]), Matrix(row: [0.1, 0.1]), Matrix(row: [1, -1])),
                           previous: Matrix(row: [0.2, -0.4]), parameters: parameters)
        let z = [sigmoid(0.7), sigmoid(-0.3)]
        let r = [sigmoid(-0.3), sigmoid(0.3)]
        let candidate = [tanh(1 + 0.2 * r[0] - 0.4 * r[1]), tanh(-1 - 0.4 * r[1])]
        let h = [(1 - z[0]) * 0.2 + z[0] * candidate[0], (1 - z[1]) * -0.4 + z[1] * candidate[1]]
        #expect(maxAbsoluteDifference(step.az.scalars, [0.7, -0.3]) <= 1e-15)
        #expect(maxAbsoluteDifference(step.z.scalars, z) <= 1e-15)
        #expect(maxAbsoluteDifference(step.r.scalars, r) <= 1e-15)
        #expect(maxAbsoluteDifference(step.candidate.scalars, candidate) <= 1e-15)
        #expect(maxAbsoluteDifference(step.h.scalars, h) <= 1e-15)
    }
}
