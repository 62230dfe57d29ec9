import Foundation
import Testing
import TestSupport

/// `trace --model DIR` on a Hugging Face BERT folder (issue 15), through the binary: the tiny random
/// `BertModel` of the checkpoint tests, which `transformers` also computed.
@Suite struct PretrainedModelCommandTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("AttentionCheckpointsTests/Fixtures/tiny-bert").path

    @Test func aLayerIsTracedWithEveryHeadAndThePageNamesTheCheckpoint() throws {
        let result = try runAttentionTrace(["trace", "--model", Self.folder, "--source", "the cat sat on the mat.", "--layer", "1",
                                            "--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        let trace = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(trace["variant"] as? String == "multi-head")
        #expect(trace["sourceTokens"] as? [String] == ["[CLS]", "the", "cat", "sat", "on", "the", "mat", ".", "[SEP]"])
        let weights = try #require(((trace["result"] as? [String: Any])?["weights"] as? [String: Any])?["values"] as? [[[Double]]])
        #expect(weights.count == 2 && weights.allSatisfy { $0.count == 9 })
        let page = try runAttentionTrace(["trace", "--model", Self.folder, "--source", "the cat sat", "--head", "1", "--format", "markdown"])
        #expect(page.status == 0, "\(page.standardError)")
        #expect(page.standardOutput.contains("The parameters come from a checkpoint: 7 tensors are read from the checkpoint tiny-bert "
                                             + "(a pretrained BERT-family encoder), layer 0 of 2, head 1 of 2."))
    }

    @Test func aGPT2BlockIsTracedCausallyFromItsConfigsModelType() throws {
        let gpt2 = URL(fileURLWithPath: Self.folder).deletingLastPathComponent().appendingPathComponent("tiny-gpt2").path
        let result = try runAttentionTrace(["trace", "--model", gpt2, "--source", "The cat sat", "--layer", "1", "--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        let trace = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let options = try #require(trace["options"] as? [String: String])
        #expect(options["causal"] == "true" && options["heads"] == "2" && options["bias"] == "true")
        #expect(options["model"] == "checkpoint tiny-gpt2 (a pretrained GPT-2-family decoder), layer 1 of 2, all 2 heads")
        let weights = try #require(((trace["result"] as? [String: Any])?["weights"] as? [String: Any])?["values"] as? [[[Double]]])
        // Causal: the first token sees only itself.
        #expect(weights.allSatisfy { $0[0][0] == 1 })
    }

    @Test func aLlamaGGUFBlockIsTracedWithRoPEAndGroupedHeads() throws {
        let gguf = URL(fileURLWithPath: Self.folder).deletingLastPathComponent().appendingPathComponent("tiny-llama.gguf").path
        let result = try runAttentionTrace(["trace", "--model", gguf, "--source", "the cat sat", "--layer", "1", "--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        let trace = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let options = try #require(trace["options"] as? [String: String])
        #expect(options["causal"] == "true" && options["heads"] == "4" && options["kv_heads"] == "2" && options["rope"] == "half")
        #expect(options["rope_base"] == "500.0" && options["bias"] == nil)
        #expect(options["model"] == "checkpoint tiny-llama.gguf (a pretrained Llama-family decoder), layer 1 of 2, all 4 heads")
        #expect(trace["sourceTokens"] as? [String] == ["the", "Ġ", "cat", "Ġ", "s", "at"])
        let explained = try runAttentionTrace(["explain", "--model", gguf, "--source", "the cat sat", "--layer", "1", "--head", "3",
                                               "--cell", "rope.K[2,1]", "--cell", "W_K[0,0]"])
        #expect(explained.status == 0, "\(explained.standardError)")
        // Rotate-half: entry 1 of a key pairs with entry 1 + d_k/2 = 5, turned by position 2's angle for pair 1.
        #expect(explained.standardOutput.contains("K′[2,1] = K[2,1] · cos[2,1] − K[2,5] · sin[2,1]\n"), "\(explained.standardOutput)")
        #expect(explained.standardOutput.contains("tensor 'blk.1.attn_k.weight' with its rows put back from llama.cpp's order, transposed, "
                                                  + "of which columns 8–15 (key and value head 1, which query heads 2–3 share)"))
    }

    /// The same tiny Llama as a Hugging Face folder traces as its GGUF file does, with transformers' tensor names.
    @Test func aLlamaFolderIsTracedFromItsConfigsModelType() throws {
        let folder = URL(fileURLWithPath: Self.folder).deletingLastPathComponent().appendingPathComponent("tiny-llama").path
        let result = try runAttentionTrace(["explain", "--model", folder, "--source", "the cat sat", "--layer", "1", "--head", "3",
                                            "--cell", "W_K[0,0]", "--cell", "residual2.sum[0,0]"])
        #expect(result.status == 1, "one head's trace has no rest of the layer")
        let whole = try runAttentionTrace(["explain", "--model", folder, "--source", "the cat sat", "--layer", "1",
                                           "--cell", "W_K[0,8]", "--cell", "residual2.sum[0,0]"])
        #expect(whole.status == 0, "\(whole.standardError)")
        #expect(whole.standardOutput.contains("checkpoint tiny-llama, tensor 'model.layers.1.self_attn.k_proj.weight', transposed\n"))
        #expect(whole.standardOutput.contains("out[0,0] = residual.sum[0,0] + F[0,0]"))
    }

    @Test func aGGUFFileOfAnotherArchitectureOrNoFileIsRefused() throws {
        let fixtures = URL(fileURLWithPath: Self.folder).deletingLastPathComponent()
        try expectRefused(["trace", "--model", fixtures.appendingPathComponent("tiny.gguf").path, "--source", "a"],
                          saying: "tiny.gguf: key 'general.architecture' should be 'llama' (the only GGUF architecture read here), found 'tiny'")
        try expectRefused(["trace", "--model", fixtures.appendingPathComponent("missing.gguf").path, "--source", "a"],
                          saying: "missing.gguf: no such file or folder")
        try expectRefused(["trace", "--model", fixtures.appendingPathComponent("tiny-llama.gguf").path, "--source", "a", "--head", "4"],
                          saying: "head 4 is out of range: tiny-llama.gguf has heads 0 to 3")
    }

    @Test func explainDerivesAProjectionWithItsBiasAndNamesTheCheckpointTensor() throws {
        let result = try runAttentionTrace(["explain", "--model", Self.folder, "--source", "the cat sat", "--layer", "1",
                                            "--cell", "project.Q[1,0]", "--cell", "W_K[2,3]"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("Q[1,0] = project.XW_Q[1,0] + b_Q[0]\n"))
        #expect(result.standardOutput.contains("checkpoint tiny-bert, tensor 'encoder.layer.1.attention.self.key.weight' transposed\n"))
    }

    @Test(arguments: [
        (["--layer", "2"], "layer 2 is out of range: tiny-bert has layers 0 to 1"),
        (["--head", "9"], "head 9 is out of range: tiny-bert has heads 0 to 1"),
        (["--target", "le chat"], "--target does not apply to"),
        (["--heads", "3"], "--heads does not apply with --model"),
        (["--variant", "dot"], "--variant dot does not apply with --model"),
    ])
    func argumentsTheModelDecidesAreRefusedWithOneLine(_ arguments: [String], _ message: String) throws {
        try expectRefused(["trace", "--model", Self.folder, "--source", "the cat"] + arguments, saying: message)
    }

    @Test func aFolderThatIsNotAModelAndALayerWithoutAModelAreRefused() throws {
        let empty = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: empty) }
        try expectRefused(["trace", "--model", empty.path, "--source", "a"], saying: "has no 'config.json'")
        try Data(#"{"model_type": "qwen2"}"#.utf8).write(to: empty.appendingPathComponent("config.json"))
        try expectRefused(["trace", "--model", empty.path, "--source", "a"],
                          saying: "config.json's model_type 'qwen2' is not supported; the supported are bert, gpt2, llama (and Llama-family GGUF files)")
        try expectRefused(["trace", "--variant", "self", "--source", "a b", "--layer", "1"],
                          saying: "--layer is for a pretrained model: give its folder or GGUF file with --model")
    }

    private func expectRefused(_ arguments: [String], saying message: String) throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("page.html")
        let result = try runAttentionTrace(arguments + ["--output", output.path])
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("Error: ") && result.standardError.contains(message), "\(result.standardError)")
        #expect(result.standardError.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}

/// `overview` through the binary: every layer × head of the tiny model, each with the command that traces it.
@Suite struct OverviewCommandTests {
    @Test func theOverviewNamesACommandPerHeadThatRuns() throws {
        let result = try runAttentionTrace(["overview", "--model", PretrainedModelCommandTests.folder,
                                            "--source", "the cat's mat", "--head", "1"])
        #expect(result.status == 0, "\(result.standardError)")
        let page = result.standardOutput
        #expect(page.components(separatedBy: "<svg class=\"thumbnail\"").count - 1 == 4)
        #expect(page.contains("<h2>Head view: layer 0</h2>"))
        #expect(page.contains(#"<input type="checkbox" id="head-view-1" checked>"#) && page.contains(#"<input type="checkbox" id="head-view-0">"#))
        // The sentence's apostrophe is quoted for the shell.
        let command = "attention-trace trace --model \(PretrainedModelCommandTests.folder) --source 'the cat'\\''s mat' "
            + "--layer 1 --head 0 --output layer1-head0.html"
        #expect(page.contains("<code>\(command.replacingOccurrences(of: "'", with: "&#39;"))</code>"), "the command for layer 1, head 0")
    }

    @Test func aHeadViewOutOfRangeIsRefusedWithOneLine() throws {
        let result = try runAttentionTrace(["overview", "--model", PretrainedModelCommandTests.folder, "--source", "the cat",
                                            "--layer", "5"])
        #expect(result.status == 1)
        #expect(result.standardError == "Error: layer 5 is out of range: tiny-bert has layers 0 to 1\n")
    }
}

/// `trace --model mha.safetensors`: a PyTorch `nn.MultiheadAttention` state dict through the binary.
@Suite struct ModuleStateDictCommandTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("AttentionEngineTests/Fixtures/module").path

    @Test func aStateDictTracesWithTheSpecsSequenceAndExplainNamesItsEntries() throws {
        let arguments = ["--model", Self.folder + "/biased.safetensors", "--input", Self.folder + "/biased-x.json"]
        let page = try runAttentionTrace(["trace"] + arguments + ["--format", "markdown"])
        #expect(page.status == 0, "\(page.standardError)")
        #expect(page.standardOutput.contains("The parameters come from a checkpoint: 8 tensors are read from the state dict "
                                             + "biased.safetensors (nn.MultiheadAttention) and 1 tensor is given in the spec."))
        let explained = try runAttentionTrace(["explain"] + arguments + ["--cell", "b_K[3]"])
        #expect(explained.standardOutput.hasSuffix("state dict biased.safetensors, entries 6–11 of tensor 'in_proj_bias'\n"))
    }

    @Test func aStateDictWithoutASequenceIsRefusedWithOneLine() throws {
        let result = try runAttentionTrace(["trace", "--model", Self.folder + "/biased.safetensors", "--source", "a b"])
        #expect(result.status == 1)
        #expect(result.standardError == "Error: biased.safetensors: an nn.MultiheadAttention state dict has no embeddings: "
                    + "give the sequence X (n × 6) in the input spec\n")
    }
}
