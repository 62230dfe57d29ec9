import Foundation
import Testing

/// A page to generate: its name and the arguments after `attention-trace`.
///
/// `{spec}`, `{long}` and `{injection}` stand for the specs a ``Workspace`` writes.
struct TracePage: CustomTestStringConvertible, Sendable {
    let name: String
    let arguments: [String]
    var testDescription: String { name }

    static let source = "the man who visited the zoo yesterday"
    static let target = "l'homme qui a visité le zoo hier"
    /// The tiny random BertModel of the checkpoint tests, traced as a pretrained model.
    static let tinyBERT = checkpointFixture("tiny-bert")
    /// The tiny random GPT2Model of the checkpoint tests, traced as a pretrained (causal) model.
    static let tinyGPT2 = checkpointFixture("tiny-gpt2")
    /// The tiny random Llama of the checkpoint tests, a GGUF file: RoPE, grouped heads and SwiGLU.
    static let tinyLlama = checkpointFixture("tiny-llama.gguf")

    private static func checkpointFixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("AttentionCheckpointsTests/Fixtures/\(name)").path
    }
    /// A sentence that is markup; the tokenizer splits it, so the injection page gives tokens verbatim in a spec.
    static let injection = "<script>window.injected=1</script> zoo"

    /// The walkthrough of every variant on the README's sentences, a multi-head spec, and a
    /// long input whose tensors are interactive heatmaps with tables built on demand and
    /// whose keys are drawn as a picture.
    static let walkthroughs: [TracePage] = [
        "additive", "dot", "general", "scaled-dot", "concat", "global", "local-m", "local-p",
        "self", "causal", "cross", "co-attention",
    ].map { variant in
        let sourceOnly = ["self", "causal"].contains(variant)
        return TracePage(name: variant, arguments: ["trace", "--variant", variant, "--source", source]
                         + (sourceOnly ? [] : ["--target", target]))
    } + [
        TracePage(name: "multi-head", arguments: ["trace", "--variant", "multi-head", "--input", "{spec}"]),
        // The options of later models at once: grouped-query heads, ALiBi, a sliding window, sinks and RoPE
        // (both pairings, one with partial rotary dimensions).
        TracePage(name: "later-models", arguments: ["trace", "--variant", "multi-head", "--heads", "4", "--kv-heads", "2",
                                                    "--causal", "--alibi", "--sliding-window", "3", "--sink-tokens", "1", "--rope", "half",
                                                    "--sinks", "--source", source]),
        TracePage(name: "kv-cache", arguments: ["trace", "--variant", "kv-cache", "--prefill", "3", "--rope", "half",
                                                "--source", source]),
        TracePage(name: "flash", arguments: ["trace", "--variant", "flash", "--block-size", "3", "--causal", "--source", source]),
        TracePage(name: "rope-interleaved", arguments: ["trace", "--variant", "causal", "--rope", "interleaved",
                                                        "--rope-dims", "6", "--source", source]),
        // 70 source words: interactive heatmaps with tables built on demand, and keys drawn as a picture.
        TracePage(name: "dot-long", arguments: ["trace", "--variant", "dot", "--input", "{long}"]),
        // A pretrained BERT layer: biases, every head and the output projection, each tensor noted with its checkpoint tensor.
        TracePage(name: "pretrained", arguments: ["trace", "--model", tinyBERT, "--source", "the cat sat on the mat.", "--layer", "1"]),
        TracePage(name: "pretrained-gpt2", arguments: ["trace", "--model", tinyGPT2, "--source", "The cat sat on the mat.", "--layer", "1"]),
        TracePage(name: "pretrained-llama", arguments: ["trace", "--model", tinyLlama, "--source", "the cat sat on the mat.", "--layer", "1"]),
        // Tokens that are markup, in labels, facts and islands.
        TracePage(name: "injection", arguments: ["trace", "--variant", "additive", "--input", "{injection}"]),
    ]

    /// The walkthrough page called `name`.
    static func walkthrough(_ name: String) -> TracePage {
        walkthroughs.first { $0.name == name } ?? TracePage(name: name, arguments: [])
    }
}
