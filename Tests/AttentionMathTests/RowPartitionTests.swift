@testable import AttentionMath
import Foundation
import Testing

@Suite struct RowPartitionTests {
    /// The ranges a partition hands out, collected from whichever threads run them.
    private final class Ranges: @unchecked Sendable {
        private let lock = NSLock()
        private var ranges: [Range<Int>] = []

        func append(_ range: Range<Int>) {
            lock.withLock { ranges.append(range) }
        }

        var sorted: [Range<Int>] {
            lock.withLock { ranges.sorted { $0.lowerBound < $1.lowerBound } }
        }
    }

    @Test func largeMatricesAreSplitIntoOneContiguousChunkPerCore() {
        let ranges = Ranges()
        RowPartition.forEachChunk(rows: 1000, columns: 100) { ranges.append($0) }
        let chunks = ranges.sorted
        #expect(chunks.count == min(RowPartition.chunkCount, 1000))
        #expect(chunks.first?.lowerBound == 0)
        #expect(chunks.last?.upperBound == 1000)
        #expect(zip(chunks, chunks.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        #expect(chunks.allSatisfy { !$0.isEmpty })
    }

    @Test func smallMatricesAndSingleRowsStayOnTheCallingThread() {
        let ranges = Ranges()
        RowPartition.forEachChunk(rows: 100, columns: 100) { ranges.append($0) }
        #expect(100 * 100 < RowPartition.parallelThreshold)
        #expect(ranges.sorted == [0..<100])

        let oneRow = Ranges()
        RowPartition.forEachChunk(rows: 1, columns: 1 << 20) { oneRow.append($0) }
        #expect(oneRow.sorted == [0..<1])
    }
}
