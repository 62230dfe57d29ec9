import AttentionCheckpoints
import Foundation

/// Opening a pretrained model from disk, whatever its family: the one place that knows which files
/// are which family, for `trace`, `explain` and `overview --model` and for a lesson's `{trace}`.
public enum PretrainedCheckpoint {
    /// The families a Hugging Face folder may be, by the `model_type` of its `config.json`.
    public static let folderFamilies = ["bert", "gpt2", "llama"]

    /// Whether `path` names a pretrained model: a folder (a Hugging Face model), or a GGUF file.
    public static func isPretrained(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        return (exists && isDirectory.boolValue) || path.lowercased().hasSuffix(".gguf")
    }

    /// The model at `path` and the name traces and pages give it (the folder's or file's name): a
    /// Llama-family decoder for a GGUF file, otherwise the family the folder's `config.json` names by
    /// its `model_type` (`bert`, `gpt2` or `llama`; `bert` when it names none).
    ///
    /// - Throws: ``TraceError/unusableCheckpoint(model:reason:)`` naming `path` and the file, key or
    ///   tensor that is wrong, a path that does not exist, or a family this package does not read
    ///   (with those it does).
    public static func open(_ path: String) throws(TraceError) -> (model: any PretrainedTransformer, name: String) {
        let url = URL(fileURLWithPath: path), name = url.standardizedFileURL.lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unusableCheckpoint(model: path, reason: "no such file or folder")
        }
        do {
            guard isDirectory.boolValue else { return (try LlamaModel(contentsOf: url), name) }
            let family = modelType(in: url.appendingPathComponent("config.json")) ?? "bert"
            guard folderFamilies.contains(family) else {
                throw TraceError.unusableCheckpoint(
                    model: path, reason: "config.json's model_type '\(family)' is not supported; the supported are "
                        + folderFamilies.joined(separator: ", ") + " (and Llama-family GGUF files)")
            }
            let model: any PretrainedTransformer = switch family {
            case "gpt2": try GPT2Model(folder: url)
            case "llama": try LlamaModel(folder: url)
            default: try BERTModel(folder: url)
            }
            return (model, name)
        } catch let error as TraceError {
            throw error
        } catch {
            throw .unusableCheckpoint(model: path, reason: "\(error)")
        }
    }

    /// The `model_type` of a Hugging Face `config.json`, or `nil` when the file or the key is missing
    /// (the family's reader then reports what is wrong).
    private static func modelType(in config: URL) -> String? {
        guard let data = try? Data(contentsOf: config),
              let fields = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return nil }
        return fields["model_type"] as? String
    }
}
