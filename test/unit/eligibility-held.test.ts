import { describe, expect, it } from 'vitest';
import { asOfDay } from '../../src/core/eligibility/held.js';
import type { Municipality } from '../../src/core/eligibility/model.js';
import { realIndex, run } from '../helpers/eligibility.js';

/**
 * Designations already held (issue 14 item 4, issue 15 items 4 and 10): the lists date each
 * designation by the 附則 of its 政令; a held designation is reported as held (contract §7
 * `held`), never as a failed candidacy; before its day the city is not yet designated.
 */

const get = (name: string): Municipality => {
  const r = realIndex().resolve(name);
  if (!r.ok) throw new Error(name);
  return r.municipality;
};

describe('the day a designation took effect', () => {
  it('before it, the city is not yet designated; its kind is the one recorded before, else unknown', () => {
    const kofu = asOfDay(get('甲府市'), '2019-03-31');
    expect(kofu.designation).toMatchObject({ kind: 'transitional-special-city', since: '2015-04-01' });
    expect(kofu.kind?.value).toBe('transitional-special-city');
    expect(asOfDay(get('甲府市'), '2015-03-31').kind).toBeNull();
    const tottori = asOfDay(get('鳥取市'), '2018-03-31');
    expect(tottori.designation).toBeNull();
    expect(tottori.kind).toBeNull();
  });
  it('on and after it, the record is unchanged', () => {
    const t = get('鳥取市');
    expect(asOfDay(t, '2018-04-01')).toBe(t);
    expect(asOfDay(t, '2026-11-23')).toBe(t);
  });
});

describe('held designations in the results', () => {
  it('鳥取市 holds the 中核市 designation of 2018-04-01 with its 政令; eligible reports the figures today', () => {
    const [r] = run({ names: ['鳥取市'], designations: ['core-city'], figures: { population: 188465 } }, { real: true });
    const d = r!.designations[0]!;
    expect(d.held).toEqual({ since: '2018-04-01', source: expect.stringContaining('平成29年政令第286号') });
    expect(d.eligible).toBe(false);
    expect(d.steps).toEqual([]);
    // JSON key order: designation, eligible, held, criteria, ...
    expect(Object.keys(d).slice(0, 4)).toEqual(['designation', 'eligible', 'held', 'criteria']);
  });
  it('a designation the city does not hold has no held key', () => {
    const [r] = run({ names: ['小田原市'], designations: ['core-city'] }, { real: true });
    expect(r!.designations[0]!).not.toHaveProperty('held');
  });
  it('--kind core-city states an assumed designation: held from a day not given', () => {
    const [r] = run({ names: ['小田原市'], designations: ['core-city'], figures: { kind: 'core-city' } }, { real: true });
    expect(r!.designations[0]!.held).toEqual({ since: null, source: 'command line' });
  });
  it('a 指定都市 is not checked for 中核市 by default (Art. 252-26), and holds its own designation', () => {
    const [r] = run({ names: ['横浜市'] }, { real: true });
    expect(r!.notChecked).toContainEqual(expect.objectContaining({ designation: 'core-city', reason: 'holds-designated-city' }));
    expect(r!.designations.find((d) => d.designation === 'designated-city')?.held?.since).toBe('1956-09-01');
  });
});

describe('mergers: 編入 keeps the absorbing city, 新設合併 makes a new one', () => {
  it('incorporation: 水戸市 keeps its name, code, kind and its 中核市 designation', () => {
    const [r] = run({ names: ['水戸市'], merge: ['茨城町'], mergeKind: 'incorporation', designations: ['core-city'] }, { real: true });
    expect(r!.municipality).toMatchObject({ name: '水戸市', code: '082015', kind: 'core-city', merged: ['水戸市', '茨城町'] });
    expect(r!.designations[0]!.held?.since).toBe('2020-04-01');
    expect(r!.derived!.join('\n')).toMatch(/incorporation/);
  });
  it('a new city (the default, said in the derivation) holds nothing; its filing counts as the 申出 (Art. 252-26-2)', () => {
    const [r] = run({ names: ['水戸市'], merge: ['茨城町'], designations: ['core-city'] }, { real: true });
    expect(r!.municipality.kind).toBe('city');
    expect(r!.designations[0]!).not.toHaveProperty('held');
    expect(r!.derived!.join('\n')).toMatch(/new city .*the default/);
    expect(r!.designations[0]!.notes!.join('\n')).toMatch(/252-26-2/);
  });
});

describe('a prefecture is not a subject of designations', () => {
  it('is a user error naming a city of it (exit 2)', () => {
    expect(() => run({ names: ['鳥取県'] }, { real: true })).toThrow(/prefecture/);
  });
});
