/// Why a Hugging Face model folder could not be read.
///
/// Each case names the file and what in it was wrong, so that a command can print it as one line.
public enum CheckpointError: Error, Equatable, CustomStringConvertible {
    /// A file the model needs is not in the folder.
    case missingFile(String, folder: String)
    /// None of the sets of files that can give the model its tokenizer is in the folder.
    case missingFiles(alternatives: [[String]], folder: String)
    /// `config.json` is not a JSON object.
    case malformedConfiguration(file: String, reason: String)
    /// `config.json` lacks a key the model needs.
    case missingKey(String, file: String)
    /// `config.json` holds a key this reader does not know; `suggestion` is the closest known one.
    case unknownKey(String, file: String, suggestion: String?)
    /// A key's value has the wrong type or is out of range.
    case invalidValue(key: String, file: String, expected: String, found: String)
    /// The checkpoint lacks a tensor the model needs.
    case missingTensor(String, file: String)
    /// A tensor's shape disagrees with the configuration.
    case tensorShape(String, file: String, expected: [Int], found: [Int])
    /// The vocabulary file is unusable, or disagrees with the embedding rows.
    case invalidVocabulary(file: String, reason: String)
    /// BPE merged a word into a piece the vocabulary does not list (the piece is spelt in ``ByteLevelAlphabet``).
    case unknownPiece(String, word: String)
    /// The input has more tokens than the model has position embeddings.
    case tooManyTokens(Int, maxPositions: Int)
    /// A token id has no row in the word embeddings.
    case tokenIDOutOfRange(Int, vocabularySize: Int)

    /// The error as one line, for a command to print after `Error: `.
    public var description: String {
        switch self {
        case let .missingFile(name, folder):
            "the model folder '\(folder)' has no '\(name)'"
        case let .missingFiles(alternatives, folder):
            "the model folder '\(folder)' has neither "
                + alternatives.map { $0.map { "'\($0)'" }.joined(separator: " and ") }.joined(separator: " nor ")
        case let .malformedConfiguration(file, reason):
            "\(file): \(reason)"
        case let .missingKey(key, file):
            "\(file): missing key '\(key)'"
        case let .unknownKey(key, file, suggestion):
            "\(file): unknown key '\(key)'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
        case let .invalidValue(key, file, expected, found):
            "\(file): key '\(key)' should be \(expected), found \(found)"
        case let .missingTensor(name, file):
            "\(file): no tensor '\(name)'"
        case let .tensorShape(name, file, expected, found):
            "\(file): tensor '\(name)' should have shape \(expected), found \(found)"
        case let .invalidVocabulary(file, reason):
            "\(file): \(reason)"
        case let .unknownPiece(piece, word):
            "the word '\(word)' has the piece '\(piece)', which the vocabulary does not list"
        case let .tooManyTokens(count, maxPositions):
            "the input has \(count) tokens, but the model reads at most \(maxPositions) positions"
        case let .tokenIDOutOfRange(id, vocabularySize):
            "token id \(id) is outside the vocabulary of \(vocabularySize) word pieces"
        }
    }
}
