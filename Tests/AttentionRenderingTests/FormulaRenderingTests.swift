import AttentionText
import AttentionTrace
import Testing
@testable import AttentionRendering

@Suite struct FormulaRenderingTests {
    @Test func additiveScoreBecomesScriptsAndAnUprightFunction() {
        let mathML = Formula(#"e_i = v_a^\top \tanh(W_a c_i)"#).mathML()
        #expect(mathML == #"<math display="block" alttext="e_i = v_a^⊤ tanh(W_a c_i)">"#
            + "<msub><mi>e</mi><mi>i</mi></msub><mo>=</mo>"
            + "<msubsup><mi>v</mi><mi>a</mi><mo>⊤</mo></msubsup>"
            + #"<mi mathvariant="normal">tanh</mi><mo>(</mo>"#
            + "<msub><mi>W</mi><mi>a</mi></msub><msub><mi>c</mi><mi>i</mi></msub><mo>)</mo></math>")
    }

    @Test func fractionOfASquareRoot() {
        let mathML = Formula(#"\frac{x}{\sqrt{d_k}}"#).mathML(display: .inline)
        #expect(mathML == #"<math alttext="x/√d_k"><mfrac><mi>x</mi><msqrt><msub><mi>d</mi><mi>k</mi></msub></msqrt></mfrac></math>"#)
    }

    @Test func numbersAndGroupedScripts() {
        let formula = Formula("x^{t-1} = 0.5 · y_{12}")
        #expect(formula.mathML().contains("<msup><mi>x</mi><mrow><mi>t</mi><mo>-</mo><mn>1</mn></mrow></msup>"))
        #expect(formula.mathML().contains("<mn>0.5</mn><mo>·</mo><msub><mi>y</mi><mn>12</mn></msub>"))
        #expect(formula.plainText == "x^(t-1) = 0.5 · y_12")
    }

    /// The kv-cache's `x_60` is x with the subscript 60, not TeX's x₆ followed by 0.
    @Test func aRunOfDigitsIsOneScript() {
        #expect(Formula("x_60").mathML() == #"<math display="block" alttext="x_60"><msub><mi>x</mi><mn>60</mn></msub></math>"#)
        #expect(Formula("K_3^⊤").mathML().contains("<msubsup><mi>K</mi><mn>3</mn><mo>⊤</mo></msubsup>"))
        #expect(Formula("a_1b").mathML().contains("<msub><mi>a</mi><mn>1</mn></msub><mi>b</mi>"))
    }

    @Test func unicodePassesThrough() {
        let mathML = Formula("α = softmax(e) ⊙ h^→").mathML()
        #expect(mathML.contains("<mi>α</mi><mo>=</mo><mi mathvariant=\"normal\">softmax</mi>"))
        #expect(mathML.contains("<mo>⊙</mo><msup><mi>h</mi><mo>→</mo></msup>"))
    }

    @Test func plainTextDropsBracesAndKeepsScripts() {
        #expect(Formula(#"c = \sum_i α_i h_{i}"#).plainText == "c = ∑_i α_i h_i")
        #expect(Formula(#"\frac{Q K^T}{\sqrt{d_k}}"#).plainText == "(Q K^T)/√d_k")
    }

    @Test(arguments: ["e_{i", "x}", #"\frac{a}"#, "x^", #"\sqrt"#])
    func malformedFormulaFallsBackToEscapedText(_ text: String) {
        let formula = Formula(text + " <b>")
        let mathML = formula.mathML()
        #expect(mathML.contains("<mtext>"))
        #expect(mathML.contains(escapedHTML(text + " <b>")))
        #expect(!mathML.contains("<b>"))
        #expect(formula.plainText == text + " <b>")
    }

    @Test func operatorsAreEscaped() {
        #expect(Formula("a < b & c").mathML().contains("<mi>a</mi><mo>&lt;</mo><mi>b</mi><mo>&amp;</mo><mi>c</mi>"))
    }
}
