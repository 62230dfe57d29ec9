import ArgumentParser
import AttentionCheckpoints
import AttentionEngine
import AttentionModels
import SafeTensors
import Foundation

/// The help of `--model`, shared by `trace`, `explain` and `compare`.
let modelHelp = ArgumentHelp(
    "The parameters: 'seeded', a checkpoint that `attention-trace train` wrote, or (trace, explain) a pretrained BERT-family model's folder.",
    discussion: "By default additive attention traces the shipped trained model (\(ModelCheckpoint.shippedName)) for sentences whose every word is in its vocabulary; other variants, and --input specs, use seeded parameters. A Hugging Face folder (config.json, model.safetensors, vocab.txt) traces one layer's attention: see --layer and --head.",
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

/// The pretrained model in `folder`, of the family its `config.json`'s `model_type` names (`bert`
/// when it names none), and the name traces and pages give it: the folder's name.
///
/// - Throws: ``CommandFailure`` naming the folder and the file, key or tensor that is wrong, or a
///   family this package does not read (with those it does).
func pretrainedModel(folder: String) throws -> (model: any PretrainedTransformer, name: String) {
    let url = URL(fileURLWithPath: folder)
    let family = modelType(in: url.appendingPathComponent("config.json")) ?? "bert"
    guard pretrainedFamilies.contains(family) else {
        throw CommandFailure("--model \(folder): config.json's model_type '\(family)' is not supported; "
            + "the supported are \(pretrainedFamilies.joined(separator: ", "))")
    }
    do {
        let model: any PretrainedTransformer = family == "gpt2" ? try GPT2Model(folder: url) : try BERTModel(folder: url)
        return (model, url.standardizedFileURL.lastPathComponent)
    } catch {
        throw CommandFailure("--model \(folder): \(error)")
    }
}

/// The `model_type` of a Hugging Face `config.json`, or `nil` when the file or the key is missing
/// (the family's reader then reports what is wrong).
private func modelType(in config: URL) -> String? {
    guard let data = try? Data(contentsOf: config),
          let fields = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return nil }
    return fields["model_type"] as? String
}
