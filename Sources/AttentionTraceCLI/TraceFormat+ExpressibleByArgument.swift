import ArgumentParser
import AttentionRendering

/// `--format markdown|html|json`.
extension TraceFormat: ExpressibleByArgument {}
