import Foundation

/// A script added to a copy of a page that clicks one table cell and records
/// what the page shows in `data-probe` on `<body>`, for `--dump-dom` to report,
/// after opening every group and every large tensor's table.
enum Probe {
    struct Report: Decodable {
        var injected: Bool
        /// The `rect`s of the heatmaps above the contents (the overview), or of every heatmap when there is no contents.
        var mapCells: Int
        var titledMapCells: Int
        var math: Int
        var popoverShown: Bool?
        var derivation: [String]?
        /// What the keyboard did from the clicked cell's table, when a cell was clicked.
        var keyboard: Keyboard?
        /// The page's height in CSS pixels, as laid out at 800 pixels wide with its groups as they load.
        var height: Int
        /// Milliseconds from the start of navigation until the page's own script had run and
        /// the probe began: the page is interactive then.
        var interactiveAfter: Double
        /// Heatmap labels drawn partly outside their SVG (cut off), with every group open: none.
        var clippedLabels: [String]
        /// Tables wider than the window with no scrolling box around them: none.
        var cutTables: [String]
    }

    /// The keyboard's walk through the clicked cell's table: Escape, then Enter on the table's
    /// one Tab stop, then an arrow to the right (or down) with the derivation open, then Escape.
    struct Keyboard: Decodable {
        /// How many cells of the table are Tab stops (`tabIndex` 0) when the page has loaded: 1.
        var tabStops: Int
        /// The Tab stop's id, the popover's heading after Enter, the id focused after the arrow,
        /// the heading then, and whether Escape closed the popover and left focus on that cell.
        var first: String
        var openedHeading: String?
        var movedTo: String?
        var followedHeading: String?
        var escapeClosed: Bool
        var focusKept: Bool
    }

    /// `page` with the probe before `</body>`; `cell` is the `id` of the cell to click.
    static func page(from page: String, clicking cell: String?) -> String {
        let target = cell.map { "\"\($0)\"" } ?? "null"
        let script = """
            <script>
            (async () => {
              const shown = () => document.getElementById("derivation").hidden ? null
                : [...document.querySelectorAll("#derivation .derivation-lines div")].map(line => line.textContent);
              const interactiveAfter = performance.now(), height = document.documentElement.scrollHeight;
              for (const details of document.querySelectorAll("details")) details.open = true;
              await new Promise(resolve => setTimeout(resolve, 100));  // each toggle builds its table
              const clippedLabels = [...document.querySelectorAll("svg text")].filter(text => {
                const box = text.getBoundingClientRect(), svg = text.ownerSVGElement.getBoundingClientRect();
                return box.width > 0 && (box.left < svg.left - 0.5 || box.right > svg.right + 0.5
                  || box.top < svg.top - 0.5 || box.bottom > svg.bottom + 0.5);
              }).map(text => text.textContent);
              const scrolls = node => ["auto", "scroll"].includes(getComputedStyle(node).overflowX);
              const cutTables = [...document.querySelectorAll("table")].filter(table => {
                for (let node = table.parentElement; node; node = node.parentElement) if (scrolls(node)) return false;
                return table.getBoundingClientRect().right > document.documentElement.clientWidth + 1;
              }).map(table => table.dataset.tensor || table.className);
              const contents = document.querySelector("nav.contents");
              const maps = [...document.querySelectorAll("figure.heatmap")]
                .filter(map => !contents || (map.compareDocumentPosition(contents) & Node.DOCUMENT_POSITION_FOLLOWING));
              const rects = maps.flatMap(map => [...map.querySelectorAll("g.cells rect")]);
              const report = { injected: window.injected === 1, mapCells: rects.length,
                titledMapCells: rects.filter(rect => rect.querySelector("title")).length,
                math: document.querySelectorAll("math").length, height, interactiveAfter, clippedLabels, cutTables };
              const cell = \(target) && document.getElementById(\(target));
              const table = cell && cell.closest("table");
              const tabStops = table ? table.querySelectorAll("td[tabindex='0']").length : 0;
              if (cell) {
                cell.click();
                report.popoverShown = !document.getElementById("derivation").hidden;
                report.derivation = shown() ?? [];
                const key = (node, name) => node.dispatchEvent(new KeyboardEvent("keydown", { key: name, bubbles: true }));
                const heading = () => document.getElementById("derivation").hidden ? null
                  : document.querySelector("#derivation .derivation-cell").textContent;
                key(cell, "Escape");
                const first = table.querySelector("td[data-tensor]");
                first.focus();
                key(first, "Enter");
                const keyboard = { tabStops, first: first.id, openedHeading: heading() };
                const right = first.nextElementSibling && first.nextElementSibling.matches("td[data-tensor]");
                key(first, right ? "ArrowRight" : "ArrowDown");
                const moved = document.activeElement;
                keyboard.movedTo = moved && moved.id;
                keyboard.followedHeading = heading();
                key(moved, "Escape");
                keyboard.escapeClosed = document.getElementById("derivation").hidden;
                keyboard.focusKept = document.activeElement === moved;
                report.keyboard = keyboard;
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
