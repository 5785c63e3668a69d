import type { ChalkInstance } from 'chalk';
import truncatedWidth from 'fast-string-truncated-width';
import { CLUSTER, displayWidth } from './width.js';

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
 * A line still wider than its column after `fit` (fast-string-truncated-width can cut a line
 * with a full-width colon one character late: `：?a` at 3 columns) is broken into chunks of whole
 * characters, each remainder trimmed, as the `table` package broke it. Plain text only: a
 * coloured line is left as it is (its escape codes are not characters to count).
 */
function chunks(line: string, width: number): string[] {
  if (line.includes('\u001b') || displayWidth(line) <= width) return [line];
  const out: string[] = [];
  let rest = line;
  do {
    const parts = rest.match(CLUSTER) ?? [];
    let used = 0;
    let k = 0;
    for (; k < parts.length; k++) {
      const w = displayWidth(parts[k]!);
      if (k > 0 && used + w > width) break;
      used += w;
    }
    out.push(parts.slice(0, k).join(''));
    rest = parts.slice(k).join('').trim();
  } while (displayWidth(rest) > 0);
  return out;
}

/** The single-line box characters (the `norc` set of the `table` package, which drew these tables before). */
const BOX = {
  topLeft: '┌', topBody: '─', topJoin: '┬', topRight: '┐',
  joinLeft: '├', joinBody: '─', joinJoin: '┼', joinRight: '┤',
  bottomLeft: '└', bottomBody: '─', bottomJoin: '┴', bottomRight: '┘',
  bodyLeft: '│', bodyJoin: '│', bodyRight: '│',
} as const;

/**
 * A boxed table: the head in bold and the borders in grey when colour is on, a rule between
 * every two rows, one space of padding on either side of a cell, lines left-aligned.
 *
 * Cells arrive wrapped and fitted by kouiki (report/text.ts, and `fit` above, both measuring with
 * report/width.ts), so drawing is only padding each line to its column and joining the borders,
 * measured with the same width function. The `table` package drew the same bytes, but wrapped
 * every line again with slice-ansi 4 (a regular expression built per character) and measured it
 * with string-width 4, which counts a decomposed が as 4 columns where the wrapping counted 2:
 * 60 ms of CPU of `kouiki eligibility 小田原市`, half of what the command costs beyond Node's
 * start (docs/decisions.md, "Speed"). test/unit/table.test.ts draws generated tables with both.
 */
export function drawTable(spec: TableSpec): string {
  const { chalk } = spec;
  const b = chalk.level > 0 ? (Object.fromEntries(Object.entries(BOX).map(([k, v]) => [k, chalk.grey(v)])) as Record<keyof typeof BOX, string>) : BOX;
  const widths = spec.colWidths.map((w) => Math.max(1, w - 2));
  // A heading longer than its column (none of the reports has one) is cut as a cell is.
  const head = spec.head.map((h, i) => {
    const fitted = fit(h, widths[i] ?? 1);
    return chalk.level > 0 ? fitted.split('\n').map((line) => chalk.bold(line)).join('\n') : fitted;
  });
  const total = widths.reduce((a, w) => a + w + 3, -3);
  // A spanning row is one cell as wide as the whole table (sphere's "below the guideline" line).
  const full = new Set((spec.fullRows ?? []).map((k) => k + 1));
  const rows = [head, ...spec.rows.map((r, k) => (full.has(k + 1) ? [fit(r[0] ?? '', total)] : r.map((cell, i) => fit(cell, widths[i] ?? 1))))];
  const rule = (left: string, body: string, join: string, right: string): string => `${left}${widths.map((w) => body.repeat(w + 2)).join(join)}${right}`;
  // The rule between two rows: a column border meets it from above, from below, both or neither.
  const between = (above: boolean, below: boolean): string => rule(b.joinLeft, b.joinBody, above && below ? b.joinJoin : above ? b.bottomJoin : below ? b.topJoin : b.joinBody, b.joinRight);
  const out = [rule(b.topLeft, b.topBody, b.topJoin, b.topRight)];
  const pad = (text: string, width: number, right: boolean): string => {
    const space = ' '.repeat(Math.max(0, width - displayWidth(text)));
    return right ? `${space}${text}` : `${text}${space}`;
  };
  rows.forEach((row, r) => {
    if (r > 0) out.push(between(!full.has(r - 1), !full.has(r)));
    if (full.has(r)) {
      for (const text of (row[0] ?? '').split('\n').flatMap((line) => chunks(line, total))) out.push(`${b.bodyLeft} ${pad(text, total, false)} ${b.bodyRight}`);
      return;
    }
    const cells = widths.map((_, i) => (row[i] ?? '').split('\n').flatMap((line) => chunks(line, widths[i]!)));
    const height = Math.max(1, ...cells.map((lines) => lines.length));
    for (let l = 0; l < height; l++) {
      const line = cells.map((lines, i) => ` ${pad(lines[l] ?? '', widths[i]!, spec.align?.[i] === 'right')} `);
      out.push(`${b.bodyLeft}${line.join(b.bodyJoin)}${b.bodyRight}`);
    }
  });
  out.push(rule(b.bottomLeft, b.bottomBody, full.has(rows.length - 1) ? b.bottomBody : b.bottomJoin, b.bottomRight));
  return out.join('\n');
}
