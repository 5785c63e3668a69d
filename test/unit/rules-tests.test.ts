import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { defaultRulesDir } from '../../src/io/paths.js';
import { parseYaml } from '../../src/io/yaml.js';
import { loadPackDir } from '../../src/rules-tools/load.js';
import type { Pack } from '../../src/pack/model.js';
import { addMonths, reviewItems } from '../../src/rules-tools/outdated.js';
import { listTestFiles, loadRuleTests } from '../../src/rules-tools/tests/load.js';
import { resolveParameter, runCase, type EligibilityEvaluator } from '../../src/rules-tools/tests/run.js';
import { ELIGIBILITY_EVALUATOR } from '../../src/cli/commands/rules.js';
import { defaultPack } from '../helpers/engine.js';
import { copyPack, lineOf } from '../helpers/pack-copy.js';

function runAll(dir: string, pack: Pack = loadPackDir(dir).pack, eligibility: EligibilityEvaluator | null = ELIGIBILITY_EVALUATOR) {
  return loadRuleTests(listTestFiles(dir), pack.data).map((c) => runCase(pack, c, { lang: 'en', eligibility }));
}

function failedNames(dir: string): string[] {
  return runAll(dir)
    .filter((o) => !o.passed)
    .map((o) => o.name);
}

describe('the default pack passes its own test cases (rules/tests/*.yaml)', () => {
  it('every case passes', () => {
    const outcomes = runAll(defaultRulesDir(), defaultPack());
    expect(outcomes.length).toBeGreaterThan(80);
    expect(outcomes.filter((o) => !o.passed).map((o) => `${o.name}: ${o.failures.join('; ')}`)).toEqual([]);
  });
});

describe('the cases catch a change to a copy of the pack', () => {
  it('a legal fact: 連携協約 given a 規約 (Art. 252-2(2): the agreement itself is published)', () => {
    const dir = copyPack({ 'instruments/cooperation-agreement.yaml': [['    short: { ja: "規約なし", en: "no 規約" }\n    value: false\n', '    short: { ja: "規約なし", en: "no 規約" }\n    value: true\n']] });
    expect(failedNames(dir)).toEqual(['no 規約 — the agreement itself is published (Art. 252-2(2) 「その旨及び当該連携協約を告示する」)']);
  });
  it('a dated value: 連携協約 in force from the promulgation day instead of 2014-11-01', () => {
    const dir = copyPack({ 'instruments/cooperation-agreement.yaml': [['  from: 2014-11-01\n', '  from: 2014-05-30\n']] });
    const failed = failedNames(dir);
    expect(failed).toContain('連携協約 took effect on 2014-11-01 — 施行令附則（平成26年政令第345号）第1条「…附則第一条第一号に掲げる規定の施行の日（平成二十六年十一月一日）」');
    expect(failed).toContain('on 2014-10-31 連携協約 and 代替執行 are not yet in force (施行令附則（平成26年政令第345号）第1条「…施行の日（平成二十六年十一月一日）」)');
  });
  it('a threshold: the score a recommendation needs (recommendedAt 0.7 → 0.95)', () => {
    const dir = copyPack({ 'pack.yaml': [['  recommendedAt: 0.7\n', '  recommendedAt: 0.95\n']] });
    const failed = failedNames(dir);
    expect(failed).toContain('活力ある社会経済 — national guidance (総務省, 連携中枢都市圏構想) and the draft both name 連携協約; 0.45 + 0.20 + 0.15');
    expect(failed).toContain('a small town that keeps authority and lacks specialists → 代替執行 above 委託 (Art. 252-16-4)');
  });
  it("a weight: the 県西地域 draft's naming no longer counts (category-fit regional 0.15 → 0)", () => {
    const dir = copyPack({ 'recommend/named-by-sources.yaml': [['regional: 0.15 }', 'regional: 0 }']] });
    const failed = failedNames(dir);
    expect(failed).toContain('活力ある社会経済 — national guidance (総務省, 連携中枢都市圏構想) and the draft both name 連携協約; 0.45 + 0.20 + 0.15');
    expect(failed).toContain("生活に必須の事務 alone ranks 共同設置, 委託 and 代替執行 above 連携協約 (the draft's 5(2)イ(ウ))");
  });
  it('a threshold of the law: the 中核市 population (Art. 252-22(1)) 200,000 → 199,999 and → 250,000', () => {
    const at = '        2015-04-01:\n          value: 200000\n';
    const lower = failedNames(copyPack({ 'designations/core-city.yaml': [[at, at.replace('200000', '199999')]] }));
    expect(lower).toEqual(['中核市 — from 2015-04-01, 199,999 fails (Art. 252-22(1))']);
    const higher = failedNames(copyPack({ 'designations/core-city.yaml': [[at, at.replace('200000', '250000')]] }));
    expect(higher).toEqual([
      '中核市 — from 2015-04-01 a city of exactly 200,000 passes (以上; Art. 252-22(1) as amended by 平成26年法律第42号, 附則第1条第2号)',
      '小田原市 and 南足柄市 as a new city (新設合併, the default) — 229,697 meets 200,000; the new city holds no designation',
    ]);
  });
  it('the date of a change: the 中核市 threshold of 200,000 from 2015-04-02 instead of 2015-04-01', () => {
    const dir = copyPack({ 'designations/core-city.yaml': [['        2015-04-01:\n          value: 200000\n', '        2015-04-02:\n          value: 200000\n']] });
    const failed = failedNames(dir);
    expect(failed).toContain('中核市 — from 2015-04-01 a city of exactly 200,000 passes (以上; Art. 252-22(1) as amended by 平成26年法律第42号, 附則第1条第2号)');
  });
  it('the tolerance of おおむね (a setting): 0.02 → 0.01 moves 倉敷市 out of the band', () => {
    const dir = copyPack({ 'pack.yaml': [['  tolerance: 0.02\n', '  tolerance: 0.01\n']] });
    const failed = failedNames(dir);
    expect(failed).toContain('連携中枢都市 — 倉敷市 (ratio 0.9896 in 2020, the hub of 高梁川流域連携中枢都市圏) is borderline on B');
    expect(failed).toContain('連携中枢都市 — B: 0.9801 is still inside the band (borderline)');
  });
  it('the end of the 施行時特例市 route (附則第3条): until 2020-04-01 → 2020-04-02', () => {
    const dir = copyPack({ 'designations/core-city.yaml': [['      until: 2020-04-01\n', '      until: 2020-04-02\n']] });
    expect(failedNames(dir)).toEqual(['施行時特例市 route — on 2020-04-01 the route is closed and 190,000 fails; the reason is the date it closed']);
  });
  it("the category mapping of the 県西地域 draft (§5)", () => {
    const dir = copyPack({ 'categories/core-city-service.yaml': [['instruments: [consignment, proxy-execution]', 'instruments: [consignment]']] });
    expect(failedNames(dir)).toContain("the draft's 5(3)イ(ア) 中核市レベルのサービス names 事務の委託 and 事務の代替執行");
  });
});

function writeCases(text: string): string {
  const dir = copyPack();
  mkdirSync(join(dir, 'tests'), { recursive: true });
  writeFileSync(join(dir, 'tests', 'zz.yaml'), text);
  return dir;
}

function loadError(text: string): string[] {
  const dir = writeCases(text);
  try {
    loadRuleTests([join(dir, 'tests', 'zz.yaml')], defaultPack().data);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).exitCode).toBe(2);
    return (err as UserError).details.map((d) => `${d.position?.line}:${d.position?.column}: ${d.message.en}`);
  }
  throw new Error('expected an error');
}

describe('test files: bad cases are errors with their position', () => {
  it('a case without expectations', () => {
    expect(loadError('asOf: 2026-11-23\ncases:\n  - name: nothing\n    task: { name: x }\n')).toEqual(['3:5: case "nothing" has no expectations (expect:)']);
    expect(loadError('asOf: 2026-11-23\ncases:\n  - name: empty\n    task: { name: x }\n    expect: {}\n')).toEqual(['3:5: case "empty" has no expectations (expect:)']);
  });
  it('no input, or two', () => {
    expect(loadError('asOf: 2026-11-23\ncases:\n  - name: two\n    task: { name: x }\n    instrument: council\n    expect: { tier: core }\n')[0]).toContain('case "two" needs exactly one input: task, instrument, category, parameter, eligibility');
  });
  it('no asOf in the case or the file', () => {
    expect(loadError('cases:\n  - name: when\n    instrument: council\n    expect: { tier: core }\n')).toEqual(['2:5: case "when" has no asOf (give it in the case or at the top of the file)']);
  });
  it('an unknown instrument in an expectation', () => {
    expect(loadError('asOf: 2026-11-23\ncases:\n  - name: a\n    task: { name: x }\n    expect: { rank1: councl }\n')[0]).toMatch(/^5:15: unknown instrument "councl"/);
  });
  it('a typo in an expectation key', () => {
    expect(loadError('asOf: 2026-11-23\ncases:\n  - name: b\n    task: { name: x }\n    expect: { verdict: { council: possible } }\n')[0]).toBe('5:15: unknown key: verdict (check the spelling)');
  });
  it('a fact the pack does not have', () => {
    expect(loadError('asOf: 2026-11-23\ncases:\n  - name: c\n    task: { name: x, facts: { legalEntity: true } }\n    expect: { rank1: council }\n')[0]).toMatch(/^4:31: unknown key "legalEntity" \(expected one of parties, .*needsLegalEntity/);
  });
});

describe('test cases: the other inputs', () => {
  it('parameter cases resolve a path, and a dated value to the entry in force on asOf', () => {
    const data = { ...defaultPack().data, extra: { designations: [{ id: 'core-city', population: { values: { '1995-04-01': { value: 300000, ref: { source: 'lac', article: '252-22' } }, '2015-04-01': { value: 200000, ref: { source: 'lac-2014', article: '附則1', item: 2 } } }, reviewed: '2026-11-23' } }] } };
    expect(resolveParameter(data, 'designations/core-city/population', '2014-01-01')).toEqual({ found: true, value: 300000, from: '1995-04-01' });
    expect(resolveParameter(data, 'designations/core-city/population', '2015-04-01')).toEqual({ found: true, value: 200000, from: '2015-04-01' });
    expect(resolveParameter(data, 'designations/core-city/population', '1990-01-01')).toEqual({ found: true, value: null, from: null });
    expect(resolveParameter(data, 'instruments/cooperation-agreement/properties/charter/value', '2026-11-23')).toEqual({ found: true, value: false, from: null });
    expect(resolveParameter(data, 'instruments/nope', '2026-11-23').found).toBe(false);
  });

  it('eligibility cases run through the engine hook; without it they fail and say why', () => {
    const dir = writeCases(
      'asOf: 2016-01-01\ncases:\n  - name: 中核市 from 200,000 (Art. 252-22(1))\n    eligibility: { designation: core-city, municipality: { name: 甲市, kind: city, population: 200000 } }\n    expect: { eligible: true, criteria: { population: pass }, actual: { population: 200000 }, effectiveFrom: { population: 2015-04-01 } }\n',
    );
    const file = [join(dir, 'tests', 'zz.yaml')];
    const pack = defaultPack();
    const [c] = loadRuleTests(file, pack.data);
    expect(runCase(pack, c!, { lang: 'en' }).failures).toEqual(['eligibility cases need the eligibility engine, which this build does not have']);
    expect(runCase(pack, c!, { lang: 'en', eligibility: ELIGIBILITY_EVALUATOR })).toMatchObject({ passed: true });
    const early = { ...c!, asOf: '2014-01-01' };
    expect(runCase(pack, early, { lang: 'en', eligibility: ELIGIBILITY_EVALUATOR }).failures).toEqual([
      'eligible: expected true, got false (population: fail)',
      'criterion population: expected pass, got fail (200000 vs >= 300,000)',
      'criterion population effective from 1995-04-01, expected 2015-04-01',
    ]);
  });

  it('an eligibility case names what it could not run: an unknown municipality or designation, a partner check without its central city', () => {
    const dir = writeCases(
      [
        'asOf: 2026-11-23',
        'cases:',
        '  - name: a',
        '    eligibility: { designation: core-city, municipality: 小田原 }',
        '    expect: { eligible: true }',
        '  - name: b',
        '    eligibility: { designation: core-cty, municipality: 小田原市 }',
        '    expect: { eligible: true }',
        '  - name: c',
        '    eligibility: { designation: cooperation-partner, municipality: 箱根町 }',
        '    expect: { eligible: true }',
        '',
      ].join('\n'),
    );
    const pack = defaultPack();
    const failures = loadRuleTests([join(dir, 'tests', 'zz.yaml')], pack.data).map((c) => runCase(pack, c, { lang: 'en', eligibility: ELIGIBILITY_EVALUATOR }).failures[0]);
    expect(failures[0]).toMatch(/^error while running: no municipality named "小田原"; did you mean: .*小田原市/);
    expect(failures[1]).toBe('error while running: unknown designation "core-cty"; did you mean "core-city"? known: designated-city, core-city, cooperation-central-city, settlement-central-city, cooperation-partner, settlement-partner');
    expect(failures[2]).toBe('error while running: cooperation-partner needs the central city; add --partner-of CITY, or list the partners with CITY --partners');
  });

  it('an eligibility case with a misspelt figure is an error with its position (the municipality data format)', () => {
    const text = 'asOf: 2026-11-23\ncases:\n  - name: d\n    eligibility: { designation: core-city, municipality: { name: 甲市, kind: cty, populaton: 1 } }\n    expect: { eligible: true }\n';
    expect(loadError(text)).toEqual([
      '4:76: "kind": expected one of "prefecture", "designated-city", "core-city", "transitional-special-city", "city", "town", "village", "special-ward", "partial-affairs-union", "regional-federation"',
      '4:81: unknown key: populaton (check the spelling)',
    ]);
  });

  it('a failed case names what did not hold, in the output language', () => {
    const dir = writeCases('asOf: 2026-11-23\ncases:\n  - name: wrong\n    task: { name: x, facts: { needsLegalEntity: true } }\n    expect: { rank1: council, verdicts: { council: recommended } }\n');
    const [c] = loadRuleTests([join(dir, 'tests', 'zz.yaml')], defaultPack().data);
    const o = runCase(defaultPack(), c!, { lang: 'en' });
    expect(o.passed).toBe(false);
    expect(o.line).toBe(lineOf(join(dir, 'tests', 'zz.yaml'), 'name: wrong'));
    expect(o.failures[0]).toMatch(/^rank 1: expected council, got (partial-affairs-union|regional-federation)$/);
    expect(o.failures[1]).toMatch(/^verdict of council: expected recommended, got unsuitable \(legal-entity: /);
    expect(runCase(defaultPack(), c!, { lang: 'ja' }).failures[0]).toMatch(/^1 位: 期待 council、実際 /);
  });
});

describe('rules outdated: review dates', () => {
  it('adds whole months, keeping the day or the month’s last day', () => {
    expect(addMonths('2026-11-23', 12)).toBe('2027-11-23');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
  });
  it('lists a value from the day its review is due, with its file and line', () => {
    const text = 'items:\n  - id: a\n    reviewed: 2026-11-23\n  - id: b\n    reviewed: 2026-01-01\n';
    const files = new Map([['x.yaml', parseYaml(text, 'x.yaml')]]);
    expect(reviewItems(files, 12, '2027-01-01').map((i) => `${i.file}:${i.line}: ${i.label} ${i.due}`)).toEqual(['x.yaml:5: items/b 2027-01-01']);
    expect(reviewItems(files, 12, '2027-11-23')).toHaveLength(2);
    expect(reviewItems(files, 12, '2026-12-31')).toHaveLength(0);
  });
  it('lists a dated value whose change took effect after its last review', () => {
    const text = 'threshold:\n  values:\n    1995-04-01: { value: 300000 }\n    2015-04-01: { value: 200000 }\n  reviewed: 2014-06-01\n';
    const files = new Map([['d.yaml', parseYaml(text, 'd.yaml')]]);
    expect(reviewItems(files, 120, '2015-03-31')).toEqual([]);
    expect(reviewItems(files, 120, '2015-04-01')).toEqual([{ file: 'd.yaml', line: 5, label: 'threshold', reviewed: '2014-06-01', due: '2024-06-01', reason: 'changed', changedOn: '2015-04-01' }]);
  });
});
