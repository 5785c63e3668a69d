import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EligibilityRequest } from '../../src/core/eligibility/evaluate.js';
import { explainEligibility } from '../../src/core/explain/eligibility.js';
import { eligibilityTree } from '../../src/core/explain/tree.js';
import type { EligibilityExplanation, ParameterRead } from '../../src/core/explain/types.js';
import type { Lang } from '../../src/i18n/lang.js';
import { renderMarkdown, renderTextTree } from '../../src/report/explain.js';
import type { MunicipalityRecord } from '../../src/schemas/municipalities.js';
import { run as runEligibility, realIndex, tinyIndex } from '../helpers/eligibility.js';
import { defaultPack } from '../helpers/engine.js';

/** The explanation of one designation for a request, on the embedded data or on records alone. */
function explain(designation: string, request: Partial<EligibilityRequest>, opts: { asOf?: string; lang?: Lang; records?: MunicipalityRecord[]; real?: boolean } = {}): EligibilityExplanation {
  const index = opts.real ? realIndex(opts.records) : tinyIndex(opts.records ?? []);
  return explainEligibility(defaultPack().data, index, { names: [], ...request, designations: [designation] }, opts.asOf ?? '2026-11-23', opts.lang ?? 'en');
}

const param = (x: EligibilityExplanation, id: string): ParameterRead => {
  const p = x.parameters.find((q) => q.id === id);
  if (!p) throw new Error(`no parameter ${id}: ${x.parameters.map((q) => q.id).join(', ')}`);
  return p;
};
const crit = (x: EligibilityExplanation, id: string) => x.criteria.find((c) => c.id === id)!;
const THRESHOLD = 'designations/core-city/criteria/population/threshold';
const WINDOW = 'designations/core-city/exceptions/transitional-special-city/window';
const TSC = { kind: 'transitional-special-city' as const, population: 190000 };

describe('explain an eligibility result: the 中核市 threshold on both sides of 2015-04-01 (Art. 252-22(1); 平成26年法律第42号 附則第1条第2号)', () => {
  it('2015-03-31: 300,000 read, in force since 1995-04-01 (平成6年政令第397号 附則第1項), next change 2015-04-01', () => {
    const x = explain('core-city', { figures: { kind: 'city', population: 250000 } }, { asOf: '2015-03-31' });
    expect(param(x, THRESHOLD)).toMatchObject({ value: 300000, from: '1995-04-01', until: '2015-04-01', kind: 'law' });
    expect(param(x, THRESHOLD).history).toEqual([
      { from: '1995-04-01', value: 300000, citation: 'Local Autonomy Act Art. 252-22(1)' },
      { from: '2015-04-01', value: 200000, citation: 'Local Autonomy Act Art. 252-22(1)' },
    ]);
    expect(crit(x, 'population')).toMatchObject({ status: 'fail', actual: 250000, comparison: { op: '>=', threshold: 300000, parameter: THRESHOLD } });
    expect(x.eligible).toBe(false);
    expect(x.because).toBe('not met: population');
  });
  it('2015-04-01: 200,000 read, in force since 2015-04-01', () => {
    const x = explain('core-city', { figures: { kind: 'city', population: 250000 } }, { asOf: '2015-04-01' });
    expect(param(x, THRESHOLD)).toMatchObject({ value: 200000, from: '2015-04-01', until: null, citation: 'Local Autonomy Act Art. 252-22(1)' });
    expect(param(x, THRESHOLD).recordedFrom).toBeUndefined();
    expect(crit(x, 'population')).toMatchObject({ status: 'pass', effectiveFrom: '2015-04-01', comparison: { threshold: 200000 } });
    expect(x.eligible).toBe(true);
  });
});

describe('explain an eligibility result: the 施行時特例市 route on both sides of 2020-03-31 (附則第3条; legal-verification §2)', () => {
  it('2020-03-31: the window is open (from 2015-04-01, until 2020-04-01) and the route stands in for the population test', () => {
    const x = explain('core-city', { figures: TSC }, { asOf: '2020-03-31' });
    expect(param(x, WINDOW)).toMatchObject({ value: true, from: '2015-04-01', until: '2020-04-01' });
    expect(param(x, WINDOW).note).toContain('the period of the special case: 2015-04-01 through 2020-03-31');
    expect(x.exceptions).toEqual([
      expect.objectContaining({ id: 'transitional-special-city', applies: 'open', route: 'pass', outcome: 'replaced', replaces: ['population'], replaced: [{ criterion: 'population', from: 'fail', to: 'not-applicable' }] }),
    ]);
    expect(crit(x, 'population')).toMatchObject({ status: 'not-applicable', statusBefore: 'fail', replacedBy: 'transitional-special-city' });
    expect(crit(x, 'transitional-special-city')).toMatchObject({ status: 'pass', exception: 'transitional-special-city', comparison: { op: 'in', threshold: ['transitional-special-city'] } });
    expect(x.eligible).toBe(true);
    expect(x.because).toBe('every criterion passes or is not applicable (transitional-special-city stands in for population)');
  });
  it('2020-04-01: the window has ended (null from 2020-04-01) and the population test fails', () => {
    const x = explain('core-city', { figures: TSC }, { asOf: '2020-04-01' });
    expect(param(x, WINDOW)).toMatchObject({ value: null, from: '2020-04-01', until: null });
    expect(param(x, WINDOW).history!.at(-1)).toEqual({ from: '2020-04-01', value: null });
    expect(param(x, WINDOW).note).toContain('no longer in force from 2020-04-01 (in force through 2020-03-31)');
    expect(x.exceptions[0]).toMatchObject({ applies: 'closed', outcome: 'closed', replaced: [] });
    expect(x.exceptions[0]!.reason).toContain('2020-03-31');
    expect(crit(x, 'population')).toMatchObject({ status: 'fail' });
    expect(crit(x, 'population').statusBefore).toBeUndefined();
    expect(x.eligible).toBe(false);
  });
  it('2015-03-31: before the window (null, first value on 2015-04-01)', () => {
    const x = explain('core-city', { figures: TSC }, { asOf: '2015-03-31' });
    expect(param(x, WINDOW)).toMatchObject({ value: null, from: null, until: '2015-04-01' });
    expect(param(x, WINDOW).note).toContain('no value on 2015-03-31 (the first takes effect on 2015-04-01)');
  });
});

describe('explain an eligibility result: figures, derived figures, tolerance, notes', () => {
  it('小田原市 + 南足柄市: the merged figures say how they were summed; only the figures the designation reads are listed', () => {
    const x = explain('core-city', { names: ['小田原市'], merge: ['南足柄市'] }, { real: true });
    expect(x.municipality).toMatchObject({ name: '小田原市+南足柄市', merged: ['小田原市', '南足柄市'], kind: 'city' });
    expect(x.derived).toContain('population 229,697 = 小田原市 188,856 + 南足柄市 40,841 (sum)');
    expect(x.figures.map((f) => f.id)).toEqual(['kind', 'population']);
    expect(x.figures[1]).toMatchObject({ value: 229697, derived: '小田原市 188,856 + 南足柄市 40,841' });
    expect(x.eligible).toBe(true);
  });
  it('おおむね: the tolerance is a setting, and the comparison shows the band (0.98 < ratio < 1 is borderline)', () => {
    const x = explain('cooperation-central-city', { figures: { kind: 'core-city', dayNightRatio: 0.99, metroArea: 'none' } });
    expect(param(x, 'settings/tolerance')).toMatchObject({ value: 0.02, kind: 'setting' });
    expect(crit(x, 'day-night-ratio')).toMatchObject({ status: 'borderline', actual: 0.99, comparison: { op: '>=', threshold: 1, tolerance: 0.02, borderlineAbove: 0.98 } });
    expect(crit(x, 'metro-core-commute-share')).toMatchObject({ status: 'not-applicable' });
    expect(x.eligible).toBeNull();
    expect(x.because).toBe('nothing fails, but undecided: day-night-ratio (borderline)');
  });
  it('a figure the data lacks is unknown with where to get it; the 小田原市 question of 003 (C unknown)', () => {
    const x = explain('cooperation-central-city', { names: ['小田原市'] }, { real: true });
    expect(x.figures.find((f) => f.id === 'metroCoreCommuteShare')).toMatchObject({ value: null, source: null, where: expect.stringMatching(/table 6-1 \(e-Stat statistics table 0003454527.*municipalities of 神奈川県/) });
    expect(crit(x, 'metro-core-commute-share')).toMatchObject({ status: 'unknown', missing: expect.stringContaining('0003454527') });
    expect(crit(x, 'scale')).toMatchObject({ status: 'fail', actual: 'transitional-special-city', comparison: { op: 'in', threshold: ['designated-city', 'core-city'] } });
    expect(x.notes.some((n) => n.includes('三大都市圏'))).toBe(true);
  });
  it('定住自立圏: 少なくとも4万人超 is the requirement, 5万人程度 the standard the guideline names beside it (a parameter and a note)', () => {
    const x = explain('settlement-central-city', { figures: { kind: 'city', population: 45000, dayNightRatio: 1, metroArea: 'none' } });
    expect(param(x, 'designations/settlement-central-city/criteria/population/standard')).toMatchObject({ value: 50000, undated: true });
    expect(crit(x, 'population')).toMatchObject({ status: 'pass', comparison: { op: '>', threshold: 40000 } });
  });
  it('a partner check names the central city and says the guideline is not a bar', () => {
    const records: MunicipalityRecord[] = [
      { name: '甲市', kind: 'core-city' },
      { name: '丙町', kind: 'town', commuteShareTo: { 甲市: 0.05 } },
    ];
    const x = explain('cooperation-partner', { names: ['丙町'], partnerOf: '甲市' }, { records });
    expect(x.designation.centralCity).toBe('甲市');
    expect(x.figures).toEqual([{ id: 'commuteShare', value: 0.05, source: 'test.yaml', derived: '甲市 0.05' }]);
    expect(crit(x, 'commute-share')).toMatchObject({ status: 'not-applicable', guideline: true, note: expect.stringContaining('willing') });
    expect(x.eligible).toBe(true);
  });
});

describe('explain an eligibility result: the renderers', () => {
  it('text: sections in order, thousands separators, the chosen entry marked, the band in words', () => {
    const x = explain('cooperation-central-city', { figures: { kind: 'core-city', population: 210000, dayNightRatio: 0.99, metroArea: 'none' } });
    const text = renderTextTree(eligibilityTree(x, 'en', { asOf: '2026-11-23', pack: 'p 1' }), 120);
    const sections = text.split('\n').filter((l) => /^[├└]─ /.test(l)).map((l) => l.slice(3).split(/[:(]/)[0]!.trim());
    expect(sections).toEqual(['Municipality', 'Figures', 'Parameters read', 'Criteria', 'Special cases', 'Result', 'Steps that remain', 'Notes'].filter((s) => s !== 'Notes' || x.notes.length > 0));
    expect(text).toContain('compared: 0.99 >= 1 (おおむね: tolerance 0.02; above 0.98 and below 1 is borderline)');
    expect(text).toContain('population = 210,000 — command line');
    expect(text).toContain('2014-08-25: 1 ← [Guideline for the Promotion of Cooperative Central City Areas 第3]');
    expect(text).toContain('Result: undecided (eligible: null) — nothing fails, but undecided: day-night-ratio (borderline)');
  });
  it('Markdown (ja): a heading per section and nested lists', () => {
    const x = explain('core-city', { figures: TSC }, { asOf: '2020-03-31', lang: 'ja' });
    const md = renderMarkdown(eligibilityTree(x, 'ja', { asOf: '2020-03-31', pack: 'p 1' }));
    expect(md).toMatch(/^## 説明: 指定された数値 — 中核市（2020-03-31 時点、ルールパック p 1） — 地方自治法第252条の22第1項\n/);
    expect(md).toContain('\n### 特例（適用の有無と置き換えた基準）\n\n- transitional-special-city (');
    expect(md).toContain('\n### 結果: 要件を満たす（eligible: true）— ');
  });
});

describe('explain an eligibility result: the trace agrees with the engine (property)', () => {
  it('for any figures and date, the criteria, statuses, figures and `eligible` are the engine’s own', () => {
    const designations = ['designated-city', 'core-city', 'cooperation-central-city', 'settlement-central-city'];
    const figures = fc.record(
      {
        kind: fc.constantFrom('city', 'core-city', 'designated-city', 'transitional-special-city', 'town' as const),
        population: fc.integer({ min: 0, max: 1_000_000 }),
        dayNightRatio: fc.double({ min: 0.5, max: 1.5, noNaN: true }),
        metroArea: fc.constantFrom('none', 'tokyo', 'osaka', 'nagoya' as const),
        metroCoreCommuteShare: fc.double({ min: 0, max: 0.3, noNaN: true }),
      },
      { requiredKeys: [] },
    );
    const date = fc.constantFrom('2008-12-25', '2014-08-24', '2015-03-31', '2015-04-01', '2020-03-31', '2020-04-01', '2026-11-23');
    fc.assert(
      fc.property(fc.constantFrom(...designations), figures, date, (d, f, asOf) => {
        if (Object.keys(f).length === 0) return;
        const x = explain(d, { figures: f }, { asOf });
        const engine = runEligibility({ figures: f, designations: [d] }, { asOf })[0]!;
        expect(x.result).toEqual(engine.designations[0]);
        expect(x.criteria.map((c) => [c.id, c.status, c.actual])).toEqual(engine.designations[0]!.criteria.map((c) => [c.id, c.status, c.actual]));
        expect(x.eligible).toBe(engine.designations[0]!.eligible);
        for (const fig of x.figures) expect(engine.figures!.find((g) => g.figure === fig.id)!.value).toEqual(fig.value);
        // every comparison names a parameter that the trace lists
        for (const c of x.criteria) if (c.comparison?.parameter) expect(x.parameters.some((p) => p.id === c.comparison!.parameter)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});
