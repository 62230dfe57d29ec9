// Runs a page's derivation.js in Node over a fixture of pages and reports every cell
// whose lines differ from those `attention-trace explain` writes for it.
//
// node check-derivations.js DERIVATION_JS FIXTURE_JSON
// FIXTURE_JSON: {"pages":[{"name":…,"islands":{id: island},"cells":[[id,[index],[lines]],…]}]}
// Prints {"checked":N,"differing":M,"examples":[…]} on stdout.
const fs = require("fs"), vm = require("vm");
const [script, fixturePath] = process.argv.slice(2);
vm.runInThisContext(fs.readFileSync(script, "utf8"), { filename: script });
const fixture = JSON.parse(fs.readFileSync(fixturePath, "utf8"));
let checked = 0, differing = 0;
const examples = [];
for (const page of fixture.pages) {
  const lookup = id => page.islands[id] ?? null;
  for (const [id, index, expected] of page.cells) {
    checked++;
    let shown;
    try {
      shown = derivationLines(page.islands[id], index, lookup);
    } catch (error) {
      shown = ["threw " + error];
    }
    if (JSON.stringify(shown) !== JSON.stringify(expected)) {
      differing++;
      if (examples.length < 5) examples.push({ page: page.name, cell: id + "[" + index.join(",") + "]", shown, expected });
    }
  }
}
process.stdout.write(JSON.stringify({ checked, differing, examples }));
