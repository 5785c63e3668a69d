import type { ChalkInstance } from 'chalk';
import truncatedWidth from 'fast-string-truncated-width';
import { getBorderCharacters, table } from 'table';

export interface TableSpec {
  head: string[];
  /** Each column's width including one space of padding on either side (as the tables have always been sized). */
  colWidths: number[];
  rows: string[][];
  chalk: ChalkInstance;
  /** Each column's alignment (default left). */
  align?: ('left' | 'right')[];
  /** Rows (indices into `rows`) whose first cell spans every column, left-aligned (a line drawn across a list). */
  fullRows?: number[];
}

// `table` refuses cells with C0 control characters other than line feed (and ESC, for colour).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0001-\u0008\u0009\u000b-\u001a]/g;
const clean = (s: string): string => s.replace(CONTROL, ' ');

/**
 * A cell whose line is still wider than its column (an id longer than the column) is cut with
 * `…`, as the tables always did, rather than wrapped inside the word.
 */
function fit(cell: string, width: number): string {
  return clean(cell)
    .split('\n')
    .map((line) => {
      const r = truncatedWidth(line, { limit: width, ellipsis: '…' });
      if (!r.truncated) return line;
      // Close any colour left open by the cut.
      return `${line.slice(0, r.index)}…${line.includes('\u001b') ? '\u001b[0m' : ''}`;
    })
    .join('\n');
}

/**
 * A boxed table (the `table` package, single-line borders): the head in bold and the borders in
 * grey when colour is on. Cells are wrapped by kouiki first (report/text.ts, which counts
 * columns as the terminal does); `table` only lays them out. Not cli-table3: see
 * docs/decisions.md ("tables").
 */
export function drawTable(spec: TableSpec): string {
  const { chalk } = spec;
  const plain = getBorderCharacters('norc');
  const border = chalk.level > 0 ? Object.fromEntries(Object.entries(plain).map(([k, v]) => [k, chalk.grey(v)])) : plain;
  const head = spec.head.map((h) => (chalk.level > 0 ? clean(h).split('\n').map((line) => chalk.bold(line)).join('\n') : clean(h)));
  const widths = spec.colWidths.map((w) => Math.max(1, w - 2));
  const total = widths.reduce((a, w) => a + w + 3, -3);
  const full = new Set(spec.fullRows ?? []);
  const rows = spec.rows.map((r, k) => (full.has(k) ? [fit(r[0] ?? '', total), ...widths.slice(1).map(() => '')] : r.map((cell, i) => fit(cell, widths[i] ?? 1))));
  const out = table([head, ...rows], {
    border,
    columns: widths.map((width, i) => ({ width, wrapWord: false, alignment: spec.align?.[i] ?? 'left' })),
    ...(full.size > 0 ? { spanningCells: [...full].map((k) => ({ col: 0, row: k + 1, colSpan: widths.length, alignment: 'left' as const })) } : {}),
  });
  // `table` ends with a line break; callers join blocks with their own.
  return out.endsWith('\n') ? out.slice(0, -1) : out;
}
