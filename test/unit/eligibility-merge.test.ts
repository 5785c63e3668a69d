import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shareTo } from '../../src/core/eligibility/commuting.js';
import { dayNightRatioOf, metroCoreShareOf } from '../../src/core/eligibility/figures.js';
import { mergeMunicipalities } from '../../src/core/eligibility/merge.js';
import type { MunicipalityRecord } from '../../src/schemas/municipalities.js';
import { crit, run, tinyIndex } from '../helpers/eligibility.js';

/**
 * Merger what-if arithmetic: populations, daytime populations, workers and commuting counts add
 * up; flows between the members become internal; anything missing makes the sum unknown (a
 * lower bound where that decides a test); ratios are never averaged.
 */

const members = (index: ReturnType<typeof tinyIndex>, names: string[]) => names.map((n) => {
  const r = index.resolve(n);
  if (!r.ok) throw new Error(n);
  return r.municipality;
});

describe('merger arithmetic', () => {
  const records: MunicipalityRecord[] = [
    { name: '甲市', kind: 'city', population: 150000, daytimePopulation: 140000, metroArea: 'tokyo', workersAndStudents: 80000, commuting: { toMetroCores: 9000, to: { 乙町: 2000, 丙村: 500 } } },
    { name: '乙町', kind: 'town', population: 50000, daytimePopulation: 45000, metroArea: 'tokyo', workersAndStudents: 25000, commuting: { toMetroCores: 1000, to: { 甲市: 6000, 丙村: 300 } } },
    { name: '丙村', kind: 'village', population: 5000, workersAndStudents: 2500, commuting: { to: { 甲市: 600, 乙町: 400 } } },
  ];
  const index = tinyIndex(records);
  const merged = mergeMunicipalities(members(index, ['甲市', '乙町']), index, 'en');
  const m = merged.municipality;

  it('sums populations, daytime populations and workers; the ratio is the ratio of the sums', () => {
    expect(m.population!.value).toBe(200000);
    expect(m.daytimePopulation!.value).toBe(185000);
    expect(m.workersAndStudents!.value).toBe(105000);
    expect(dayNightRatioOf(m, 'en')!.value).toBe(185000 / 200000);
    // not the average of the ratios (0.9333 and 0.9)
    expect(dayNightRatioOf(m, 'en')!.value).not.toBe((140000 / 150000 + 45000 / 50000) / 2);
  });
  it('areas add up to the decimals their parts have (765.31 + 122.32 is 887.63, not 887.6299999999999)', () => {
    const idx = tinyIndex([
      { name: '丁市', kind: 'city', population: 1, area: 765.31 },
      { name: '戊町', kind: 'town', population: 1, area: 122.32 },
    ]);
    const r = mergeMunicipalities(members(idx, ['丁市', '戊町']), idx, 'en');
    expect(r.municipality.area!.value).toBe(887.63);
    expect(r.derived.join('\n')).toContain('887.63 = 丁市 765.31 + 戊町 122.32');
  });
  it('flows between the members become internal; flows to other places add up', () => {
    expect(Object.keys(m.to)).toEqual(['丙村']);
    expect(m.to['丙村']!.value).toBe(800);
    expect(merged.derived.join('\n')).toMatch(/甲市→乙町 2,000.*乙町→甲市 6,000/);
    expect(m.toMetroCores!.value).toBe(10000);
    expect(metroCoreShareOf(m, 'en')!.value).toBe(10000 / 105000);
  });
  it('a partner\'s share to the merged city is the sum of its shares to the members (one denominator)', () => {
    const p = members(index, ['丙村'])[0]!;
    expect(shareTo(p, members(index, ['甲市', '乙町']), index, 'en')!.value).toBe(600 / 2500 + 400 / 2500);
  });
  it('the kind of the merged city is a 市 with no designation carried over; the metro area is shared', () => {
    expect(m.kind!.value).toBe('city');
    expect(m.metroArea!.value).toBe('tokyo');
    expect(m.mergedFrom!.map((f) => f.name)).toEqual(['甲市', '乙町']);
  });
  it('a member without a daytime count makes the merged ratio unknown (never an average of ratios)', () => {
    const idx = tinyIndex([
      { name: '甲市', kind: 'city', population: 150000, daytimePopulation: 140000 },
      { name: '乙町', kind: 'town', population: 50000, dayNightRatio: 0.9 },
    ]);
    const r = mergeMunicipalities(members(idx, ['甲市', '乙町']), idx, 'en');
    expect(r.municipality.daytimePopulation).toBe(null);
    expect(dayNightRatioOf(r.municipality, 'en')).toBe(null);
    expect(r.derived.join('\n')).toMatch(/no count for 乙町; .* never averaged/);
  });
  it('a member without commuting counts: C is unknown unless the known part already fails it (a lower bound)', () => {
    const base = { kind: 'city' as const, metroArea: 'nagoya' as const, dayNightRatio: 1 };
    const idxFor = (toA: number) => [
      { name: '甲市', ...base, population: 150000, daytimePopulation: 150000, workersAndStudents: 80000, commuting: { toMetroCores: toA } },
      { name: '乙町', ...base, kind: 'town' as const, population: 60000, daytimePopulation: 60000, workersAndStudents: 20000 },
    ];
    const cOf = (toA: number) => crit(run({ names: ['甲市'], merge: ['乙町'], designations: ['cooperation-central-city'] }, { records: idxFor(toA) })[0]!.designations[0]!, 'metro-core-commute-share');
    // 10,000 of at least 100,000 workers is already 0.1: fails whatever 乙町 adds
    expect(cOf(10000)).toMatchObject({ status: 'fail', atLeast: true, actual: 0.1 });
    expect(cOf(5000)).toMatchObject({ status: 'unknown', atLeast: true });
  });
});

describe('merger arithmetic (property)', () => {
  const memberArb = fc.record({
    population: fc.integer({ min: 1, max: 4_000_000 }),
    daytimeFactor: fc.double({ min: 0.3, max: 3, noNaN: true }),
    workers: fc.integer({ min: 1, max: 2_000_000 }),
    toMetroCores: fc.option(fc.nat({ max: 500_000 }), { nil: undefined }),
    toOutside: fc.nat({ max: 100_000 }),
  });

  it('sums are exact, order-independent, and the merged ratio lies between the members\' ratios', () => {
    fc.assert(
      fc.property(fc.array(memberArb, { minLength: 2, maxLength: 5 }), fc.integer({ min: 0, max: 1000 }), (ms, seed) => {
        const names = ms.map((_, i) => `試${i}市`);
        const records: MunicipalityRecord[] = ms.map((x, i) => ({
          name: names[i]!,
          kind: 'city',
          population: x.population,
          daytimePopulation: Math.round(x.population * x.daytimeFactor),
          workersAndStudents: x.workers,
          commuting: {
            ...(x.toMetroCores === undefined ? {} : { toMetroCores: Math.min(x.toMetroCores, x.workers) }),
            to: { 外町: Math.min(x.toOutside, x.workers), [names[(i + 1) % names.length]!]: 1 },
          },
        }));
        const index = tinyIndex([...records, { name: '外町', kind: 'town' }]);
        const order = [...names].sort((a, b) => ((a.charCodeAt(1) * 31 + seed) % 7) - ((b.charCodeAt(1) * 31 + seed) % 7));
        const a = mergeMunicipalities(members(index, names), index, 'en').municipality;
        const b = mergeMunicipalities(members(index, order), index, 'en').municipality;
        const sum = (f: (r: MunicipalityRecord) => number) => records.reduce((s, r) => s + f(r), 0);
        expect(a.population!.value).toBe(sum((r) => r.population!));
        expect(a.daytimePopulation!.value).toBe(sum((r) => r.daytimePopulation!));
        expect(a.workersAndStudents!.value).toBe(sum((r) => r.workersAndStudents!));
        expect(b.population!.value).toBe(a.population!.value);
        expect(b.daytimePopulation!.value).toBe(a.daytimePopulation!.value);
        // flows to the other members are internal; to the outside town they add up
        expect(Object.keys(a.to)).toEqual(['外町']);
        expect(a.to['外町']!.value).toBe(sum((r) => r.commuting!.to!['外町']!));
        // toMetroCores: exact when every member has it, else a lower bound
        const known = records.filter((r) => r.commuting!.toMetroCores !== undefined);
        if (known.length === records.length) expect(a.toMetroCores).toMatchObject({ value: sum((r) => r.commuting!.toMetroCores ?? 0) });
        else if (known.length > 0) expect(a.toMetroCores).toMatchObject({ atLeast: true, value: known.reduce((s, r) => s + r.commuting!.toMetroCores!, 0) });
        else expect(a.toMetroCores).toBe(null);
        const ratio = dayNightRatioOf(a, 'en')!.value;
        const ratios = records.map((r) => r.daytimePopulation! / r.population!);
        expect(ratio).toBeGreaterThanOrEqual(Math.min(...ratios) - 1e-12);
        expect(ratio).toBeLessThanOrEqual(Math.max(...ratios) + 1e-12);
        expect(Number.isFinite(ratio)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('a member missing a count makes that sum unknown, never NaN or a partial sum', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 2, maxLength: 5 }), fc.nat(), (pops, k) => {
        const missing = k % pops.length;
        const records: MunicipalityRecord[] = pops.map((p, i) => (i === missing ? { name: `試${i}市`, kind: 'city' } : { name: `試${i}市`, kind: 'city', population: p, daytimePopulation: p }));
        const index = tinyIndex(records);
        const m = mergeMunicipalities(members(index, records.map((r) => r.name)), index, 'en').municipality;
        expect(m.population).toBe(null);
        expect(m.daytimePopulation).toBe(null);
        expect(dayNightRatioOf(m, 'en')).toBe(null);
      }),
      { numRuns: 100 },
    );
  });
});

describe('a city the 廃置分合 table records as made by a 新設合併', () => {
  it('秩父市 (2005-04-01: 秩父市・吉田町・大滝村・荒川村) is a 合併市: the former city test is unknown, never skipped, so a ratio under 1 is no fail', () => {
    const [r] = run({ names: ['秩父市'], designations: ['settlement-central-city'] }, { real: true });
    expect(r!.notes?.join('\n')).toContain('2005-04-01 新設合併 (秩父市・吉田町・大滝村・荒川村)');
    const d = r!.designations[0]!;
    expect(crit(d, 'merged-city-day-night-ratio').status).toBe('unknown');
    expect(d.eligible).toBeNull();
  });
  it('a city made by 編入 only is no 合併市 here (鳥取市 absorbed its neighbours in 2004)', () => {
    const [r] = run({ names: ['鳥取市'], designations: ['settlement-central-city'] }, { real: true });
    expect(r!.notes?.some((n) => n.includes('新設合併')) ?? false).toBe(false);
  });
});
