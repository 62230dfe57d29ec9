import Foundation
import Testing
import TestSupport

/// `compare` puts one variant under different options on one page (issue 13: plain causal,
/// a sliding window and attention sinks), and refuses a bad list with one line.
@Suite struct CompareCommandTests {
    static let source = "the cat sat on the mat and purred"
    static let entries = "causal,causal(sliding_window=3),causal(sliding_window=3, sink_tokens=1)"

    /// The weights row of `purred` (position 7) in the Markdown table of the entry `label`.
    private func purredRow(of label: String, in markdown: String) throws -> [Double] {
        let section = try #require(markdown.components(separatedBy: "## Weights: `\(label)`\n").dropFirst().first)
        let line = try #require(section.split(separator: "\n").first { $0.hasPrefix("purred ") })
        return line.split(separator: " ").dropFirst().compactMap { Double($0) }
    }

    @Test func causalASlidingWindowAndSinkTokensShareOnePage() throws {
        let result = try runAttentionTrace(["compare", "--variants", Self.entries, "--source", Self.source, "--format", "markdown"])
        #expect(result.status == 0, "\(result.standardError)")
        let page = result.standardOutput
        #expect(page.hasPrefix("# Attention compared: causal, causal(sliding\\_window=3), causal(sliding\\_window=3, sink\\_tokens=1)\n"))
        #expect(!page.contains("Target:"))
        #expect(page.contains("\nquery   causal "))
        // Plain causal: "purred" sees all 8 positions; the window only 5, 6, 7; the sink keeps 0 too.
        let plain = try purredRow(of: "causal", in: page)
        let window = try purredRow(of: "causal(sliding_window=3)", in: page)
        let sink = try purredRow(of: "causal(sliding_window=3, sink_tokens=1)", in: page)
        #expect(plain.count == 8 && window.count == 8 && sink.count == 8)
        #expect(plain.allSatisfy { $0 > 0 })
        #expect(window.indices.filter { window[$0] > 0 } == [5, 6, 7])
        #expect(sink.indices.filter { sink[$0] > 0 } == [0, 5, 6, 7])
        for row in [plain, window, sink] { #expect(abs(row.reduce(0, +) - 1) < 1e-3) }
        // Each entry is the trace its options give: the window's row is `trace --sliding-window 3`'s.
        let traced = try runAttentionTrace(["trace", "--variant", "causal", "--sliding-window", "3", "--source", Self.source,
                                            "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(traced.standardOutput.utf8)) as? [String: Any])
        let weights = try #require((json["result"] as? [String: Any])?["weights"] as? [String: Any])
        let rows = try #require(weights["values"] as? [[Double]])
        for (shown, exact) in zip(window, rows[7]) { #expect(abs(shown - exact) <= 5e-5) }
    }

    @Test func theHTMLPageCaptionsEachMapWithItsEntry() throws {
        let result = try runAttentionTrace(["compare", "--variants", Self.entries, "--source", Self.source])
        #expect(result.status == 0, "\(result.standardError)")
        for label in ["causal", "causal(sliding_window=3)", "causal(sliding_window=3, sink_tokens=1)"] {
            #expect(result.standardOutput.contains("<figcaption>\(label)</figcaption>"))
        }
        #expect(result.standardOutput.contains("rows are query words, columns key words."))
    }

    @Test(arguments: [
        (["--variants", "causal,additive"], "'causal' and 'additive' cannot share a page"),
        (["--variants", "causal(slidng_window=3)"], "--variants: cannot read the variant 'causal(slidng_window=3)': unknown option 'slidng_window'; did you mean 'sliding_window'?"),
        (["--variants", "causal(sliding_window=0)"], "sliding_window must be at least 1"),
        (["--variants", "dot(sliding_window=2),dot", "--target", "le chat"], "'dot(sliding_window=2)': option 'sliding_window' does not apply to variant 'dot'"),
        (["--variants", "causal(sink_tokens=1)"], "'causal(sink_tokens=1)': sink_tokens needs sliding_window"),
        (["--variants", "causal,flash"], "cannot compare variant 'flash': its result has no weights"),
        (["--variants", "causal", "--target", "le chat"], "'causal': variant 'causal' attends over the source only; --target does not apply"),
        (["--variants", "global,concat"], "'global': variant 'global' needs a target: pass --target"),
    ])
    func aBadListIsRefusedWithOneLineAndNoPage(_ arguments: [String], _ message: String) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("compare.html")
        let result = try runAttentionTrace(["compare", "--source", Self.source] + arguments + ["--output", output.path])
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("Error: "))
        #expect(result.standardError.contains(message), "\(result.standardError)")
        #expect(result.standardError.split(separator: "\n").count == 1, "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}
