import ArgumentParser
import AttentionEngine
import AttentionMath
import Foundation

/// The `attention-trace` command: trace attention mechanisms and show every intermediate number.
@main
struct AttentionTraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attention-trace",
        abstract: "Trace attention mechanisms and show every intermediate number.",
        subcommands: [TraceCommand.self, ExplainCommand.self, CompareCommand.self, OverviewCommand.self, VariantsCommand.self, LessonsCommand.self,
                      CorpusCommand.self, TrainCommand.self, ReportCommand.self])

    /// Runs the command once the allocator keeps large freed blocks for reuse (see ``LargeAllocations``),
    /// OpenBLAS runs the vector kernels of the processor rather than its generic fallback (see
    /// ``BLASKernels``), and BLAS worker threads that would otherwise spin beside it for its whole
    /// run are stopped (see ``BLASThreads``).
    ///
    /// Every failure is one line on standard error, `Error: <message>`: a value the parser
    /// refuses (`--variant multihead`) gets its message without the usage text that
    /// argument-parser would print after it. Help and version requests print as usual.
    static func main() {
        LargeAllocations.reuseFreedBlocks()
        BLASKernels.replaceGenericFallback()
        BLASThreads.stopIdleWorkers()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            guard code != .success else { exit(withError: error) }
            let message = self.message(for: error)
            if !message.isEmpty {
                FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
            }
            Foundation.exit(code.rawValue)
        }
    }
}
