import AttentionEngine
import Foundation
import Testing

/// The registry of mechanisms and what reads it: names, options, tensors and the docs index.
@Suite struct MechanismRegistryTests {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Docs/mechanisms").standardized

    @Test func everyVariantHasOneUniqueNameThatResolvesToItself() {
        let names = Variant.registered.map(\.rawValue)
        #expect(Set(names).count == names.count)
        for variant in Variant.registered {
            #expect(Variant(rawValue: variant.rawValue.uppercased()) == variant)
        }
    }

    @Test func theDocsIndexListsEveryRegisteredMechanismWithItsPage() throws {
        let index = try String(contentsOf: Self.docs.appendingPathComponent("README.md"), encoding: .utf8)
        let rows = index.split(separator: "\n").filter { $0.hasPrefix("| `") }
        #expect(rows.map { $0.dropFirst(3).prefix { $0 != "`" } }.map(String.init) == Variant.registered.map(\.rawValue))
        for variant in Variant.registered {
            #expect(FileManager.default.fileExists(atPath: Self.docs.appendingPathComponent("\(variant.rawValue).md").path),
                    "no page for \(variant)")
        }
    }

    @Test func theDocsIndexStatesEachVariantsOptions() throws {
        let index = try String(contentsOf: Self.docs.appendingPathComponent("README.md"), encoding: .utf8)
        for variant in Variant.registered {
            let row = try #require(index.split(separator: "\n").first { $0.hasPrefix("| `\(variant.rawValue)` |") })
            // Cells are split at the unescaped bars; `\|` is a bar inside a cell.
            let optionsCell = row.replacingOccurrences(of: "\\|", with: "¦").split(separator: "|")[3]
            for option in MechanismOption.allCases {
                #expect(optionsCell.contains("`\(option.rawValue)`") == variant.options.contains(option),
                        "\(variant): option \(option) in the index disagrees with the mechanism")
            }
        }
    }

    @Test func theTensorsAVariantReadsFollowTheOptionsInForce() {
        #expect(Variant.global.tensors().map(\.name) == ["query", "keys", "values"])
        #expect(Variant.global.tensors(under: .init(score: .concat)).map(\.name) == ["query", "keys", "values", "W_a", "v_a"])
        #expect(Variant.localP.tensors().map(\.name) == ["query", "keys", "values", "W_p", "v_p"])
        #expect(Variant.multiHead.tensors().map(\.name) == ["X", "W_Q", "W_K", "W_V", "W_O"])
        #expect(Variant.cross.tensors().map(\.name) == ["X", "memory", "W_Q", "W_K", "W_V"])
        #expect(Variant.cross.tensors(under: .init(heads: 2)).map(\.name) == ["X", "memory", "W_Q", "W_K", "W_V", "W_O"])
        #expect(Variant.causal.impliedOptions == MechanismOptions(causal: true))
        #expect(Variant.additive.impliedOptions == MechanismOptions(score: .concat))
        #expect(Variant.causal.options == [.slidingWindow, .sinkTokens, .alibi, .rope, .ropeBase, .ropeDims, .sinks, .bias])
        #expect(Variant.multiHead.tensors(under: .init(heads: 2, bias: true)).map(\.name)
                    == ["X", "W_Q", "W_K", "W_V", "W_O", "b_Q", "b_K", "b_V", "b_O"])
        #expect(Variant.selfAttention.tensors(under: .init(bias: true)).map(\.shape)
                    == ["n × d_model", "d_model × d_k", "d_model × d_k", "d_model × d_v", "d_k", "d_k", "d_v"])
        #expect(Variant.multiHead.tensors(under: .init(heads: 4, kvHeads: 2)).map(\.shape)
                    == ["n × d_model", "d_model × d_model", "d_model × kv_heads·d_k", "d_model × kv_heads·d_k", "d_model × d_model"])
        #expect(Variant.localM.options == [.score, .window])
    }
}
