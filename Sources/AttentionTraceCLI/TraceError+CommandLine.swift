import AttentionEngine

extension TraceError.InputNames {
    /// The engine's inputs as `trace` and `explain` spell them: `--source`, `--target`, `--input`,
    /// `--variant`, `--max-memory` and `--model`.
    static let commandLine = TraceError.InputNames(
        giveSource: "give --source", giveTarget: "pass --target", target: "--target", spec: "--input",
        variant: "--variant", raiseMemoryLimit: "pass --max-memory GB to allow it", requestOrigin: "on the command line",
        useSeededParameters: "pass --model seeded")
}

extension CommandFailure {
    /// The one line to print for `error`, naming the command's flags.
    init(_ error: TraceError) {
        self.init(error.description(naming: .commandLine))
    }
}
