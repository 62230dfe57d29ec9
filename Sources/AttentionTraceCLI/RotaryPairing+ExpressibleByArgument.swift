import ArgumentParser
import AttentionEngine

/// `--rope half|interleaved`.
extension RotaryPairing: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument)
    }
}
