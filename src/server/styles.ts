/** The one stylesheet, served as a static file (the Content-Security-Policy allows no inline style). */
export const STYLESHEET = `
:root {
  --text: #1a1d21; --muted: #5b6470; --faint: #8a929c; --line: #dde1e6; --soft: #f4f6f8; --page: #ffffff;
  --accent: #1f5fbf; --accent-soft: #e8f0fc; --mark: #ffe48a; --highlight: #fff3b0; --bad: #a12c2c; --good: #22703a;
  --radius: 6px; --mono: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root { --text: #e6e8eb; --muted: #a8b0ba; --faint: #7d8590; --line: #343a42; --soft: #1d2127; --page: #14171b;
    --accent: #7fb0ff; --accent-soft: #1d2b40; --mark: #6b5a12; --highlight: #4d4414; --bad: #ff8b8b; --good: #7fd69a; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--page); color: var(--text);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
a { color: var(--accent); text-decoration: none; }
a:hover, a:focus-visible { text-decoration: underline; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
h1, h2, h3 { line-height: 1.25; margin: 1.4em 0 .5em; }
h1 { font-size: 1.6rem; margin-top: .6em; }
h2 { font-size: 1.2rem; }
h3 { font-size: 1.05rem; }
code, pre, .mono { font-family: var(--mono); font-size: .9em; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: .5rem; background: var(--page); padding: .25rem .5rem; z-index: 10; }

.site-header { border-bottom: 1px solid var(--line); background: var(--soft); }
.site-header .bar { max-width: 72rem; margin: 0 auto; padding: .6rem 1rem; display: flex; gap: 1.25rem; align-items: center; flex-wrap: wrap; }
.brand { font-weight: 700; color: var(--text); font-size: 1.1rem; letter-spacing: .01em; }
.brand span { color: var(--accent); }
.site-header nav { display: flex; gap: 1rem; font-size: .95rem; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
.site-footer { max-width: 72rem; margin: 0 auto; padding: 1rem; color: var(--faint); font-size: .85rem; border-top: 1px solid var(--line); }

.search-form { display: grid; gap: .6rem; margin: .5rem 0 1rem; }
.search-main { display: flex; gap: .5rem; }
.search-main input { flex: 1; min-width: 0; font-size: 1.05rem; }
input, select, button { font: inherit; color: inherit; }
input[type=search], input[type=text], input[type=date], select {
  padding: .45rem .6rem; border: 1px solid var(--line); border-radius: var(--radius); background: var(--page); }
button, .button { padding: .45rem 1rem; border-radius: var(--radius); border: 1px solid var(--accent); background: var(--accent);
  color: #fff; cursor: pointer; font-weight: 600; display: inline-block; }
@media (prefers-color-scheme: dark) { button, .button { color: #0b1220; } }
.button.secondary { background: transparent; color: var(--accent); }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; font-size: .9rem; color: var(--muted); align-items: end; }
.filters label { display: grid; gap: .15rem; }
.filters input { width: 10rem; }
.hint { color: var(--muted); font-size: .9rem; }

.results { list-style: none; padding: 0; margin: 0; }
.result { padding: .85rem 0; border-bottom: 1px solid var(--line); }
.result-title { font-weight: 600; font-size: 1.05rem; }
.result-meta { color: var(--muted); font-size: .85rem; display: flex; flex-wrap: wrap; gap: .25rem .9rem; margin: .15rem 0 .3rem; }
.snippet { margin: 0; overflow-wrap: anywhere; }
.matched-documents { list-style: none; padding: 0 0 0 .75rem; margin: .25rem 0 0; border-left: 2px solid var(--line); display: grid; gap: .35rem; }
.matched-documents a { font-size: .85rem; }
.search-layout { display: grid; grid-template-columns: 13rem minmax(0, 1fr); gap: 1.5rem; align-items: start; }
.search-layout > section:only-child { grid-column: 1 / -1; }
.facets { font-size: .85rem; position: sticky; top: 1rem; }
.facets h2 { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: .75rem 0 .25rem; }
.facets ul { list-style: none; padding: 0; margin: 0; display: grid; gap: .15rem; }
.facets li { display: flex; justify-content: space-between; gap: .5rem; }
.facets .count { color: var(--muted); font-variant-numeric: tabular-nums; }
.exports { margin-left: .75rem; }
.exports a { margin-right: .4rem; }
.filters select { width: 8rem; }
@media (max-width: 720px) { .search-layout { grid-template-columns: 1fr; } .facets { position: static; } }
mark { background: var(--mark); color: inherit; padding: 0 .1em; border-radius: 2px; }
.badge { display: inline-block; font-size: .75rem; font-weight: 700; padding: .05rem .45rem; border-radius: 999px;
  background: var(--accent-soft); color: var(--accent); vertical-align: middle; white-space: nowrap; }
.pager { display: flex; justify-content: space-between; align-items: center; margin: 1rem 0; gap: 1rem; }
.empty { padding: 1rem 1.25rem; background: var(--soft); border-radius: var(--radius); }
.examples { display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; list-style: none; }
.examples a { display: inline-block; padding: .2rem .6rem; border: 1px solid var(--line); border-radius: 999px; font-family: var(--mono); font-size: .85rem; }
.numbers { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .75rem; margin: 1rem 0; }
.number { background: var(--page); border: 1px solid var(--line); border-radius: var(--radius); padding: .6rem .8rem; }
.number strong { display: block; font-size: 1.35rem; }
.number span { color: var(--muted); font-size: .85rem; }

.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1.25rem; margin: 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.filing-grid { display: grid; grid-template-columns: minmax(18rem, 2fr) 3fr; gap: 1.5rem; align-items: start; }
.stack { display: grid; gap: 1.5rem; }
.filing-grid > *, .stack > *, .grid-2 > * { min-width: 0; }
.bool { font-weight: 600; }
.grid-2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1.5rem; align-items: start; }
.card { border: 1px solid var(--line); border-radius: var(--radius); padding: .9rem 1.1rem; background: var(--page); }
.card > h2:first-child { margin-top: 0; }
.table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table.data { border-collapse: collapse; width: 100%; font-size: .92rem; }
table.data th, table.data td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
table.data th { color: var(--muted); font-weight: 600; white-space: nowrap; }
.yes { color: var(--good); font-weight: 600; }
.no { color: var(--bad); font-weight: 600; }
.none { color: var(--faint); font-style: italic; }
a.field { border-bottom: 1px dashed var(--accent); }
a.field:hover { text-decoration: none; background: var(--accent-soft); }
.warnings { color: var(--muted); font-size: .9rem; }
.crumbs { color: var(--muted); font-size: .9rem; margin: .25rem 0; overflow-wrap: anywhere; }

.tabs { display: flex; gap: .25rem; border-bottom: 1px solid var(--line); margin: 1rem 0; flex-wrap: wrap; }
.tabs a { padding: .45rem .9rem; border: 1px solid transparent; border-bottom: 0; border-radius: var(--radius) var(--radius) 0 0; color: var(--muted); }
.tabs a[aria-current] { border-color: var(--line); background: var(--page); color: var(--text); font-weight: 600; margin-bottom: -1px; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem 1rem; font-size: .9rem; }
.page-jump { font-size: .85rem; color: var(--muted); display: flex; flex-wrap: wrap; gap: .2rem .6rem; }
.part-nav { display: flex; flex-wrap: wrap; gap: .2rem .6rem; align-items: baseline; margin: .5rem 0; }
.part-nav .hint { margin-left: auto; }
.section-nav { font-size: .9rem; margin: .75rem 0; border: 1px solid var(--line); border-radius: var(--radius); padding: .4rem .8rem; }
.section-nav summary { cursor: pointer; font-weight: 600; }
.section-nav ol { margin: .3rem 0; padding-left: 1.2rem; columns: 18rem auto; }
.section-nav ol ol { columns: auto; font-size: .85rem; }
.doc-body .section-anchor { scroll-margin-top: 1rem; }

.doc-body { max-width: 60rem; overflow-wrap: break-word; }
.doc-body .page { border-bottom: 1px dashed var(--line); padding: .75rem 0 1.25rem; }
.doc-body .page-anchor { font-size: .75rem; color: var(--faint); }
.doc-body table { border-collapse: collapse; margin: 1rem 0; display: block; max-width: 100%; overflow-x: auto; font-size: .92rem; }
.doc-body th, .doc-body td { border: 1px solid var(--line); padding: .25rem .55rem; vertical-align: top; text-align: left; }
.doc-body thead th { background: var(--soft); }
.doc-body .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.doc-body caption { font-style: italic; text-align: left; padding: .25rem 0; }
.doc-body tfoot td { border: 0; font-size: .85rem; color: var(--muted); }
.doc-body .choice { list-style: none; padding: 0; }
.doc-body .choice li { display: inline-block; margin-right: 2rem; }
.doc-body .align-center { text-align: center; }
.doc-body .align-right { text-align: right; }
.doc-body pre, pre.original { overflow-x: auto; background: var(--soft); padding: .6rem .8rem; border-radius: var(--radius); font-size: .82rem; line-height: 1.4; }
pre.original { white-space: pre; }
.doc-body .highlight, pre.original mark#highlight { background: var(--highlight); outline: 3px solid var(--mark); outline-offset: 2px; border-radius: 2px;
  scroll-margin-top: 30vh; transition: outline-color .6s; }
.attachment-image { max-width: 100%; height: auto; border: 1px solid var(--line); background: #fff; }

.chart { max-width: 100%; height: auto; }
.chart text { fill: var(--muted); font-size: 11px; font-family: inherit; }
.chart .axis { stroke: var(--line); }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1rem; font-size: .85rem; color: var(--muted); padding: 0; list-style: none; }
.legend i { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; margin-right: .3rem; vertical-align: -1px; }
.s0 { fill: #3b7dd8; background: #3b7dd8; } .s1 { fill: #e07b39; background: #e07b39; } .s2 { fill: #3aa17e; background: #3aa17e; }
.s3 { fill: #9b59b6; background: #9b59b6; } .s4 { fill: #d4a72c; background: #d4a72c; } .s5 { fill: #c0392b; background: #c0392b; }
.s6 { fill: #16a2b8; background: #16a2b8; } .s7 { fill: #7f8c8d; background: #7f8c8d; }

@media (max-width: 900px) { .filing-grid { grid-template-columns: 1fr; } }
@media (max-width: 640px) {
  body { font-size: 15px; }
  main { padding: .75rem .75rem 2rem; }
  h1 { font-size: 1.3rem; }
  .search-main { flex-direction: column; }
  .filters input, .filters select { width: 100%; }
  .filters label { flex: 1 1 45%; }
  .facts { grid-template-columns: minmax(6.5rem, 38%) 1fr; gap: .35rem .75rem; }
  .facts dt { font-size: .9rem; }
  .grid-2 { grid-template-columns: 1fr; }
  table.data .optional { display: none; }
}
@media print { .site-header, .site-footer, .tabs, .actions, .search-form { display: none; } }
`;
