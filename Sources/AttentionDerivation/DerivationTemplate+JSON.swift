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
    /// all, and the tensor's `columnCount`) appear only when there are any. An excerpt that
    /// `page` has written before is `{"island":"t0.decode.xW_z","slot":2}` instead: the same
    /// excerpt is in that slot of the template in that tensor's data island.
    ///
    /// - Parameter page: The excerpts the page has written so far (this template's are written
    ///   in the data island of its own tensor, slot 0), or `nil` to write every excerpt in full.
    /// - Complexity: O(size of the template).
    package func appendJSON(to json: inout TextBuffer, page: ExcerptsOnPage? = nil) {
        appendArray("{\"tensors\":", tensors, to: &json, appendJSONString)
        appendArray(",\"lines\":", lines, to: &json) { line, json in
            guard !line.conditions.isEmpty || !line.isText else { return line.appendText(to: &json) }
            appendArray("{\"if\":", line.conditions, to: &json) { condition, json in
                json.append(literal: "[")
                appendJSONString(condition.left.source, to: &json)
                json.append(literal: ",")
                appendJSONString(condition.relation.rawValue, to: &json)
                json.append(literal: ",")
                appendJSONString(condition.right.source, to: &json)
                json.append(literal: "]")
            }
            switch line.content {
            case .text:
                json.append(literal: ",\"text\":")
                line.appendText(to: &json)
            case .continuation(let slot, let row, let column):
                json += ",\"then\":\(slot),\"row\":\"\(row.expression)\",\"column\":\"\(column.expression)\""
            }
            json.append(literal: "}")
        }
        if !facts.isEmpty {
            appendArray(",\"facts\":", facts, to: &json) { entries, json in appendArray("", entries, to: &json, appendJSONString) }
        }
        if excerpts.contains(where: { $0 != nil }) {
            appendArray(",\"excerpts\":", Array(excerpts.enumerated()), to: &json) { slotted, json in
                let (slot, excerpt) = slotted
                guard let excerpt else { json.append(literal: "null"); return }
                if let page, let earlier = page.earlier(excerpt, of: tensors[slot], island: tensors[0], slot: slot) {
                    json.append(literal: "{\"island\":")
                    appendJSONString(earlier.island, to: &json)
                    json.append(literal: ",\"slot\":")
                    json.append(decimal: earlier.slot)
                    json.append(literal: "}")
                    return
                }
                appendArray("{\"values\":", excerpt.values, to: &json) { value, json in
                    json.append(literal: "\"")
                    NumberFormatting.appendFixed(value, to: &json)
                    json.append(literal: "\"")
                }
                if let rows = excerpt.rows { appendArray(",\"rows\":", rows, to: &json) { $1.append(decimal: $0) } }
                if let columns = excerpt.columns { appendArray(",\"columns\":", columns, to: &json) { $1.append(decimal: $0) } }
                json += ",\"columnCount\":\(excerpt.columnCount)}"
            }
        }
        json.append(literal: "}")
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
private func appendArray<Element>(_ prefix: StaticString, _ elements: [Element], to json: inout TextBuffer,
                                  _ appendElement: (Element, inout TextBuffer) -> Void) {
    json.append(literal: prefix)
    json.append(literal: "[")
    for (k, element) in elements.enumerated() {
        if k > 0 { json.append(literal: ",") }
        appendElement(element, &json)
    }
    json.append(literal: "]")
}
