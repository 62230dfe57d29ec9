// Fills a tensor's derivation template for one cell: the page's half of what
// DerivationTemplate+Filling.swift does for `attention-trace explain`. It knows no
// operation; the Swift side writes each operation's template once, and the page's
// data islands carry them (Docs/architecture.md, "How a page explains a cell").
//
// derivationLines(island, index, lookup) returns the lines for the cell at `index`
// (one coordinate per dimension) of the tensor whose data island is `island`
// ({shape, values, derivation}); lookup(id) gives another tensor's island or null.
// Every number shown is a recorded value as its table prints it (an island's
// `values`, or a template's `excerpts`, or another island's excerpt that one points
// at), with a true minus sign and −∞ when masked.
function derivationLines(island, index, lookup) {
  const number = text => text === "masked" ? "−∞" : text.startsWith("-") ? "−" + text.slice(1) : text;
  const factor = text => text.startsWith("−") ? "(" + text + ")" : text;
  const negated = text => /^0\.0*$/.test(text) ? text : text.startsWith("−") ? text.slice(1) : "−" + text;
  const columns = data => data.shape.length ? data.shape[data.shape.length - 1] : 1;

  function evaluate(expression, cell) {
    let total = 0, length = 0;
    for (const [term, sign, digits, variable] of expression.matchAll(/([+-]?)(\d*)\*?([sij]?)/g)) {
      if (!term) continue;
      if (!digits && !variable) return null;
      total += (sign === "-" ? -1 : 1) * (digits ? Number(digits) : 1) * (variable ? cell[variable] : 1);
      length += term.length;
    }
    return expression && length === expression.length ? total : null;
  }

  function derive(template, index, shape) {
    const cell = {
      s: index.slice(0, -2).reduce((flat, k, d) => flat * shape[d] + k, 0),
      i: index.length >= 2 ? index[index.length - 2] : 0,
      j: index.length ? index[index.length - 1] : 0,
    };
    function recorded(slot, row, column) {
      let excerpt = template.excerpts && template.excerpts[slot];
      if (excerpt && excerpt.island !== undefined) {
        // The same excerpt, written in full by an earlier island of the page.
        const owner = lookup(excerpt.island), excerpts = owner && owner.derivation && owner.derivation.excerpts;
        excerpt = excerpts ? excerpts[excerpt.slot] : null;
      }
      if (excerpt) {
        const r = excerpt.rows ? excerpt.rows.indexOf(row) : row, c = excerpt.columns ? excerpt.columns.indexOf(column) : column;
        const text = r < 0 || c < 0 ? undefined : excerpt.values[r * (excerpt.columns ? excerpt.columns.length : excerpt.columnCount) + c];
        if (text !== undefined) return text;
      }
      const data = slot < template.tensors.length ? lookup(template.tensors[slot]) : null;
      return data && data.values && column < columns(data) ? data.values[row * columns(data) + column] : undefined;
    }
    function hole(body) {
      const kind = body[0], colon = body.indexOf(":");
      if (colon < 0 || !"vfn@".includes(kind) || !/^\d+$/.test(body.slice(1, colon))) {
        const value = evaluate(body, cell);
        return value === null ? "?" : String(value);
      }
      const slot = Number(body.slice(1, colon)), positions = body.slice(colon + 1).split(",").map(e => evaluate(e, cell));
      if (kind === "@") {
        const facts = template.facts && template.facts[slot];
        return facts && positions[0] !== null ? facts[positions[0]] ?? "" : "";
      }
      if (positions.length !== 2 || positions.includes(null)) return "?";
      const text = recorded(slot, positions[0], positions[1]), shown = text === undefined ? "?" : number(text);
      return kind === "f" ? factor(shown) : kind === "n" ? negated(shown) : shown;
    }
    function fill(text) {
      let filled = "";
      for (let k = 0; k < text.length; k++) {
        const character = text[k];
        if ((character === "{" || character === "}") && text[k + 1] === character) {
          filled += character;
          k++;
        } else if (character === "{") {
          const close = text.indexOf("}", k);
          if (close < 0) return filled;
          filled += hole(text.slice(k + 1, close));
          k = close;
        } else {
          filled += character;
        }
      }
      return filled;
    }
    function holds([left, relation, right]) {
      const l = fill(left), r = fill(right);
      if (relation === "=") return l === r;
      if (relation === "!=") return l !== r;
      if (!/^[-+]?\d+$/.test(l) || !/^[-+]?\d+$/.test(r)) return false;
      return relation === "<" ? Number(l) < Number(r) : relation === "<=" && Number(l) <= Number(r);
    }
    const lines = [];
    for (const line of template.lines) {
      if (typeof line === "string") {
        lines.push(fill(line));
      } else if ((line.if || []).every(holds)) {
        if (line.then === undefined) {
          lines.push(fill(line.text));
        } else {
          const data = line.then < template.tensors.length ? lookup(template.tensors[line.then]) : null;
          if (data && data.derivation) lines.push(...derive(data.derivation, [evaluate(line.row, cell), evaluate(line.column, cell)], []));
        }
      }
    }
    return lines;
  }

  return derive(island.derivation, index, island.shape);
}
