import AttentionText
import AttentionTrace
import Foundation
import Testing
import TestSupport
@testable import AttentionDerivation

@Suite struct DerivationFormatterTests {
    let additive = DerivationRules(trace: HandTraces.additive)

    /// The derivation of cell `(i, j)` of the step tensor `id` (row 0 for a vector), from the trace's rules and values.
    private func text(_ rules: DerivationRules, _ id: TensorID, _ i: Int, _ j: Int) throws -> String {
        let tensor = try #require(rules.tensor(id))
        return DerivationFormatter(rules: rules).derivation(of: rules.rule(for: tensor), at: [i, j]).text
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
        let rules = DerivationRules(trace: HandTraces.causal)
        #expect(try text(rules, "mask.masked", 0, 2) == """
            S[0,2] = −∞ (masked), because M[0,2] = 0; the softmax will give it weight 0
            M[0,2] = 0.0000, because j = 2 > i = 0: position 2 (“hier”) comes after position 0 (“the”), so it is in the future and masked
            """)
        #expect(try text(rules, "mask.masked", 2, 1).hasPrefix("S[2,1] = scores.S[2,1], kept because M[2,1] = 1\n= 2.0000\n"))
    }

    @Test func productsOfMoreThanEightTermsElideTheMiddleButKeepTheSum() throws {
        let eight = try text(DerivationRules(trace: HandTraces.dotProduct(width: 8)), "p.out", 0, 0)
        #expect(eight == "p[0,0] = Σ_k a[0,k] · b[k,0]\n= 1.0000·0.5000 + 2.0000·0.5000 + 3.0000·0.5000 + 4.0000·0.5000 + 5.0000·0.5000 + 6.0000·0.5000 + 7.0000·0.5000 + 8.0000·0.5000\n= 18.0000")
        let nine = try text(DerivationRules(trace: HandTraces.dotProduct(width: 9)), "p.out", 0, 0)
        #expect(nine == "p[0,0] = Σ_k a[0,k] · b[k,0]\n= 1.0000·0.5000 + 2.0000·0.5000 + 3.0000·0.5000 + 4.0000·0.5000 + … + 8.0000·0.5000 + 9.0000·0.5000 (9 terms)\n= 22.5000")
    }

    @Test func everyDerivationEndsWithTheNumberItsTableShows() throws {
        for step in HandTraces.additive.steps {
            for tensor in step.tensors {
                let values = try #require(tensor.values)
                for i in 0..<values.rowCount {
                    for j in 0..<values.columnCount {
                        let derivation = try text(additive, tensor.id, i, j)
                        let shown = DerivationFormatting.number(values[i, j])
                        #expect(derivation.contains("= \(shown)"), "\(tensor.id)[\(i),\(j)]: \(derivation)")
                    }
                }
            }
        }
    }

    @Test func resultCellsNameTheRecordedCellTheyCopy() throws {
        let result = try #require(HandTraces.additive.result["weights"])
        let rule = additive.rule(forResult: "result.weights", shape: try #require(result.values).shape)
        #expect(rule.kind == .result(sources: ["t0.normalise.weights"]))
        let lines = DerivationFormatter(rules: additive).derivation(of: rule, at: [0, 1]).lines
        #expect(lines.first == "result.weights[0,1] = t0.normalise.weights[0,1]")
        #expect(lines[1] == "= " + DerivationFormatting.number(result.values?[0, 1] ?? .nan))
    }

    /// A page that draws `a` as a picture embeds, in the product's rule, only the six
    /// terms of `a` that the elided sum shows; they suffice to write the derivation.
    @Test func excerptsHoldTheOperandCellsADerivationShows() throws {
        let rules = DerivationRules(trace: HandTraces.dotProduct(width: 9))
        let product = try #require(rules.tensor("p.out"))
        let rule = rules.rule(for: product, embedding: { $0 != "a" })
        let excerpt = try #require(rule.operands[0].excerpt)
        #expect(excerpt.rows == nil && excerpt.columns == [0, 1, 2, 3, 7, 8])
        #expect(excerpt.values == [1, 2, 3, 4, 8, 9])
        #expect(rule.operands[1].excerpt == nil, "b is embedded")
        let full = DerivationFormatter(rules: rules)
        let page = DerivationFormatter(rule: full.rule, value: { id, row, column in
            id == "a" ? nil : rules.value(of: id, row: row, column: column)
        })
        #expect(page.derivation(of: rule, at: [0, 0]) == full.derivation(of: rules.rule(for: product), at: [0, 0]))
    }

    @Test func anOperandWithoutValuesGetsANoteInsteadOfTerms() throws {
        let rules = DerivationRules(trace: HandTraces.dotProduct(width: 9))
        let formatter = DerivationFormatter(rule: { _ in nil }, value: { id, row, column in
            id == "b" ? nil : rules.value(of: id, row: row, column: column)
        })
        let product = try #require(rules.tensor("p.out"))
        #expect(formatter.derivation(of: rules.rule(for: product), at: [0, 0]).lines == [
            "p[0,0] = 22.5000",
            "computed by matmul from a, b; the trace keeps no values of b, so the terms cannot be shown",
        ])
    }

    /// A page's template holds the lines with holes for the values and a fact per row: no operation name.
    @Test func templateJSONHoldsLinesWithHolesAndFacts() throws {
        let rules = DerivationRules(trace: HandTraces.additive)
        var buffer = TextBuffer()
        DerivationFormatter(rules: rules).template(of: rules.rule(for: try #require(rules.tensor("t0.normalise.max"))))
            .appendJSON(to: &buffer)
        #expect(buffer.text == #"{"tensors":["t0.normalise.max","t0.score.scores"],"lines":["m[0,0] = max_k e[0,k]","= max({v1:0,0}, {v1:0,1})","= {v0:0,0}{@0:0}"],"facts":[[", at k = 0 (“le”)"]]}"#)
    }

    /// A page writes an operand's excerpt once: a later template that needs the same cells of the
    /// same tensor points at the island and slot of the first; other cells are written again.
    @Test func aPageWritesEachExcerptOnce() {
        let rows = ValueExcerpt(rows: [0, 3], columns: nil, values: [1, 2, 3, 4], columnCount: 2)
        let otherRows = ValueExcerpt(rows: [1, 3], columns: nil, values: [5, 6, 3, 4], columnCount: 2)
        let lines = [TemplateLine(content: .text("x"))]
        let page = ExcerptsOnPage()
        func json(_ template: DerivationTemplate) -> String {
            var buffer = TextBuffer()
            template.appendJSON(to: &buffer, page: page)
            return buffer.text
        }
        let full = #"{"values":["1.0000","2.0000","3.0000","4.0000"],"rows":[0,3],"columnCount":2}"#
        #expect(json(DerivationTemplate(tensors: ["a", "w"], excerpts: [nil, rows], lines: lines))
                == #"{"tensors":["a","w"],"lines":["x"],"excerpts":[null,"# + full + "]}")
        #expect(json(DerivationTemplate(tensors: ["b", "v", "w"], excerpts: [nil, nil, rows], lines: lines))
                == #"{"tensors":["b","v","w"],"lines":["x"],"excerpts":[null,null,{"island":"a","slot":1}]}"#)
        #expect(json(DerivationTemplate(tensors: ["c", "w"], excerpts: [nil, otherRows], lines: lines)).contains(#""values":["5.0000""#))
        #expect(json(DerivationTemplate(tensors: ["d", "u"], excerpts: [nil, rows], lines: lines)).contains(full))
        var alone = TextBuffer()
        DerivationTemplate(tensors: ["e", "w"], excerpts: [nil, rows], lines: lines).appendJSON(to: &alone)
        #expect(alone.text.contains(full), "without a page every excerpt is written in full")
    }

    /// A window's verdict depends on the cell: lines with conditions on a fact per cell.
    @Test func templateConditionsPickTheLinesOfACell() throws {
        let template = DerivationTemplate(tensors: ["w"], excerpts: [nil], facts: [["in", "out"]], lines: [
            TemplateLine(content: .text("w[\(TemplateIndex.row),\(TemplateIndex.column)] {literal}")),
            TemplateLine(conditions: [TemplateCondition(TemplateText.fact(0, at: .column), .equal, "in")],
                         content: .text("inside at \(TemplateIndex.column + 1)")),
            TemplateLine(conditions: [TemplateCondition(TemplateIndex.row, .less, TemplateIndex.column)],
                         content: .text("= \(TemplateText(source: "{v0:i,2*j-1}"))")),
        ])
        let value: (TensorID, Int, Int) -> Double? = { _, row, column in Double(10 * row + column) }
        #expect(template.filled(at: [0, 0], shape: [2, 2], value: value, template: { _ in nil })
                == ["w[0,0] {literal}", "inside at 1"])
        #expect(template.filled(at: [0, 1], shape: [2, 2], value: value, template: { _ in nil })
                == ["w[0,1] {literal}", "= 1.0000"])
    }

    @Test func templateJSONCannotCloseItsScriptElement() throws {
        let tokens = Axis(name: "source", labels: ["</script><!--", "&"])
        let mask = TracedTensor(id: "m", symbol: "M", description: "mask", axes: [tokens, tokens],
                                values: Tensor(rows: [[1, 0], [1, 1]]), provenance: Provenance(.causalMask))
        let trace = Trace(variant: "causal", inputs: [:],
                          steps: [Step(id: "s", title: "", explanation: "", formulas: [], tensors: [mask])], result: [:])
        let rules = DerivationRules(trace: trace)
        var buffer = TextBuffer()
        DerivationFormatter(rules: rules).template(of: rules.rule(for: mask)).appendJSON(to: &buffer)
        let json = buffer.text
        #expect(json.contains(#""facts":[["\u003c/script\u003e\u003c!--","\u0026"]"#))
        #expect(!json.contains("<") && !json.contains(">") && !json.contains("&"))
    }
}
