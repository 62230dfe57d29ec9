#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The kernels OpenBLAS runs, which a dynamic-architecture build picks for the processor when it
/// is loaded.
///
/// OpenBLAS 0.3.21 (Debian 12's) does not know recent Intel server processors and falls back to
/// its Prescott kernels, which use SSE3 alone: on a Xeon with AVX-512 the trace's products at
/// n = 1024 ran at 29 GFLOP/s, against 81–107 GFLOP/s with the SkylakeX kernels and numpy's
/// newer OpenBLAS on the same machine.
public enum BLASKernels {
    /// When OpenBLAS fell back to its generic Prescott kernels on a processor with AVX-512 or
    /// AVX2, has it pick again as if `OPENBLAS_CORETYPE` named the kernels for that instruction
    /// set (``coreType(forCPUFlags:)``). A core type the user set, another BLAS, or a build
    /// without dynamic architectures is left alone: OpenBLAS's `gotoblas_dynamic_quit`,
    /// `gotoblas_dynamic_init` and `openblas_get_corename` are looked up at run time.
    ///
    /// Call it when the process starts, before any product: it swaps the kernel table that every
    /// BLAS call reads. The environment is as it was afterwards.
    ///
    /// - Returns: The core type now in use when it changed, such as `SkylakeX`, else `nil`.
    @discardableResult
    public static func replaceGenericFallback() -> String? {
        guard getenv(coreTypeVariable) == nil else { return nil }
        let library = UnsafeMutableRawPointer(bitPattern: 0)
        guard let name = dlsym(library, "openblas_get_corename"), let quit = dlsym(library, "gotoblas_dynamic_quit"),
              let initialise = dlsym(library, "gotoblas_dynamic_init") else { return nil }
        typealias CoreName = @convention(c) () -> UnsafeMutablePointer<CChar>?
        typealias Call = @convention(c) () -> Void
        let coreName = { unsafeBitCast(name, to: CoreName.self)().map { String(cString: $0) } }
        guard coreName()?.lowercased() == "prescott", let flags = cpuFlags(), let wanted = coreType(forCPUFlags: flags) else {
            return nil
        }
        setenv(coreTypeVariable, wanted, 1)
        unsafeBitCast(quit, to: Call.self)()
        unsafeBitCast(initialise, to: Call.self)()
        unsetenv(coreTypeVariable)
        return coreName()
    }

    /// The OpenBLAS core type for a processor with `flags` (as `/proc/cpuinfo` lists them, which
    /// the kernel leaves out when it does not save that state): `SkylakeX` with AVX-512's
    /// foundation, byte-and-word, vector-length and doubleword-and-quadword parts, `Haswell`
    /// with AVX2 and FMA, else `nil` (nothing better than the fallback to ask for).
    public static func coreType(forCPUFlags flags: Set<Substring>) -> String? {
        if ["avx512f", "avx512bw", "avx512vl", "avx512dq"].allSatisfy(flags.contains) { return "SkylakeX" }
        if ["avx2", "fma"].allSatisfy(flags.contains) { return "Haswell" }
        return nil
    }

    private static let coreTypeVariable = "OPENBLAS_CORETYPE"

    /// The first processor's flags in `/proc/cpuinfo`, or `nil` where there is none.
    static func cpuFlags() -> Set<Substring>? {
        guard let file = fopen("/proc/cpuinfo", "r") else { return nil }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            let text = String(cString: line)
            guard text.hasPrefix("flags"), let colon = text.firstIndex(of: ":") else { continue }
            return Set(text[text.index(after: colon)...].split(whereSeparator: \.isWhitespace))
        }
        return nil
    }
}
