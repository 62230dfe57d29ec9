import Foundation

/// A sink that writes to an open file, such as a temporary file or standard output.
///
/// The caller opens and closes the file; the sink only writes, each chunk in full.
public struct FileHandleSink: ByteSink {
    /// The file written to.
    public let handle: FileHandle

    /// Creates a sink writing to `handle` from its current offset.
    public init(_ handle: FileHandle) {
        self.handle = handle
    }

    /// Writes every byte of `bytes`, retrying short writes.
    ///
    /// - Throws: Foundation's error for the failed system call (no space left, a closed pipe).
    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws(any Error) {
        try handle.write(contentsOf: bytes)
    }
}
