import AttentionDerivation
import AttentionRendering
import AttentionTrace
import Foundation
import Testing
import TestSupport

/// The page's `derivation.js`, run in Node over the data islands of every walkthrough
/// page the binary writes, shows for every cell of every tensor with a derivation the
/// lines `attention-trace explain` prints for it (`CellDerivations`, over the same
/// trace). One Node process checks every cell; Chromium then needs to check only that
/// a few pages load and respond (``BrowserChecks``).
@Suite struct PageScriptChecks {
    @Test func thePageScriptWritesEveryCellAsExplainDoes() throws {
        let run = try Workspace("page-script")
        var pages: [[String: Any]] = []
        var cellCount = 0
        for page in TracePage.walkthroughs {
            let html = run.directory.appendingPathComponent("\(page.name).html")
            try run.binary(page.arguments + ["--output", html.path])
            let trace = try JSONDecoder().decode(Trace.self, from: run.binary(page.arguments + ["--format", "json", "--full"]))
            let derivations = CellDerivations(trace: trace)
            var islands: [String: Any] = [:], cells: [[Any]] = []
            let text = try String(contentsOf: html, encoding: .utf8)
            let tables = Self.tableValues(in: text)
            for (id, var island) in try Self.islands(in: text) where islands[id] == nil {
                // What page.js does for a tensor drawn as tables: its values are its cells' texts.
                if island["values"] == nil, let values = tables[id] { island["values"] = values }
                islands[id] = island
                guard island["derivation"] != nil, let shape = island["shape"] as? [Int] else { continue }
                let indices = Self.indices(of: shape)
                for (index, lines) in zip(indices, try derivations.derivations(ofCells: indices, of: id)) {
                    cells.append([id, index, lines])
                }
            }
            #expect(cells.count > 50, "\(page.name): \(cells.count) cells with a derivation")
            cellCount += cells.count
            pages.append(["name": page.name, "islands": islands, "cells": cells])
        }
        let fixture = run.directory.appendingPathComponent("derivations.json")
        try JSONSerialization.data(withJSONObject: ["pages": pages]).write(to: fixture)

        let script = productsDirectory.appendingPathComponent("attention-trace_AttentionRendering.resources/derivation.js")
        let checker = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scripts/check-derivations.js")
        let node = try runProgram(URL(fileURLWithPath: "/usr/bin/env"), ["node", checker.path, script.path, fixture.path])
        try #require(node.status == 0, "node (v20) is needed to run the page script: \(node.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(node.standardOutput.utf8)) as? [String: Any])
        #expect(report["checked"] as? Int == cellCount)
        #expect(report["differing"] as? Int == 0, "\(report["examples"] ?? [])")
    }

    /// Every data island of a page, `(id, parsed JSON)`, in page order.
    static func islands(in html: String) throws -> [(String, [String: Any])] {
        let page = Data(html.utf8)
        func find(_ text: String, from start: Int) -> Int? {
            page.range(of: Data(text.utf8), in: start..<page.count)?.lowerBound
        }
        let opening = "<script type=\"application/json\" data-derivations=\""
        var islands: [(String, [String: Any])] = []
        var position = 0
        while let start = find(opening, from: position) {
            let idStart = start + opening.utf8.count
            let attribute = try #require(find("\">", from: idStart))
            let end = try #require(find("</script>", from: attribute))
            let id = unescapedHTML(String(decoding: page[idStart..<attribute], as: UTF8.self))
            let body = Data(page[(attribute + 2)..<end])
            islands.append((id, try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])))
            position = end
        }
        return islands
    }

    /// The cells' texts of every addressable table of a page, by tensor, row-major over its slices.
    static func tableValues(in html: String) -> [String: [String]] {
        var values: [String: [String]] = [:]
        let opening = "<table class=\"tensor\" data-tensor=\""
        for table in html.components(separatedBy: opening).dropFirst() {
            guard let idEnd = table.range(of: "\"") else { continue }
            let id = unescapedHTML(String(table[..<idEnd.lowerBound]))
            let body = table.components(separatedBy: "</table>")[0]
            for cell in body.components(separatedBy: "<td").dropFirst() {
                guard let start = cell.firstIndex(of: ">"), let end = cell.range(of: "</td>") else { continue }
                values[id, default: []].append(String(cell[cell.index(after: start)..<end.lowerBound]))
            }
        }
        return values
    }

    /// Every index of a tensor of `shape`, row-major (`[0]` for a scalar).
    static func indices(of shape: [Int]) -> [[Int]] {
        shape.reduce([[]]) { prefixes, extent in prefixes.flatMap { prefix in (0..<extent).map { prefix + [$0] } } }
            .map { $0.isEmpty ? [0] : $0 }
    }
}

/// `text` with the entities `appendEscapedHTML` writes turned back into characters.
func unescapedHTML(_ text: String) -> String {
    var text = text
    for (entity, character) in [("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">"), ("&#39;", "'"), ("&amp;", "&")] {
        text = text.replacingOccurrences(of: entity, with: character)
    }
    return text
}
