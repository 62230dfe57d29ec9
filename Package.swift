// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "attention-trace",
    products: [
        .executable(name: "attention-trace", targets: ["AttentionTraceCLI"]),
        .executable(name: "attention-bench", targets: ["AttentionBench"]),
        .library(name: "AttentionEngine", targets: ["AttentionEngine"]),
        .library(name: "AttentionMarkdown", targets: ["AttentionMarkdown"]),
        .library(name: "AttentionJSON", targets: ["AttentionJSON"]),
        .library(name: "AttentionDerivation", targets: ["AttentionDerivation"]),
        .library(name: "AttentionRendering", targets: ["AttentionRendering"]),
        .library(name: "AttentionLessons", targets: ["AttentionLessons"]),
        .library(name: "AttentionCorpus", targets: ["AttentionCorpus"]),
        .library(name: "AttentionModels", targets: ["AttentionModels"]),
        .library(name: "AttentionCheckpoints", targets: ["AttentionCheckpoints"]),
        .library(name: "AttentionReport", targets: ["AttentionReport"]),
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
        /// Tokenizer, seeded or trained parameters, GRU encoder, attention mechanisms and the tracer.
        .target(name: "AttentionEngine",
                dependencies: ["AttentionCheckpoints", "AttentionMath", "AttentionModels", "AttentionTrace", "CAllocatorShims",
                               "NameSuggestions", "SafeTensors"]),
        /// Cell derivations: how each number of a trace was computed, as one template per tensor,
        /// which `explain` fills here and a page's script fills in the browser.
        .target(name: "AttentionDerivation", dependencies: ["AttentionText", "AttentionTrace"]),
        /// Trace pages: a trace as a Markdown or HTML document, tables, heatmaps and the compare page,
        /// with each tensor's derivation template (the page script, `derivation.js` and `page.js`, is a resource).
        .target(name: "AttentionRendering",
                dependencies: ["AttentionDerivation", "AttentionJSON", "AttentionMarkdown", "AttentionText", "AttentionTrace"],
                resources: [.copy("Resources/derivation.js"), .copy("Resources/page.js")]),
        /// Reading and writing safetensors files (Hugging Face's checkpoint format).
        .target(name: "SafeTensors"),
        /// The models the engine traces and the trainer trains, as data: RNNsearch's sizes, vocabularies
        /// and parameters, its safetensors checkpoints, and the shipped trained model.
        .target(name: "AttentionModels", dependencies: ["AttentionMath", "NameSuggestions", "SafeTensors"],
                resources: [.copy("Resources")]),
        /// Pretrained Hugging Face encoders (BERT family) as data: config, weights by checkpoint name,
        /// the WordPiece tokenizer and the float64 forward pass.
        .target(name: "AttentionCheckpoints", dependencies: ["AttentionMath", "NameSuggestions", "SafeTensors"]),
        /// Training RNNsearch: the forward pass, hand-derived gradients, optimisers and the trainer.
        .target(name: "AttentionTraining",
                dependencies: ["AttentionMath", "AttentionEngine", "AttentionCorpus", "AttentionModels", "SafeTensors"]),
        /// The training report: a run's record as one offline page of loss curves and alignments forming.
        .target(name: "AttentionReport", dependencies: ["AttentionRendering", "AttentionTraining"]),
        /// Instructor-written lessons: directives, the check language, grading and the static course site.
        .target(name: "AttentionLessons",
                dependencies: ["AttentionEngine", "AttentionMarkdown", "AttentionModels", "AttentionRendering", "AttentionTrace",
                               "NameSuggestions"]),
        /// The English→French training corpus: a synchronous grammar with gold word alignments.
        .target(name: "AttentionCorpus", dependencies: ["NameSuggestions"], resources: [.copy("Resources/grammar.txt")]),
        /// The `attention-trace` command.
        .executableTarget(
            name: "AttentionTraceCLI",
            dependencies: [
                "AttentionCheckpoints", "AttentionMath", "AttentionEngine", "AttentionTrace", "AttentionJSON", "AttentionDerivation", "AttentionRendering", "AttentionLessons",
                "AttentionCorpus", "AttentionModels", "AttentionReport", "AttentionTraining", "NameSuggestions", "SafeTensors",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        /// `swift run -c release attention-bench`: the speed and size benchmark.
        .executableTarget(
            name: "AttentionBench",
            dependencies: ["AttentionEngine", "AttentionJSON", "AttentionMath", "AttentionRendering", "AttentionTrace", "SafeTensors"],
            exclude: ["pytorch_baseline.py", "rnnsearch_reference.py", "rnnsearch_pytorch.py", "transformers_baseline.py"]
        ),

        // MARK: - Formats the renderers write in

        /// The CommonMark document model, parsed and rendered by cmark (its one Swift file).
        .target(name: "AttentionMarkdown", dependencies: ["CCmark"]),
        /// The streaming JSON writer of a trace and the byte sinks that output goes to.
        .target(name: "AttentionJSON", dependencies: ["AttentionTrace"]),

        // MARK: - Shared by several stages

        /// The "did you mean" of an unknown name: the closest known name by edit distance.
        .target(name: "NameSuggestions"),
        /// Text that derivations and pages write alike: the byte buffer, numbers with the tables'
        /// four decimals, JSON strings safe inside `<script>`, and a formula's parse and plain text.
        .target(name: "AttentionText", dependencies: ["AttentionTrace"]),

        // MARK: - C libraries, each behind exactly one Swift file

        /// glibc's `mallopt`, which the Glibc module does not export (see `LargeAllocations`).
        .target(name: "CAllocatorShims"),
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
        .testTarget(name: "NameSuggestionsTests", dependencies: ["NameSuggestions"]),
        .testTarget(name: "AttentionMathTests", dependencies: ["AttentionMath", "TestSupport"]),
        .testTarget(name: "AttentionTraceTests", dependencies: ["AttentionTrace", "TestSupport"]),
        .testTarget(name: "AttentionEngineTests", dependencies: ["AttentionCheckpoints", "AttentionEngine", "AttentionMath", "AttentionTrace", "SafeTensors", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "AttentionMarkdownTests", dependencies: ["AttentionMarkdown", "TestSupport"]),
        .testTarget(name: "AttentionJSONTests", dependencies: ["AttentionJSON", "AttentionTrace", "TestSupport"]),
        .testTarget(name: "AttentionTextTests", dependencies: ["AttentionText"]),
        .testTarget(name: "AttentionDerivationTests", dependencies: ["AttentionDerivation", "AttentionText", "AttentionTrace", "TestSupport"]),
        .testTarget(name: "AttentionRenderingTests",
                    dependencies: ["AttentionJSON", "AttentionMarkdown", "AttentionRendering", "AttentionText", "AttentionTrace", "TestSupport"],
                    exclude: ["__Snapshots__"]),
        .testTarget(name: "SafeTensorsTests", dependencies: ["SafeTensors"], resources: [.copy("Fixtures")]),
        .testTarget(name: "AttentionTrainingTests",
                    dependencies: ["AttentionTraining", "AttentionCorpus", "AttentionEngine", "AttentionMath", "AttentionModels", "SafeTensors", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "EndToEndTests", dependencies: ["AttentionDerivation", "AttentionRendering", "AttentionTrace", "TestSupport"],
                    exclude: ["Scripts"]),
        .testTarget(name: "AttentionLessonsTests",
                    dependencies: ["AttentionLessons", "AttentionEngine", "AttentionMarkdown", "AttentionModels", "AttentionRendering", "AttentionTrace", "TestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "AttentionModelsTests",
                    dependencies: ["AttentionEngine", "AttentionMath", "AttentionModels", "AttentionRendering", "AttentionTrace", "AttentionTraining",
                                   "SafeTensors", "TestSupport"]),
        .testTarget(name: "AttentionCheckpointsTests",
                    dependencies: ["AttentionCheckpoints", "AttentionMath", "SafeTensors", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "AttentionReportTests",
                    dependencies: ["AttentionReport", "AttentionTraining"]),
        .testTarget(name: "AttentionCorpusTests", dependencies: ["AttentionCorpus", "AttentionEngine", "TestSupport"]),
    ]
)
