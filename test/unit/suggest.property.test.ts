import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedDistance, distance, suggestMany } from '../../src/util/suggest.js';

function reference(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

describe('suggestions', () => {
  it('the distance is Levenshtein, and the bounded one agrees up to its limit', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.nat(8), (a, b, limit) => {
        const d = reference(a, b);
        expect(distance(a, b)).toBe(d);
        const bd = boundedDistance(a, b, limit);
        if (d <= limit) expect(bd).toBe(d);
        else expect(bd).toBeGreaterThan(limit);
      }),
      { numRuns: 500 },
    );
  });

  it('proposes the close names first', () => {
    expect(suggestMany('箱根村', ['箱根町', '豊根村', '三原村', '小田原市'], 3)).toEqual(['箱根町', '豊根村', '三原村']);
  });
});

describe('suggestion order', () => {
  it('breaks ties in code-point order, whatever the locale (no collator)', () => {
    // All at distance 1; localeCompare would put "ab" before "Ab" (and kanji in JIS order under LANG=ja_JP).
    expect(suggestMany('xb', ['b', 'ab', 'Ab'], 3)).toEqual(['Ab', 'ab', 'b']);
  });
});
