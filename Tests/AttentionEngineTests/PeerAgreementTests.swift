import AttentionEngine
import AttentionTrace
import Foundation
import Testing
import TestSupport

/// The engine against PyTorch's own numbers: `F.scaled_dot_product_attention` in float64 with a
/// boolean mask (sliding windows), a float mask (ALiBi) and `enable_gqa` (key and value heads), on queries
/// and keys rotated by ONNX's reference `RotaryEmbedding` (RoPE), and gpt-oss's reference attention for
/// sink logits, as
/// `generate.py --check-torch` wrote them to `Fixtures/peers/`. The tests need no PyTorch.
@Suite struct PeerAgreementTests {
    /// The folder of `Fixtures` holding PyTorch's outputs, one file per reference fixture it ran.
    static let directory = "peers"

    struct Peer: Decodable, CustomTestStringConvertible {
        var description: String
        /// The reference fixture PyTorch ran, as `<variant>/<name>`.
        var fixture: String
        var output: Tensor
        var testDescription: String { fixture }
    }

    static let peers: [Peer] = {
        guard let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil)?.appendingPathComponent(directory),
              let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        return files.compactMap { $0 as? URL }.filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
            .compactMap { url in (try? Data(contentsOf: url)).flatMap { try? JSONDecoder().decode(Peer.self, from: $0) } }
    }()

    @Test func everyNewOptionHasAPeer() {
        let specs = Self.peers.compactMap { peer in ReferenceFixtureTests.fixtures.first { $0.name == peer.fixture }?.spec }
        #expect(specs.count == Self.peers.count, "a peer names a fixture that does not exist")
        let options = Set(specs.flatMap { spec in MechanismOption.allCases.filter { $0.value(in: spec.options) != nil } })
        let required: Set<MechanismOption> = [.slidingWindow, .alibi, .kvHeads, .rope, .ropeBase, .ropeDims, .sinks, .sinkTokens]
        #expect(options.isSuperset(of: required))
        #expect(Self.peers.count >= 18)
    }

    @Test(arguments: peers)
    func outputsMatchPyTorch(_ peer: Peer) throws {
        let fixture = try #require(ReferenceFixtureTests.fixtures.first { $0.name == peer.fixture })
        let trace = try AttentionTracer().trace(TraceRequest(spec: fixture.spec))
        let output = try #require(trace.result["output"]?.values)
        #expect(output.shape == peer.output.shape)
        #expect(maxAbsoluteDifference(output.scalars, peer.output.scalars) <= 1e-12)
    }
}
