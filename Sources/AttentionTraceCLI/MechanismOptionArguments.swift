import ArgumentParser
import AttentionEngine

/// The flags that select a score function, a head count, a window or a mask.
///
/// They override the same options in an input spec; a variant refuses the ones
/// that do not apply to it (see ``MechanismOption``).
struct MechanismOptionArguments: ParsableArguments {
    @Option(help: "The number of heads (multi-head, cross).")
    var heads: Int?

    @Option(help: "The half-width D of a local window (local-m, local-p; default 2).")
    var window: Int?

    @Option(help: "The score function of global and local attention.")
    var score: ScoreFunction?

    @Flag(inversion: .prefixedNo, help: "Mask future positions (self, multi-head, cross).")
    var causal: Bool?

    /// The options as the engine takes them; unset ones stay `nil`.
    var mechanismOptions: MechanismOptions {
        MechanismOptions(heads: heads, window: window, causal: causal, score: score)
    }
}
