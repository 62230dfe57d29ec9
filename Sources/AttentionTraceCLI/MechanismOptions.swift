import ArgumentParser
import AttentionEngine

/// The options that select a score function, a head count, a window or a mask.
///
/// They override the same options in an input spec; a variant refuses the ones
/// that do not apply to it.
struct MechanismOptions: ParsableArguments {
    @Option(help: "The number of heads (multi-head, cross).")
    var heads: Int?

    @Option(help: "The half-width D of a local window (local-m, local-p; default 2).")
    var window: Int?

    @Option(help: "The score function of global and local attention: dot, general or concat.")
    var score: String?

    @Flag(inversion: .prefixedNo, help: "Mask future positions (self, multi-head, cross).")
    var causal: Bool?

    /// The options as the engine takes them; unset ones stay `nil`.
    var specOptions: InputSpec.Options {
        InputSpec.Options(heads: heads, window: window, causal: causal, score: score)
    }
}
