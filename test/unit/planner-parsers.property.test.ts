// Property tests of the parsers of issue 15 (items 12 and 13): dates as planners write them
// (和暦, full width), ratios as percentages, and names in their variants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERAS, parseDate, toWareki } from '../../src/util/wareki.js';
import { formatPercent, parseCount, readFraction } from '../../src/util/numbers.js';
import { nameKey, stemKey } from '../../src/util/jname.js';

const FULL = (s: string): string => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace(/\./g, '．').replace(/%/g, '％');

/** Any real day from 明治6年 (1873) to 2100, as an ISO date. */
const isoDay = fc.date({ min: new Date(Date.UTC(1873, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('dates (和暦)', () => {
  it('the 和暦 of any day reads back as that day, in kanji, in abbreviations and in full width', () => {
    fc.assert(
      fc.property(isoDay, (iso) => {
        const w = toWareki(iso)!;
        expect(parseDate(w)).toMatchObject({ ok: true, iso });
        expect(parseDate(FULL(w))).toMatchObject({ ok: true, iso });
        const m = /^(..)(元|\d+)年(\d+)月(\d+)日$/.exec(w)!;
        const letter = ERAS.find((e) => e.name === m[1])!.letter;
        const n = m[2] === '元' ? '1' : m[2]!;
        expect(parseDate(`${letter}${n}.${m[3]}.${m[4]}`)).toMatchObject({ ok: true, iso });
        expect(parseDate(`${letter.toLowerCase()}${n}/${m[3]}/${m[4]}`)).toMatchObject({ ok: true, iso });
      }),
      { numRuns: 400 },
    );
  });

  it('western dates in every separator read as themselves', () => {
    fc.assert(
      fc.property(isoDay, fc.constantFrom('-', '/', '.'), (iso, sep) => {
        const [y, mo, d] = iso.split('-').map(Number) as [number, number, number];
        expect(parseDate(`${y}${sep}${mo}${sep}${d}`)).toMatchObject({ ok: true, iso });
        expect(parseDate(`${y}年${mo}月${d}日`)).toMatchObject({ ok: true, iso });
        expect(parseDate(FULL(iso))).toMatchObject({ ok: true, iso });
      }),
      { numRuns: 300 },
    );
  });

  it('knows the eras’ first days and refuses a date outside its era', () => {
    expect(parseDate('令和8年4月1日')).toEqual({ ok: true, iso: '2026-04-01', era: '令和' });
    expect(parseDate('R8.4.1')).toMatchObject({ ok: true, iso: '2026-04-01' });
    expect(parseDate('平成27年4月1日')).toMatchObject({ ok: true, iso: '2015-04-01' });
    expect(parseDate('令和元年5月1日')).toMatchObject({ ok: true, iso: '2019-05-01' });
    expect(parseDate('平成31年4月30日')).toMatchObject({ ok: true, iso: '2019-04-30' });
    expect(parseDate('平成31年5月1日')).toEqual({ ok: false, why: 'era-range' });
    expect(parseDate('令和元年4月30日')).toEqual({ ok: false, why: 'era-range' });
    expect(parseDate('昭和64年1月7日')).toMatchObject({ ok: true, iso: '1989-01-07' });
    expect(parseDate('平成元年1月8日')).toMatchObject({ ok: true, iso: '1989-01-08' });
    expect(parseDate('令和8年2月30日')).toEqual({ ok: false, why: 'calendar' });
    expect(parseDate('来年の春')).toEqual({ ok: false, why: 'format' });
  });

  it('any text either parses to a real ISO date or is refused, never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (s) => {
        const r = parseDate(s);
        if (r.ok) expect(r.iso).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('ratios and shares (percentages)', () => {
  it('a percentage is its fraction, in ASCII or full width', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }), (hundredths) => {
        const pct = (hundredths / 100).toString();
        const expected = Number((hundredths / 10000).toPrecision(12));
        expect(readFraction(`${pct}%`, 1, 'error')).toEqual({ ok: true, value: expected, from: 'percent' });
        expect(readFraction(FULL(`${pct}%`), 1, 'error')).toEqual({ ok: true, value: expected, from: 'percent' });
        expect(formatPercent(expected)).toBe(`${Number(pct)}%`);
      }),
      { numRuns: 500 },
    );
  });

  it('a bare number above the largest fraction is a percentage only where the unit says so', () => {
    // 昼夜間人口比率: a fraction up to 10 (1,000%); above it the census's percentage.
    expect(readFraction('1.02', 10, 'percent')).toEqual({ ok: true, value: 1.02, from: 'fraction' });
    expect(readFraction('98.96', 10, 'percent')).toEqual({ ok: true, value: 0.9896, from: 'percent' });
    expect(readFraction('45.4', 1, 'error')).toEqual({ ok: false, why: 'ambiguous', value: 45.4 });
    expect(readFraction('0.454', 1, 'error')).toEqual({ ok: true, value: 0.454, from: 'fraction' });
    expect(readFraction('120%', 1, 'error')).toMatchObject({ ok: false, why: 'range' });
    fc.assert(
      fc.property(fc.double({ min: 1.0001, max: 1e6, noNaN: true }), (n) => {
        expect(readFraction(n, 1, 'error').ok).toBe(false);
      }),
    );
  });

  it('counts take full-width digits and thousands separators', () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), (n) => {
        expect(parseCount(String(n))).toBe(n);
        expect(parseCount(FULL(n.toLocaleString('en-US')).replace(/,/g, '，'))).toBe(n);
      }),
    );
    expect(parseCount('12,34')).toBeNull();
  });
});

describe('names (variants)', () => {
  it('the variants of a name share its key', () => {
    expect(nameKey('鶴ケ島市')).toBe(nameKey('鶴ヶ島市'));
    expect(nameKey('関が原町')).toBe(nameKey('関ケ原町'));
    expect(nameKey('中の条町')).toBe(nameKey('中之条町'));
    expect(nameKey('龍ケ崎市')).toBe(nameKey('竜ヶ崎市'));
    expect(nameKey('小田原 市')).toBe(nameKey('小田原市'));
    expect(nameKey('ｵﾀﾞﾜﾗ')).toBe(nameKey('オダワラ'));
    expect(stemKey(nameKey('小田原市'))).toBe('小田原');
    expect(stemKey(nameKey('市'))).toBe('市');
  });

  it('the key is idempotent and ignores spaces and width', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (s) => {
        const k = nameKey(s);
        expect(nameKey(k)).toBe(k);
        expect(nameKey(` ${s}\u3000`)).toBe(k);
        expect(nameKey(s.normalize('NFKC'))).toBe(k);
      }),
      { numRuns: 500 },
    );
  });

  it('skipping NFKC for text it leaves alone changes no key', () => {
    // The fold as it reads plainly: NFKC, then the spaces, ke, no and kanji folds one by one.
    const kanji = new RegExp(`[${'澤濱邊邉龍嶋髙\u{FA11}嵜碕檜條'}]`, 'gu');
    const plain = (name: string): string =>
      name.normalize('NFKC').replace(/[\s\u3000]+/g, '').replace(/[ヶヵケが]/g, 'ケ').replace(/[之ノ乃]/g, 'の').replace(kanji, (c) => nameKey(c));
    const chars = fc.constantFrom(...'小田原市ヶケヵが之ノ乃の澤龍嶋\u{FA11}髙ｹﾞカ\u3099゛゜ゟヿ㍻Ａa 　\u00a0\t条條'.split(''), ...[...'\u{FA11}'], '\u30fb', '\u3095');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 10 }).map((a) => a.join('')), (s) => {
        expect(nameKey(s)).toBe(plain(s));
      }),
      { numRuns: 2000 },
    );
    for (const c of ['ｹ', 'ﾞ', '゛', 'ゟ', 'ヿ', '㍻', '\u3099', 'か\u3099']) expect(nameKey(c)).toBe(c.normalize('NFKC').replace(/[ヶヵケが]/g, 'ケ').replace(/[\s]+/g, ''));
  });
});
