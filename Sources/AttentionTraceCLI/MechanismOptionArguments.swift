import ArgumentParser
import AttentionEngine

/// The flags that select a score function, head counts, windows, a mask or a position bias.
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

    @Option(name: .customLong("sliding-window"),
            help: ArgumentHelp("Let position i see only i − W < j ≤ i (self, causal, multi-head, cross; needs causal).", valueName: "W"))
    var slidingWindow: Int?

    @Flag(inversion: .prefixedNo, help: "Add ALiBi's per-head distance penalty to the scores (self, causal, multi-head, cross; needs causal).")
    var alibi: Bool?

    @Option(name: .customLong("kv-heads"), help: "The number of key and value heads, dividing --heads (multi-head, cross).")
    var kvHeads: Int?

    @Option(help: "Rotary position embeddings on queries and keys, paired half (NeoX, Llama) or interleaved (GPT-J) (self, causal, multi-head).")
    var rope: RotaryPairing?

    @Option(name: .customLong("rope-base"), help: "The base of RoPE's angles, above 1 (default 10000).")
    var ropeBase: Double?

    @Option(name: .customLong("rope-dims"), help: "RoPE's rotary dimensions per head, even (default: all of d_k).")
    var ropeDims: Int?

    @Flag(inversion: .prefixedNo, help: "A learned sink logit per head, an extra softmax column that is dropped (gpt-oss; self, causal, multi-head, cross).")
    var sinks: Bool?

    @Option(name: .customLong("sink-tokens"),
            help: ArgumentHelp("Keep the first S tokens visible beside the sliding window (StreamingLLM; needs --sliding-window).", valueName: "S"))
    var sinkTokens: Int?

    @Option(name: .customLong("block-size"), help: "The keys per block of the online softmax (flash; default 2).")
    var blockSize: Int?

    @Option(help: "The prompt tokens processed at once before decoding token by token (kv-cache; default 1).")
    var prefill: Int?

    @Flag(inversion: .prefixedNo, help: "Add a learned bias to each projection, as nn.Linear and BERT do (self, causal, multi-head, cross).")
    var bias: Bool?

    /// The options as the engine takes them; unset ones stay `nil`.
    var mechanismOptions: MechanismOptions {
        MechanismOptions(heads: heads, window: window, causal: causal, score: score,
                         slidingWindow: slidingWindow, alibi: alibi, kvHeads: kvHeads,
                         rope: rope, ropeBase: ropeBase, ropeDims: ropeDims, sinks: sinks,
                         blockSize: blockSize, prefill: prefill, sinkTokens: sinkTokens, bias: bias)
    }
}

extension MechanismOption {
    /// The option's flag: its spec name with `-` for `_` (`--sliding-window` for `sliding_window`).
    var flag: String {
        "--" + rawValue.replacingOccurrences(of: "_", with: "-")
    }
}
