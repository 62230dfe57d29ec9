import AttentionTrace
import Foundation
import Testing
@testable import AttentionRendering

@Suite struct CellDeriverTests {
    let additive = CellDeriver(trace: HandTraces.additive)

    private func text(_ deriver: CellDeriver, _ id: TensorID, _ i: Int, _ j: Int) throws -> String {
        try #require(deriver.derivation(of: id, row: i, column: j)).text
    }

    @Test func additiveScoreShowsBothProductsAndTheirSum() throws {
        let text = try text(additive, "t0.score.scores", 0, 1)
        let (tanh2, tanh1) = (NumberFormatting.fixed(tanh(2)), NumberFormatting.fixed(tanh(1)))
        #expect(tanh2 == "0.9640" && tanh1 == "0.7616")
        #expect(text == """
            e[0,1] = Σ_k v_a[k] · u[1,k]
            = 1.0000·\(tanh2) + (−1.0000)·\(tanh1)
            = \(NumberFormatting.fixed(tanh(2) - tanh(1)))
            """)
    }

    @Test func hiddenUnitShowsTheTanhOfItsRecordedArgument() throws {
        #expect(try text(additive, "t0.score.u", 1, 1) == "u[1,1] = tanh(t0.score.pre[1,1])\n= tanh(1.0000)\n= 0.7616")
    }

    @Test func weightIsTheExponentialOverTheRowSum() throws {
        // e = [tanh 2, tanh 2 − tanh 1] and m = tanh 2, so y = [0, −tanh 1].
        let exps = [1.0, exp(-tanh(1))]
        let z = exps[0] + exps[1]
        #expect(try text(additive, "t0.normalise.weights", 0, 0) == """
            α[0,0] = ε[0,0] / Z[0,0]
            = 1.0000 / \(NumberFormatting.fixed(z))
            = \(NumberFormatting.fixed(1 / z))
            """)
        #expect(try text(additive, "t0.normalise.exp", 0, 1) == """
            ε[0,1] = exp(y[0,1])
            = exp(0.2024 − 0.9640)
            = exp(−0.7616)
            = \(NumberFormatting.fixed(exps[1]))
            """)
        #expect(try text(additive, "t0.normalise.max", 0, 0).hasSuffix("= 0.9640, at k = 0 (“le”)"))
    }

    @Test func concatenationSaysWhichOperandAColumnComesFrom() throws {
        #expect(try text(additive, "t0.concatenate.c", 1, 3) == "c[1,3] = h[1,1]: columns 2–3 of c are h\n= 1.0000")
        #expect(try text(additive, "t0.concatenate.c", 1, 0) == "c[1,0] = s[0,0]: columns 0–1 of c are s\n= 1.0000")
    }

    @Test func leavesSayWhereTheNumberCameFrom() throws {
        #expect(try text(additive, "v_a", 0, 1) == "v_a[1] = −1.0000\ngiven in the input spec")
    }

    @Test func maskedCellExplainsTheMask() throws {
        let deriver = CellDeriver(trace: HandTraces.causal)
        #expect(try text(deriver, "mask.masked", 0, 2) == """
            S[0,2] = −∞ (masked), because M[0,2] = 0; the softmax will give it weight 0
            M[0,2] = 0.0000, because j = 2 > i = 0: position 2 (“hier”) comes after position 0 (“the”), so it is in the future and masked
            """)
        #expect(try text(deriver, "mask.masked", 2, 1).hasPrefix("S[2,1] = scores.S[2,1], kept because M[2,1] = 1\n= 2.0000\n"))
    }

    @Test func productsOfMoreThanEightTermsElideTheMiddleButKeepTheSum() throws {
        let eight = try text(CellDeriver(trace: HandTraces.dotProduct(width: 8)), "p.out", 0, 0)
        #expect(eight == "p[0,0] = Σ_k a[0,k] · b[k,0]\n= 1.0000·0.5000 + 2.0000·0.5000 + 3.0000·0.5000 + 4.0000·0.5000 + 5.0000·0.5000 + 6.0000·0.5000 + 7.0000·0.5000 + 8.0000·0.5000\n= 18.0000")
        let nine = try text(CellDeriver(trace: HandTraces.dotProduct(width: 9)), "p.out", 0, 0)
        #expect(nine == "p[0,0] = Σ_k a[0,k] · b[k,0]\n= 1.0000·0.5000 + 2.0000·0.5000 + 3.0000·0.5000 + 4.0000·0.5000 + … + 8.0000·0.5000 + 9.0000·0.5000 (9 terms)\n= 22.5000")
    }

    @Test func everyDerivationEndsWithTheNumberItsTableShows() throws {
        for step in HandTraces.additive.steps {
            for tensor in step.tensors {
                for i in 0..<tensor.values.rowCount {
                    for j in 0..<tensor.values.columnCount {
                        let derivation = additive.derivation(of: tensor, row: i, column: j)
                        let shown = DerivationFormatting.number(tensor.values[i, j])
                        #expect(derivation.text.contains("= \(shown)"), "\(tensor.id)[\(i),\(j)]: \(derivation.text)")
                    }
                }
            }
        }
    }

    @Test func resultCellsNameTheRecordedCellTheyCopy() throws {
        let display = TensorDisplay(result: "weights", values: try #require(HandTraces.additive.result["weights"]),
                                    in: HandTraces.additive)
        let cells = try #require(additive.derivations(of: display))
        #expect(cells.count == 2)
        #expect(cells[1].lines.first == "result.weights[0,1] = t0.normalise.weights[0,1]")
        #expect(cells[1].lines[1] == "= " + DerivationFormatting.number(HandTraces.additive.result["weights"]?[0, 1] ?? .nan))
    }
}
