import Foundation

/// A Hugging Face `tokenizer.json` (the `tokenizers` library's file), read for the two tokenizers this
/// package implements: BERT's WordPiece and GPT-2's byte-level BPE.
///
/// Only what changes the ids of one sentence is read: the model (its type, vocabulary, merges and
/// settings), the normalizer, the pre-tokenizer and the post-processor. Each must be one this package
/// computes exactly; anything else is refused naming the key (`model.type`, `pre_tokenizer`, …) rather
/// than tokenised differently. `truncation`, `padding`, `decoder` and `added_tokens` are not read
/// (BERT's special tokens are recognised in text from the vocabulary, as ``WordPieceTokenizer`` says).
struct TokenizerJSON {
    static let file = "tokenizer.json"

    private let fields: [String: Any]

    /// Parses `data` as one JSON object.
    ///
    /// - Throws: ``CheckpointError/malformedConfiguration(file:reason:)`` if it is not one.
    init(data: Data) throws {
        guard let object = try? JSONSerialization.jsonObject(with: data), let fields = object as? [String: Any] else {
            throw CheckpointError.malformedConfiguration(file: Self.file, reason: "it is not a JSON object")
        }
        self.fields = fields
    }

    /// BERT's tokenizer: `model.type` `WordPiece` with `##` continuations, `[UNK]` and 100 characters a
    /// word; a `BertNormalizer` that cleans the text (its `lowercase`, `strip_accents` and
    /// `handle_chinese_chars` set up the ``BasicTokenizer``); the `BertPreTokenizer`; and a
    /// post-processor that frames a sentence as `[CLS] … [SEP]`.
    ///
    /// - Throws: ``CheckpointError/invalidValue(key:file:expected:found:)`` naming the first part that
    ///   is not that, or ``CheckpointError/invalidVocabulary(file:reason:)``.
    func wordPiece() throws -> WordPieceTokenizer {
        let model = try object("model")
        try require("model.type", in: model, "type", equals: "WordPiece")
        try require("model.continuing_subword_prefix", in: model, "continuing_subword_prefix", equals: "##")
        try require("model.unk_token", in: model, "unk_token", equals: "[UNK]")
        try require("model.max_input_chars_per_word", in: model, "max_input_chars_per_word", equals: WordPieceTokenizer.maxWordLength)
        let normalizer = try object("normalizer")
        try require("normalizer.type", in: normalizer, "type", equals: "BertNormalizer")
        try require("normalizer.clean_text", in: normalizer, "clean_text", equals: true)
        let pre = try object("pre_tokenizer")
        try require("pre_tokenizer.type", in: pre, "type", equals: "BertPreTokenizer")
        let framing: [String] = ["[CLS]", "A", "[SEP]"]
        guard try postProcessorSingle() == framing else {
            throw invalid("post_processor", expected: "one that frames a sentence as [CLS] … [SEP]", found: "another")
        }
        let basic = BasicTokenizer(lowercases: try flag("lowercase", in: normalizer, key: "normalizer.lowercase") ?? true,
                                   stripsAccents: try flag("strip_accents", in: normalizer, key: "normalizer.strip_accents"),
                                   splitsCJK: try flag("handle_chinese_chars", in: normalizer, key: "normalizer.handle_chinese_chars") ?? true)
        return try WordPieceTokenizer(ids: try vocabulary(model), basic: basic, file: Self.file)
    }

    /// GPT-2's tokenizer: `model.type` `BPE` (no dropout, no continuation prefix or word suffix, no
    /// byte fallback, merges applied to every word), no normalizer, a `ByteLevel` pre-tokenizer
    /// with GPT-2's pattern and no prefix space (or `Digits` with individual digits before it, as
    /// SmolLM's, ``BPETokenizer/Splitting/digitsFirst``), and a post-processor that adds nothing.
    ///
    /// - Throws: As ``wordPiece()``.
    func bytePairEncoding() throws -> BPETokenizer {
        let model = try object("model")
        try require("model.type", in: model, "type", equals: "BPE")
        let settings: [(key: String, allowed: Any)] = [("dropout", NSNull()), ("continuing_subword_prefix", ""),
                                                       ("end_of_word_suffix", ""), ("byte_fallback", false), ("ignore_merges", false)]
        for (key, allowed) in settings {
            guard let value = model[key], !(value is NSNull), !Self.isEqual(value, allowed) else { continue }
            throw invalid("model.\(key)", expected: "\(Self.describe(allowed)) (GPT-2's BPE)", found: Self.describe(value))
        }
        guard fields["normalizer"] == nil || fields["normalizer"] is NSNull else {
            throw invalid("normalizer", expected: "null (byte-level BPE reads the text as written)", found: "a normalizer")
        }
        let splitting = try byteLevelSplitting(fields["pre_tokenizer"])
        guard try postProcessorSingle().map({ $0 == ["A"] }) ?? true else {
            throw invalid("post_processor", expected: "one that adds no token", found: "one that adds tokens")
        }
        guard let rawMerges = model["merges"] as? [Any] else {
            throw invalid("model.merges", expected: "a list of merges", found: "\(model["merges"].map { "\($0)" } ?? "nothing")")
        }
        let merges = try rawMerges.enumerated().map { index, merge throws -> BPEMerge in
            let symbols = (merge as? [String]) ?? (merge as? String).map { $0.split(separator: " ", omittingEmptySubsequences: false).map(String.init) }
            guard let symbols, symbols.count == 2, !symbols[0].isEmpty, !symbols[1].isEmpty else {
                throw CheckpointError.invalidVocabulary(file: Self.file, reason: "merge \(index) of model.merges is not two symbols: \(merge)")
            }
            return BPEMerge(symbols[0], symbols[1])
        }
        return BPETokenizer(ids: try vocabulary(model), merges: merges, splitting: splitting)
    }

    /// The splitting a byte-level pre-tokenizer describes.
    private func byteLevelSplitting(_ pre: Any?) throws -> BPETokenizer.Splitting {
        func isGPT2ByteLevel(_ value: Any) -> Bool {
            guard let step = value as? [String: Any], step["type"] as? String == "ByteLevel" else { return false }
            return Self.isEqual(step["add_prefix_space"] ?? false, false) && Self.isEqual(step["use_regex"] ?? true, true)
        }
        if let pre, isGPT2ByteLevel(pre) { return .gpt2 }
        if let pre = pre as? [String: Any], pre["type"] as? String == "Sequence", let steps = pre["pretokenizers"] as? [Any],
           steps.count == 2, let digits = steps[0] as? [String: Any], digits["type"] as? String == "Digits",
           Self.isEqual(digits["individual_digits"] ?? false, true), isGPT2ByteLevel(steps[1]) {
            return .digitsFirst
        }
        throw invalid("pre_tokenizer", expected: "ByteLevel with GPT-2's pattern and no prefix space, or Digits (individual) then that",
                      found: "another")
    }

    /// The `single` template of a `TemplateProcessing` or `BertProcessing` post-processor, as token names
    /// and `A` for the sentence; `nil` when there is none or it is `ByteLevel` (which adds nothing).
    private func postProcessorSingle() throws -> [String]? {
        guard let processor = fields["post_processor"] as? [String: Any] else { return nil }
        switch processor["type"] as? String {
        case "ByteLevel": return nil
        case "BertProcessing":
            let cls = (processor["cls"] as? [Any])?.first as? String, sep = (processor["sep"] as? [Any])?.first as? String
            return [cls ?? "?", "A", sep ?? "?"]
        case "TemplateProcessing":
            guard let single = processor["single"] as? [[String: Any]] else { break }
            return single.map { piece in
                ((piece["SpecialToken"] as? [String: Any])?["id"] as? String) ?? ((piece["Sequence"] as? [String: Any])?["id"] as? String) ?? "?"
            }
        default: break
        }
        throw invalid("post_processor", expected: "TemplateProcessing, BertProcessing or ByteLevel", found: "\(processor["type"] ?? "another")")
    }

    private func vocabulary(_ model: [String: Any]) throws -> [String: Int] {
        guard let vocab = model["vocab"] as? [String: Any], !vocab.isEmpty else {
            throw CheckpointError.invalidVocabulary(file: Self.file, reason: "model.vocab is not an object of tokens and ids")
        }
        var ids: [String: Int] = [:]
        for (token, value) in vocab {
            guard let number = value as? NSNumber, !ConfigurationFields.isBoolean(number), let id = Int(exactly: number.doubleValue), id >= 0 else {
                throw CheckpointError.invalidVocabulary(file: Self.file, reason: "token '\(token)' has id \(value), not a natural number")
            }
            ids[token] = id
        }
        return ids
    }

    private func object(_ key: String) throws -> [String: Any] {
        guard let object = fields[key] as? [String: Any] else {
            throw invalid(key, expected: "an object", found: fields[key].map { "\($0)" } ?? "nothing")
        }
        return object
    }

    private func require(_ key: String, in object: [String: Any], _ field: String, equals expected: Any) throws {
        guard let value = object[field], Self.isEqual(value, expected) else {
            throw invalid(key, expected: "\(expected)", found: object[field].map(Self.describe) ?? "nothing")
        }
    }

    private func flag(_ field: String, in object: [String: Any], key: String) throws -> Bool? {
        guard let value = object[field], !(value is NSNull) else { return nil }
        guard let number = value as? NSNumber, ConfigurationFields.isBoolean(number) else {
            throw invalid(key, expected: "true, false or null", found: Self.describe(value))
        }
        return number.boolValue
    }

    private func invalid(_ key: String, expected: String, found: String) -> CheckpointError {
        .invalidValue(key: key, file: Self.file, expected: expected, found: found)
    }

    /// A JSON value as an error shows it: `true`, `null`, `12`, or a string as written.
    private static func describe(_ value: Any) -> String {
        switch value {
        case is NSNull: "null"
        case let number as NSNumber where ConfigurationFields.isBoolean(number): number.boolValue ? "true" : "false"
        default: "\(value)"
        }
    }

    /// Whether a JSON value equals a string, Boolean, integer or null.
    private static func isEqual(_ value: Any, _ expected: Any) -> Bool {
        switch expected {
        case let string as String: return value as? String == string
        case let flag as Bool:
            guard let number = value as? NSNumber, ConfigurationFields.isBoolean(number) else { return false }
            return number.boolValue == flag
        case let integer as Int:
            guard let number = value as? NSNumber, !ConfigurationFields.isBoolean(number) else { return false }
            return number.doubleValue == Double(integer)
        case is NSNull: return value is NSNull
        default: return false
        }
    }
}
