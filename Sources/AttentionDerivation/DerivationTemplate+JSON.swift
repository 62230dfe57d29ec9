import AttentionText

/// The page's form of a template, which `derivation.js` fills when a cell is clicked.
extension DerivationTemplate {
    /// Appends the template as a JSON object, safe inside a `<script>` element:
    /// `{"tensors":["t0.normalise.max","t0.score.scores"],"lines":["m[{i},{j}] = max_k e[{i},k]",…],"facts":[[", at k = 0 (“le”)"]]}`.
    ///
    /// `tensors` lists the slots' identifiers; each line is a text with holes, or an
    /// object with `if` (a list of `[left, relation, right]` conditions) and either `text`
    /// or a continuation `then` (a slot) with its `row` and `column` index expressions.
    /// `facts` (lists of text) and `excerpts` (per slot, `null` or the `values` of the cells
    /// included, as tables print them, with the `rows` and `columns` included when not
    /// all, and the tensor's `columnCount`) appear only when there are any.
    ///
    /// - Complexity: O(size of the template).
    package func appendJSON(to json: inout TextBuffer) {
        appendArray("{\"tensors\":", tensors, to: &json, appendJSONString)
        appendArray(",\"lines\":", lines, to: &json) { line, json in
            guard !line.conditions.isEmpty || !line.isText else { return line.appendText(to: &json) }
            appendArray("{\"if\":", line.conditions, to: &json) { condition, json in
                json += "["
                appendJSONString(condition.left.source, to: &json)
                json += ","
                appendJSONString(condition.relation.rawValue, to: &json)
                json += ","
                appendJSONString(condition.right.source, to: &json)
                json += "]"
            }
            switch line.content {
            case .text:
                json += ",\"text\":"
                line.appendText(to: &json)
            case .continuation(let slot, let row, let column):
                json += ",\"then\":\(slot),\"row\":\"\(row.expression)\",\"column\":\"\(column.expression)\""
            }
            json += "}"
        }
        if !facts.isEmpty {
            appendArray(",\"facts\":", facts, to: &json) { entries, json in appendArray("", entries, to: &json, appendJSONString) }
        }
        if excerpts.contains(where: { $0 != nil }) {
            appendArray(",\"excerpts\":", excerpts, to: &json) { excerpt, json in
                guard let excerpt else { json += "null"; return }
                appendArray("{\"values\":", excerpt.values, to: &json) { value, json in
                    json += "\""
                    NumberFormatting.appendFixed(value, to: &json)
                    json += "\""
                }
                if let rows = excerpt.rows { appendArray(",\"rows\":", rows, to: &json) { $1 += String($0) } }
                if let columns = excerpt.columns { appendArray(",\"columns\":", columns, to: &json) { $1 += String($0) } }
                json += ",\"columnCount\":\(excerpt.columnCount)}"
            }
        }
        json += "}"
    }
}

private extension TemplateLine {
    var isText: Bool {
        if case .text = content { true } else { false }
    }

    func appendText(to json: inout TextBuffer) {
        if case .text(let text) = content { appendJSONString(text.source, to: &json) }
    }
}

/// Appends `prefix[e1,e2,…]`, each element written by `appendElement`.
private func appendArray<Element>(_ prefix: String, _ elements: [Element], to json: inout TextBuffer,
                                  _ appendElement: (Element, inout TextBuffer) -> Void) {
    json += prefix + "["
    for (k, element) in elements.enumerated() {
        if k > 0 { json += "," }
        appendElement(element, &json)
    }
    json += "]"
}
