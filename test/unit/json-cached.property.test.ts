import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteBuffer } from '../../src/report/byte-buffer.js';
import { CachedJsonWriter } from '../../src/report/json-cached.js';
import { run } from '../helpers/eligibility.js';

/** The cached writer of `eligibility --all` writes exactly what JSON.stringify writes. */

function written(values: unknown[], w = new CachedJsonWriter()): string[] {
  return values.map((v) => {
    const out = new ByteBuffer(false);
    w.write(v, out);
    return out.toString();
  });
}

describe('CachedJsonWriter', () => {
  it('property: byte for byte JSON.stringify of any JSON value, also when strings repeat across values', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 5 }), (values) => {
        // One writer for all: the second value reuses the first one's cached strings.
        expect(written(values)).toEqual(values.map((v) => JSON.stringify(v)));
      }),
      { numRuns: 300 },
    );
  });

  it('property: objects with undefined, functions and symbols are left out as JSON.stringify leaves them', () => {
    const odd = fc.oneof(fc.constant(undefined), fc.constant(() => 1), fc.constant(Symbol('s')), fc.string(), fc.double(), fc.integer());
    fc.assert(
      fc.property(fc.dictionary(fc.string(), odd), fc.array(odd), (o, a) => {
        expect(written([o, a, { o, a }])).toEqual([JSON.stringify(o), JSON.stringify(a), JSON.stringify({ o, a })]);
      }),
      { numRuns: 200 },
    );
  });

  it('real eligibility results (Japanese text, numbers, nulls) come out as JSON.stringify writes them', () => {
    const results = run({ names: ['小田原市', '南足柄市'], merge: undefined }, { real: true, lang: 'ja' });
    expect(written(results)).toEqual(results.map((r) => JSON.stringify(r)));
  });
});
