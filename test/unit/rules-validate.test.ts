import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPosition, UserError, type ProblemDetail } from '../../src/errors.js';
import { defaultRulesDir } from '../../src/io/paths.js';
import { lintPack } from '../../src/rules-tools/lint.js';
import { inspectPackDir, makeLocator } from '../../src/rules-tools/load.js';
import { ROOT } from '../helpers/cli.js';
import { defaultPack } from '../helpers/engine.js';
import { copyPack, lineOf } from '../helpers/pack-copy.js';

/** Every problem `kouiki rules validate` would report, as `file:line:col: message`. */
function validate(dir: string): string[] {
  const insp = inspectPackDir(dir);
  const problems: ProblemDetail[] = [...insp.problems, ...(insp.pack ? lintPack(insp.pack.data, makeLocator(insp.parsed, dir)) : [])];
  return problems.map((p) => `${p.position ? formatPosition(p.position) : ''}: ${p.message.en}`);
}

/** The one problem found, which must be at `file` on the line holding `needle`. */
function onlyProblem(dir: string, file: string, needle: string): string {
  const found = validate(dir);
  expect(found, found.join('\n')).toHaveLength(1);
  const path = join(dir, file);
  expect(found[0]).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${lineOf(path, needle)}:\\d+: `));
  return found[0]!;
}

describe('rules validate: the shipped packs are clean', () => {
  it('the default pack has no problem', () => {
    expect(validate(defaultRulesDir())).toEqual([]);
  });
  it('the example prefecture pack has no problem', () => {
    expect(validate(join(ROOT, 'examples/rule-packs/kanagawa'))).toEqual([]);
  });
});

describe('rules validate: tables that must be unique', () => {
  it('two cases of a decision table that can both hold (facilityBurden low and [low, high])', () => {
    const dir = copyPack({ 'recommend/workload.yaml': [['      - if: low\n', '      - if: [low, high]\n']] });
    expect(onlyProblem(dir, 'recommend/workload.yaml', '- if: [low, high]')).toContain('cases 1 and 2 can both hold (e.g. facilityBurden=high)');
  });
  it('a rule declared hit: unique whose condition cases overlap (setupUrgency high, and high with coordination)', () => {
    const dir = copyPack({ 'recommend/workload.yaml': [['    fact: setupUrgency\n', '    fact: setupUrgency\n    hit: unique\n']] });
    expect(onlyProblem(dir, 'recommend/workload.yaml', '{ fact: setupUrgency, is: high }, { fact: mode, is: coordination }')).toContain('setupUrgency=high, mode=coordination');
  });
  it('hit: collect allows overlapping cases', () => {
    const dir = copyPack({ 'recommend/workload.yaml': [['      - if: low\n', '      - if: [low, high]\n'], ['    fact: facilityBurden\n', '    fact: facilityBurden\n    hit: collect\n']] });
    expect(validate(dir)).toEqual([]);
  });
  it('a keyword in two categories (the inference would tie)', () => {
    const dir = copyPack({ 'categories/wide-area-issue.yaml': [['ja: [広域的課題, 自然環境,', 'ja: [広域的課題, 観光, 自然環境,']] });
    const found = validate(dir);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('keyword "観光" also belongs to category wide-area-issue');
  });
  it('a mode mapped to two council kinds', () => {
    const dir = copyPack({ 'instruments/council.yaml': [['    modes: [coordination]\n', '    modes: [coordination, planning]\n']] });
    expect(onlyProblem(dir, 'instruments/council.yaml', 'modes: [planning]')).toContain('mode "planning" is also mapped to council/liaison');
  });
  it('a municipality kind both allowed and excluded', () => {
    const dir = copyPack({ 'instruments/consignment.yaml': [['    allowed: [ordinary, special-ward, unions]\n', '    allowed: [ordinary, special-ward, unions]\n    excluded: [town]\n']] });
    expect(validate(dir).join('\n')).toContain('municipality kind "town" is both allowed and excluded');
  });
  it('an instrument twice in ranking.order', () => {
    const dir = copyPack({ 'pack.yaml': [['    - voluntary-council\n', '    - voluntary-council\n    - council\n']] });
    expect(validate(dir).join('\n')).toContain('ranking.order lists "council" twice');
  });
});

describe('rules validate: references and citations', () => {
  it('an unknown instrument in a category, with its position', () => {
    const dir = copyPack({ 'categories/regional-vitality.yaml': [['instruments: [cooperation-agreement]\n', 'instruments: [cooperation-agreemnt]\n']] });
    expect(onlyProblem(dir, 'categories/regional-vitality.yaml', 'cooperation-agreemnt')).toContain('unknown instrument "cooperation-agreemnt"');
  });
  it('an unknown fact in a condition', () => {
    const dir = copyPack({ 'recommend/legal-limits.yaml': [['{ fact: multipleAffairs, is: true }, { fact: prefectureParty, is: true }', '{ fact: multipleAffair, is: true }, { fact: prefectureParty, is: true }']] });
    expect(validate(dir).join('\n')).toContain('unknown fact "multipleAffair"');
  });
  it('an unknown parameter in a message (a {placeholder} nothing fills)', () => {
    const dir = copyPack({ 'recommend/workload.yaml': [['en: "suits the mode \\"{value}\\""', 'en: "suits the mode \\"{valu}\\""']] });
    expect(onlyProblem(dir, 'recommend/workload.yaml', '{valu}')).toContain('unknown parameter {valu}');
  });
  it('an unknown source and an S# that is not in the fact sheet', () => {
    const dir = copyPack({ 'recommend/workload.yaml': [['ref: { source: lac, article: "252-17", paragraph: 1 }', 'ref: { source: lax, article: "252-17", paragraph: 1, via: [S999] }']] });
    const found = validate(dir).join('\n');
    expect(found).toContain('source "lax" is not declared under sources: (pack.yaml or sources/*.yaml)');
    expect(found).toContain('via "S999" is neither a source of the fact sheet');
  });
  it('a legal value without a citation', () => {
    const dir = copyPack({ 'instruments/cooperation-agreement.yaml': [['    text: { ja: "なし（組織を作らない）", en: "none (creates no organisation)" }\n    ref: { source: legal-facts, section: "0", via: [S16, S17, S64] }\n', '    text: { ja: "なし（組織を作らない）", en: "none (creates no organisation)" }\n']] });
    expect(validate(dir).join('\n')).toContain('value "legalPersonality" has no citation (ref:)');
  });
  it('not-allowed resting on an unconfirmed citation (contract §2)', () => {
    const dir = copyPack({ 'recommend/legal-limits.yaml': [['            cap: not-allowed\n', '            cap: not-allowed\n            ref: { source: lac, article: "285", status: unconfirmed }\n']] });
    expect(onlyProblem(dir, 'recommend/legal-limits.yaml', 'cap: not-allowed')).toContain('not-allowed rests on an unconfirmed citation');
  });
  it('a dated value whose until is not after its last change', () => {
    const data = { ...defaultPack().data, extra: { designations: [{ id: 'core-city', threshold: { values: { '1995-04-01': { value: 300000, ref: { source: 'lac', article: '252-22' } } }, until: '1990-01-01', reviewed: '2026-11-23' } }] } };
    const found = lintPack(data, { at: (c, id, path) => ({ file: `${c}/${id}/${path.join('/')}` }) });
    expect(found.map((p) => `${p.position!.file}: ${p.message.en}`)).toEqual(['designations/core-city/threshold/until: until (1990-01-01) is not after the last effective date 1995-04-01']);
  });
});

describe('rules validate: schema and merge problems are collected, not fatal; bad YAML is', () => {
  it('a value of the wrong type is a positioned problem', () => {
    const dir = copyPack({ 'recommend/named-by-sources.yaml': [['    weight: 0.25\n', '    weight: heavy\n']] });
    expect(onlyProblem(dir, 'recommend/named-by-sources.yaml', 'weight: heavy')).toContain('"weight": expected number, got string');
  });
  it('a custom pack replacing a default rule without naming it, and naming one it does not replace', () => {
    const dir = copyPack({ 'pack.yaml': [['  - rules/capacity-gap ', '  - rules/frequency '], ['  - categories/wide-area-issue   # one more local keyword (丹沢)\n', '  - categories/wide-area-issue\n']] }, join(ROOT, 'examples/rule-packs/kanagawa'));
    const found = validate(dir).join('\n');
    expect(found).toMatch(/recommend\/capacity-gap\.yaml:\d+:\d+: rules\/capacity-gap is already defined by the default pack; to replace it, list rules\/capacity-gap under overrides: in pack\.yaml/);
    expect(found).toMatch(/pack\.yaml:\d+:\d+: overrides names rules\/frequency, but this pack does not replace it/);
  });
  it('invalid YAML cannot be read: a UserError with exit code 2', () => {
    const dir = copyPack({ 'facts/index.yaml': [['version: 1\n', 'version: 1\nx: [\n']] });
    let err: unknown;
    try {
      inspectPackDir(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).exitCode).toBe(2);
  });
});
