import AttentionCheckpoints
import Foundation
import Testing

/// A GGUF file the Llama reader refuses, made from `tiny-llama.gguf` by replacing one string of its
/// header with another of the same length, so that every offset stays valid: each is one line naming
/// the file and the key or tensor.
@Suite struct LlamaModelErrorTests {
    static func refusal(replacing original: String, with replacement: String) throws -> String {
        var bytes = try Data(contentsOf: Fixtures.url("tiny-llama.gguf"))
        let range = try #require(bytes.range(of: Data(original.utf8)))
        bytes.replaceSubrange(range, with: Data(replacement.utf8))
        do {
            _ = try LlamaModel(file: GGUFFile(data: bytes, name: "edited.gguf"))
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: [
        ("blk.1.attn_q.weight", "blk.1.attn_x.weight", "edited.gguf: no tensor 'blk.1.attn_q.weight' (did you mean 'blk.0.attn_q.weight'?)"),
        ("smollm", "qwen2x",
         "edited.gguf: key 'tokenizer.ggml.pre' should be one of 'gpt2', 'smollm', found 'qwen2x'"),
        // Without head_count_kv there are as many key heads as query heads, and attn_k is too narrow.
        ("llama.attention.head_count_kv", "llama.attention.head_count_xx",
         "edited.gguf: tensor 'blk.0.attn_k.weight' should have shape [32, 32], found [16, 32]"),
        ("llama.block_count", "llama.block_coun_", "edited.gguf: missing key 'llama.block_count'"),
        ("tokenizer.ggml.model", "tokenizer.ggml.mode_", "edited.gguf: missing key 'tokenizer.ggml.model'"),
    ])
    func aBrokenFileIsRefusedWithOneLine(_ original: String, _ replacement: String, _ message: String) throws {
        #expect(original.utf8.count == replacement.utf8.count)
        let found = try Self.refusal(replacing: original, with: replacement)
        #expect(found == message, "\(found)")
    }
}
