/// The page script's half that writes a cell's derivation: ``DerivationFormatter``
/// in JavaScript, over the rules and values of a page's data islands.
///
/// `derivationLines(rule, index, lookup)` returns the lines for the cell at `index`
/// (one coordinate per dimension) of the tensor `rule` explains; `lookup(id)` gives
/// another tensor's island (`shape`, `values`, `rule`) or `null`. Like the Swift
/// formatter it only formats: every number is a recorded value as its table prints
/// it (an island's `values` or an operand's `excerpt`), and each operation has one
/// case here and one there, which the browser checks compare cell by cell.
let derivationScript = """
      const MASKED = "\(DerivationFormatting.masked)", ZERO = "\(DerivationFormatting.zero)";
      const MAXIMUM_TERMS = \(DerivationFormatting.maximumTerms), LEADING_TERMS = \(DerivationFormatting.leadingTerms), TRAILING_TERMS = \(DerivationFormatting.trailingTerms);
      const number = text => text === "masked" ? MASKED : text.startsWith("-") ? "−" + text.slice(1) : text;
      const factor = text => text.startsWith("−") ? "(" + text + ")" : text;
      const negated = text => text === ZERO ? text : text.startsWith("−") ? text.slice(1) : "−" + text;
      const isFinite = text => /^−?[0-9]/.test(text);
      const rows = t => t.shape.length >= 2 ? t.shape[t.shape.length - 2] : 1;
      const columns = t => t.shape.length ? t.shape[t.shape.length - 1] : 1;
      const reference = (t, row, column) => t.shape.length === 1 ? t.name + "[" + column + "]" : t.name + "[" + row + "," + column + "]";
      function shownTerms(count) {
        const all = [...Array(count).keys()];
        return count > MAXIMUM_TERMS ? all.slice(0, LEADING_TERMS).concat(all.slice(count - TRAILING_TERMS)) : all;
      }
      function joined(count, separator, term) {
        const shown = shownTerms(count).map(term);
        if (count <= MAXIMUM_TERMS) return shown.join(separator);
        return shown.slice(0, LEADING_TERMS).concat(["…"], shown.slice(-TRAILING_TERMS)).join(separator) + " (" + count + " terms)";
      }
      const copies = ["concatColumns", "stackRows", "sliceRows", "sliceColumns", "previousRow", "nextRow"];

      function derivationLines(rule, index, lookup) {
        function embedded(id, row, column) {
          const data = lookup(id);
          return data && data.values && column < columns(data) ? data.values[row * columns(data) + column] : undefined;
        }
        function recorded(t, row, column) {
          const excerpt = t.excerpt;
          if (excerpt) {
            const r = excerpt.rows ? excerpt.rows.indexOf(row) : row, c = excerpt.columns ? excerpt.columns.indexOf(column) : column;
            const text = r < 0 || c < 0 ? undefined : excerpt.values[r * (excerpt.columns ? excerpt.columns.length : columns(t)) + c];
            if (text !== undefined) return text;
          }
          return embedded(t.id, row, column);
        }
        function cell(t, i, j) {
          const row = rows(t) === 1 ? 0 : i, column = columns(t) === 1 ? 0 : j, text = recorded(t, row, column);
          const shown = text === undefined ? "?" : number(text);
          return { row, column, name: t.name, text: shown, factor: factor(shown), reference: reference(t, row, column) };
        }
        const hasValues = t => !!t.excerpt || recorded(t, 0, 0) !== undefined;
        function continued(id, row, column) {
          const data = lookup(id);
          return data && data.rule ? derive(data.rule, [row, column]) : [];
        }
        function copy(out, source, reason) {
          return [out.reference + " = " + source.reference + (reason ? ": " + reason : ""), "= " + out.text];
        }

        function result(rule, index) {
          const i = index.length >= 2 ? index[index.length - 2] : 0, j = index.length ? index[index.length - 1] : 0;
          const slice = index.slice(0, -2).reduce((flat, k, d) => flat * rule.out.shape[d] + k, 0);
          const text = embedded(rule.out.id, slice * rows(rule.out) + i, j);
          const value = text === undefined ? "?" : number(text);
          const name = rule.out.id + "[" + index.join(",") + "]", source = rule.sources[slice];
          if (!source) return [name + " = " + value, "the mechanism's result, as returned"];
          return [name + " = " + source + "[" + i + "," + j + "]", "= " + value, "(open that cell in its own table to see how it was computed)"];
        }

        function derive(rule, index) {
          if (rule.op === "result") return result(rule, index);
          const i = index.length >= 2 ? index[index.length - 2] : 0, j = index.length ? index[index.length - 1] : 0;
          const out = cell(rule.out, i, j), a = rule.in || [], op = rule.op;
          if (rule.missing) return [out.reference + " = " + out.text, "computed from " + rule.missing.join(", ") + ", which the trace does not record"];
          const unrecorded = (copies.includes(op) ? [] : a).filter(t => !hasValues(t)).map(t => t.id);
          if (unrecorded.length) {
            return [out.reference + " = " + out.text, "computed by " + op + " from " + a.map(t => t.id).join(", ")
                    + "; the trace keeps no values of " + unrecorded.join(", ") + ", so the terms cannot be shown"];
          }
          const at = t => cell(t, out.row, out.column);
          const leaf = origin => [out.reference + " = " + out.text, origin];
          switch (op) {
            case "given": return leaf(rule.note ?? "given in the input spec");
            case "generated": return leaf("generated: " + (rule.note ?? "drawn from the seed"));
            case "constant": return leaf("a constant: " + (rule.note ?? "fixed"));
            case "embedding":
              return leaf("from the embedding of “" + (rule.rowLabels ? rule.rowLabels[i] : String(i)) + "”, drawn from the seed and the token text");
            case "matmul": case "matmulTransposed": {
              const transposed = op === "matmulTransposed", [x, y] = a;
              const statement = out.reference + " = Σ_k " + reference(x, i, "k") + " · " + (transposed ? reference(y, j, "k") : reference(y, "k", j));
              const terms = joined(columns(x), " + ", k => cell(x, i, k).factor + "·" + (transposed ? cell(y, j, k) : cell(y, k, j)).factor);
              return [statement, "= " + terms, "= " + out.text];
            }
            case "add": {
              const cells = a.map(at);
              return [out.reference + " = " + cells.map(c => c.reference).join(" + "), "= " + cells.map(c => c.text).join(" + "), "= " + out.text];
            }
            case "subtract": {
              const [x, y] = a.map(at);
              return [out.reference + " = " + x.reference + " − " + y.reference, "= " + x.text + " − " + y.factor,
                      out.text === MASKED ? "= −∞: a masked entry stays masked" : "= " + out.text];
            }
            case "multiply": {
              const [x, y] = a.map(at);
              return [out.reference + " = " + x.reference + " · " + y.reference, "= " + x.factor + " · " + y.factor, "= " + out.text];
            }
            case "scale": {
              const x = at(a[0]), constant = rule.constant ?? "?";
              return [out.reference + " = " + constant + " · " + x.reference + (rule.note != null ? ", where " + constant + " is " + rule.note : ""),
                      "= " + constant + " · " + x.factor, "= " + out.text];
            }
            case "tanh": case "sigmoid": case "exp": {
              const name = op === "sigmoid" ? "σ" : op, x = at(a[0]), lines = [out.reference + " = " + name + "(" + x.reference + ")"];
              const argument = rule.argument;
              if (argument) {
                const values = argument.in.map(t => cell(t, x.row, x.column));
                if (!values.some(v => v.text === "?")) {
                  const inner = argument.op === "subtract" ? values[0].text + " − " + values[1].factor
                    : argument.op === "scale" ? (argument.constant ?? "?") + " · " + values[0].factor
                    : values.map(v => v.text).join(" + ");
                  lines.push("= " + name + "(" + inner + ")");
                }
              }
              lines.push("= " + name + "(" + x.text + ")");
              if (name === "σ" && isFinite(x.text)) lines.push("= 1 / (1 + exp(" + negated(x.text) + "))");
              lines.push("= " + out.text + (x.text === MASKED && name === "exp" ? ": a masked score gets no weight" : ""));
              return lines;
            }
            case "rowMax": {
              const x = a[0], maximum = rule.maxima ? rule.maxima[i] : null;
              const lines = [out.reference + " = max_k " + reference(x, out.row, "k"),
                             "= max(" + joined(columns(x), ", ", k => cell(x, out.row, k).text) + ")", "= " + out.text];
              if (maximum) lines[2] += ", at k = " + maximum[0] + (maximum.length > 1 ? " (“" + maximum[1] + "”)" : "");
              return lines;
            }
            case "rowSum": {
              const x = a[0];
              return [out.reference + " = Σ_k " + reference(x, out.row, "k"), "= " + joined(columns(x), " + ", k => cell(x, out.row, k).text),
                      "= " + out.text];
            }
            case "normalize": {
              const x = at(a[0]), total = cell(a[1], out.row, 0), statement = out.reference + " = " + x.reference + " / " + total.reference;
              if (total.text === ZERO) return [statement, "= 0, because " + total.reference + " = 0: every score in this row is masked, so every weight is 0"];
              return [statement, "= " + x.text + " / " + total.text, "= " + out.text];
            }
            case "concatColumns": {
              let start = 0;
              for (const part of a) {
                if (out.column < start + columns(part)) {
                  const source = cell(part, out.row, out.column - start);
                  return copy(out, source, "columns " + start + "–" + (start + columns(part) - 1) + " of " + out.name + " are " + source.name);
                }
                start += columns(part);
              }
              return [out.reference + " = " + out.text, "the operands have fewer than " + (out.column + 1) + " columns"];
            }
            case "stackRows": {
              let start = 0;
              for (const part of a) {
                if (out.row < start + rows(part)) {
                  const source = cell(part, out.row - start, out.column);
                  return copy(out, source, null).concat(continued(part.id, source.row, source.column));
                }
                start += rows(part);
              }
              return [out.reference + " = " + out.text, "the operands have fewer than " + (out.row + 1) + " rows"];
            }
            case "sliceRows": case "sliceColumns": {
              const start = rule.start ?? 0;
              return copy(out, op === "sliceRows" ? cell(a[0], start + out.row, out.column) : cell(a[0], out.row, start + out.column), null);
            }
            case "previousRow": case "nextRow": {
              const forward = op === "previousRow", [states, initial] = a;
              if (out.row === (forward ? 0 : rows(states) - 1)) {
                return copy(out, cell(initial, 0, out.column), "the network starts from its initial state at position " + out.row);
              }
              const previous = forward ? out.row - 1 : out.row + 1;
              return copy(out, cell(states, previous, out.column), "the state after reading position " + previous);
            }
            case "interpolate": {
              const [gate, x, y] = a.map(at);
              return [out.reference + " = (1 − " + gate.reference + ") · " + x.reference + " + " + gate.reference + " · " + y.reference,
                      "= (1 − " + gate.text + ") · " + x.factor + " + " + gate.factor + " · " + y.factor, "= " + out.text];
            }
            case "mask": {
              const [x, m] = a.map(at);
              const lines = m.text === ZERO
                ? [out.reference + " = −∞ (masked), because " + m.reference + " = 0; the softmax will give it weight 0"]
                : [out.reference + " = " + x.reference + ", kept because " + m.reference + " = 1", "= " + out.text];
              return lines.concat(continued(a[1].id, m.row, m.column));
            }
            case "window": {
              const p = cell(a[0], out.row, 0), d = rule.constant ?? "?";
              const distance = rule.distances ? rule.distances[i * columns(rule.out) + j] : null;
              const position = rule.columnLabels ? "position " + out.column + " (“" + rule.columnLabels[out.column] + "”)" : "position " + out.column;
              const verdict = distance && distance[1] ? "≤ D = " + d + ", so " + position + " is inside the window"
                : "> D = " + d + ", so " + position + " is outside the window and masked";
              return [out.reference + " = 1 if |j − " + p.reference + "| ≤ D, else 0",
                      "|" + out.column + " − " + p.factor + "| = " + (distance ? distance[0] : "?") + " " + verdict, "= " + out.text];
            }
            case "gaussian": {
              const p = cell(a[0], out.row, 0), s = rule.constant ?? "?";
              return [out.reference + " = exp(−(j − " + p.reference + ")² / (2σ²)), σ = D/2 = " + s,
                      "= exp(−(" + out.column + " − " + p.factor + ")² / (2 · " + s + "²))", "= " + out.text];
            }
            case "causalMask": {
              const position = (k, label) => label != null ? k + " (“" + label + "”)" : String(k);
              const rowLabel = rule.rowLabels ? rule.rowLabels[i] : null, columnLabel = rule.columnLabels ? rule.columnLabels[j] : null;
              const reason = j <= i
                ? "because j = " + j + " ≤ i = " + i + ": position " + position(i, rowLabel) + " may attend to itself and to earlier positions"
                : "because j = " + j + " > i = " + i + ": position " + position(j, columnLabel) + " comes after position " + position(i, rowLabel) + ", so it is in the future and masked";
              return [out.reference + " = " + out.text + ", " + reason];
            }
            default: return [out.reference + " = " + out.text];
          }
        }
        return derive(rule, index);
      }
    """
