import ArgumentParser
import AttentionMath

/// The `attention-trace` command: trace attention mechanisms and show every number.
@main
struct AttentionTraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attention-trace",
        abstract: "Trace attention mechanisms and show every intermediate number.",
        subcommands: [TraceCommand.self, ExplainCommand.self, CompareCommand.self, VariantsCommand.self, LessonsCommand.self])

    /// Runs the command, after stopping BLAS worker threads that would otherwise
    /// spin beside it for its whole run (see ``BLASThreads``).
    static func main() {
        BLASThreads.stopIdleWorkers()
        main(nil)
    }
}
