// The allocator settings the engine needs and the Glibc module does not export:
// glibc's mallopt(3) and its M_MMAP_THRESHOLD and M_TRIM_THRESHOLD parameters.
// Elsewhere (macOS, musl) the function does nothing.
#ifndef C_ALLOCATOR_SHIMS_H
#define C_ALLOCATOR_SHIMS_H

#if defined(__has_include)
#if __has_include(<malloc.h>)
#include <malloc.h>
#endif
#endif

/// Lets freed blocks of up to `mmap_threshold` bytes be reused instead of being mapped
/// afresh and unmapped, and keeps up to `trim_threshold` bytes of free memory at the top
/// of the heap instead of returning it to the system.
static inline void attention_keep_freed_blocks(int mmap_threshold, int trim_threshold) {
#if defined(M_MMAP_THRESHOLD) && defined(M_TRIM_THRESHOLD)
    mallopt(M_MMAP_THRESHOLD, mmap_threshold);
    mallopt(M_TRIM_THRESHOLD, trim_threshold);
#else
    (void)mmap_threshold;
    (void)trim_threshold;
#endif
}

#endif
