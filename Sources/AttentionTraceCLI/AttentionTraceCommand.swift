import ArgumentParser
import AttentionEngine
import AttentionMath

/// The `attention-trace` command: trace attention mechanisms and show every number.
@main
struct AttentionTraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attention-trace",
        abstract: "Trace attention mechanisms and show every intermediate number.",
        subcommands: [TraceCommand.self, ExplainCommand.self, CompareCommand.self, VariantsCommand.self, LessonsCommand.self,
                      CorpusCommand.self, TrainCommand.self])

    /// Runs the command once the allocator keeps large freed blocks for reuse (see ``LargeAllocations``)
    /// and BLAS worker threads that would otherwise spin beside it for its whole run are stopped
    /// (see ``BLASThreads``).
    static func main() {
        LargeAllocations.reuseFreedBlocks()
        BLASThreads.stopIdleWorkers()
        main(nil)
    }
}
