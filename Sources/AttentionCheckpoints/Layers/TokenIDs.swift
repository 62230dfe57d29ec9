/// The checks a token sequence must pass before any model embeds it.
enum TokenIDs {
    /// Throws unless every id of `tokenIDs` has a row among `vocabularySize` and there are at most `maxPositions`.
    ///
    /// - Throws: ``CheckpointError/tooManyTokens(_:maxPositions:)`` or
    ///   ``CheckpointError/tokenIDOutOfRange(_:vocabularySize:)``.
    static func check(_ tokenIDs: [Int], maxPositions: Int, vocabularySize: Int) throws {
        guard tokenIDs.count <= maxPositions else {
            throw CheckpointError.tooManyTokens(tokenIDs.count, maxPositions: maxPositions)
        }
        if let bad = tokenIDs.first(where: { !(0..<vocabularySize).contains($0) }) {
            throw CheckpointError.tokenIDOutOfRange(bad, vocabularySize: vocabularySize)
        }
    }
}
