import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth, wrapText } from '../../src/report/text.js';

// wrapText (src/report/text.ts): every report's long lines go through it.
const pieces = ['小田原市', '、', '。', '（', '）', '「', '」', 'population', ' ', '  ', 'e-Stat', '[3]', '第２面', 'が', '\u0301', 'é', '👨‍👩‍👧', 'https://www.e-stat.go.jp/dbview?sid=0003454527', '\u001b[2m', '\u001b[22m'];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((a) => a.join(''));
const strip = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '').replace(/\s+/g, '');

describe('wrapText', () => {
  it('keeps every character, in order, and fits the width', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 4, max: 60 }), (s, width) => {
        const out = wrapText(s, width);
        expect(strip(out)).toBe(strip(s));
        for (const line of out.split('\n')) {
          // A line may be wider only when it is one character (a wide emoji in 4 columns is not) or one long word cut to the width.
          if (displayWidth(line) > width) expect([...line.replace(/\u001b\[[0-9;]*m/g, '')].length).toBeLessThanOrEqual(3);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves a line that fits as it is (without trailing blanks)', () => {
    fc.assert(
      fc.property(text, (s) => {
        const width = Math.max(4, displayWidth(s));
        expect(wrapText(s, width)).toBe(s.trimEnd());
      }),
      { numRuns: 500 },
    );
  });
});
