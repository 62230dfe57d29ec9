import ArgumentParser
import AttentionEngine
import AttentionModels
import SafeTensors
import Foundation

/// The help of `--model`, shared by `trace`, `explain` and `compare`.
let modelHelp = ArgumentHelp(
    "The parameters: 'seeded', 'initial' (those the shipped model's training started from), a checkpoint that `attention-trace train` wrote, or (trace, explain) a pretrained model's folder or GGUF file.",
    discussion: "By default additive attention traces the shipped trained model (\(ModelCheckpoint.shippedName)) for sentences whose every word is in its vocabulary; other variants, and --input specs, use seeded parameters. A Hugging Face folder (BERT: config.json, model.safetensors, vocab.txt; GPT-2: vocab.json and merges.txt instead of vocab.txt) or a Llama-family .gguf file traces one layer's attention: see --layer and --head.",
    valueName: "seeded|initial|file|folder")

/// The word `--model` takes for seeded parameters.
let seededModel = "seeded"

/// The word `--model` takes for the parameters the shipped model of the variant's score started from.
let initialModel = "initial"

/// The parameters `--model` chooses: the default (`nil`), seeded or initial ones, or the checkpoint at a path.
///
/// - Throws: ``CommandFailure`` naming the checkpoint and what is wrong with it.
func parameterChoice(model: String?) throws -> ParameterChoice {
    guard let model else { return .automatic }
    if model == seededModel { return .seeded }
    if model == initialModel { return .initial }
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
    guard path != seededModel, path != initialModel, !FileAccess.isDirectory(path),
          let file = try? SafeTensorsFile(bytes: try FileAccess.read(path)), MultiheadAttentionWeights.recognizes(file) else {
        return nil
    }
    do throws(TraceError) {
        return try MultiheadAttentionWeights(file, name: URL(fileURLWithPath: path).lastPathComponent)
    } catch {
        throw CommandFailure("--model \(path): \(error)")
    }
}

/// The pretrained model at `path`, and the name traces and pages give it (``PretrainedCheckpoint/open(_:)``).
///
/// - Throws: ``CommandFailure`` naming the path and what is wrong with it.
func pretrainedModel(at path: String) throws -> (model: any PretrainedTransformer, name: String) {
    do throws(TraceError) {
        return try PretrainedCheckpoint.open(path)
    } catch {
        throw CommandFailure("--model \(error)")
    }
}
