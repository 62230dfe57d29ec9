import AttentionEngine
import Testing

/// Reading the entries of `compare --variants` and a lesson's `{compare}` (issue 13: "compare can
/// put, say, plain causal, sliding window and sinks on one page").
@Suite struct ComparedVariantTests {
    @Test func anEntryIsAVariantWithOptionsOfItsOwn() throws {
        let plain = try ComparedVariant(parsing: " causal ")
        #expect(plain.variant == .causal && plain.options == MechanismOptions() && plain.label == "causal")
        let windowed = try ComparedVariant(parsing: "causal( sliding-window = 3 , sink_tokens=1)")
        #expect(windowed.variant == .causal)
        #expect(windowed.options == MechanismOptions(slidingWindow: 3, sinkTokens: 1))
        #expect(windowed.label == "causal(sliding_window=3, sink_tokens=1)")
        let rotary = try ComparedVariant(parsing: "Causal(rope=interleaved, rope_base=500)")
        #expect(rotary.variant == .causal && rotary.options == MechanismOptions(rope: .interleaved, ropeBase: 500))
    }

    @Test func aListSplitsOnTheCommasBetweenEntriesOnly() throws {
        let entries = try ComparedVariant.list("causal, causal(sliding_window=3), causal(sliding_window=3, sink_tokens=1),")
        #expect(entries.map(\.label) == ["causal", "causal(sliding_window=3)", "causal(sliding_window=3, sink_tokens=1)"])
        #expect(try ComparedVariant.list("dot,general").map(\.variant) == [.dot, .general])
    }

    @Test(arguments: [
        ("causal(slidng_window=3)", "cannot read the variant 'causal(slidng_window=3)': unknown option 'slidng_window'; did you mean 'sliding_window'?"),
        ("causal(sliding_window)", "cannot read the variant 'causal(sliding_window)': write each option as name=value, such as sliding_window=3; found 'sliding_window'"),
        ("causal(sliding_window=0)", "cannot read the variant 'causal(sliding_window=0)': sliding_window must be at least 1 (the W positions i − W < j ≤ i each query sees), got 0"),
        ("causal(sliding_window=three)", "cannot read the variant 'causal(sliding_window=three)': sliding_window is a whole number, got 'three'"),
        ("causal(sliding_window=2, sliding-window=3)", "cannot read the variant 'causal(sliding_window=2, sliding-window=3)': the option sliding_window is set twice"),
        ("causal(sliding_window=2", "cannot read the variant 'causal(sliding_window=2': its parentheses do not balance"),
        ("causal(sliding_window=2)x", "cannot read the variant 'causal(sliding_window=2)x': the options must be in one pair of parentheses at the end, such as causal(sliding_window=3)"),
        ("causl", "unknown variant 'causl'; did you mean 'causal'?"),
        ("causal, additive", "'causal' and 'additive' cannot share a page: the rows of causal are the source over itself, those of additive target words over the source; compare variants of one kind"),
    ])
    func aBadEntryIsNamedWithWhatIsWrong(_ list: String, _ message: String) {
        #expect {
            try ComparedVariant.list(list)
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }
}
