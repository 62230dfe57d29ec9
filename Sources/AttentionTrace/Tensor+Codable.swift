extension Tensor: Codable {
    private indirect enum Nested: Codable {
        case number(Double?)
        case array([Nested])

        init(from decoder: Decoder) throws {
            if var array = try? decoder.unkeyedContainer() {
                var items: [Nested] = []
                while !array.isAtEnd { items.append(try array.decode(Nested.self)) }
                self = .array(items)
            } else {
                let container = try decoder.singleValueContainer()
                self = .number(container.decodeNil() ? nil : try container.decode(Double.self))
            }
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let value?): try container.encode(value)
            case .number(nil): try container.encodeNil()
            case .array(let items): try container.encode(items)
            }
        }
    }

    /// Decodes nested arrays of numbers; `null` becomes negative infinity (a masked entry).
    ///
    /// - Throws: `DecodingError.dataCorrupted` when the nesting is ragged.
    public init(from decoder: Decoder) throws {
        var shape: [Int] = []
        var scalars: [Double] = []
        func flatten(_ node: Nested, depth: Int) throws {
            switch node {
            case .number(let value):
                guard depth == shape.count else { throw ragged(decoder) }
                scalars.append(value ?? -.infinity)
            case .array(let items):
                if depth == shape.count, scalars.isEmpty { shape.append(items.count) }
                guard depth < shape.count, shape[depth] == items.count else { throw ragged(decoder) }
                for item in items { try flatten(item, depth: depth + 1) }
            }
        }
        try flatten(try Nested(from: decoder), depth: 0)
        guard shape.reduce(1, *) == scalars.count else { throw ragged(decoder) }
        self.init(shape: shape, scalars: scalars)
    }

    /// Encodes nested arrays of numbers; negative infinity is written as `null`.
    public func encode(to encoder: Encoder) throws {
        try nested(dimension: 0, offset: 0).encode(to: encoder)
    }

    private func nested(dimension: Int, offset: Int) -> Nested {
        guard dimension < shape.count else {
            let value = scalars[offset]
            return .number(value == -.infinity ? nil : value)
        }
        let stride = shape[(dimension + 1)...].reduce(1, *)
        return .array((0..<shape[dimension]).map { nested(dimension: dimension + 1, offset: offset + $0 * stride) })
    }
}

private func ragged(_ decoder: Decoder) -> DecodingError {
    DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                      debugDescription: "rows of different lengths (a tensor must be rectangular)"))
}
