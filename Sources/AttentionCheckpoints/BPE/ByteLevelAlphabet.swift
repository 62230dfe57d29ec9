/// GPT-2's bytes-to-unicode table: each of the 256 byte values as one printable character.
///
/// The printable bytes `!`…`~`, `¡`…`¬` and `®`…`ÿ` stand for themselves (the code point of the same
/// value); the other 68 (controls, space, no-break space, soft hyphen …) stand for U+0100, U+0101, … in
/// byte order, so space is `Ġ` (U+0120) and newline `Ċ` (U+010A). This is `transformers`'
/// `bytes_to_unicode`: a byte-level vocabulary's strings are the UTF-8 bytes of text spelt in this alphabet.
public enum ByteLevelAlphabet {
    /// The character of each byte value (a one-scalar string), indexed by the byte.
    public static let symbols: [String] = {
        let printable = Set(Array(0x21...0x7E) + Array(0xA1...0xAC) + Array(0xAE...0xFF))
        var next: UInt32 = 0x100
        return (0..<256).map { byte in
            if printable.contains(byte) { return String(Unicode.Scalar(UInt8(byte))) }
            guard let scalar = Unicode.Scalar(next) else { preconditionFailure("U+\(next) is a scalar value") }
            next += 1
            return String(scalar)
        }
    }()

    /// The UTF-8 bytes of `text`, each written as its symbol.
    public static func spelling(_ text: some StringProtocol) -> [String] {
        text.utf8.map { symbols[Int($0)] }
    }
}
