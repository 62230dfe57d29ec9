import CAllocatorShims

/// How the process's allocator treats the engine's large matrices.
public enum LargeAllocations {
    /// Lets freed blocks of up to 256 MiB be reused instead of being returned to the system.
    ///
    /// glibc maps every block above its threshold (at most 32 MiB) afresh and unmaps it when
    /// it is freed, so each head's 2,048 × 2,048 matrices (33.5 MB each) were faulted in page
    /// by page, head after head. Call once at the start of a process that traces long inputs;
    /// with another C library it does nothing.
    public static func reuseFreedBlocks() {
        attention_keep_freed_blocks(256 << 20, 512 << 20)
    }
}
