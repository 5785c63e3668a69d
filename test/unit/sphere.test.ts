import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeSphere, NEAREST_BELOW, type SphereRequest } from '../../src/core/eligibility/sphere.js';
import { UserError } from '../../src/errors.js';
import type { MunicipalityRecord } from '../../src/schemas/municipalities.js';
import { defaultPack } from '../helpers/engine.js';
import { crit, run, tinyIndex } from '../helpers/eligibility.js';

/**
 * The commuting sphere: who commutes to a city, by share, against the partner guidelines of the
 * pack. Every share below is worked out by hand from the counts of the records (n ÷ w).
 */

const SRC = 'fictional counts (test)';
// 甲市 is the central city; the others send workers and students to it.
const RECORDS: MunicipalityRecord[] = [
  { name: '甲市', prefecture: '甲県', kind: 'core-city', population: 250000, workersAndStudents: 130000, source: SRC },
  { name: '乙町', prefecture: '甲県', kind: 'town', workersAndStudents: 8000, commuting: { to: { 甲市: 3600 } }, source: SRC }, // 0.45
  { name: '丙町', prefecture: '甲県', kind: 'town', workersAndStudents: 5000, commuting: { to: { 甲市: 500, 乙町: 40 } }, source: SRC }, // exactly 0.1
  { name: '丁市', prefecture: '甲県', kind: 'city', workersAndStudents: 40000, commuting: { to: { 甲市: 3960 } }, source: SRC }, // 0.099
  { name: '戊村', prefecture: '甲県', kind: 'village', workersAndStudents: 1000, commuting: { to: { 甲市: 80 } }, source: SRC }, // 0.08
  { name: '己町', prefecture: '甲県', kind: 'town', workersAndStudents: 2000, commuting: { to: { 甲市: 120 } }, source: SRC }, // 0.06
  { name: '庚町', prefecture: '甲県', kind: 'town', workersAndStudents: 3000, commuting: { to: { 甲市: 150 } }, source: SRC }, // 0.05
  { name: '辛村', prefecture: '乙県', kind: 'village', workersAndStudents: 1000, commuting: { to: { 甲市: 10 } }, source: SRC }, // 0.01
  { name: '壬町', prefecture: '甲県', kind: 'town', commuteShareTo: { 甲市: 0.2 }, source: 'a share given as such' }, // 0.2, no counts
  { name: '癸町', prefecture: '甲県', kind: 'town', commuting: { to: { 甲市: 700 } }, source: SRC }, // a count without its total
  { name: '子町', prefecture: '甲県', kind: 'town', workersAndStudents: 4000, commuting: { to: { 乙町: 900 } }, source: SRC }, // not to 甲市
];

function sphere(req: Partial<SphereRequest> = {}, records = RECORDS, asOf = '2026-11-23', lang: 'ja' | 'en' = 'en') {
  return computeSphere(defaultPack().data, tinyIndex(records), { city: '甲市', ...req }, asOf, lang);
}

const names = (r: ReturnType<typeof sphere>) => r.municipalities.map((e) => e.municipality.name);

describe('kouiki sphere: the computation', () => {
  it('lists the municipalities meeting the guideline by share, then the nearest below, then the unknown', () => {
    const r = sphere();
    expect(names(r)).toEqual(['乙町', '壬町', '丙町', '丁市', '戊村', '己町', '癸町']);
    expect(r.municipalities.map((e) => e.status)).toEqual(['meets', 'meets', 'meets', 'below', 'below', 'below', 'unknown']);
    expect(r.municipalities.map((e) => e.share)).toEqual([0.45, 0.2, 0.1, 0.099, 0.08, 0.06, null]);
    expect(r.listed).toEqual({ nearestBelow: NEAREST_BELOW });
  });

  it('gives the counts with their sources, and how the share was computed', () => {
    const e = sphere().municipalities[0]!;
    expect(e.commuters).toEqual({ value: 3600, source: SRC });
    expect(e.workersAndStudents).toEqual({ value: 8000, source: SRC });
    expect(e.derivation).toBe('甲市 3,600 / 8,000 residents who work or study');
    expect(e.guidelines).toEqual({ 'cooperation-partner': 'pass', 'settlement-partner': 'pass' });
  });

  it('a share given as such has no counts but says where it came from; a count without its total is unknown', () => {
    const r = sphere();
    const given = r.municipalities.find((e) => e.municipality.name === '壬町')!;
    expect(given).toMatchObject({ share: 0.2, commuters: null, workersAndStudents: null, shareSource: 'a share given as such' });
    const count = r.municipalities.find((e) => e.municipality.name === '癸町')!;
    expect(count).toMatchObject({ status: 'unknown', share: null, commuters: { value: 700, source: SRC }, workersAndStudents: null });
    expect(count.guidelines).toEqual({ 'cooperation-partner': 'unknown', 'settlement-partner': 'unknown' });
  });

  it('exactly at the guideline meets it (以上); a hair below does not', () => {
    const r = sphere();
    expect(r.municipalities.find((e) => e.municipality.name === '丙町')!.status).toBe('meets');
    expect(r.municipalities.find((e) => e.municipality.name === '丁市')!.status).toBe('below');
  });

  it('--min widens the list to every municipality at that share or more', () => {
    const r = sphere({ min: 0.05 });
    expect(names(r)).toEqual(['乙町', '壬町', '丙町', '丁市', '戊村', '己町', '庚町', '癸町']);
    expect(r.listed).toEqual({ min: 0.05 });
    expect(names(sphere({ min: 0 }))).toContain('辛村');
    // Above the line it narrows the partners too.
    expect(names(sphere({ min: 0.3 }))).toEqual(['乙町', '癸町']);
  });

  it('reads the guideline from the pack, with its citation and the day it took effect', () => {
    const r = sphere();
    expect(r.guidelines.map((g) => [g.designation, g.threshold])).toEqual([
      ['cooperation-partner', 0.1],
      ['settlement-partner', 0.1],
    ]);
    const coop = r.guidelines[0]!;
    expect(coop.effectiveFrom).toBe('2014-08-25');
    expect(coop.required).toMatch(/^>= 0\.1/);
    expect(coop.citation.length).toBeGreaterThan(0);
    expect(coop.belowNote).toMatch(/may still join/);
    // A pack with another value: the sphere follows it (no constant in the code).
    const pack = structuredClone(defaultPack().data);
    const designations = pack.extra.designations as { id: string; criteria: { id: string; threshold?: { values: Record<string, { value: number }> } }[] }[];
    for (const d of designations.filter((x) => x.id === 'cooperation-partner' || x.id === 'settlement-partner')) {
      const c = d.criteria.find((x) => x.id === 'commute-share')!;
      for (const v of Object.values(c.threshold!.values)) v.value = 0.05;
    }
    const wide = computeSphere(pack, tinyIndex(RECORDS), { city: '甲市' }, '2026-11-23', 'en');
    expect(wide.guidelines.map((g) => g.threshold)).toEqual([0.05, 0.05]);
    expect(wide.municipalities.filter((e) => e.status === 'meets').map((e) => e.municipality.name)).toEqual(['乙町', '壬町', '丙町', '丁市', '戊村', '己町', '庚町']);
  });

  it('--designation applies one guideline; a guideline not yet in force is left out with a note', () => {
    expect(sphere({ designations: ['settlement-partner'] }).guidelines.map((g) => g.designation)).toEqual(['settlement-partner']);
    const early = sphere({}, RECORDS, '2010-01-01');
    expect(early.guidelines.map((g) => g.designation)).toEqual(['settlement-partner']);
    expect(early.notes.join('\n')).toMatch(/not yet in force on 2010-01-01 \(from 2014-08-25\)/);
  });

  it('refuses a designation that is not a partner guideline, a day before every guideline, an unknown city', () => {
    expect(() => sphere({ designations: ['core-city'] })).toThrow(UserError);
    expect(() => sphere({ designations: ['core-city'] })).toThrow(/partner guidelines only/);
    expect(() => sphere({}, RECORDS, '2005-01-01')).toThrow(/no partner guideline/);
    expect(() => computeSphere(defaultPack().data, tinyIndex(RECORDS), { city: '甲町' }, '2026-11-23', 'en')).toThrow(UserError);
  });

  it('says whose commuting figures the data holds (the sphere is only as wide as the data)', () => {
    const r = sphere();
    expect(r.coverage.municipalities).toBe(10);
    expect(r.coverage.prefectures).toEqual([
      { name: '甲県', municipalities: 9 },
      { name: '乙県', municipalities: 1 },
    ]);
    expect(r.notes[0]).toMatch(/10 municipalities \(甲県 9, 乙県 1\)/);
  });

  it('a city nobody commutes to: an empty list and where to get the figures (the e-Stat table and the import)', () => {
    const r = computeSphere(defaultPack().data, tinyIndex(RECORDS), { city: '子町' }, '2026-11-23', 'ja');
    expect(r.municipalities).toEqual([]);
    expect(r.where).toMatch(/^e-Stat「令和2年国勢調査 従業地・通学地による人口・就業状態等集計」表6-1.*0003454527.*常住地を甲県の市区町村に.*kouiki data import FILE\.csv -o flows\.yaml で取り込んで kouiki sphere 子町 --data flows\.yaml/);
  });

  it('commuters only from other prefectures: a note that the city\'s own prefecture is missing from the data', () => {
    // 丑市 of 丙県: only 甲県's and 乙県's municipalities have figures, and two of them commute to it.
    const records: MunicipalityRecord[] = [
      ...RECORDS,
      { name: '丑市', prefecture: '丙県', kind: 'city', population: 90000, source: SRC },
      { name: '寅町', prefecture: '甲県', kind: 'town', workersAndStudents: 2000, commuting: { to: { 丑市: 300 } }, source: SRC },
    ];
    const r = computeSphere(defaultPack().data, tinyIndex(records), { city: '丑市' }, '2026-11-23', 'en');
    expect(names(r)).toEqual(['寅町']);
    expect(r.where).toBeUndefined();
    expect(r.notes.filter((n) => /most of its sphere is missing/.test(n))).toEqual([
      expect.stringMatching(/^the data has no commuting figures of the municipalities of 丙県, where 丑市 is: most of its sphere is missing from this list\. Import the table of 丙県 as the place of residence \(download e-Stat .*0003454527/),
    ]);
    // 甲市's own prefecture has figures: no such note.
    expect(sphere().notes.some((n) => /most of its sphere is missing/.test(n))).toBe(false);
  });

  it('agrees with eligibility --partners and --partner-of on every share and status', () => {
    const r = sphere({ min: 0 });
    const partners = run({ names: ['甲市'], partners: true }, { records: RECORDS });
    expect(partners.map((p) => p.municipality.name)).toEqual(names(r));
    for (const p of partners) {
      const e = r.municipalities.find((x) => x.municipality.name === p.municipality.name)!;
      for (const d of p.designations) {
        const c = crit(d, 'commute-share');
        expect(e.guidelines[d.designation]).toBe(c.status);
        expect(c.actual).toBe(e.share);
      }
      const one = run({ names: [p.municipality.name], partnerOf: '甲市', designations: ['cooperation-partner'] }, { records: RECORDS })[0]!;
      expect(crit(one.designations[0]!, 'commute-share').status).toBe(e.guidelines['cooperation-partner']);
    }
  });

  it('property: sorted by share; the partners are exactly those at or above 0.1; the nearest below are the highest below', () => {
    const town = fc.record({ w: fc.integer({ min: 1, max: 100000 }), n: fc.integer({ min: 0, max: 100000 }) }).filter((x) => x.n <= x.w);
    fc.assert(
      fc.property(fc.array(town, { minLength: 0, maxLength: 12 }), (towns) => {
        const records: MunicipalityRecord[] = [
          { name: '甲市', prefecture: '甲県', kind: 'city' },
          ...towns.map((t, i) => ({ name: `町${i}`, prefecture: '甲県', kind: 'town' as const, workersAndStudents: t.w, commuting: { to: { 甲市: t.n } } })),
        ];
        const r = sphere({}, records);
        const shares = r.municipalities.map((e) => e.share!);
        expect(shares).toEqual([...shares].sort((a, b) => b - a));
        const expected = towns.filter((t) => t.n / t.w >= 0.1).length;
        expect(r.municipalities.filter((e) => e.status === 'meets')).toHaveLength(expected);
        const below = towns.map((t) => t.n / t.w).filter((s) => s < 0.1);
        expect(r.municipalities.filter((e) => e.status === 'below')).toHaveLength(Math.min(NEAREST_BELOW, below.length));
        for (const e of r.municipalities) expect(e.share).toBe(Math.round((e.commuters!.value / e.workersAndStudents!.value) * 10000) / 10000);
      }),
      { numRuns: 60 },
    );
  });
});
