import ArgumentParser
import AttentionCheckpoints
import AttentionEngine
import AttentionModels
import SafeTensors
import Foundation

/// The help of `--model`, shared by `trace`, `explain` and `compare`.
let modelHelp = ArgumentHelp(
    "The parameters: 'seeded', a checkpoint that `attention-trace train` wrote, or (trace, explain) a pretrained model's folder or GGUF file.",
    discussion: "By default additive attention traces the shipped trained model (\(ModelCheckpoint.shippedName)) for sentences whose every word is in its vocabulary; other variants, and --input specs, use seeded parameters. A Hugging Face folder (BERT: config.json, model.safetensors, vocab.txt; GPT-2: vocab.json and merges.txt instead of vocab.txt) or a Llama-family .gguf file traces one layer's attention: see --layer and --head.",
    valueName: "seeded|file|folder")

/// The word `--model` takes for seeded parameters.
let seededModel = "seeded"

/// The parameters `--model` chooses: the default (`nil`), seeded ones, or the checkpoint at a path.
///
/// - Throws: ``CommandFailure`` naming the checkpoint and what is wrong with it.
func parameterChoice(model: String?) throws -> ParameterChoice {
    guard let model else { return .automatic }
    if model == seededModel { return .seeded }
    if FileAccess.isDirectory(model) {
        throw CommandFailure("--model \(model) is a folder: a pretrained model traces one layer with `trace --model DIR`, not here")
    }
    let bytes = try FileAccess.read(model)
    do {
        return .model(try ModelCheckpoint(bytes: bytes, name: URL(fileURLWithPath: model).lastPathComponent))
    } catch ModelError.invalidCheckpoint(let reason) {
        throw CommandFailure("\(model): \(reason)")
    } catch {
        throw CommandFailure("\(model): not a safetensors checkpoint: \(error)")
    }
}

/// The `nn.MultiheadAttention` state dict in the safetensors file `path`, or `nil` when `path`
/// is `seeded`, a folder, or a file of another kind (a checkpoint `train` wrote, say).
///
/// - Throws: ``CommandFailure`` for a file that cannot be read, or a state dict with a missing or
///   misshapen entry.
func multiheadAttentionWeights(at path: String) throws -> MultiheadAttentionWeights? {
    guard path != seededModel, !FileAccess.isDirectory(path),
          let file = try? SafeTensorsFile(bytes: try FileAccess.read(path)), MultiheadAttentionWeights.recognizes(file) else {
        return nil
    }
    do throws(TraceError) {
        return try MultiheadAttentionWeights(file, name: URL(fileURLWithPath: path).lastPathComponent)
    } catch {
        throw CommandFailure("--model \(path): \(error)")
    }
}

/// The families `--model DIR` reads, by the `model_type` of their `config.json`.
let pretrainedFamilies = ["bert", "gpt2"]

/// Whether `--model path` names a pretrained model: a Hugging Face folder, or a GGUF file.
func isPretrainedModel(_ path: String) -> Bool {
    FileAccess.isDirectory(path) || path.lowercased().hasSuffix(".gguf")
}

/// The pretrained model at `path`, and the name traces and pages give it (the folder's or file's
/// name): a Llama-family decoder for a GGUF file, otherwise the family the folder's `config.json`
/// names by its `model_type` (`bert` when it names none).
///
/// - Throws: ``CommandFailure`` naming the path and the file, key or tensor that is wrong, or a
///   family this package does not read (with those it does).
func pretrainedModel(at path: String) throws -> (model: any PretrainedTransformer, name: String) {
    let url = URL(fileURLWithPath: path), name = url.standardizedFileURL.lastPathComponent
    if !FileAccess.isDirectory(path) {
        guard FileManager.default.fileExists(atPath: path) else { throw CommandFailure("--model \(path): no such file or folder") }
        do {
            return (try LlamaModel(contentsOf: url), name)
        } catch {
            throw CommandFailure("--model \(path): \(error)")
        }
    }
    let family = modelType(in: url.appendingPathComponent("config.json")) ?? "bert"
    guard pretrainedFamilies.contains(family) else {
        throw CommandFailure("--model \(path): config.json's model_type '\(family)' is not supported; "
            + "the supported are \(pretrainedFamilies.joined(separator: ", ")) (and Llama-family GGUF files)")
    }
    do {
        let model: any PretrainedTransformer = family == "gpt2" ? try GPT2Model(folder: url) : try BERTModel(folder: url)
        return (model, name)
    } catch {
        throw CommandFailure("--model \(path): \(error)")
    }
}

/// The `model_type` of a Hugging Face `config.json`, or `nil` when the file or the key is missing
/// (the family's reader then reports what is wrong).
private func modelType(in config: URL) -> String? {
    guard let data = try? Data(contentsOf: config),
          let fields = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return nil }
    return fields["model_type"] as? String
}
