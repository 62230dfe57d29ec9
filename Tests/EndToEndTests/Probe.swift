import Foundation

/// A script added to a copy of a page that clicks one table cell and records
/// what the page shows in `data-probe` on `<body>`, for `--dump-dom` to report,
/// after opening every large tensor's table.
enum Probe {
    struct Report: Decodable {
        var injected: Bool
        /// The `rect`s of the heatmaps above the contents (the overview), or of every heatmap when there is no contents.
        var mapCells: Int
        var titledMapCells: Int
        var math: Int
        var popoverShown: Bool?
        var derivation: [String]?
    }

    /// `page` with the probe before `</body>`; `cell` is the `id` of the cell to click.
    static func page(from page: String, clicking cell: String?) -> String {
        let target = cell.map { "\"\($0)\"" } ?? "null"
        let script = """
            <script>
            (async () => {
              const shown = () => document.getElementById("derivation").hidden ? null
                : [...document.querySelectorAll("#derivation .derivation-lines div")].map(line => line.textContent);
              for (const numbers of document.querySelectorAll("details.numbers")) numbers.open = true;
              await new Promise(resolve => setTimeout(resolve, 100));  // each toggle builds its table
              const contents = document.querySelector("nav.contents");
              const maps = [...document.querySelectorAll("figure.heatmap")]
                .filter(map => !contents || (map.compareDocumentPosition(contents) & Node.DOCUMENT_POSITION_FOLLOWING));
              const rects = maps.flatMap(map => [...map.querySelectorAll("g.cells rect")]);
              const report = { injected: window.injected === 1, mapCells: rects.length,
                titledMapCells: rects.filter(rect => rect.querySelector("title")).length,
                math: document.querySelectorAll("math").length };
              const cell = \(target) && document.getElementById(\(target));
              if (cell) {
                cell.click();
                report.popoverShown = !document.getElementById("derivation").hidden;
                report.derivation = shown() ?? [];
              }
              document.body.setAttribute("data-probe", JSON.stringify(report));
            })();
            </script>
            """
        return page.replacingOccurrences(of: "</body>", with: script + "\n</body>")
    }

    /// The report the probe left in a dumped DOM.
    static func report(in dom: String) -> Report? {
        guard let match = dom.firstMatch(of: /data-probe="([^"]*)"/) else { return nil }
        var json = String(match.output.1)
        for (entity, character) in [("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">"), ("&#39;", "'"), ("&nbsp;", "\u{A0}"), ("&amp;", "&")] {
            json = json.replacingOccurrences(of: entity, with: character)
        }
        return try? JSONDecoder().decode(Report.self, from: Data(json.utf8))
    }

    /// `value` as the page writes it in a derivation: four decimals and a true minus sign.
    static func formatted(_ value: Double) -> String {
        let text = String(format: "%.4f", value)
        return text == "-0.0000" ? "0.0000" : text.replacingOccurrences(of: "-", with: "−")
    }
}
