import Foundation
import Testing
import TestSupport

/// `explain` on the cells that sliding windows, ALiBi and grouped heads add, through the real binary,
/// on a hand-checkable spec: X = I₃ and W_Q = W_K = W_V = I₃, so Q = K = V = I₃ and every scaled score
/// is 1/√3 on the diagonal and 0 elsewhere.
@Suite struct LaterModelExplainTests {
    static let identity = "[[1,0,0],[0,1,0],[0,0,1]]"
    static let spec = #"{"variant":"causal","tensors":{"X":I,"W_Q":I,"W_K":I,"W_V":I},"options":{"alibi":true,"sliding_window":2}}"#
        .replacingOccurrences(of: "I", with: identity)

    /// Each cell's derivation, without the line naming the cell that `explain` prints before each of several.
    func explain(_ cells: [String]) throws -> [String] {
        let directory = try makeTemporaryDirectory()
        let spec = directory.appendingPathComponent("later.json")
        try Self.spec.write(to: spec, atomically: true, encoding: .utf8)
        let result = try runAttentionTrace(["explain", "--input", spec.path] + cells.flatMap { ["--cell", $0] })
        #expect(result.status == 0, "\(result.standardError)")
        let blocks = result.standardOutput.trimmingCharacters(in: .newlines).components(separatedBy: "\n\n")
        #expect(zip(blocks, cells).allSatisfy { $0.hasPrefix("\($1):\n") })
        return zip(blocks, cells).map { String($0.dropFirst($1.count + 2)) }
    }

    /// One head: m₀ = 2^−8, so B[2,1] = −(2 − 1)/256 = −0.0039, and S′[2,1] = 0 − 0.0039.
    @Test func aLiBiCellsShowTheDistanceTheSlopeAndTheSum() throws {
        let lines = try explain(["alibi.distance[2,1]", "alibi.B[2,1]", "alibi.biased[2,1]"])
        #expect(lines.count == 3)
        #expect(lines[0] == "alibi.distance[2,1] = i[2,1] − j[0,1]\n= 2.0000 − 1.0000\n= 1.0000")
        #expect(lines[1].hasPrefix("B[2,1] = −0.0039 · alibi.distance[2,1], where −0.0039 is −m_0 = −2^(−8·1/1)\n"))
        #expect(lines[1].hasSuffix("= −0.0039"))
        #expect(lines[2] == "S[2,1] = scores.S[2,1] + B[2,1]\n= 0.0000 + −0.0039\n= −0.0039")
    }

    /// W = 2: position 2 sees 1 and 2; position 0 is outside the window, which has half-width 1.
    @Test func slidingWindowCellsSayWhyAPositionIsKeptOrMasked() throws {
        let lines = try explain(["mask.window[2,0]", "mask.M[2,1]", "mask.masked[2,0]"])
        #expect(lines[0].contains("|0 − 2.0000| = 2.0000 > D = 1.0000, so position 0 is outside the window and masked"))
        #expect(lines[1] == "M[2,1] = C[2,1] · W[2,1]\n= 1.0000 · 1.0000\n= 1.0000")
        #expect(lines[2].hasPrefix("S[2,0] = −∞ (masked), because M[2,0] = 0"))
    }

    /// RoPE on X = I₃ padded to width 4 (W_Q = W_K = I₄), interleaved pairs: at position 1, pair 0
    /// turns by 1 radian, so Q′[1,1] = Q[1,1] cos 1 + Q[1,0] sin 1 = 1 · 0.5403 + 0 · 0.8415.
    @Test func aRotatedEntryShowsItsPairTheCosineAndTheSine() throws {
        let identity = "[[1,0,0,0],[0,1,0,0],[0,0,1,0],[0,0,0,1]]"
        let spec = #"{"variant":"causal","tensors":{"X":[[1,0,0,0],[0,1,0,0],[0,0,1,0]],"W_Q":I,"W_K":I,"W_V":I},"options":{"rope":"interleaved"}}"#
            .replacingOccurrences(of: "I", with: identity)
        let directory = try makeTemporaryDirectory()
        let file = directory.appendingPathComponent("rope.json")
        try spec.write(to: file, atomically: true, encoding: .utf8)
        let result = try runAttentionTrace(["explain", "--input", file.path, "--cell", "rope.Q[1,1]"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == """
            Q′[1,1] = Q[1,1] · cos[1,0] + Q[1,0] · sin[1,0]
            = 1.0000 · 0.5403 + 0.0000 · 0.8415
            = 0.5403
            cos[1,0] = cos(pθ[1,0])
            = cos(1.0000)
            = 0.5403

            """)
    }
}
