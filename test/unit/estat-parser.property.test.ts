import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { readCsv } from '../../src/io/estat/csv.js';
import { decodeEstat } from '../../src/io/estat/decode.js';
import { recognize } from '../../src/io/estat/recognize.js';
import { Mark, parseValue, readEstatTable } from '../../src/io/estat/table.js';

/**
 * The e-Stat CSV reader, by property: any table written in e-Stat's CSV layout — columns in any
 * order, quoted or not, CRLF or LF, Shift_JIS or UTF-8 with or without a BOM, numbers with or
 * without thousands separators — reads back to the same cells and figures; a broken file is an
 * error at the line where it breaks.
 */

const RUNS = Number(process.env.KOUIKI_FUZZ_RUNS ?? 150);

/** Shift_JIS bytes of a text, from the inverse of the decoder (no encoder in the platform). */
const sjisEncode = (() => {
  const dec = new TextDecoder('shift_jis', { fatal: true });
  const map = new Map<string, number[]>();
  for (let b = 0x20; b < 0x7f; b++) map.set(String.fromCharCode(b), [b]);
  for (const lead of [...Array(0x1f).keys()].map((i) => 0x81 + i).concat([...Array(0x10).keys()].map((i) => 0xe0 + i))) {
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      try {
        const ch = dec.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && !map.has(ch)) map.set(ch, [lead, trail]);
      } catch {
        /* not a character */
      }
    }
  }
  return (text: string): Uint8Array => {
    const out: number[] = [];
    for (const ch of text) {
      if (ch === '\n' || ch === '\r') out.push(ch.charCodeAt(0));
      else out.push(...map.get(ch)!);
    }
    return new Uint8Array(out);
  };
})();

const JA = [...'東京都鳥取市岩美町八頭郡人口昼間夜間比率総数男女従業地通学地「」（）・，ー１２３'];
const cellArb = fc.array(fc.oneof(fc.constantFrom(...JA), fc.constantFrom('a', 'Z', '0', '9', ' ', ',', '"', '\n', '\r\n', '-', '.')), { maxLength: 12 }).map((a) => a.join(''));
const quote = (s: string): string => `"${s.replace(/"/g, '""')}"`;
const needsQuote = (s: string): boolean => /[",\r\n]/.test(s) || s.startsWith('"');

describe('readCsv (property)', () => {
  it('reads back any records, quoted or not, CRLF or LF, each with the line it starts on', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cellArb, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 }), fc.boolean(), fc.boolean(), (records, crlf, quoteAll) => {
        const nl = crlf ? '\r\n' : '\n';
        // A record of one empty cell is an empty line, which readers skip: quote it.
        const text = records.map((r) => r.map((c) => (quoteAll || needsQuote(c) || (r.length === 1 && c === '') ? quote(c) : c)).join(',')).join(nl) + nl;
        const got: { cells: string[]; line: number }[] = [];
        readCsv(text, 't.csv', (cells, line) => void got.push({ cells, line }));
        expect(got.map((g) => g.cells)).toEqual(records);
        let line = 1;
        records.forEach((r, i) => {
          expect(got[i]!.line).toBe(line);
          line += 1 + r.reduce((a, c) => a + (c.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it('an unclosed quote is an error at the line where the quote opens', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.array(fc.constantFrom('a', 'b', '東'), { minLength: 1, maxLength: 5 }), (before, tail) => {
        const text = `${'x,y\n'.repeat(before)}"open,${tail.join('')}\nmore`;
        let err: unknown;
        try {
          readCsv(text, 't.csv', () => {});
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(UserError);
        expect((err as UserError).details[0]!.position).toMatchObject({ file: 't.csv', line: before + 1 });
      }),
      { numRuns: RUNS },
    );
  });
});

describe('decodeEstat (property)', () => {
  const textArb = fc.array(fc.constantFrom(...JA, 'a', '1', ',', '"', '\n'), { maxLength: 40 }).map((a) => a.join(''));
  it('Shift_JIS, UTF-8 and UTF-8 with a BOM decode to the same text', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const utf8 = new TextEncoder().encode(text);
        expect(decodeEstat(utf8, 'f')).toEqual({ text, encoding: 'utf-8', bom: false });
        expect(decodeEstat(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]), 'f')).toEqual({ text, encoding: 'utf-8', bom: true });
        const sjis = sjisEncode(text);
        const d = decodeEstat(sjis, 'f');
        expect(d.text).toBe(text);
        // Pure ASCII is both; anything else in Shift_JIS is not valid UTF-8.
        expect(d.encoding).toBe(/^[\x00-\x7f]*$/.test(text) ? 'utf-8' : 'shift_jis');
      }),
      { numRuns: RUNS },
    );
  });
});

describe('parseValue (property)', () => {
  it('a count reads the same with or without thousands separators; marks are marks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), (n) => {
        expect(parseValue(String(n))).toEqual({ value: n, mark: Mark.Number });
        expect(parseValue(n.toLocaleString('en'))).toEqual({ value: n, mark: Mark.Number });
        expect(parseValue(` ${n} `).value).toBe(n);
      }),
      { numRuns: RUNS },
    );
    expect(parseValue('98.96').value).toBe(98.96);
    expect(parseValue('-').mark).toBe(Mark.Dash);
    for (const s of ['…', '...', 'x', 'X', '***']) expect(parseValue(s).mark).toBe(Mark.Secret);
    expect(parseValue('').mark).toBe(Mark.Empty);
    for (const s of ['1,00', '12a', '１２', '1.2.3', '1,2345']) expect(parseValue(s).mark).toBe(-1);
  });
});

/** A made-up origin–destination table (synthetic counts, not census figures) in e-Stat's layout. */
const odArb = fc
  .record({
    origins: fc.uniqueArray(fc.constantFrom('31201', '31202', '31203', '31204', '31302', '31325'), { minLength: 1, maxLength: 6 }),
    dests: fc.uniqueArray(fc.constantFrom('31201', '31202', '31203', '13101', '27100', '99999'), { minLength: 1, maxLength: 6 }),
    counts: fc.array(fc.integer({ min: 0, max: 50000 }), { minLength: 36, maxLength: 36 }),
    order: fc.shuffledSubarray(['tab', 'cat01', 'cat02', 'area', 'time', 'unit', 'value', 'annotation'], { minLength: 8, maxLength: 8 }),
    header: fc.boolean(),
    crlf: fc.boolean(),
    commas: fc.boolean(),
    sexRows: fc.boolean(),
  })
  .map((g) => {
    const cols: Record<string, [string, string]> = {
      tab: ['tab_code', '表章項目'],
      cat01: ['cat01_code', '男女'],
      cat02: ['cat02_code', '従業地・通学地'],
      area: ['area_code', '常住地'],
      time: ['time_code', '時間軸（年次）'],
    };
    const head = g.order.flatMap((c) => (cols[c] ? cols[c] : [c]));
    const rows: string[][] = [];
    const expectTotals = new Map<string, number>();
    const expectFlows = new Map<string, Map<string, number>>();
    let k = 0;
    for (const o of g.origins) {
      let total = 0;
      for (const d of g.dests) {
        const v = g.counts[k++ % g.counts.length]!;
        total += v;
        if (v > 0) {
          if (!expectFlows.has(o)) expectFlows.set(o, new Map());
          expectFlows.get(o)!.set(d, v);
        }
        rows.push(row(g.order, { cat01: ['0', '総数'], cat02: [d, `d${d}`], area: [o, `o${o}`] }, v === 0 ? '-' : g.commas ? v.toLocaleString('en') : String(v)));
        if (g.sexRows) rows.push(row(g.order, { cat01: ['1', '男'], cat02: [d, `d${d}`], area: [o, `o${o}`] }, '7'));
      }
      expectTotals.set(o, total);
      rows.push(row(g.order, { cat01: ['0', '総数'], cat02: ['00000', '総数'], area: [o, `o${o}`] }, g.commas ? total.toLocaleString('en') : String(total)));
    }
    const nl = g.crlf ? '\r\n' : '\n';
    const block = g.header ? ['"RESULT"', '"STATUS","0"', '"TABLE_INF","0003454527"', '"STATISTICS_NAME","令和2年国勢調査 従業地・通学地による人口・就業状態等集計"', '"VALUE"'] : [];
    const text = [...block, head.map(quote).join(','), ...rows.map((r) => r.map(quote).join(','))].join(nl) + nl;
    return { text, expectTotals, expectFlows };
  });

function row(order: string[], dims: Record<string, [string, string]>, value: string): string[] {
  const all: Record<string, string[]> = {
    tab: ['2020_51', '通勤者・通学者数'],
    cat01: dims.cat01!,
    cat02: dims.cat02!,
    area: dims.area!,
    time: ['2020000000', '2020年'],
    unit: ['人'],
    value: [value],
    annotation: [''],
  };
  return order.flatMap((c) => all[c]!);
}

describe('readEstatTable + recognize (property)', () => {
  it('an origin–destination table reads back its totals and flows, whatever the column order, with or without header block', () => {
    fc.assert(
      fc.property(odArb, ({ text, expectTotals, expectFlows }) => {
        const r = recognize(readEstatTable(text, 'od.csv', 'utf-8'));
        expect(r.kind).toBe('commuting');
        expect(new Map([...r.totals].map(([k, v]) => [k, v.value]))).toEqual(expectTotals);
        const byCode = new Map([...r.flows].map(([o, f]) => [o, new Map([...f.dests].map((d, k) => [r.destinations[d]!.code, f.counts[k]!]))]));
        expect(byCode).toEqual(expectFlows);
      }),
      { numRuns: RUNS },
    );
  });

  it('a row with the wrong number of cells is an error at its line', () => {
    const text = '"area_code","地域","time_code","時間軸","unit","value"\n"31201","鳥取市","2020000000","2020年","人","188465"\n"31202","米子市","2020000000","人","147317"\n';
    expect(() => readEstatTable(text, 'p.csv', 'utf-8')).toThrowError(/5 cells, but the column header \(line 1\) has 6/);
  });

  it('a CSV without the e-Stat column header is refused, saying what was expected', () => {
    expect(() => readEstatTable('name,population\n鳥取市,188465\n', 'x.csv', 'utf-8')).toThrowError(/not an e-Stat statistics table CSV/);
  });

  it('a table of another kind (no population, daytime or commuting item) is refused with its items', () => {
    const text = '"tab_code","表章項目","area_code","地域","time_code","時間軸","unit","value"\n"01","世帯数","31201","鳥取市","2020000000","2020年","世帯","80000"\n';
    expect(() => recognize(readEstatTable(text, 'h.csv', 'utf-8'))).toThrowError(/世帯数/);
  });
});
