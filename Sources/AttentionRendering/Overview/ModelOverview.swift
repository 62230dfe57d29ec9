import AttentionText

/// Every head of every layer of a pretrained model on one sentence, for one offline page:
/// BertViz's model view, where each thumbnail leads to the command that traces that head in
/// full, and a head view of one head with a line from each word to each word it attends to.
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
    /// The head the head view shows, as `(layer, head)`.
    public var focus: (layer: Int, head: Int)

    /// Creates an overview.
    ///
    /// - Precondition: Every head has n × n weights for the n tokens, one command per head, and
    ///   `focus` names one of the heads.
    public init(model: String, tokens: [String], attentions: [[[[Double]]]], commands: [[String]], focus: (layer: Int, head: Int)) {
        precondition(attentions.allSatisfy { layer in layer.allSatisfy { $0.count == tokens.count && $0.allSatisfy { $0.count == tokens.count } } },
                     "every head needs n × n weights for the n tokens")
        precondition(commands.map(\.count) == attentions.map(\.count), "one command per head")
        precondition(attentions.indices.contains(focus.layer) && attentions[focus.layer].indices.contains(focus.head),
                     "the head view's head must be one of the model's")
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
    html.element("h2", text: "Head view: layer \(focusLayer), head \(focusHead)")
    html.element("p", text: "A line joins each token on the left to each token on the right it attends to; the more weight, the "
        + "darker the line. Point at a token on the left to see only its lines.")
    writeHeadView(overview.attentions[focusLayer][focusHead], tokens: overview.tokens, to: &html)
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
    return standalonePage(title: "Every head of \(overview.model)", body: html.html)
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

/// Tokens in two columns and a line from left token i to right token j for every weight, its
/// opacity the weight; each left token's lines are grouped so that pointing at it shows only them.
private func writeHeadView(_ weights: [[Double]], tokens: [String], to html: inout HTMLWriter) {
    let rowHeight = 20.0, width = 360.0, left = 110.0, right = width - 110
    let height = rowHeight * Double(tokens.count) + 10
    html.markup("<div class=\"scroll\"><svg class=\"head-view\" role=\"img\" width=\"360\" height=\"")
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
    for (i, row) in weights.enumerated() {
        html.markup("<g class=\"from\"><text x=\"")
        html.coordinate(left - 6)
        html.markup("\" y=\"")
        html.coordinate(rowHeight * Double(i) + 19)
        html.markup("\" text-anchor=\"end\">")
        html.text(tokens[i])
        html.markup("<title>")
        let (token, share) = strongestColumn([row], tokens: tokens)
        html.text("\(tokens[i]) attends to most on \(token) (\(NumberFormatting.fixed(share)) of the weight)")
        html.markup("</title></text>")
        for (j, weight) in row.enumerated() where weight >= 0.005 {
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
    html.markup("</svg></div>\n")
}
