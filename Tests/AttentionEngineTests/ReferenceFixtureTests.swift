import AttentionEngine
import AttentionTrace
import Foundation
import Testing
import TestSupport

/// Every variant against exact values from an independent implementation of the
/// conventions (`Fixtures/generate.py`, cross-checked against PyTorch).
@Suite struct ReferenceFixtureTests {
    struct Fixture: CustomTestStringConvertible {
        var name: String
        var description: String
        var spec: InputSpec
        var expected: [String: Tensor]

        /// What a fixture expects; its `spec` is read by the engine's own spec reader.
        private struct Expectation: Decodable {
            var description: String
            var expected: [String: Tensor]
        }

        /// The fixture in the file at `url`, named by its path below `root`.
        init?(_ url: URL, root: URL) {
            guard let data = try? Data(contentsOf: url),
                  let expectation = try? JSONDecoder().decode(Expectation.self, from: data),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let spec = object["spec"],
                  let specText = try? JSONSerialization.data(withJSONObject: spec),
                  let spec = try? InputSpec(json: specText, file: url.path) else { return nil }
            name = url.deletingPathExtension().path.replacingOccurrences(of: root.path + "/", with: "")
            (description, self.spec, expected) = (expectation.description, spec, expectation.expected)
        }

        var testDescription: String { name }
    }

    static let fixtures: [Fixture] = {
        guard let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil),
              let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        let peers = root.appendingPathComponent(PeerAgreementTests.directory).path + "/"
        return files.compactMap { $0 as? URL }.filter { $0.pathExtension == "json" && !$0.path.hasPrefix(peers) }
            .sorted { $0.path < $1.path }
            .compactMap { Fixture($0, root: root) }
    }()

    /// The keys of `expected` that are results; the rest are intermediates checked separately.
    static let intermediates: Set = ["scores", "scores_question", "scores_document", "p", "window_softmax"]

    @Test func everyVariantHasFixtures() {
        let variants = Set(Self.fixtures.compactMap(\.spec.variant?.rawValue))
        #expect(variants == Set(Variant.allCases.map(\.rawValue)))
        #expect(Self.fixtures.count >= 3 * Variant.allCases.count)
    }

    @Test(arguments: fixtures)
    func resultsMatchTheReference(_ fixture: Fixture) throws {
        let variant = try #require(fixture.spec.variant)
        let trace = try AttentionTracer().trace(TraceRequest(variant: variant, spec: fixture.spec))
        for (key, expected) in fixture.expected where !Self.intermediates.contains(key) {
            let actual = try #require(trace.result[key]?.values, "result has no '\(key)'")
            #expect(actual.shape == expected.shape, "\(key)")
            #expect(maxAbsoluteDifference(actual.scalars, expected.scalars) <= 1e-12, "\(key)")
        }
        #expect(Set(trace.result.keys) == Set(fixture.expected.keys).subtracting(Self.intermediates))
        if let positions = fixture.expected["p"] {
            let predicted = (0..<positions.scalars.count).compactMap { trace.tensor("t\($0).position.p")?.values?.scalars.first }
            #expect(maxAbsoluteDifference(predicted, positions.scalars) <= 1e-12)
        }
    }
}
