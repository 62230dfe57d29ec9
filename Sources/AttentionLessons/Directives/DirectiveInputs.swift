import AttentionEngine
import AttentionModels
import Foundation

/// The keys `{trace}` and `{compare}` share to say what a trace reads: its input spec and its parameters.
enum DirectiveInputs {
    /// The word of the `model` key for the package's trained model.
    static let trainedModel = "trained"
    /// The word of the `model` key for the parameters the package's trained model started from.
    static let initialModel = "initial"
    /// The word of the `model` key for seeded parameters, the default.
    static let seededModel = "seeded"

    /// The spec the `input` key names, read from inside the lesson's course folder, or `nil`.
    ///
    /// - Throws: ``LessonError`` at the key's line for a path outside the course folder, a file
    ///   that cannot be read, or a spec the engine refuses.
    static func spec(_ body: DirectiveBody, directive: String, at location: SourceLocation) throws(LessonError) -> InputSpec? {
        guard let input = try body.single("input", directive: directive) else { return nil }
        let path = try CourseFolder(containing: location.file).file(unquoted(input.value), at: input.location)
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw LessonError("cannot read the input spec '\(path)'", at: input.location)
        }
        do {
            return try InputSpec(json: data, file: path)
        } catch {
            throw LessonError(error.description, at: input.location)
        }
    }

    /// A pretrained model a `model` key names, opened, with the name its traces give it.
    struct PretrainedModel {
        let model: any PretrainedTransformer
        let name: String
    }

    /// The pretrained model the `model` key names (a folder or a `.gguf` file inside the course
    /// folder), or `nil` when the key names none (it is `seeded`, `trained`, a checkpoint that
    /// `attention-trace train` wrote, or absent).
    ///
    /// - Throws: ``LessonError`` at the key's line for a path outside the course folder or a model
    ///   that cannot be read.
    static func pretrainedModel(_ body: DirectiveBody, directive: String,
                                at location: SourceLocation) throws(LessonError) -> PretrainedModel? {
        guard let entry = try body.single("model", directive: directive) else { return nil }
        let value = unquoted(entry.value)
        guard ![seededModel, trainedModel, initialModel].contains(value) else { return nil }
        let path = try CourseFolder(containing: location.file).file(value, at: entry.location)
        guard PretrainedCheckpoint.isPretrained(path) else { return nil }
        do throws(TraceError) {
            let (model, name) = try PretrainedCheckpoint.open(path)
            return PretrainedModel(model: model, name: name)
        } catch {
            throw LessonError("model: \(error.description)", at: entry.location)
        }
    }

    /// The parameters the `model` key chooses for `variant`: `seeded` (the default, so that a lesson's
    /// numbers do not move when the package ships a retrained model), `trained` (the package's model
    /// of the variant's score: the additive RNNsearch for `additive`, the Luong models for `general`
    /// and `dot`), `initial` (the parameters that model's training started from,
    /// ``ParameterChoice/initial``), or a checkpoint that `attention-trace train` wrote, by a path
    /// inside the course folder.
    ///
    /// - Throws: ``LessonError`` at the key's line for a checkpoint that is missing, outside the
    ///   course folder or malformed.
    static func parameters(_ body: DirectiveBody, directive: String, for variant: Variant,
                           at location: SourceLocation) throws(LessonError) -> ParameterChoice {
        guard let entry = try body.single("model", directive: directive) else { return .seeded }
        let value = unquoted(entry.value)
        switch value {
        case seededModel: return .seeded
        case initialModel: return .initial
        default: return .model(try checkpoint(entry, for: variant, at: location))
        }
    }

    /// The package's trained model of `variant`'s score (the additive one for a variant without a score).
    ///
    /// - Throws: ``LessonError`` at `location` when this build ships none, or its file cannot be read.
    static func shippedModel(for variant: Variant, at location: SourceLocation) throws(LessonError) -> ModelCheckpoint {
        do {
            if let model = try ModelCheckpoint.shipped(score: variant.tracedScore ?? .additive) { return model }
        } catch {
            throw LessonError("the shipped model cannot be read: \(error)", at: location)
        }
        throw LessonError("this build of attention-trace ships no trained model", at: location)
    }

    /// The checkpoint a `model` entry names: `trained` or `initial` (for either, the package's model
    /// of the variant's score, as trained), or the path of a file `attention-trace train` wrote.
    ///
    /// - Throws: ``LessonError`` at the entry's line for `seeded`, or a checkpoint that is missing,
    ///   outside the course folder or malformed.
    static func checkpoint(_ entry: DirectiveBody.Entry, for variant: Variant,
                           at location: SourceLocation) throws(LessonError) -> ModelCheckpoint {
        let value = unquoted(entry.value)
        do {
            switch value {
            case seededModel:
                throw LessonError("model: '\(seededModel)' has no checkpoint; use '\(trainedModel)' or the path of a file "
                    + "`attention-trace train` wrote", at: entry.location)
            case trainedModel, initialModel:
                return try shippedModel(for: variant, at: entry.location)
            default:
                let path = try CourseFolder(containing: location.file).file(value, at: entry.location)
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                return try ModelCheckpoint(bytes: bytes, name: URL(fileURLWithPath: path).lastPathComponent)
            }
        } catch let error as LessonError {
            throw error
        } catch {
            throw LessonError("model: '\(value)' is not a checkpoint attention-trace can read (\(error)); "
                + "use '\(trainedModel)', '\(initialModel)', '\(seededModel)' or the path of a file `attention-trace train` wrote",
                              at: entry.location)
        }
    }
}
