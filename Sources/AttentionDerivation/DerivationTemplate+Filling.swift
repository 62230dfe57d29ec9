import AttentionTrace

extension DerivationTemplate {
    /// The lines of the derivation of the cell at `index`: the lines whose conditions
    /// hold, with every hole filled. `derivation.js` does exactly this on a page.
    ///
    /// - Parameters:
    ///   - index: One coordinate per dimension; the last two are the row `i` and column `j`
    ///     (`i` is 0 for a vector) and the others, row-major over `shape`, the matrix `s`.
    ///   - shape: The shape of the tensor the template explains.
    ///   - value: The recorded value in a row and column of a tensor viewed as a matrix, or
    ///     `nil` when unknown; an excerpt in the template is read first.
    ///   - template: The template of another tensor, for lines that continue with its derivation.
    /// - Returns: The lines; a hole whose value is unknown reads `?`.
    /// - Complexity: O(length of the template), plus that of every template it continues with.
    func filled(at index: [Int], shape: [Int], value: (TensorID, _ row: Int, _ column: Int) -> Double?,
                template: (TensorID) -> DerivationTemplate?) -> [String] {
        withoutActuallyEscaping(value) { value in
            let cell = TemplateFilling(
                template: self, value: value,
                s: zip(index.dropLast(2), shape.dropLast(2)).reduce(0) { $0 * $1.1 + $1.0 },
                i: index.count >= 2 ? index[index.count - 2] : 0, j: index.last ?? 0)
            return lines(for: cell, value: value, template: template)
        }
    }

    private func lines(for cell: TemplateFilling, value: (TensorID, Int, Int) -> Double?,
                       template: (TensorID) -> DerivationTemplate?) -> [String] {
        var lines: [String] = []
        for line in self.lines where line.conditions.allSatisfy(cell.holds) {
            switch line.content {
            case .text(let text):
                lines.append(cell.fill(text))
            case .continuation(let slot, let row, let column):
                guard tensors.indices.contains(slot), let continued = template(tensors[slot]) else { continue }
                lines += continued.filled(at: [cell.evaluate(row), cell.evaluate(column)], shape: [],
                                          value: value, template: template)
            }
        }
        return lines
    }
}

/// A template being filled for one cell.
private struct TemplateFilling {
    let template: DerivationTemplate
    let value: (TensorID, Int, Int) -> Double?
    let s: Int, i: Int, j: Int

    func evaluate(_ index: TemplateIndex) -> Int { index.value(s: s, i: i, j: j) }

    func holds(_ condition: TemplateCondition) -> Bool {
        let (left, right) = (fill(condition.left), fill(condition.right))
        switch condition.relation {
        case .equal: return left == right
        case .notEqual: return left != right
        case .less, .lessOrEqual:
            guard let l = Int(left), let r = Int(right) else { return false }
            return condition.relation == .less ? l < r : l <= r
        }
    }

    /// `text` with its doubled braces undone and every hole replaced by its text.
    ///
    /// - Complexity: O(length of `text`); runs without braces are appended whole.
    func fill(_ text: TemplateText) -> String {
        var filled = ""
        var rest = text.source[...]
        while let brace = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            filled += rest[..<brace]
            let character = rest[brace]
            rest = rest[rest.index(after: brace)...]
            if rest.first == character {
                rest.removeFirst()
                filled.append(character)
            } else if character == "{" {
                guard let close = rest.firstIndex(of: "}") else { return filled }
                filled += hole(rest[..<close])
                rest = rest[rest.index(after: close)...]
            } else {
                filled.append(character)
            }
        }
        return filled + rest
    }

    /// The text of a hole: `vN:row,column`, `fN:…`, `nN:…`, `@N:index`, or an index expression.
    private func hole(_ body: Substring) -> String {
        guard let kind = body.first, let colon = body.firstIndex(of: ":"), "vfn@".contains(kind),
              let number = Int(body[body.index(after: body.startIndex)..<colon]) else {
            return Self.evaluate(body, s: s, i: i, j: j).map(String.init) ?? "?"
        }
        let arguments = body[body.index(after: colon)...].split(separator: ",", omittingEmptySubsequences: false)
        let positions = arguments.map { Self.evaluate($0, s: s, i: i, j: j) }
        if kind == "@" {
            guard template.facts.indices.contains(number), let k = positions.first ?? nil,
                  template.facts[number].indices.contains(k) else { return "" }
            return template.facts[number][k]
        }
        guard positions.count == 2, let row = positions[0], let column = positions[1] else { return "?" }
        let text = recorded(slot: number, row: row, column: column).map(DerivationFormatting.number) ?? "?"
        return kind == "f" ? DerivationFormatting.factor(text) : kind == "n" ? DerivationFormatting.negated(text) : text
    }

    /// The value in `row`, `column` of the tensor in `slot`: from the template's excerpt, else recorded.
    private func recorded(slot: Int, row: Int, column: Int) -> Double? {
        guard template.tensors.indices.contains(slot) else { return nil }
        if template.excerpts.indices.contains(slot), let excerpt = template.excerpts[slot],
           let excerpted = excerpt.value(row: row, column: column) {
            return excerpted
        }
        return value(template.tensors[slot], row, column)
    }

    /// The value of an index expression (`2*s+i-1`), or `nil` when it is malformed.
    static func evaluate(_ expression: Substring, s: Int, i: Int, j: Int) -> Int? {
        var total = 0
        var rest = expression[...]
        while !rest.isEmpty {
            var sign = 1
            if rest.first == "+" || rest.first == "-" { sign = rest.removeFirst() == "-" ? -1 : 1 }
            let digits = rest.prefix(while: \.isASCIIDigit)
            rest = rest.dropFirst(digits.count)
            var term = digits.isEmpty ? 1 : Int(digits) ?? 0
            if !digits.isEmpty, rest.first == "*" { rest.removeFirst() }
            if let variable = rest.first, "sij".contains(variable) {
                rest.removeFirst()
                term *= variable == "s" ? s : variable == "i" ? i : j
            } else if digits.isEmpty {
                return nil
            }
            total += sign * term
        }
        return expression.isEmpty ? nil : total
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
