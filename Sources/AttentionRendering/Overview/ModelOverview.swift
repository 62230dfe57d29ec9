import AttentionText

/// Every head of every layer of a pretrained model on one sentence, for one offline page:
/// BertViz's model view, where each thumbnail leads to the command that traces that head in
/// full, and BertViz's head view of one layer: a line from each word to each word it attends to,
/// in one colour per head, each head shown or hidden by its checkbox.
///
/// The weights are plain numbers computed elsewhere (the checkpoint's forward pass); the page
/// only draws them, on the fixed 0…1 scale of every weights heatmap.
public struct ModelOverview: Sendable {
    /// How the page names the model, such as `all-MiniLM-L6-v2`.
    public var model: String
    /// The tokens, one per row and column of every head's weights.
    public var tokens: [String]
    /// `attentions[l][h]` is head h of layer l: n × n weights, row i the query token i.
    public var attentions: [[[[Double]]]]
    /// `commands[l][h]` is the command that writes that head's walkthrough.
    public var commands: [[String]]
    /// The layer the head view draws, and the head it shows at first (every head when `nil`).
    public var focus: (layer: Int, head: Int?)

    /// Creates an overview.
    ///
    /// - Precondition: Every head has n × n weights for the n tokens, one command per head, and
    ///   `focus` names one of the layers (and of its heads).
    public init(model: String, tokens: [String], attentions: [[[[Double]]]], commands: [[String]], focus: (layer: Int, head: Int?)) {
        precondition(attentions.allSatisfy { layer in layer.allSatisfy { $0.count == tokens.count && $0.allSatisfy { $0.count == tokens.count } } },
                     "every head needs n × n weights for the n tokens")
        precondition(commands.map(\.count) == attentions.map(\.count), "one command per head")
        precondition(attentions.indices.contains(focus.layer) && focus.head.map(attentions[focus.layer].indices.contains) != false,
                     "the head view's layer and head must be the model's")
        self.model = model
        self.tokens = tokens
        self.attentions = attentions
        self.commands = commands
        self.focus = focus
    }
}

/// The overview as one self-contained HTML page: the sentence, a grid of every layer × head as a
/// small heatmap (each linking to the command that traces it), the head view of ``ModelOverview/focus``,
/// and the commands. The page needs no script and no network.
public func renderModelOverview(_ overview: ModelOverview) -> String {
    var html = HTMLWriter(capacity: 4096 + overview.attentions.count * (overview.attentions.first?.count ?? 0)
                              * overview.tokens.count * overview.tokens.count * 90)
    let layers = overview.attentions.count, heads = overview.attentions.first?.count ?? 0
    html.element("h1", text: "Every head of \(overview.model)")
    writeSentences(source: overview.tokens, target: nil, to: &html)
    html.element("p", text: "Each small map is one head's attention weights on this sentence: row i is what token i attends to, "
        + "column j how much it takes from token j, dark for 0 and yellow for 1. Rows are layers 0 to \(layers - 1), columns "
        + "heads 0 to \(heads - 1). Follow a map to the command that traces that head with every number explained.")
    html.markup("\n<div class=\"scroll\"><table class=\"model-view\">\n<thead><tr><th scope=\"col\">layer \\ head</th>")
    for head in 0..<heads {
        html.start("th")
        html.attribute("scope", "col")
        html.end()
        html.decimal(head)
        html.close("th")
    }
    html.markup("</tr></thead>\n<tbody>\n")
    for (layer, layerHeads) in overview.attentions.enumerated() {
        html.markup("<tr><th scope=\"row\">")
        html.decimal(layer)
        html.markup("</th>")
        for (head, weights) in layerHeads.enumerated() {
            html.markup("<td>")
            html.start("a")
            html.attribute("href", "#command-\(layer)-\(head)")
            html.attribute("title", "layer \(layer), head \(head): \(strongestColumnSummary(weights, tokens: overview.tokens))")
            html.end()
            writeThumbnail(weights, to: &html)
            html.close("a")
            html.markup("</td>")
        }
        html.markup("</tr>\n")
    }
    html.markup("</tbody></table></div>\n")
    let (focusLayer, focusHead) = overview.focus
    html.element("h2", text: "Head view: layer \(focusLayer)")
    html.element("p", text: "A line joins each token on the left to each token on the right it attends to, in its head's colour; "
        + "the more weight, the more solid the line. Choose the heads to show by their names; point at a token on the left to see only its lines.")
    writeHeadView(overview.attentions[focusLayer], shown: focusHead.map { [$0] } ?? Array(overview.attentions[focusLayer].indices),
                  tokens: overview.tokens, to: &html)
    html.element("h2", text: "Every head in full")
    html.element("p", text: "Each command writes one head's walkthrough: its queries, keys and values with their biases, "
        + "scores, softmax and output, every number explained.")
    html.markup("<ul class=\"head-commands\">\n")
    for (layer, layerCommands) in overview.commands.enumerated() {
        for (head, command) in layerCommands.enumerated() {
            html.start("li")
            html.attribute("id", "command-\(layer)-\(head)")
            html.end()
            html.text("layer \(layer), head \(head): ")
            html.element("code", text: command)
            html.close("li")
            html.markup("\n")
        }
    }
    html.markup("</ul>\n")
    let headCount = overview.attentions[focusLayer].count
    let toggles = (0..<headCount).map { "#head-view-\($0):not(:checked) ~ .scroll .head-\($0) { display: none; }\n" }.joined()
    return standalonePage(title: "Every head of \(overview.model)", body: html.html, style: toggles)
}

/// The colour of head `head`'s lines: Tableau 10, which stays apart on light and dark backgrounds, in turn.
private func headColour(_ head: Int) -> String {
    let colours = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]
    return colours[head % colours.count]
}

/// `most on [CLS] (0.62 of the weight on average)`: the token the head's rows give the most, on average.
private func strongestColumnSummary(_ weights: [[Double]], tokens: [String]) -> String {
    let (token, share) = strongestColumn(weights, tokens: tokens)
    return "most on \(token) (\(NumberFormatting.fixed(share)) of the weight on average)"
}

/// The token the rows of `weights` give the most weight, on average over the rows, and that average.
private func strongestColumn(_ weights: [[Double]], tokens: [String]) -> (token: String, share: Double) {
    let n = Double(max(weights.count, 1))
    let averages = tokens.indices.map { j in weights.reduce(0) { $0 + $1[j] } / n }
    let best = averages.indices.max { averages[$0] < averages[$1] } ?? 0
    return (tokens[best], averages[best])
}

/// One head's weights as a small SVG of n × n squares, without labels.
private func writeThumbnail(_ weights: [[Double]], to html: inout HTMLWriter) {
    let n = weights.count, size = 64.0, cell = size / Double(max(n, 1))
    html.markup("<svg class=\"thumbnail\" role=\"img\" width=\"64\" height=\"64\" viewBox=\"0 0 64 64\">")
    for (i, row) in weights.enumerated() {
        for (j, weight) in row.enumerated() {
            html.markup("<rect x=\"")
            html.coordinate(Double(j) * cell)
            html.markup("\" y=\"")
            html.coordinate(Double(i) * cell)
            html.markup("\" width=\"")
            html.coordinate(cell)
            html.markup("\" height=\"")
            html.coordinate(cell)
            html.markup("\" fill=\"")
            html.text(Palette.viridis.color(at: min(max(weight, 0), 1)))
            html.markup("\"/>")
        }
    }
    html.markup("</svg>")
}

/// Tokens in two columns and, for every head of one layer, a line from left token i to right token j
/// for every weight, its opacity the weight and its colour the head's. A checkbox before the drawing
/// shows or hides each head (the page's style sheet has one rule per head); each left token's lines are
/// grouped so that pointing at it shows only them.
///
/// - Parameter shown: The heads whose checkboxes start ticked.
private func writeHeadView(_ heads: [[[Double]]], shown: [Int], tokens: [String], to html: inout HTMLWriter) {
    let rowHeight = 20.0, width = 360.0, left = 110.0, right = width - 110
    let height = rowHeight * Double(tokens.count) + 16
    html.markup("<div class=\"head-view-layer\">\n")
    for head in heads.indices {
        html.start("input")
        html.attribute("type", "checkbox")
        html.attribute("id", "head-view-\(head)")
        if shown.contains(head) { html.markup(" checked") }
        html.end()
        html.start("label")
        html.attribute("for", "head-view-\(head)")
        html.end()
        html.start("span")
        html.attribute("class", "swatch")
        html.attribute("style", "--swatch: \(headColour(head))")
        html.end()
        html.close("span")
        html.text("head \(head)")
        html.close("label")
    }
    html.markup("\n<div class=\"scroll\"><svg class=\"head-view\" role=\"img\" width=\"360\" height=\"")
    html.coordinate(height)
    html.markup("\" viewBox=\"0 0 360 ")
    html.coordinate(height)
    html.markup("\">")
    for (j, token) in tokens.enumerated() {
        html.markup("<text class=\"to\" x=\"")
        html.coordinate(right + 6)
        html.markup("\" y=\"")
        html.coordinate(rowHeight * Double(j) + 19)
        html.markup("\">")
        html.text(token)
        html.markup("</text>")
    }
    for i in tokens.indices {
        html.markup("<g class=\"from\"><text x=\"")
        html.coordinate(left - 6)
        html.markup("\" y=\"")
        html.coordinate(rowHeight * Double(i) + 19)
        html.markup("\" text-anchor=\"end\">")
        html.text(tokens[i])
        html.markup("<title>")
        html.text("\(tokens[i]) attends to most: " + heads.enumerated().map { head, weights in
            let (token, share) = strongestColumn([weights[i]], tokens: tokens)
            return "head \(head) on \(token) (\(NumberFormatting.fixed(share)))"
        }.joined(separator: ", "))
        html.markup("</title></text>")
        for (head, weights) in heads.enumerated() {
            html.start("g")
            html.attribute("class", "head-\(head)")
            html.attribute("stroke", headColour(head))
            html.end()
            for (j, weight) in weights[i].enumerated() where weight >= 0.005 {
                html.markup("<line x1=\"")
                html.coordinate(left)
                html.markup("\" y1=\"")
                html.coordinate(rowHeight * Double(i) + 15)
                html.markup("\" x2=\"")
                html.coordinate(right)
                html.markup("\" y2=\"")
                html.coordinate(rowHeight * Double(j) + 15)
                html.markup("\" stroke-opacity=\"")
                html.fixed(weight)
                html.markup("\"/>")
            }
            html.markup("</g>")
        }
        html.markup("</g>")
    }
    html.markup("</svg></div>\n</div>\n")
}
