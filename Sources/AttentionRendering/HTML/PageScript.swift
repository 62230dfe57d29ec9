import Foundation

/// The popover that shows a cell's derivation, placed once at the end of every page.
let derivationPopover = """
    <div id="derivation" class="derivation" role="dialog" aria-labelledby="derivation-cell" hidden>
    <button type="button" class="derivation-close" aria-label="Close">✕</button>
    <p id="derivation-cell" class="derivation-cell"></p>
    <div class="derivation-lines"></div>
    </div>

    """

/// The page's only script: `derivation.js`, the generic interpreter that fills a
/// tensor's ``DerivationTemplate`` for a clicked cell, and `page.js`, which opens the
/// popover and builds large tensors' tables on demand, inside one function.
///
/// Both are resources of this module (`Resources/`), read once; the page inlines
/// them, so it needs no file or network request. `Tests/EndToEndTests` runs
/// `derivation.js` in Node against `explain` for every cell of a set of traces.
let pageScript = "(() => {\n" + pageResource("derivation") + pageResource("page") + "})();\n"

/// The text of the JavaScript resource `name`.js.
///
/// - Precondition: The module's resource bundle is installed beside the binary, as
///   `swift build` places it; without it no page can be written.
private func pageResource(_ name: String) -> String {
    guard let url = Bundle.module.url(forResource: name, withExtension: "js"),
          let text = try? String(contentsOf: url, encoding: .utf8) else {
        preconditionFailure("\(name).js is missing from the AttentionRendering resources beside the binary; reinstall attention-trace")
    }
    return text
}
