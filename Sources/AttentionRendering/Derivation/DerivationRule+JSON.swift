/// The page's form of a rule, which its script reads when a cell is clicked.
extension DerivationRule {
    /// Appends the rule as a JSON object, safe inside a `<script>` element:
    /// `{"op":"rowMax","out":{…},"in":[{…}],"maxima":[[3,"zoo"]]}`.
    ///
    /// `op` is the ``Operation``'s name (or `result`), `out` and `in` are
    /// ``RuleTensor``s, and each other member appears only when set: `sources`,
    /// `missing`, `constant`, `note`, `start`, `rowLabels`, `columnLabels`, `maxima`
    /// (`[column, label]` or `null` per row), `distances` (`[text, isInside]` per
    /// cell) and `argument` (`op`, `in`, `constant`). Numbers are written as tables
    /// print them (``NumberFormatting/fixed(_:)``).
    ///
    /// - Complexity: O(size of the rule's facts and excerpts).
    func appendJSON(to json: inout TextBuffer) {
        json += "{\"op\":"
        switch kind {
        case .operation(let operation): appendJSONString(operation.rawValue, to: &json)
        case .result: json += "\"result\""
        }
        json += ",\"out\":"
        output.appendJSON(to: &json)
        if !operands.isEmpty { appendMember("in", operands, to: &json) { $0.appendJSON(to: &$1) } }
        if case .result(let sources) = kind {
            appendMember("sources", sources, to: &json) { source, json in
                if let source { appendJSONString(source, to: &json) } else { json += "null" }
            }
        }
        if !missing.isEmpty { appendMember("missing", missing, to: &json, appendJSONString) }
        if let constant { appendMember("constant", constant, to: &json) }
        if let note { appendMember("note", note, to: &json) }
        if let start { json += ",\"start\":\(start)" }
        if let rowLabels { appendMember("rowLabels", rowLabels, to: &json, appendJSONString) }
        if let columnLabels { appendMember("columnLabels", columnLabels, to: &json, appendJSONString) }
        if let maxima {
            appendMember("maxima", maxima, to: &json) { maximum, json in
                guard let maximum else { json += "null"; return }
                json += "[\(maximum.column)"
                if let label = maximum.label {
                    json += ","
                    appendJSONString(label, to: &json)
                }
                json += "]"
            }
        }
        if let distances {
            appendMember("distances", distances, to: &json) { distance, json in
                json += "[\"\(distance.text)\",\(distance.isInside)]"
            }
        }
        if let argument {
            json += ",\"argument\":{\"op\":"
            appendJSONString(argument.operation.rawValue, to: &json)
            appendMember("in", argument.operands, to: &json) { $0.appendJSON(to: &$1) }
            if let constant = argument.constant { appendMember("constant", constant, to: &json) }
            json += "}"
        }
        json += "}"
    }
}

extension RuleTensor {
    /// Appends `{"id":…,"name":…,"shape":[…]}`, with an `excerpt` (`rows`, `columns`, `values`) when it has one.
    func appendJSON(to json: inout TextBuffer) {
        json += "{\"id\":"
        appendJSONString(id, to: &json)
        json += ",\"name\":"
        appendJSONString(name, to: &json)
        appendMember("shape", shape, to: &json) { $1 += String($0) }
        if let excerpt {
            json += ",\"excerpt\":{\"values\":["
            for (k, value) in excerpt.values.enumerated() {
                json += k == 0 ? "\"" : ",\""
                NumberFormatting.appendFixed(value, to: &json)
                json += "\""
            }
            json += "]"
            if let rows = excerpt.rows { appendMember("rows", rows, to: &json) { $1 += String($0) } }
            if let columns = excerpt.columns { appendMember("columns", columns, to: &json) { $1 += String($0) } }
            json += "}"
        }
        json += "}"
    }
}

/// Appends `,"key":[e1,e2,…]`, each element written by `appendElement`.
private func appendMember<Element>(_ key: String, _ elements: [Element], to json: inout TextBuffer,
                                   _ appendElement: (Element, inout TextBuffer) -> Void) {
    json += ",\"\(key)\":["
    for (k, element) in elements.enumerated() {
        if k > 0 { json += "," }
        appendElement(element, &json)
    }
    json += "]"
}

/// Appends `,"key":"text"`.
private func appendMember(_ key: String, _ text: String, to json: inout TextBuffer) {
    json += ",\"\(key)\":"
    appendJSONString(text, to: &json)
}
