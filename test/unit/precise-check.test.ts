import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasOddQuotes, PRECISE_PATTERNS } from '../../src/io/yaml.js';

// The pre-checks of the fast YAML path (src/io/yaml.ts needsPreciseParser) are written to scan
// fast; these are the plain forms they must equal, text for text (a difference would let a
// file pass or fail by its size).
const PLAIN = {
  MAYBE_ALIAS: /(?:^|[\s,[{:-])[&*][^\s,[\]{}]/m,
  MAYBE_COMPLEX_KEY: /(?:^|[\s,[{])\?(?:\s|$)|[\]}]\s*:/m,
  NUMBER_EDGE: /(?:^|[\s,[{:])(?:[-+]?\.\d|0b|-0(?:\.0*)?(?=$|[\s,\]}#]))/m,
};
// A run with an odd number of one quote between two line boundaries, unless it is a comment
// line: a whole \n-line (no \r, U+2028, U+2029 on either side) of blanks, "#" and anything.
const NOT_COMMENT = String.raw`(?!(?<![\r\u2028\u2029])[ \t]*#[^\n\r\u2028\u2029]*(?:\n|(?![\s\S])))`;
const ODD_QUOTES = new RegExp(
  String.raw`^${NOT_COMMENT}[^'\n]*'(?:[^'\n]*'[^'\n]*')*[^'\n]*$|^${NOT_COMMENT}[^"\n]*"(?:[^"\n]*"[^"\n]*")*[^"\n]*$`,
  'm',
);

/** Text made of the characters the patterns turn on, line breaks and white space of every kind. */
const CHARS = ['&', '*', '?', ']', '}', '[', '{', ':', ',', '-', '+', '.', '0', '1', 'b', 'e', '#', "'", '"', ' ', ' ', '\t', '\n', '\n', '\r', '\u2028', '\u2029', '\u3000', '\u00a0', '\ufeff', 'a', 'x', '公'];
const text = fc.array(fc.constantFrom(...CHARS), { maxLength: 24 }).map((a) => a.join(''));
/** The same, padded with ordinary YAML so matches sit inside a longer text. */
const padded = fc.tuple(text, text, fc.constantFrom('', 'tasks:\n  - name: a\n', '  - { x: 1 }\n')).map(([a, b, pad]) => `${pad}${a}${pad}${b}${pad}`);

describe('the fast pre-checks equal their plain forms', () => {
  for (const name of Object.keys(PLAIN) as (keyof typeof PLAIN)[]) {
    it(name, () => {
      fc.assert(
        fc.property(fc.oneof(text, padded), (t) => {
          expect(PRECISE_PATTERNS[name].test(t)).toBe(PLAIN[name].test(t));
        }),
        { numRuns: 20_000 },
      );
    });
  }

  it('hasOddQuotes', () => {
    fc.assert(
      fc.property(fc.oneof(text, padded), (t) => {
        expect(hasOddQuotes(t)).toBe(ODD_QUOTES.test(t));
      }),
      { numRuns: 20_000 },
    );
    for (const t of ["a'b\u2028c'd", "a'b'\nc", "'\r\n'", "x\n'\r'\n", 'a"b\rc"d\n', "''\u2029'", "# it's\n", "  # it's", "a\r# it's\n", "# it's\r'\n", "x: 1 # it's"]) expect(hasOddQuotes(t), JSON.stringify(t)).toBe(ODD_QUOTES.test(t));
  });
});
