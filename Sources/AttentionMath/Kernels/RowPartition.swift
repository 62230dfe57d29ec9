import Dispatch
import Foundation

/// Splits the rows of an element-wise computation into one contiguous chunk per core
/// and runs the chunks at the same time.
///
/// Every row is computed by the same code whichever chunk it falls in, so the result
/// is bit-identical to computing the rows one after another; only the wall time
/// changes. Matrices below ``RowPartition/parallelThreshold`` entries run on the
/// calling thread, where waking another thread would cost more than it saves.
///
/// Public so that the engine can split a large summary's rows the same way
/// (`TensorSummary.init(_:pictureSide:splittingRows:)`).
public enum RowPartition {
    /// The number of entries from which a computation is split across cores: about
    /// 0.2 ms of softmax, well above the few microseconds it takes to wake a worker thread.
    static let parallelThreshold = 1 << 15

    /// The number of chunks large computations are split into: one per active core.
    static let chunkCount = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Calls `body` with disjoint ranges of rows that together cover `0..<rows`,
    /// concurrently when `rows · columns` reaches ``parallelThreshold``.
    ///
    /// - Parameter body: Computes the rows in its range; it may run on several threads
    ///   at once and must write only to those rows' storage.
    public static func forEachChunk(rows: Int, columns: Int, _ body: (Range<Int>) -> Void) {
        let chunks = rows * columns >= parallelThreshold ? Swift.min(chunkCount, rows) : 1
        guard chunks > 1 else {
            body(0..<rows)
            return
        }
        withoutActuallyEscaping(body) { body in
            let work = ChunkWork(body: body)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                work.body((rows * chunk / chunks)..<(rows * (chunk + 1) / chunks))
            }
        }
    }

    /// The body shared by the chunks' threads.
    ///
    /// `@unchecked Sendable` because the chunks are disjoint and each body writes only
    /// its own rows, which ``forEachChunk(rows:columns:_:)`` requires.
    private struct ChunkWork: @unchecked Sendable {
        let body: (Range<Int>) -> Void
    }
}
