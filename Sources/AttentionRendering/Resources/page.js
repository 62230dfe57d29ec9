// The page's interaction, after derivation.js inside one function: clicking a table
// cell shows its derivation in the popover (Escape or a click elsewhere closes it);
// from the keyboard, each table of cells is one Tab stop (a roving tabindex), the arrow
// keys move between its cells (an open derivation follows), Enter or Space opens one;
// opening a large tensor's "Show all numbers" builds its table from its island. The
// cells arrive bare and get their ids here (see address).
// It runs no network request, builds every node with textContent (never markup), and
// parses an island only when it is first needed. Islands are looked up within the
// cell's trace (a lesson's section.trace, or the whole page), since a lesson may show
// several traces with the same tensor identifiers.
// A link to a section inside a folded group (the contents, the overview, a provenance
// line, the step links) opens every <details> around its target before the browser
// scrolls there; so does arriving with such a fragment in the address.
function reveal(id) {
  const target = id && document.getElementById(decodeURIComponent(id));
  for (let node = target && target.parentElement; node; node = node.parentElement) {
    if (node.tagName === "DETAILS") node.open = true;
  }
}
document.addEventListener("click", event => {
  const link = event.target.closest && event.target.closest("a[href^='#']");
  if (link) reveal(link.getAttribute("href").slice(1));
}, true);
window.addEventListener("hashchange", () => reveal(location.hash.slice(1)));
reveal(location.hash.slice(1));
const box = document.getElementById("derivation");
if (!box) return;
const heading = box.querySelector(".derivation-cell"), lines = box.querySelector(".derivation-lines");
const scopes = new Map();
let selected = null;
// A tensor drawn as tables has no `values` in its island: they are its cells' texts,
// read from its tables (one per slice, in order) when the island is first needed.
function islands(scope) {
  if (!scopes.has(scope)) {
    const found = new Map();
    for (const node of scope.querySelectorAll("script[data-derivations]")) {
      if (!found.has(node.dataset.derivations)) found.set(node.dataset.derivations, { node, data: undefined, tables: [] });
    }
    for (const table of scope.querySelectorAll("table[data-tensor]")) {
      const entry = found.get(table.dataset.tensor);
      if (entry) entry.tables.push(table);
    }
    scopes.set(scope, found);
  }
  return scopes.get(scope);
}
function tableValues(tables) {
  const values = [];
  for (const table of tables) {
    for (const row of table.tBodies[0].rows) {
      for (let j = 1; j < row.cells.length; j++) values.push(row.cells[j].textContent);
    }
  }
  return values;
}
function lookup(scope) {
  return tensor => {
    const entry = islands(scope).get(tensor);
    if (!entry) return null;
    if (entry.data === undefined) {
      entry.data = JSON.parse(entry.node.textContent);
      if (!entry.data.values && entry.tables.length) entry.data.values = tableValues(entry.tables);
    }
    return entry.data;
  };
}
const scopeOf = node => node.closest("section.trace") || document;
function close() {
  box.hidden = true;
  if (selected) selected.classList.remove("selected");
  selected = null;
}
function open(cell) {
  const find = lookup(scopeOf(cell)), data = find(cell.dataset.tensor);
  if (!data || !data.derivation) return;
  const index = cell.id.slice(cell.id.lastIndexOf("[") + 1, -1).split(",").map(Number);
  const derivation = derivationLines(data, index, find);
  close();
  const table = cell.closest("table"), row = cell.parentElement.querySelector("th");
  const column = table.tHead ? table.tHead.rows[0].cells[cell.cellIndex] : null;
  heading.textContent = cell.id + (row && column ? " · " + row.textContent + " → " + column.textContent : "");
  lines.replaceChildren(...derivation.map(line => {
    const div = document.createElement("div");
    div.textContent = line;
    return div;
  }));
  const bounds = cell.getBoundingClientRect();
  box.hidden = false;
  box.style.top = (window.scrollY + bounds.bottom + 6) + "px";
  box.style.left = Math.max(8, Math.min(window.scrollX + bounds.left, window.scrollX + document.documentElement.clientWidth - box.offsetWidth - 8)) + "px";
  selected = cell;
  cell.classList.add("selected");
}
// The page writes a table's cells bare, its tensor on the table and each row's index
// before the column on the row (`data-index`); here every cell gets its id, the tensor
// and the cell's index (`t0.e[2,5]`), and the table one Tab stop: its first cell,
// until another is focused.
function address(table) {
  const tensor = table.dataset.tensor;
  for (const row of table.tBodies[0].rows) {
    const prefix = tensor + "[" + (row.dataset.index || "");
    for (let j = 1; j < row.cells.length; j++) {
      const cell = row.cells[j];
      cell.id = prefix + (j - 1) + "]";
      cell.dataset.tensor = tensor;
    }
  }
  const first = table.querySelector("td[data-tensor]");
  if (first) first.tabIndex = 0;
}
for (const table of document.querySelectorAll("table[data-tensor]")) address(table);
function focusCell(cell) {
  const table = cell.closest("table");
  for (const other of table.querySelectorAll("td[tabindex='0']")) other.tabIndex = -1;
  cell.tabIndex = 0;
  cell.focus();
}
// The explainable cell `rows` rows down and `columns` columns right of `cell`, or null.
function neighbour(cell, rows, columns) {
  const row = cell.parentElement, section = row.parentElement;
  const target = section.rows[row.sectionRowIndex + rows];
  const next = target && target.cells[cell.cellIndex + columns];
  return next && next.matches("td[data-tensor]") ? next : null;
}
const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
function header(text, scope) {
  const th = document.createElement("th");
  th.scope = scope;
  th.textContent = text;
  return th;
}
function build(details) {
  const data = lookup(scopeOf(details))(details.dataset.tensor);
  if (!data || !data.values || details.querySelector("table")) return;
  const shape = data.shape, columns = shape[shape.length - 1], rows = shape.length > 1 ? shape[shape.length - 2] : 1;
  for (let s = 0; s < data.values.length / (rows * columns); s++) {
    const table = document.createElement("table"), head = table.createTHead().insertRow(), body = table.createTBody();
    table.className = "tensor";
    table.dataset.tensor = details.dataset.tensor;
    head.append(header(data.corner, "col"), ...data.columnLabels.map(label => header(label, "col")));
    for (let i = 0; i < rows; i++) {
      const row = body.insertRow();
      if (shape.length > 1) row.dataset.index = (shape.length > 2 ? [s, i] : [i]).join(",") + ",";
      row.append(header(data.rowLabels[i], "row"));
      for (let j = 0; j < columns; j++) {
        const cell = row.insertCell(), value = data.values[(s * rows + i) * columns + j];
        cell.textContent = value;
        if (value === "masked") cell.className = "masked";
      }
    }
    const scroll = document.createElement("div");
    scroll.className = "scroll";
    scroll.append(table);
    details.append(scroll);
    address(table);
  }
}
document.addEventListener("toggle", event => {
  if (event.target.matches && event.target.matches("details.numbers") && event.target.open) build(event.target);
}, true);
document.addEventListener("click", event => {
  const cell = event.target.closest("td[data-tensor]");
  if (cell) {
    focusCell(cell);
    open(cell);
  } else if (!box.contains(event.target) || event.target.closest(".derivation-close")) close();
});
document.addEventListener("keydown", event => {
  const cell = event.target.closest && event.target.closest("td[data-tensor]");
  if (event.key === "Escape") {
    const last = selected;
    close();
    if (last) last.focus();
  } else if (cell && (event.key === "Enter" || event.key === " ")) {
    event.preventDefault();
    open(cell);
  } else if (cell && moves[event.key]) {
    const next = neighbour(cell, ...moves[event.key]);
    if (!next) return;
    event.preventDefault();
    const following = selected === cell;
    focusCell(next);
    if (following) open(next);
  }
});
