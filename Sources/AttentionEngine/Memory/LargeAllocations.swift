#if canImport(Glibc)
/// glibc's `int mallopt(int param, int value)`, which the Glibc module does not export.
@_silgen_name("mallopt")
private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif

/// How the process's allocator treats the engine's large matrices.
public enum LargeAllocations {
    /// Lets freed blocks of up to 256 MiB be reused instead of being returned to the system.
    ///
    /// glibc maps every block above its threshold (at most 32 MiB) afresh and unmaps it when
    /// it is freed, so each head's 2,048 × 2,048 matrices (33.5 MB each) were faulted in page
    /// by page, head after head. Call once at the start of a process that traces long inputs;
    /// elsewhere it does nothing.
    public static func reuseFreedBlocks() {
        #if canImport(Glibc)
        // <malloc.h>'s M_TRIM_THRESHOLD and M_MMAP_THRESHOLD, which the Glibc module does not export.
        let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3
        _ = mallopt(mmapThreshold, 256 << 20)
        _ = mallopt(trimThreshold, 512 << 20)
        #endif
    }
}
