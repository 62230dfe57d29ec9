#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The worker threads of OpenBLAS's pthreads build, which it starts when the library is loaded.
///
/// An idle worker spins on `sched_yield` for 2²⁸ clock ticks (about 0.1 s) before
/// it sleeps, so a short run whose products are all small enough for the fixed-order
/// loop (``Matrix/fixedOrderProductLimit``, every lesson-sized trace) spends its whole
/// life sharing the CPU with them: about 12 ms of CPU time for the walkthrough.
/// OpenBLAS starts them again by itself at the next threaded product.
public enum BLASThreads {
    /// Stops OpenBLAS's idle worker threads, if the loaded BLAS has them.
    ///
    /// `blas_thread_shutdown_` (which OpenBLAS also calls at exit) is looked up at run
    /// time, so a serial or OpenMP build of OpenBLAS, or another BLAS, is left alone.
    public static func stopIdleWorkers() {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "blas_thread_shutdown_") else { return }
        typealias Shutdown = @convention(c) () -> Int32
        _ = unsafeBitCast(symbol, to: Shutdown.self)()
    }
}
