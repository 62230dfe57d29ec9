import AttentionEngine
import AttentionTrace
import Foundation
import Testing

/// How a spec's variant, options, keys and shapes meet a request (issue 11, items 1, 2, 3, 6 and 8).
@Suite struct SpecHandlingTests {
    func spec(_ json: String) throws -> InputSpec {
        try InputSpec(json: Data(json.utf8), file: "spec.json")
    }

    func failure(_ json: String, variant: Variant? = nil, options: MechanismOptions = .init()) -> String? {
        do {
            _ = try AttentionTracer().trace(TraceRequest(variant: variant, spec: try spec(json), options: options))
            return nil
        } catch {
            return "\(error)"
        }
    }

    static let dotSpec = #"{"variant": "dot", "tensors": {"query": [[1, 2]], "keys": [[1, 0], [0, 1]]}}"#

    @Test func theSpecsVariantIsUsedWhenTheRequestNamesNone() throws {
        let trace = try AttentionTracer().trace(TraceRequest(spec: try spec(Self.dotSpec)))
        #expect(trace.variant == "dot")
        #expect(trace.tensor("t0.score.scores")?.values?.scalars == [1, 2])
        #expect(try AttentionTracer().trace(TraceRequest(source: "a", target: "b", parameters: .seeded)).variant == "additive")
    }

    @Test func onlyARealConflictOfVariantsIsRefusedNamingBothSources() throws {
        #expect(try AttentionTracer().trace(TraceRequest(variant: .dot, spec: try spec(Self.dotSpec))).variant == "dot")
        #expect(failure(Self.dotSpec, variant: .additive)
                    == "spec.json: the spec is for variant 'dot' but the requested variant is 'additive'")
    }

    @Test func variantNamesIgnoreCaseAndSuggestTheClosest() throws {
        #expect(Variant(rawValue: "Multi-Head") == .multiHead)
        #expect(try spec(#"{"variant": "LOCAL-P"}"#).variant == .localP)
        #expect(throws: TraceError.unknownVariant("multihead")) { try Variant(named: "multihead") }
        #expect("\(TraceError.unknownVariant("multihead"))".hasPrefix("unknown variant 'multihead'; did you mean 'multi-head'? choose one of: additive,"))
        #expect(failure(#"{"variant": "multihead"}"#)?
                    .hasPrefix("spec.json: invalid spec at variant: unknown variant 'multihead'; did you mean 'multi-head'?") == true)
    }

    @Test func anOptionThatRestatesTheVariantIsAcceptedAndAContradictionIsRefused() throws {
        let tokens = #""sourceTokens": ["a", "b", "c"]"#
        let plain = try AttentionTracer().trace(TraceRequest(spec: try spec(#"{"variant": "causal", \#(tokens)}"#)))
        let restated = try AttentionTracer().trace(TraceRequest(spec: try spec(#"{"variant": "causal", "options": {"causal": true}, \#(tokens)}"#)))
        #expect(restated == plain)
        #expect(restated.result["weights"]?.scalars?[1] == 0)
        #expect(failure(#"{"variant": "causal", "options": {"causal": false}, \#(tokens)}"#)
                    == "option 'causal' is false in the spec, but variant 'causal' means causal = true; leave the option out or choose another variant")
        #expect(failure(Self.dotSpec, options: .init(score: .general))
                    == "option 'score' is general in the request, but variant 'dot' means score = dot; leave the option out or choose another variant")
        #expect(failure(#"{"variant": "dot", "options": {"score": "dot"}, "tensors": {"query": [[1]], "keys": [[1]]}}"#) == nil)
    }

    @Test func everyUnknownKeyIsNamedWithWhereItIsAndTheClosestKnownKey() {
        #expect(failure(#"{"tensor": {"query": [[1]]}}"#) == "spec.json: unknown key 'tensor' at the top level; did you mean 'tensors'?")
        #expect(failure(#"{"options": {"head": 2}}"#) == "spec.json: unknown key 'head' in options; did you mean 'heads'?")
        #expect(failure(#"{"options": {"windw": 1}}"#) == "spec.json: unknown key 'windw' in options; did you mean 'window'?")
        #expect(failure(#"{"colour": "red"}"#) == "spec.json: unknown key 'colour' at the top level")
        #expect(failure(#"{"variant": "dot", "tensors": {"querry": [[1]], "keys": [[1]]}}"#)
                    == "tensor 'querry' is not used by variant 'dot', which reads: query, keys, values; did you mean 'query'?")
        #expect(failure(#"{"variant": "dot", "tensors": {"query\n": [[1]]}}"#)?.hasPrefix(#"tensor 'query\n' is not used"#) == true)
        #expect(failure(#"{"options": {"score": "cosine"}}"#)
                    == "spec.json: invalid spec at options.score: unknown score 'cosine'; choose dot, general or concat")
    }

    @Test func zeroExtentsAreRefusedByNameBeforeAnyMatrixIsBuilt() {
        #expect(failure(#"{"variant": "global", "tensors": {"query": [[1]], "keys": [[1]], "W_a": []}}"#, options: .init(score: .concat))
                    == "tensor 'W_a' has shape [0]: every dimension must be at least 1")
        #expect(failure(#"{"variant": "dot", "tensors": {"query": [[]], "keys": [[1]]}}"#)
                    == "tensor 'query' has shape [1, 0]: every dimension must be at least 1")
        #expect(failure(#"{"variant": "additive", "tensors": {"query": [[1]], "keys": []}}"#)
                    == "tensor 'keys' has shape [0]: every dimension must be at least 1")
        #expect(failure(#"{"tensors": {}, "sourceTokens": [], "targetTokens": ["it"]}"#)
                    == "'sourceTokens' in the spec is empty: give at least one source token, or leave the key out")
        // A width that would make d_k = 0, and so 1/√d_k infinite.
        #expect(failure(#"{"variant": "self", "tensors": {"X": [[], []]}}"#)
                    == "tensor 'X' has shape [2, 0]: every dimension must be at least 1")
        #expect(failure(#"{"variant": "self", "tensors": {"X": [[1, 2]], "W_Q": [[], []]}}"#)
                    == "tensor 'W_Q' has shape [2, 0]: every dimension must be at least 1")
    }

    @Test func aShapeIsCheckedAgainstTheScoreInForceWhereverItCameFrom() {
        // W_a as a flat list of the wrong length: a general score reads it as d_s x d_h, a concat score as one row of d_s + d_h.
        let flat = #"{"variant": "global", "tensors": {"query": [[1, 2]], "keys": [[1, 2]], "W_a": [1, 2, 3]}}"#
        #expect(failure(flat) == "tensor 'W_a' has shape [3], expected [2, 2] (d_s x d_h, with d_s = 2 from query and d_h = 2 from keys)")
        #expect(failure(flat, options: .init(score: .concat))
                    == "tensor 'W_a' has shape [3], expected [1, 4] (d_a x (d_s + d_h), with d_s = 2 from query and d_h = 2 from keys)")
    }

    @Test func aScoreThatOverflowsToMinusInfinityIsRefusedNotShownAsMasked() {
        // tanh(W_a c) is 1 in both rows, so e_i = −1e308 − 1e308, below the most negative Double.
        let spec = #"{"variant": "additive", "tensors": {"query": [[1]], "keys": [[1], [1]], "W_a": [[10, 10], [10, 10]], "v_a": [-1e308, -1e308]}}"#
        #expect(failure(spec) == "the computation overflowed: t0.score.scores[0][0] is not a finite number; "
                    + "the given tensors are too large (the largest magnitude is 1e+308), scale them down")
    }

    @Test func jsonSyntaxErrorsArePlacedByTheirOwnScanInCharacters() throws {
        let error = try #require(JSONSyntaxError(validating: Data("[1,\n 2,, 3]".utf8)))
        #expect(error.description == "Invalid value around line 2, column 4.")
        #expect((error.line, error.column) == (2, 4))
        #expect(JSONSyntaxError(validating: Data(#"{"é": x}"#.utf8))?.description == "Invalid value around line 1, column 7.")
        #expect(JSONSyntaxError(validating: Data(#"{"a": [1, 2}"#.utf8))?.description
                    == "Badly formed array: expected ',' or ']' around line 1, column 12.")
        #expect(JSONSyntaxError(validating: Data(#"{"a": "b"#.utf8))?.description == "Unterminated string around line 1, column 9.")
        #expect(JSONSyntaxError(validating: Data(#"{"a": [1, {"b": null}]}"#.utf8)) == nil)
        // Nesting deeper than Foundation allows is valid JSON to the scan, which keeps no call stack.
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(JSONSyntaxError(validating: Data(deep.utf8))?.line == nil)
    }
}
