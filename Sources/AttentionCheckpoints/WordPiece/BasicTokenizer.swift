import Foundation

/// BERT's first tokenisation pass: text into words and punctuation marks, as `transformers`'
/// `BasicTokenizer` does.
///
/// In order: control characters (Unicode category C other than tab, newline and carriage return),
/// U+0000 and U+FFFD are dropped and whitespace (category Zs, tab, newline, carriage return)
/// becomes a space; every CJK ideograph gets a space on each side; the text is put in NFC and split
/// on whitespace; each word is lower-cased if asked, and its accents stripped (NFD, then every
/// nonspacing mark, category Mn, removed) if asked; each word is then split around every
/// punctuation character (ASCII 33–47, 58–64, 91–96, 123–126, or Unicode category P), which
/// becomes a word of its own.
public struct BasicTokenizer: Equatable, Sendable {
    /// Whether words are lower-cased (`do_lower_case`).
    public var lowercases: Bool
    /// Whether accents are stripped (`strip_accents`; when unset, the same as `lowercases`).
    public var stripsAccents: Bool
    /// Whether CJK ideographs are made words of their own (`tokenize_chinese_chars`).
    public var splitsCJK: Bool

    /// Creates a basic tokenizer.
    public init(lowercases: Bool = true, stripsAccents: Bool? = nil, splitsCJK: Bool = true) {
        self.lowercases = lowercases
        self.stripsAccents = stripsAccents ?? lowercases
        self.splitsCJK = splitsCJK
    }

    /// The words and punctuation marks of `text`, in order.
    public func words(in text: String) -> [String] {
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.value == 0 || scalar.value == 0xFFFD || Self.isControl(scalar) { continue }
            if Self.isWhitespace(scalar) {
                cleaned.append(" ")
            } else if splitsCJK && Self.isCJK(scalar) {
                cleaned.append(contentsOf: [" ", scalar, " "])
            } else {
                cleaned.append(scalar)
            }
        }
        let normalized = String(cleaned).precomposedStringWithCanonicalMapping
        return Self.splitOnWhitespace(normalized).flatMap { word -> [String] in
            var word = word
            if lowercases { word = word.lowercased() }
            if stripsAccents {
                word = String(String.UnicodeScalarView(word.decomposedStringWithCanonicalMapping.unicodeScalars
                    .filter { $0.properties.generalCategory != .nonspacingMark }))
            }
            return Self.splittingPunctuation(word)
        }
    }

    /// `word` cut around each punctuation character, which becomes a piece of its own.
    static func splittingPunctuation(_ word: String) -> [String] {
        var pieces: [String] = [], current = String.UnicodeScalarView()
        for scalar in word.unicodeScalars {
            if isPunctuation(scalar) {
                if !current.isEmpty { pieces.append(String(current)) }
                pieces.append(String(scalar))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { pieces.append(String(current)) }
        return pieces
    }

    /// The runs of `text` between whitespace (Python's `str.split()` with no argument).
    static func splitOnWhitespace(_ text: String) -> [String] {
        text.unicodeScalars.split(whereSeparator: { $0.properties.isWhitespace }).map { String(String.UnicodeScalarView($0)) }
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        [" ", "\t", "\n", "\r"].contains(scalar) || scalar.properties.generalCategory == .spaceSeparator
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        if ["\t", "\n", "\r"].contains(scalar) { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .unassigned, .privateUse, .surrogate: return true
        default: return false
        }
    }

    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if (33...47).contains(value) || (58...64).contains(value) || (91...96).contains(value) || (123...126).contains(value) {
            return true
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// The CJK Unified Ideographs blocks and their extensions, as `transformers` lists them.
    static let cjkRanges: [ClosedRange<UInt32>] = [
        0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F, 0x2B740...0x2B81F, 0x2B820...0x2CEAF,
        0xF900...0xFAFF, 0x2F800...0x2FA1F,
    ]

    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        cjkRanges.contains { $0.contains(scalar.value) }
    }
}
