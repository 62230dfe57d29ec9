import AttentionTrace

extension JSONCursor {
    /// Reads a tensor written as nested arrays of numbers (one level per dimension, row-major)
    /// straight into contiguous storage, learning its shape as the arrays close.
    ///
    /// Every array at one depth must have as many elements as the first one there, and every
    /// number must be at the same depth; a bare number is a tensor of shape `[]`. `null` is
    /// read as negative infinity, as in a trace, so that the spec's check for non-finite
    /// entries names its position.
    ///
    /// - Complexity: One pass over the text; storage grows geometrically, like `Array.append`.
    /// - Throws: ``SpecReadingError/invalid(path:message:)`` for ragged nesting, a value that is
    ///   not a number, or a number beyond the largest `Double`; ``SpecReadingError/syntax``.
    mutating func tensor(at path: String) throws(SpecReadingError) -> Tensor {
        var scalars: [Double] = []
        /// The number of elements of every array at each depth, `-1` until the first closes.
        var extents: [Int] = []
        /// The number of elements read so far of each open array, outermost first.
        var counts: [Int] = []
        /// The depth of every number, once the first is read.
        var leafDepth = -1
        let ragged = SpecReadingError.invalid(path: path, message: "rows of different lengths (a tensor must be rectangular)")
        while true {
            // At an element, or at the whole value when no array is open.
            switch peek() ?? 0 {
            case UInt8(ascii: "["):
                let depth = counts.count
                guard leafDepth < 0 || depth < leafDepth else { throw ragged }
                guard depth < Self.maximumDepth else { throw .syntax }
                try expect(UInt8(ascii: "["))
                counts.append(0)
                if extents.count == depth { extents.append(-1) }
                guard skip(UInt8(ascii: "]")) else { continue }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "n"):
                if leafDepth < 0 {
                    guard extents.count == counts.count else { throw ragged }
                    leafDepth = counts.count
                } else if counts.count != leafDepth {
                    throw ragged
                }
                scalars.append(try skipNull() ? -.infinity : number(at: path + counts.map { "[\($0)]" }.joined()))
                guard !counts.isEmpty else { return Tensor(shape: [], scalars: scalars) }
                counts[counts.count - 1] += 1
                if skip(UInt8(ascii: ",")) { continue }
                try expect(UInt8(ascii: "]"))
            default:
                // Throws for the end of the text and for a byte no value starts with.
                let found = try kind()
                let element = path + counts.map { "[\($0)]" }.joined()
                throw .invalid(path: element, message: "expected a number or an array, found \(found.rawValue)")
            }
            // An array just closed: record its extent, then move on in the array that holds it.
            while true {
                let depth = counts.count - 1
                let count = counts.removeLast()
                if extents[depth] < 0 {
                    extents[depth] = count
                } else if extents[depth] != count {
                    throw ragged
                }
                guard !counts.isEmpty else { return Tensor(shape: extents, scalars: scalars) }
                counts[depth - 1] += 1
                if skip(UInt8(ascii: ",")) { break }
                try expect(UInt8(ascii: "]"))
            }
        }
    }

    /// Reads a finite number at `path`, refusing one beyond the largest `Double` by its path.
    mutating func number(at path: @autoclosure () -> String) throws(SpecReadingError) -> Double {
        do {
            return try number()
        } catch .unrepresentable(let text) {
            throw .invalid(path: path(), message: "the number \(text) is not representable (beyond ±1.8e308, the largest Double)")
        }
    }
}
