import ArgumentParser
import AttentionEngine

/// `--score dot|general|concat`: only the scores the option may choose.
extension ScoreFunction: ExpressibleByArgument {
    public init?(argument: String) {
        guard let score = try? ScoreFunction(named: argument) else { return nil }
        self = score
    }

    public static var allValueStrings: [String] { selectable.map(\.rawValue) }
}
