import AttentionMarkdown

/// The document with every source line removed, to compare a parsed document with a built one.
func withoutLines(_ blocks: [Block]) -> [Block] {
    blocks.map { block in
        let kind: Block.Kind = switch block.kind {
        case .bulletList(let items, let isTight): .bulletList(items: items.map(withoutLines), isTight: isTight)
        case .orderedList(let start, let items, let isTight):
            .orderedList(start: start, items: items.map(withoutLines), isTight: isTight)
        case .blockQuote(let children): .blockQuote(withoutLines(children))
        default: block.kind
        }
        return Block(kind)
    }
}
