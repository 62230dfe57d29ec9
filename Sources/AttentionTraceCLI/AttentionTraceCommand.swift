import ArgumentParser
import AttentionEngine

/// The `attention-trace` command: trace attention mechanisms and show every number.
@main
struct AttentionTraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attention-trace",
        abstract: "Trace attention mechanisms and show every intermediate number.",
        subcommands: [TraceCommand.self, ExplainCommand.self, CompareCommand.self, VariantsCommand.self, LessonsCommand.self])

    /// Runs the command once the allocator keeps large freed blocks for reuse (see ``LargeAllocations``).
    static func main() {
        LargeAllocations.reuseFreedBlocks()
        main(nil)
    }
}
