// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "attention-trace",
    products: [
        .executable(name: "attention-trace", targets: ["AttentionTraceCLI"]),
        .executable(name: "attention-bench", targets: ["AttentionBench"]),
        .library(name: "AttentionEngine", targets: ["AttentionEngine"]),
        .library(name: "AttentionRendering", targets: ["AttentionRendering"]),
        .library(name: "AttentionLessons", targets: ["AttentionLessons"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: - Pipeline stages, in the order data flows through them

        /// Matrices over contiguous Double storage; products go through BLAS.
        .target(name: "AttentionMath", dependencies: ["CBLAS"]),
        /// The `Trace` value: plain Codable data with provenance for every number.
        .target(name: "AttentionTrace"),
        /// Tokenizer, seeded parameters, GRU encoder, attention mechanisms and the tracer.
        .target(name: "AttentionEngine", dependencies: ["AttentionMath", "AttentionTrace"]),
        /// Markdown and HTML (through cmark) and JSON renderings of a trace.
        .target(name: "AttentionRendering", dependencies: ["AttentionTrace", "CCmark"],
                resources: [.copy("Resources/derivation.js"), .copy("Resources/page.js")]),
        /// Instructor-written lessons: directives, the check language, grading and the static course site.
        .target(name: "AttentionLessons", dependencies: ["AttentionEngine", "AttentionRendering", "AttentionTrace"]),
        /// The `attention-trace` command.
        .executableTarget(
            name: "AttentionTraceCLI",
            dependencies: [
                "AttentionMath", "AttentionEngine", "AttentionRendering", "AttentionLessons",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        /// `swift run -c release attention-bench`: the speed and size benchmark.
        .executableTarget(
            name: "AttentionBench",
            dependencies: ["AttentionEngine", "AttentionRendering"],
            exclude: ["pytorch_baseline.py"]
        ),

        // MARK: - C libraries, each behind exactly one Swift file

        .systemLibrary(
            name: "CCmark", pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        .systemLibrary(
            name: "CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]
        ),

        // MARK: - Tests

        .target(name: "TestSupport", dependencies: ["AttentionMath", "AttentionTrace"], path: "Tests/TestSupport"),
        .testTarget(name: "AttentionMathTests", dependencies: ["AttentionMath", "TestSupport"]),
        .testTarget(name: "AttentionTraceTests", dependencies: ["AttentionTrace", "TestSupport"]),
        .testTarget(name: "AttentionEngineTests", dependencies: ["AttentionEngine", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "AttentionRenderingTests", dependencies: ["AttentionRendering", "TestSupport"],
                    exclude: ["__Snapshots__"]),
        .testTarget(name: "EndToEndTests", dependencies: ["AttentionRendering", "AttentionTrace", "TestSupport"],
                    exclude: ["Scripts"]),
        .testTarget(name: "AttentionLessonsTests", dependencies: ["AttentionLessons", "TestSupport"],
                    exclude: ["Fixtures"]),
    ]
)
