#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension BLASThreads {
    /// Makes OpenBLAS compute every product on the calling thread alone.
    ///
    /// Training multiplies many small matrices (a batch of 32 rows by a few hundred columns), for
    /// which OpenBLAS's worker threads cost more in hand-offs and spinning than they save: on two
    /// busy cores a training run spent as much system time as user time with them. One thread
    /// also makes every product independent of the number of cores. `openblas_set_num_threads`
    /// is looked up at run time, so another BLAS is left alone.
    public static func useOneThread() {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "openblas_set_num_threads") else { return }
        typealias SetThreads = @convention(c) (Int32) -> Void
        unsafeBitCast(symbol, to: SetThreads.self)(1)
    }
}
