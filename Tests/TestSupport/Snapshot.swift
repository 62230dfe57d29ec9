import Foundation
import Testing

/// Checks `text` against the golden file `name` in `__Snapshots__/` beside the calling test
/// file, as argument-parser's `assertSnapshot` does.
///
/// With `RECORD_SNAPSHOTS=1` in the environment it writes `text` as the new golden file
/// and then fails on purpose, so that a recording never passes: run the tests again
/// without it, and review the file's diff before committing it. A missing golden file
/// fails the same way, saying how to record it.
public func assertSnapshot(_ text: String, named name: String,
                           filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation) {
    let file = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
            Issue.record("recorded \(file.path); run the tests again without RECORD_SNAPSHOTS to check against it",
                         sourceLocation: sourceLocation)
        } catch {
            Issue.record("cannot record \(file.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let golden = try? String(contentsOf: file, encoding: .utf8) else {
        Issue.record("no snapshot \(file.path); record it with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
        return
    }
    guard golden != text else { return }
    let (expected, found) = (golden.split(separator: "\n", omittingEmptySubsequences: false),
                             text.split(separator: "\n", omittingEmptySubsequences: false))
    let line = zip(expected, found).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(expected.count, found.count)
    Issue.record("""
        differs from \(file.path) at line \(line + 1) (\(found.count) lines, \(expected.count) expected):
          expected: \(line < expected.count ? String(expected[line]) : "(end of file)")
          found:    \(line < found.count ? String(found[line]) : "(end of text)")
        if the change is intended, record it with RECORD_SNAPSHOTS=1 and review the diff
        """, sourceLocation: sourceLocation)
}
