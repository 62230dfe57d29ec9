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
    /// Stops OpenBLAS's idle worker threads, if the loaded BLAS has them, and makes the ones it
    /// starts again sleep as soon as they are idle.
    ///
    /// Between the products of a large trace the spinning worker competed for the second core
    /// with the element-wise work that splits across both (the softmax, the summaries): at
    /// n = 2048 its `sched_yield` calls took about 0.8 s of system time. So unless
    /// `OPENBLAS_THREAD_TIMEOUT` is already set, it is set to 4 (2⁴ ticks of spinning, the least
    /// OpenBLAS accepts) and OpenBLAS reads its environment again (`openblas_read_env`) before
    /// the workers stop; it reads the timeout when it starts them. Waking a sleeping worker costs
    /// a few microseconds at the next product, which takes milliseconds whenever it is threaded.
    ///
    /// `blas_thread_shutdown_` (which OpenBLAS also calls at exit) and `openblas_read_env` are
    /// looked up at run time, so a serial or OpenMP build of OpenBLAS, or another BLAS, is left alone.
    public static func stopIdleWorkers() {
        let library = UnsafeMutableRawPointer(bitPattern: 0)
        guard let shutdown = dlsym(library, "blas_thread_shutdown_") else { return }
        if let readEnvironment = dlsym(library, "openblas_read_env") {
            setenv("OPENBLAS_THREAD_TIMEOUT", "4", 0)
            typealias ReadEnvironment = @convention(c) () -> Void
            unsafeBitCast(readEnvironment, to: ReadEnvironment.self)()
        }
        typealias Shutdown = @convention(c) () -> Int32
        _ = unsafeBitCast(shutdown, to: Shutdown.self)()
    }
}
