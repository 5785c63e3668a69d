import { describe, expect, it } from 'vitest';
import { kouiki } from '../helpers/cli.js';
import { expectGolden } from '../helpers/golden.js';

/**
 * The designations as the law has them, through the built binary (issues 13, 14, 15): held
 * designations with the day of their 政令, the dates of the 中核市 history, the 指定都市 threshold
 * since 1956, the 定住自立圏 population requirement (4万超) and its standard (5万程度), 編入 and
 * 新設合併, adjacency as a stated fact, and a prefecture asked about.
 */

const AS_OF = ['--as-of', '2026-11-23'];

function json(args: string[]): { code: number; doc: any; stderr: string } {
  const r = kouiki(['eligibility', ...args, '-f', 'json']);
  return { code: r.code, doc: r.code === 0 ? JSON.parse(r.stdout) : null, stderr: r.stderr };
}

const designation = (doc: any, id: string) => doc.results[0].designations.find((d: { designation: string }) => d.designation === id);
const criterion = (d: any, id: string) => d.criteria.find((c: { id: string }) => c.id === id);

describe('designations already held (the law has no de-designation)', () => {
  it('鳥取市 and 甲府市 hold the 中核市 designation with the day and the 政令 that made it', () => {
    const tottori = json(['鳥取市', '--population', '188465', ...AS_OF, '--lang', 'en']);
    expect(tottori.code).toBe(0);
    expect(designation(tottori.doc, 'core-city').held).toEqual({ since: '2018-04-01', source: expect.stringContaining('平成29年政令第286号') });
    const kofu = json(['甲府市', '--population', '189591', ...AS_OF, '--lang', 'en']);
    expect(designation(kofu.doc, 'core-city').held).toEqual({ since: '2019-04-01', source: expect.stringContaining('平成30年政令第304号') });
  });

  it('the table says "held" for a held designation, never "does not meet", in both languages; the criteria are today\'s figures', () => {
    const en = kouiki(['eligibility', '鳥取市', '--population', '188465', '--designation', 'core-city', ...AS_OF, '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('core city (中核市) (core-city): ✓ held (since 2018-04-01)');
    expect(en.stdout).not.toMatch(/\(core-city\): ✗/);
    expect(en.stdout).toContain("the law has no de-designation: the table shows today's figures");
    const ja = kouiki(['eligibility', '鳥取市', '--population', '188465', '--designation', 'core-city', ...AS_OF, '--lang', 'ja']);
    expect(ja.stdout).toContain('中核市 (core-city): ✓ 指定済み（2018-04-01）');
    expect(ja.stdout).not.toContain('(core-city): ✗');
    // Nor does a row say ✗: a criterion today's figures miss is marked for reference (the law has no de-designation).
    for (const out of [en.stdout, ja.stdout]) expect(out).not.toMatch(/✗/);
    expect(en.stdout.replace(/[│\s]+/g, ' ')).toContain('· below 188,465 >= 200,000');
    const md = kouiki(['eligibility', '鳥取市', '--population', '188465', '--designation', 'core-city', ...AS_OF, '--lang', 'ja', '-f', 'markdown']);
    expect(md.stdout).toContain('| · 現在は下回る（参考） | 188,465 | >= 200,000 |');
    expectGolden('eligibility/tottori-held.ja.table.txt', ja.stdout);
  });

  it('--as-of before the designation: not yet designated (鳥取市 on 2018-03-31; 甲府市 a 施行時特例市 on 2019-03-31)', () => {
    const t = json(['鳥取市', '--population', '188465', '--designation', 'core-city', '--as-of', '2018-03-31']);
    expect(designation(t.doc, 'core-city')).not.toHaveProperty('held');
    expect(t.doc.results[0].municipality.kind).toBeNull();
    const k = json(['甲府市', '--population', '189591', '--designation', 'core-city', '--as-of', '2019-03-31']);
    expect(k.doc.results[0].municipality.kind).toBe('transitional-special-city');
    expect(designation(k.doc, 'core-city').eligible).toBe(true);
  });

  it('a record that states kind core-city below the threshold is held (the day not given), not a failed candidacy', () => {
    const r = kouiki(['eligibility', '--population', '150000', '--kind', 'core-city', '--designation', 'core-city', ...AS_OF, '--lang', 'en']);
    expect(r.stdout).toContain('✓ held (since the day is not in the data)');
  });
});

describe('the dates of the law', () => {
  it('--as-of 1990: the 指定都市 threshold of 500,000 applies (in force since 1956-09-01)', () => {
    const r = json(['--population', '499999', '--kind', 'city', '--designation', 'designated-city', '--as-of', '1990-04-01']);
    const pop = criterion(designation(r.doc, 'designated-city'), 'population');
    expect(pop).toMatchObject({ status: 'fail', required: '>= 500,000', effectiveFrom: '1956-09-01' });
  });
  it('--as-of 2006-01-01: a 中核市 candidate of 300,000 is unknown without an area (the area test applied until 2006-06-07), not eligible', () => {
    const r = json(['--population', '300000', '--kind', 'city', '--designation', 'core-city', '--as-of', '2006-01-01']);
    const d = designation(r.doc, 'core-city');
    expect(d.eligible).toBeNull();
    expect(criterion(d, 'area').status).toBe('unknown');
    const later = json(['--population', '300000', '--kind', 'city', '--designation', 'core-city', '--as-of', '2006-06-07']);
    expect(designation(later.doc, 'core-city').eligible).toBe(true);
  });
});

describe('定住自立圏: 少なくとも4万人超 is the requirement, 5万人程度 the standard', () => {
  it('倉吉市 (about 46,000) is not undecided: it meets the requirement, with the standard as a note', () => {
    const r = json(['倉吉市', '--population', '46000', '--day-night-ratio', '1.05', '--metro-area', 'none', ...AS_OF, '--lang', 'en']);
    const d = designation(r.doc, 'settlement-central-city');
    expect(d.eligible).toBe(true);
    expect(criterion(d, 'population')).toMatchObject({ status: 'pass' });
    expect(criterion(d, 'population').note).toMatch(/50,000/);
  });
  it('eligibility 倉吉市 checks only the designations within reach and says so for the others in one line', () => {
    const r = kouiki(['eligibility', '倉吉市', '--population', '46000', ...AS_OF, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('(designated-city):');
    expect(r.stdout.split('\n').filter((l) => l.startsWith('Not checked:')).length).toBe(1);
    expect(r.stdout).toMatch(/Not checked: designated city \(指定都市\) \(needs a population of 500,000\)/);
  });
});

describe('mergers and two-city centres', () => {
  it('--merge-kind incorporation: 水戸市 absorbing 茨城町 keeps its 中核市 designation; the default (a new city) is said', () => {
    const inc = json(['水戸市', '--merge', '茨城町', '--merge-kind', 'incorporation', '--designation', 'core-city', ...AS_OF, '--lang', 'en']);
    expect(designation(inc.doc, 'core-city').held.since).toBe('2020-04-01');
    const def = json(['水戸市', '--merge', '茨城町', '--designation', 'core-city', ...AS_OF, '--lang', 'en']);
    expect(designation(def.doc, 'core-city')).not.toHaveProperty('held');
    expect(def.doc.results[0].derived.join('\n')).toMatch(/a new city \(新設合併, the default/);
  });
  it('--merge-kind without --merge, --adjacent without --twin: exit 2', () => {
    expect(kouiki(['eligibility', '水戸市', '--merge-kind', 'new']).code).toBe(2);
    expect(kouiki(['eligibility', '山口市', '--adjacent']).code).toBe(2);
  });
  it('複眼型: adjacency is a stated fact (--adjacent / --no-adjacent), unknown when not given', () => {
    const base = ['山口市', '--twin', '宇部市', '--designation', 'cooperation-central-city', ...AS_OF];
    const given = json([...base, '--adjacent']);
    expect(criterion(designation(given.doc, 'cooperation-central-city'), 'two-city-adjacent').status).toBe('pass');
    const not = json([...base, '--no-adjacent']);
    expect(criterion(designation(not.doc, 'cooperation-central-city'), 'two-city-adjacent').status).toBe('fail');
    const none = json(base);
    expect(criterion(designation(none.doc, 'cooperation-central-city'), 'two-city-adjacent').status).toBe('unknown');
  });
});

describe('a prefecture', () => {
  it('eligibility 鳥取県: designations are for cities (exit 2), in both languages', () => {
    const en = kouiki(['eligibility', '鳥取県', '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('鳥取県 is a prefecture');
    expect(en.stderr).toContain('kouiki eligibility 鳥取市');
    const ja = kouiki(['eligibility', '鳥取県', '--lang', 'ja']);
    expect(ja.code).toBe(2);
    expect(ja.stderr).toContain('鳥取県は都道府県です');
  });
});
