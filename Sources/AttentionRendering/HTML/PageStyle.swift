/// The style sheet inlined in every page: readable text, scrollable tables,
/// tabular numerals, a visible masked state, dark mode and print.
let pageStyle = """
    :root { color-scheme: light dark; --text: #1d1d1f; --muted: #5f6368; --background: #ffffff;
            --rule: #d0d4da; --header: #f3f4f6; --masked: #ececec; --accent: #2b5fab; }
    @media (prefers-color-scheme: dark) {
      :root { --text: #e8e8ea; --muted: #a5a9b0; --background: #17181b;
              --rule: #3a3d44; --header: #23252a; --masked: #2c2d31; --accent: #8ab4f8; }
    }
    body { margin: 0; background: var(--background); color: var(--text);
           font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
    main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem 4rem; }
    h1, h2, h3 { line-height: 1.25; margin-top: 2rem; }
    a { color: var(--accent); }
    code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.9em; }
    math { font-family: "STIX Two Math", "Cambria Math", "Latin Modern Math", math, serif; }
    math[display="block"] { margin: 0.75rem 0; overflow-x: auto; overflow-y: hidden; }
    nav.contents { border-left: 3px solid var(--rule); padding-left: 1rem; }
    nav.contents h2 { margin-top: 0; }
    figure { margin: 1.25rem 0; }
    .scroll { overflow-x: auto; max-width: 100%; }
    table.tensor { border-collapse: collapse; font-variant-numeric: tabular-nums; margin-bottom: 0.25rem; }
    table.tensor caption { text-align: left; caption-side: top; padding: 0.25rem 0; color: var(--muted); }
    table.tensor caption .description { color: var(--text); }
    table.tensor th, table.tensor td { border: 1px solid var(--rule); padding: 0.2rem 0.5rem; white-space: nowrap; }
    table.tensor th { background: var(--header); font-weight: 600; }
    table.tensor th.corner { color: var(--muted); font-weight: normal; font-size: 0.85em; }
    table.tensor td { text-align: right; font-family: ui-monospace, Menlo, Consolas, monospace; }
    table.tensor td.masked { color: var(--muted); font-style: italic; text-align: center;
      background: repeating-linear-gradient(135deg, var(--masked) 0 4px, transparent 4px 8px); }
    .provenance { color: var(--muted); font-size: 0.9em; margin: 0.25rem 0 0; }
    .heatmap-grid { display: flex; flex-wrap: wrap; gap: 1rem; }
    figure.heatmap { margin: 0.75rem 0; }
    figure.heatmap figcaption { color: var(--muted); font-size: 0.9em; }
    svg.heatmap-svg { max-width: 100%; height: auto; font-size: 12px; font-family: system-ui, sans-serif; }
    svg.heatmap-svg text { fill: currentColor; }
    svg.heatmap-svg text.mask-mark { fill: #333333; }
    svg.heatmap-svg.compact { font-size: 9px; }
    g.cells.size-28 rect { width: 27px; height: 27px; }
    g.cells.size-18 rect { width: 17px; height: 17px; }
    g.cells.size-12 rect { width: 11px; height: 11px; }
    svg.heatmap-svg text.mask-mark { font-size: 0.9em; }
    svg.definitions { position: absolute; width: 0; height: 0; overflow: hidden; }
    .sentences { font-size: 1.1rem; }
    .sentences .side { color: var(--muted); font-size: 0.85em; text-transform: uppercase; letter-spacing: 0.05em; margin-right: 0.25rem; }
    .sentences .token { display: inline-block; padding: 0 0.35rem; margin: 0.1rem 0; border: 1px solid var(--rule); border-radius: 0.3rem; background: var(--header); }
    .sentences .arrow { color: var(--muted); margin: 0 0.4rem; }
    nav.contents > ul { columns: 2 18rem; column-gap: 2rem; }
    nav.contents li { break-inside: avoid; }
    nav.step-nav { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0.5rem 1rem; margin: 1rem 0 2rem;
                   padding-top: 0.5rem; border-top: 1px solid var(--rule); font-size: 0.9em; }
    details.alternative, details.numbers { margin: 0.5rem 0; }
    details > summary { cursor: pointer; color: var(--accent); }
    details.group > summary { color: var(--text); }
    details.group > summary > h2 { display: inline; }
    details.group { margin-top: 2rem; }
    figcaption.tensor-caption { color: var(--muted); }
    table.strongest td { text-align: left; font-family: inherit; }
    table.strongest .position, table.strongest .weight, table.strongest .evenness { color: var(--muted); font-variant-numeric: tabular-nums; font-size: 0.85em; }
    td.near-uniform, tr.near-uniform td { color: var(--muted); font-style: italic; }
    table.spread td { text-align: left; font-family: inherit; }
    .parameters { border-left: 3px solid var(--rule); padding-left: 0.75rem; }
    figcaption.tensor-caption .description { color: var(--text); }
    table.tensor td[data-tensor] { cursor: pointer; }
    table.tensor td[data-tensor]:hover, table.tensor td[data-tensor]:focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; }
    table.tensor td.selected { background: var(--header); outline: 2px solid var(--accent); outline-offset: -2px; }
    .derivation { position: absolute; z-index: 10; max-width: min(46rem, calc(100vw - 2rem)); padding: 0.6rem 2.2rem 0.6rem 0.8rem;
                  background: var(--background); color: var(--text); border: 1px solid var(--accent); border-radius: 0.4rem;
                  box-shadow: 0 0.3rem 1rem rgba(0, 0, 0, 0.25); }
    .derivation-cell { margin: 0 0 0.3rem; font-weight: 600; overflow-wrap: anywhere; }
    .derivation-lines { font-family: ui-monospace, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.85em;
                        white-space: pre-wrap; overflow-wrap: anywhere; }
    .derivation-close { position: absolute; top: 0.3rem; right: 0.3rem; border: 0; background: none; color: var(--muted);
                        font-size: 1rem; cursor: pointer; }
    table.model-view td { padding: 2px; }
    table.model-view th { white-space: nowrap; }
    table.model-view a { display: block; }
    table.model-view a:hover svg, table.model-view a:focus-visible svg { outline: 2px solid var(--accent); }
    svg.thumbnail { display: block; }
    svg.head-view line { stroke-width: 2; }
    svg.head-view text { fill: var(--text); font-size: 13px; }
    svg.head-view:hover g.from:not(:hover) { opacity: 0.08; }
    .head-view-layer > input { position: absolute; opacity: 0; width: 1px; height: 1px; }
    .head-view-layer > label { display: inline-block; margin: 0 0.9rem 0.4rem 0; white-space: nowrap; cursor: pointer; }
    .head-view-layer > input:focus-visible + label { outline: 2px solid var(--accent); outline-offset: 2px; }
    .head-view-layer .swatch { display: inline-block; box-sizing: border-box; width: 0.9em; height: 0.9em; margin-right: 0.3em;
                               border: 2px solid var(--swatch); border-radius: 2px; vertical-align: -0.1em; }
    .head-view-layer > input:checked + label .swatch { background: var(--swatch); }
    .head-view-layer > input:not(:checked) + label { color: var(--muted); }
    ul.head-commands code { overflow-wrap: anywhere; }
    @media print {
      nav.step-nav, .derivation, details.alternative { display: none; }
      details.numbers > summary::after { content: " (open the page in a browser to see them)"; }
      :root { color-scheme: light; --text: #000000; --background: #ffffff; }
      nav.contents { display: none; }
      main { max-width: none; padding: 0; }
      .scroll { overflow: visible; }
      figure { break-inside: avoid; }
      a { color: inherit; text-decoration: none; }
    }

    """
