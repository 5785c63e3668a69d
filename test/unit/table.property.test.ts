import fc from 'fast-check';
import { Chalk } from 'chalk';
import truncatedWidth from 'fast-string-truncated-width';
import { getBorderCharacters, table } from 'table';
import { describe, expect, it } from 'vitest';
import { drawTable } from '../../src/report/table.js';
import { wrapText } from '../../src/report/text.js';

// kouiki draws its boxed tables itself (src/report/table.ts) around cells it has wrapped; the
// `table` package drew them before. Both must give the same bytes for every table kouiki can
// draw without colour. The characters are those on which the two width functions agree
// (string-width 4 inside `table`, fast-string-width in kouiki): ASCII, kanji, precomposed kana,
// full-width punctuation and the symbols of the reports; `table` counts a decomposed が as 4
// columns and would wrap a line kouiki fitted, which is why it is not the reference there.
const plain = new Chalk({ level: 0 });
const CHARS = [...'abcdefghijklmnopqrstuvwxyz ABCDEF0123456789.,;:-_/()[]<>=+%#@!?\'"', ...'小田原市南足柄町村県西地域連携中枢都市圏人口昼夜間比率第条項号', ...'あいうえおがぎぐげござアイウエオガギグ', ...'（）、。・「」ー：％', ...'✓✗…—→·×'];
const word = fc.array(fc.constantFrom(...CHARS), { minLength: 0, maxLength: 30 }).map((cs) => cs.join(''));
const text = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join('\n'));

/** The former implementation, as it was: `table` with the norc borders, after kouiki's cut of over-long lines. */
function withTablePackage(head: string[], colWidths: number[], rows: string[][]): string {
  const widths = colWidths.map((w) => Math.max(1, w - 2));
  const fit = (cell: string, width: number): string =>
    cell
      .split('\n')
      .map((line) => {
        const r = truncatedWidth(line, { limit: width, ellipsis: '…' });
        return r.truncated ? `${line.slice(0, r.index)}…` : line;
      })
      .join('\n');
  const out = table([head, ...rows.map((r) => r.map((cell, i) => fit(cell, widths[i]!)))], { border: getBorderCharacters('norc'), columns: widths.map((width) => ({ width, wrapWord: false })) });
  return out.endsWith('\n') ? out.slice(0, -1) : out;
}

describe('drawTable', () => {
  it('draws the bytes the table package drew, for wrapped and cut cells alike', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: 3, max: 24 }), { minLength: 5, maxLength: 5 }), fc.array(fc.array(text, { minLength: 5, maxLength: 5 }), { minLength: 0, maxLength: 4 }), (n, allWidths, allRows) => {
        const colWidths = allWidths.slice(0, n);
        const head = colWidths.map((_, i) => String(i));
        // Cells as the reports make them: wrapped to the column (and longer words cut by drawTable).
        const rows = allRows.map((r) => r.slice(0, n).map((cell, i) => wrapText(cell, colWidths[i]! - 2)));
        expect(drawTable({ head, colWidths, rows, chalk: plain })).toBe(withTablePackage(head, colWidths, rows));
      }),
      { numRuns: 300 },
    );
  });

  it('pads by display width: a decomposed が is two columns, as the wrapping counts it', () => {
    const out = drawTable({ head: ['x'], colWidths: [6], rows: [['か\u3099か']], chalk: plain });
    expect(out.split('\n')[3]).toBe('│ か\u3099か │');
  });
});
