import { describe, expect, it } from 'vitest';
import { run } from '../helpers/eligibility.js';

/**
 * Only the designations within reach (issue 15 item 10): asked without --designation, a city is
 * checked for the designations it holds or could meet, in the order of its next steps; the others
 * are named with the lowest population any of their routes accepts (read from the pack).
 */

const ids = (r: ReturnType<typeof run>[number]) => r.designations.map((d) => d.designation);

describe('designations within reach', () => {
  it('a city of 46,000 (倉吉市) is checked for 定住自立圏 only; the others are named with their lowest population', () => {
    const [r] = run({ names: ['倉吉市'], figures: { population: 46000 } }, { real: true });
    expect(ids(r!)).toEqual(['settlement-central-city']);
    expect(r!.notChecked).toEqual([
      { designation: 'designated-city', name: 'designated city (指定都市)', reason: 'population', lowestPopulation: 500000 },
      { designation: 'core-city', name: 'core city (中核市)', reason: 'population', lowestPopulation: 200000 },
      // the two-city route: each city about 100,000 (要綱 第3及び第9)
      { designation: 'cooperation-central-city', name: 'cooperation central city (連携中枢都市)', reason: 'population', lowestPopulation: 100000 },
    ]);
  });
  it('the figures block lists only what the designations checked read (no share to the metro cores for 定住自立圏)', () => {
    const [r] = run({ names: ['倉吉市'], figures: { population: 46000 } }, { real: true });
    expect(r!.figures!.map((f) => f.figure)).toEqual(['kind', 'population', 'dayNightRatio', 'metroArea']);
  });
  it('with --designation, exactly the designations asked for, and only the figures they read', () => {
    const [r] = run({ names: ['倉吉市'], figures: { population: 46000 }, designations: ['designated-city'] }, { real: true });
    expect(ids(r!)).toEqual(['designated-city']);
    expect(r!).not.toHaveProperty('notChecked');
    expect(r!.figures!.map((f) => f.figure)).toEqual(['kind', 'population']);
  });
  it('a designation is within reach up to twice the city\'s population: 小田原市 (188,856) is checked for 中核市, not 指定都市', () => {
    const [r] = run({ names: ['小田原市'] }, { real: true });
    expect(ids(r!)).toEqual(['core-city', 'cooperation-central-city', 'settlement-central-city']);
    expect(r!.notChecked?.map((n) => n.designation)).toEqual(['designated-city']);
  });
  it('a 中核市 is asked its next steps first (連携中枢都市, then 指定都市), the designation it holds last', () => {
    const [r] = run({ names: ['鳥取市'], figures: { population: 188465 } }, { real: true });
    expect(ids(r!)).toEqual(['cooperation-central-city', 'settlement-central-city', 'core-city']);
    expect(r!.notChecked?.map((n) => n.designation)).toEqual(['designated-city']);
    const [big] = run({ names: ['姫路市'] }, { real: true });
    expect(ids(big!)).toEqual(['cooperation-central-city', 'designated-city', 'settlement-central-city', 'core-city']);
  });
  it('a town is checked for no designation of a 市; an unknown population is within reach of everything', () => {
    const [town] = run({ names: ['岩美町'], figures: { population: 10000 } }, { real: true });
    expect(ids(town!)).toEqual([]);
    // Out of reach by its kind, never by a population another route names (定住自立圏 is not "200,000" for a town).
    expect(town!.notChecked!.map((n) => [n.designation, n.reason, n.lowestPopulation])).toEqual([
      ['designated-city', 'kind', undefined], ['core-city', 'kind', undefined], ['cooperation-central-city', 'kind', undefined], ['settlement-central-city', 'kind', undefined],
    ]);
    // A figure the data lacks (here cleared by a data file's `population: null`) keeps every designation in reach.
    const [unknown] = run({ names: ['三浦市'] }, { real: true, records: [{ name: '三浦市', prefecture: '神奈川県', population: null }] });
    expect(ids(unknown!)).toEqual(['designated-city', 'core-city', 'cooperation-central-city', 'settlement-central-city']);
  });
});
