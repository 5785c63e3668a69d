/**
 * The one style sheet of every HTML report, inlined (no external request). Screen: a readable
 * column. Print (A4): each task or municipality starts a page, table headers repeat on every
 * page, rows and charts are never cut, page numbers at the foot (CSS page-margin boxes, which
 * Chromium prints; other browsers leave them out). Status and verdict colours come from the
 * Okabe–Ito palette (distinct for colour-blind readers) and always go with a symbol, so a
 * black-and-white print loses nothing.
 */
export const STYLE = `
:root { --ink: #1a1a1a; --muted: #555; --rule: #bbb; --pass: #007a5a; --fail: #c24e00; --border: #b07800; --unknown: #4d4d4d; --na: #777; --accent: #0b4f8a; }
* { box-sizing: border-box; }
html { font-family: "IPAexGothic", "IPAGothic", "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", Meiryo, "DejaVu Sans", sans-serif; font-size: 10.5pt; line-height: 1.55; color: var(--ink); background: #fff; }
body { margin: 0 auto; max-width: 190mm; padding: 10mm 8mm; }
h1 { font-size: 18pt; margin: 0 0 4mm; line-height: 1.3; }
h2 { font-size: 14pt; margin: 8mm 0 3mm; padding-bottom: 1mm; border-bottom: 2px solid var(--accent); }
h3 { font-size: 11.5pt; margin: 5mm 0 2mm; }
p { margin: 1.5mm 0; }
a { color: var(--accent); }
.muted { color: var(--muted); }
.id { font-family: "DejaVu Sans Mono", monospace; font-size: 0.88em; color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 3mm; }
th, td { border: 1px solid var(--rule); padding: 1.2mm 1.8mm; text-align: left; vertical-align: top; }
th { background: #eef2f6; font-weight: bold; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.nowrap { white-space: nowrap; }
ul, ol { margin: 1mm 0 2mm; padding-left: 7mm; }
li { margin: 0.6mm 0; }
.cover { border: 1px solid var(--rule); padding: 5mm 6mm; margin-bottom: 6mm; }
.cover table { margin: 0; }
.cover th { width: 34%; background: #f5f5f5; }
.badge { display: inline-block; white-space: nowrap; padding: 0 1.6mm; border: 1px solid currentColor; border-radius: 1mm; font-weight: bold; }
.v-recommended, .st-pass { color: var(--pass); background: #e6f4ef; }
.v-possible { color: var(--accent); background: #e8f0f8; }
.v-unsuitable, .st-borderline { color: var(--border); background: #fbf3e0; }
.v-not-allowed, .st-fail { color: var(--fail); background: #fbece3; }
.st-unknown { color: var(--unknown); background: #eee; }
.st-not-applicable { color: var(--na); background: #fff; font-weight: normal; }
.effect { font-weight: bold; display: inline-block; width: 1.2em; }
.reasons { margin: 0; padding: 0; list-style: none; }
.reasons li { margin: 0 0 0.8mm; }
sup.ref { font-size: 0.72em; line-height: 0; }
sup.ref a { text-decoration: none; }
.notes ol { font-size: 9pt; }
.notes li { overflow-wrap: anywhere; }
.procedure li { margin-bottom: 1mm; }
.article { color: var(--muted); }
.chart { margin: 1.5mm 0 3mm; }
.chart svg { display: block; width: 100%; height: auto; }
.finding-text { font-family: "DejaVu Sans Mono", "IPAexGothic", monospace; white-space: pre-wrap; background: #f6f6f6; padding: 0.6mm 1.4mm; display: block; overflow-wrap: anywhere; }
.tree ul { list-style: none; padding-left: 5mm; border-left: 1px solid var(--rule); }
.tree > ul { border-left: none; padding-left: 0; }
.page { break-before: page; }
.keep { break-inside: avoid; }
@page { size: A4; margin: 15mm 13mm 17mm; @bottom-center { content: counter(page) " / " counter(pages); font-size: 8.5pt; color: #555; } }
@media print {
  html { font-size: 8.8pt; line-height: 1.45; }
  body { max-width: none; padding: 0; }
  th, td { padding: 0.8mm 1.4mm; }
  h2 { margin-top: 0; }
  h3 { margin: 3mm 0 1.5mm; }
  thead { display: table-header-group; }
  tr, .chart, .cover, li, .keep { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  .badge, th { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;
