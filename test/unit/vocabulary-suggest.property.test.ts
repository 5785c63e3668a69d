// Did-you-mean for ids (issue 15 item 15): an id or name no edit distance reaches still gets the
// entries that share its words — a shortened id, a half-remembered Japanese name.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedWords, vocabularyOf, type Domain } from '../../src/core/vocabulary.js';
import { defaultPack } from '../helpers/engine.js';

const vocab = vocabularyOf(defaultPack().data);
const suggested = (domain: Domain, text: string): string[] => {
  const r = vocab.lookup(domain, text);
  return r.ok ? [r.id] : r.suggestions.map((e) => e.id);
};

describe('suggestions for an unknown id or name', () => {
  it('a shortened id suggests the id it shortens (category, instrument, designation)', () => {
    expect(suggested('category', 'admin-efficiency')).toEqual(['administrative-efficiency']);
    expect(suggested('instrument', 'partial-union')).toEqual(['partial-affairs-union']);
    expect(suggested('designation', 'cooperation-city')[0]).toBe('cooperation-central-city');
  });

  it('a Japanese name that shares words with one name suggests it', () => {
    expect(suggested('category', '行政の効率')).toEqual(['administrative-efficiency']);
    expect(suggested('instrument', '代替の執行')).toContain('proxy-execution');
  });

  it('words no entry has suggest nothing, rather than anything', () => {
    expect(suggested('instrument', 'zzz-qqq')).toEqual([]);
    expect(suggested('category', 'ほげほげ')).toEqual([]);
  });

  it('property: an instrument or category id with one of its later words left out is suggested', () => {
    const entries = [...vocab.entries('instrument'), ...vocab.entries('category'), ...vocab.entries('designation')];
    const long = entries.filter((e) => e.id.split('-').length >= 3);
    expect(long.length).toBeGreaterThan(2);
    fc.assert(
      fc.property(fc.constantFrom(...long), fc.nat(), (e, k) => {
        const words = e.id.split('-');
        const drop = 1 + (k % (words.length - 1));
        const query = words.filter((_, i) => i !== drop).join('-');
        expect(sharedWords(query, entries, 3).map((x) => x.id)).toContain(e.id);
      }),
    );
  });

  it('property: any text gives at most three suggestions, never throws, and the same ones every time', () => {
    const entries = vocab.entries('instrument');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'abcdef-事務組合の委託効率 ア'.split('')), maxLength: 20 }), (text) => {
        const a = sharedWords(text, entries, 3);
        expect(a.length).toBeLessThanOrEqual(3);
        expect(sharedWords(text, entries, 3)).toEqual(a);
      }),
    );
  });
});
