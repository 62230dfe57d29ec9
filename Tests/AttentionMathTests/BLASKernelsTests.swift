import Testing
@testable import AttentionMath

struct BLASKernelsTests {
    /// The core type asked of OpenBLAS follows the widest vector instructions every part of which the processor has.
    @Test func theCoreTypeFollowsTheVectorInstructions() {
        let avx2: Set<Substring> = ["sse3", "avx", "avx2", "fma"]
        #expect(BLASKernels.coreType(forCPUFlags: avx2.union(["avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"])) == "SkylakeX")
        #expect(BLASKernels.coreType(forCPUFlags: avx2.union(["avx512f"])) == "Haswell", "AVX-512 foundation alone is not SkylakeX's")
        #expect(BLASKernels.coreType(forCPUFlags: avx2) == "Haswell")
        #expect(BLASKernels.coreType(forCPUFlags: ["sse3", "avx", "avx2"]) == nil, "AVX2 without FMA")
        #expect(BLASKernels.coreType(forCPUFlags: []) == nil)
    }

    /// After the replacement OpenBLAS runs its generic fallback only on a processor without better,
    /// and its products (large enough for BLAS) still agree with sums in order.
    @Test func openBLASRunsTheProcessorsKernels() throws {
        BLASKernels.replaceGenericFallback()
        let generic = Matrix.blasConfiguration.lowercased().hasSuffix(", kernels prescott")
        #expect(!generic || BLASKernels.cpuFlags().flatMap(BLASKernels.coreType(forCPUFlags:)) == nil)
        #expect(BLASKernels.replaceGenericFallback() == nil, "a second call finds nothing to replace")
        let a = Matrix(rows: 96, columns: 64, scalars: (0..<96 * 64).map { Double($0 % 17) / 16 - 0.5 })
        let b = Matrix(rows: 64, columns: 80, scalars: (0..<64 * 80).map { Double($0 % 13) / 12 - 0.5 })
        let product = a.multiplied(by: b)
        for (i, j) in [(0, 0), (50, 33), (95, 79)] {
            let expected = (0..<64).reduce(0.0) { $0 + a[i, $1] * b[$1, j] }
            #expect(abs(product[i, j] - expected) <= 1e-12)
        }
    }
}
