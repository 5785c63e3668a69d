import { describe, expect, it } from 'vitest';
import { populationInForce, publishedAfter } from '../../src/core/eligibility/census.js';
import { crit, run } from '../helpers/eligibility.js';

/**
 * A criterion's figure carries its source, layer and census (contract §7); the population read is
 * the census in force on --as-of; a figure published after --as-of is flagged, never used
 * silently; a raw (原数値) day/night ratio decides over the imputed (不詳補完値) one, both shown.
 */

const one = (name: string, designation: string, asOf = '2026-11-23', records: NonNullable<Parameters<typeof run>[1]>['records'] = []) =>
  run({ names: [name], designations: [designation] }, { real: true, asOf, records })[0]!.designations[0]!;

describe('census figures in results', () => {
  it('the population criterion carries source, layer and census (小田原市 2020 確定, published 2021-11-30)', () => {
    const c = crit(one('小田原市', 'core-city'), 'population');
    expect(c).toMatchObject({ actual: 188856, layer: 'embedded', census: { year: 2020, kind: '確定', published: '2021-11-30' } });
    expect(c.source).toMatch(/000032143614/);
    expect(c.census!.afterAsOf).toBeUndefined();
  });

  it('a question about 2018 reads the 2015 census (194,086), the one in force; not flagged', () => {
    const c = crit(one('小田原市', 'core-city', '2018-04-01'), 'population');
    expect(c).toMatchObject({ actual: 194086, census: { year: 2015, kind: '確定' } });
    expect(c.census!.afterAsOf).toBeUndefined();
  });

  it('between the 2020 速報 and 確定 releases the 2015 確定 figure is still the one read', () => {
    expect(crit(one('小田原市', 'core-city', '2021-08-01'), 'population')).toMatchObject({ actual: 194086, census: { year: 2015 } });
    expect(crit(one('小田原市', 'core-city', '2021-11-30'), 'population')).toMatchObject({ actual: 188856, census: { year: 2020 } });
  });

  it('a question about 2005 has no census of its time in the data: the earliest is used, flagged, with a note', () => {
    const c = crit(one('小田原市', 'core-city', '2005-04-01'), 'population');
    expect(c).toMatchObject({ actual: 194086, census: { year: 2015, afterAsOf: true } });
    expect(c.note).toMatch(/published on 2016-10-26, after --as-of 2005-04-01/);
  });

  it('the flag survives a special case that replaces the criterion (施行時特例市 route in 2016)', () => {
    const c = crit(one('小田原市', 'core-city', '2016-06-01'), 'population');
    expect(c).toMatchObject({ status: 'not-applicable', replacedBy: 'transitional-special-city', census: { afterAsOf: true } });
    expect(c.note).toMatch(/replaced by the special case.*; this 2015 census figure was published on 2016-10-26/);
  });

  it('倉敷市: a raw 0.9896 from an official source decides (borderline), the imputed 0.9798 is shown beside it (fail)', () => {
    const rec = { name: '倉敷市', prefecture: '岡山県', daytimePopulation: 469637, source: '令和2年国勢調査 従業地・通学地集計 昼夜間人口（原数値、確定値）e-Stat 0003454499 (test)' };
    const c = crit(one('倉敷市', 'cooperation-central-city', '2026-11-23', [rec]), 'day-night-ratio');
    expect(c).toMatchObject({ status: 'borderline', actual: 0.9896, layer: 'data', census: { year: 2020, basis: 'raw' } });
    expect(c.unconfirmed).toBeUndefined();
    expect(c.alternative).toMatchObject({ actual: 0.9798, status: 'fail', basis: 'imputed' });
    expect(c.alternative!.source).toMatch(/不詳補完値/);
    expect(c.note).toMatch(/decided by the raw/);
  });

  it('倉敷市 embedded: the raw figure rests on a secondary source alone and disagrees with the official imputed one, so B is unknown', () => {
    const c = crit(one('倉敷市', 'cooperation-central-city'), 'day-night-ratio');
    expect(c).toMatchObject({ status: 'unknown', actual: 0.9896, census: { year: 2020, basis: 'raw' } });
    expect(c.unconfirmed).toMatch(/民力/);
    expect(c.source).toMatch(/二次資料（未確認）/);
    expect(c.alternative).toMatchObject({ actual: 0.9798, status: 'fail', basis: 'imputed' });
    expect(c.note).toMatch(/not decided: the unconfirmed raw \(原数値\) figure 0\.9896 \(borderline\) and the official imputed \(不詳補完値\) figure 0\.9798 \(fail\) disagree/);
    expect(c.note).toMatch(/rests on a secondary source alone \(unconfirmed\)/);
  });

  it('水戸市 embedded: the unconfirmed raw 1.0923 and the official imputed 1.1003 agree (pass), and the row says the raw one is unconfirmed', () => {
    const c = crit(one('水戸市', 'cooperation-central-city'), 'day-night-ratio');
    expect(c).toMatchObject({ status: 'pass', actual: 1.0923, unconfirmed: expect.stringMatching(/民力/) });
    expect(c.alternative).toMatchObject({ actual: 1.1003, status: 'pass', basis: 'imputed' });
    expect(c.note).toMatch(/decided by the raw .*secondary source alone/);
  });

  it('a merger summing unconfirmed raw counts is unconfirmed too (倉敷市 + 水戸市, a what-if)', () => {
    const r = run({ names: ['倉敷市'], merge: ['水戸市'], designations: ['cooperation-central-city'] }, { real: true, asOf: '2026-11-23' })[0]!;
    const c = r.designations[0]!.criteria.find((x) => x.id === 'day-night-ratio')!;
    expect(c.unconfirmed).toMatch(/倉敷市: 民力.*水戸市: 民力/);
    expect(c.note).toMatch(/secondary source alone/);
  });

  it('the figures block marks an unconfirmed figure (and a ratio computed from it)', () => {
    const r = run({ names: ['倉敷市'], designations: ['cooperation-central-city'] }, { real: true, asOf: '2026-11-23' })[0]!;
    const f = r.figures!.find((x) => x.figure === 'dayNightRatio')!;
    expect(f.unconfirmed).toMatch(/e-Stat 0003454499/);
    expect(r.figures!.find((x) => x.figure === 'population')!.unconfirmed).toBeUndefined();
  });

  it('小田原市 has only the imputed ratio: it decides, and the note says so', () => {
    const c = crit(one('小田原市', 'cooperation-central-city'), 'day-night-ratio');
    expect(c).toMatchObject({ status: 'fail', actual: 0.962, census: { basis: 'imputed' } });
    expect(c.alternative).toBeUndefined();
    expect(c.note).toMatch(/imputed/);
  });

  it('the area is the 2020 census file\'s: a question about 2000 reads it flagged as published later (長岡市, 891.06 km² after its 2005–2010 mergers)', () => {
    const c = crit(one('長岡市', 'core-city', '2000-01-01'), 'area');
    expect(c).toMatchObject({ status: 'pass', actual: 891.06, census: { year: 2020, kind: null, published: '2021-11-30', afterAsOf: true } });
    expect(c.note).toMatch(/published on 2021-11-30, after --as-of 2000-01-01/);
  });

  it('三大都市圏: a municipality of a prefecture outside every reading (鳥取県, 新潟県) is outside; one of the 中部圏 (石川県, 長野県) stays unknown; a record wins', () => {
    expect(crit(one('鳥取市', 'cooperation-central-city'), 'metro-core-commute-share')).toMatchObject({ status: 'not-applicable' });
    expect(crit(one('長岡市', 'settlement-central-city'), 'location')).toMatchObject({ status: 'pass', actual: 'none', layer: 'embedded' });
    expect(crit(one('長岡市', 'settlement-central-city'), 'location').source).toMatch(/首都圏整備法.*近畿圏整備法.*中部圏開発整備法/);
    expect(crit(one('金沢市', 'cooperation-central-city'), 'metro-core-commute-share')).toMatchObject({ status: 'unknown' });
    expect(crit(one('飯田市', 'settlement-central-city'), 'location')).toMatchObject({ status: 'unknown' });
    expect(crit(one('小田原市', 'settlement-central-city'), 'location')).toMatchObject({ actual: 'tokyo' });
    const r = crit(one('鳥取市', 'settlement-central-city', '2026-11-23', [{ name: '鳥取市', prefecture: '鳥取県', metroArea: null, source: 'test' }]), 'location');
    expect(r.status).toBe('unknown');
  });

  it('a --data figure carries layer data, a figure written by data import carries layer import', () => {
    const d = crit(one('小田原市', 'core-city', '2026-11-23', [{ name: '小田原市', prefecture: '神奈川県', population: 200001, source: '令和2年国勢調査 確定値 (test)' }]), 'population');
    expect(d).toMatchObject({ status: 'pass', actual: 200001, layer: 'data', census: { year: 2020, kind: '確定' } });
    const i = crit(one('小田原市', 'core-city', '2026-11-23', [{ name: '小田原市', prefecture: '神奈川県', population: 200002, imported: '2026-11-23', census: { year: 2020, kind: '速報' }, source: 'e-Stat (test)' }]), 'population');
    expect(i).toMatchObject({ actual: 200002, layer: 'import', census: { year: 2020, kind: '速報' } });
  });

  it('publication days: a month-precise one counts as after for the whole month', () => {
    expect(publishedAfter({ year: 2020, kind: '確定', published: '2022-07' }, '2022-07-31')).toBe(true);
    expect(publishedAfter({ year: 2020, kind: '確定', published: '2022-07' }, '2022-08-01')).toBe(false);
    expect(populationInForce(null, [], '2020-01-01')).toBeNull();
  });
});
