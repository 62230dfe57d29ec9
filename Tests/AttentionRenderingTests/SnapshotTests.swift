import AttentionTrace
import Testing
import TestSupport
@testable import AttentionRendering

/// The hand-derived additive trace as a Markdown page and as an HTML page, byte for byte
/// against golden files (`__Snapshots__/`); `RECORD_SNAPSHOTS=1` records new ones and fails.
@Suite struct SnapshotTests {
    @Test func markdownPage() throws {
        assertSnapshot(try render(HandTraces.additive, as: .markdown), named: "additive.md")
    }

    @Test func htmlPage() throws {
        assertSnapshot(try render(HandTraces.additive, as: .html), named: "additive.html")
    }
}
