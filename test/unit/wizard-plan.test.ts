import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileCondition, FALSE, TRUE } from '../../src/core/recommend/conditions.js';
import { askOrder, emptyAnswers, makePlan, missingRequired, nextQuestion, resolveSkips, taskOf, type Answers } from '../../src/core/wizard/plan.js';
import { loadPackDir } from '../../src/rules-tools/load.js';
import { defaultPack } from '../helpers/engine.js';

const plan = makePlan(defaultPack().data);

function answers(init: Partial<Answers> & { given?: Record<string, unknown> }): Answers {
  const a = emptyAnswers();
  Object.assign(a, { ...init, given: undefined });
  for (const [k, v] of Object.entries(init.given ?? {})) {
    a.facts[k] = v as never;
    a.origin[k] = 'given';
  }
  return a;
}

describe('the wizard plan (questions, order and skips from rules/facts.yaml)', () => {
  it('asks the facts by their order: the mode first, then who takes part, then what the task needs', () => {
    expect(plan.facts.map((f) => f.id)).toEqual([
      'mode',
      'parties',
      'includesPrefecture',
      'crossPrefecture',
      'needsLegalEntity',
      'retainAuthority',
      'commissionAffair',
      'receiverHasCommission',
      'keepOwnOrdinances',
      'stateDelegation',
      'delegationSource',
      'delegationStatute',
      'facilityBurden',
      'frequency',
      'capacityGap',
      'centralCityStatus',
      'setupUrgency',
      'beyondMunicipalEffort',
      'multipleAffairs',
    ]);
    // A fact without an order comes last, in file order.
    expect(askOrder([{ id: 'a' }, { id: 'b', order: 2 }, { id: 'c' }, { id: 'd', order: 1 }]).map((f) => f.id)).toEqual(['d', 'b', 'a', 'c']);
  });

  it('coordination alone implies no legal entity and no delegated powers, and then a multi-purpose union cannot arise', () => {
    const a = answers({ name: 'x', category: 'wide-area-issue', given: { mode: 'coordination' } });
    const changes = resolveSkips(plan, a);
    expect(changes.map((c) => `${c.kind}:${c.fact}`)).toEqual([
      'implied:needsLegalEntity',
      'skipped:commissionAffair',
      'skipped:receiverHasCommission',
      'skipped:keepOwnOrdinances',
      'implied:stateDelegation',
      'skipped:delegationSource',
      'skipped:delegationStatute',
      'skipped:centralCityStatus',
      'skipped:multipleAffairs',
    ]);
    expect(a.facts).toMatchObject({ needsLegalEntity: false, stateDelegation: false });
    expect(a.origin.needsLegalEntity).toBe('implied');
    expect(nextQuestion(plan, a)?.id).toBe('parties');
    // Resolving again changes nothing.
    expect(resolveSkips(plan, a)).toEqual([]);
    // What the user said always wins over an implication.
    const b = answers({ name: 'x', category: 'wide-area-issue', given: { mode: 'coordination', needsLegalEntity: true } });
    resolveSkips(plan, b);
    expect(b.facts.needsLegalEntity).toBe(true);
    expect(b.skipped.multipleAffairs).toBeUndefined();
  });

  it('a changed answer withdraws what it implied, so the question is asked again', () => {
    const a = answers({ name: 'x', category: 'essential-service', given: { mode: 'coordination' } });
    resolveSkips(plan, a);
    a.facts.mode = 'joint-operation';
    a.origin.mode = 'asked';
    const changes = resolveSkips(plan, a);
    expect(changes.map((c) => `${c.kind}:${c.fact}`)).toEqual(['reopened:needsLegalEntity', 'reopened:stateDelegation']);
    expect('needsLegalEntity' in a.facts).toBe(false);
    expect(a.skipped.multipleAffairs).toBeUndefined();
    expect(nextQuestion(plan, a)?.id).toBe('parties');
  });

  it('a list of parties answers whether a prefecture takes part (an empty list does not)', () => {
    const a = answers({ name: 'x', category: 'essential-service', given: { parties: [{ name: 'A町', kind: 'town' }] } });
    resolveSkips(plan, a);
    expect(a.skipped.includesPrefecture).toBeDefined();
    expect('includesPrefecture' in a.facts).toBe(false); // not invented: the engine reads the list
    const b = answers({ name: 'x', category: 'essential-service', given: { parties: [] } });
    resolveSkips(plan, b);
    expect(b.skipped.includesPrefecture).toBeUndefined();
  });

  it('the central city is asked about only for the categories whose rules read it (003 5(3), 3(1))', () => {
    for (const [category, skipped] of [
      ['wide-area-issue', true],
      ['essential-service', true],
      ['regional-vitality', false],
      ['core-city-service', false],
      ['administrative-efficiency', false],
    ] as const) {
      const a = answers({ name: 'x', category });
      resolveSkips(plan, a);
      expect(a.skipped.centralCityStatus !== undefined, category).toBe(skipped);
    }
    // An inferred category counts too (non-interactive runs).
    const inferred = answers({ name: '鳥獣被害対策' });
    resolveSkips(plan, inferred);
    expect(inferred.skipped.centralCityStatus).toBeDefined();
  });

  it('requires a name and a category given or inferable; "don\'t know" stays null in the task', () => {
    expect(missingRequired(plan, emptyAnswers())).toEqual(['name', 'category']);
    expect(missingRequired(plan, answers({ name: '共同事業' }))).toEqual(['category']);
    expect(missingRequired(plan, answers({ name: '共同事業', description: 'ごみ処理施設' }))).toEqual([]);
    expect(missingRequired(plan, answers({ name: '共同事業', category: 'essential-service' }))).toEqual([]);
    const t = taskOf(answers({ name: 'n', given: { capacityGap: null, mode: 'planning' } }));
    expect(t).toEqual({ id: '1', name: 'n', facts: { capacityGap: null, mode: 'planning' } });
  });

  it('{ known: FACT } holds when the fact was stated (a list: with an entry); it is never unknown', () => {
    const c = compileCondition({ known: 'parties' });
    const ctx = (v: unknown) => ({ facts: { parties: v }, text: '', matched: [] });
    expect(c(ctx(null))).toBe(FALSE);
    expect(c(ctx(undefined))).toBe(FALSE);
    expect(c(ctx([]))).toBe(FALSE);
    expect(c(ctx([{ name: 'A', kind: 'town' }]))).toBe(TRUE);
    expect(compileCondition({ known: 'mode' })({ facts: { mode: 'planning' }, text: '', matched: [] })).toBe(TRUE);
  });
});

describe('skip rules in a rule pack are checked when it loads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kouiki-skip-pack-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a skip that reads a later question, a derived fact, or implies a value the fact does not have', () => {
    writeFileSync(join(dir, 'pack.yaml'), 'name: skip-test\npackVersion: "1"\ntitle: { ja: テスト, en: test }\nreviewed: 2026-11-23\nextends: default\noverrides: [facts/mode, facts/setupUrgency, facts/frequency]\n');
    writeFileSync(
      join(dir, 'facts.yaml'),
      `facts:
  - id: mode
    type: enum
    label: { ja: "連携の形", en: "Mode" }
    question: { ja: "形は？", en: "Mode?" }
    help: { ja: "h", en: "h" }
    values: [{ id: coordination, label: { ja: "調整", en: "coordination" } }, { id: planning, label: { ja: "計画", en: "planning" } }, { id: joint-organ, label: { ja: "機関", en: "organ" } }, { id: delegate-execution, label: { ja: "執行", en: "delegate" } }, { id: joint-operation, label: { ja: "運営", en: "operation" } }]
    order: 10
    skipIf:
      - when: { fact: capacityGap, is: true }
        reason: { ja: "r", en: "r" }
  - id: setupUrgency
    type: enum
    label: { ja: "急ぎ", en: "Urgency" }
    question: { ja: "急ぐ？", en: "Urgent?" }
    help: { ja: "h", en: "h" }
    values: [{ id: high, label: { ja: "急ぐ", en: "urgent" } }, { id: normal, label: { ja: "通常", en: "normal" } }]
    order: 120
    skipIf:
      - when: { fact: prefectureParty, is: true }
        reason: { ja: "r", en: "r" }
  - id: frequency
    type: enum
    label: { ja: "頻度", en: "Frequency" }
    question: { ja: "頻度は？", en: "How often?" }
    help: { ja: "h", en: "h" }
    values: [{ id: rare, label: { ja: "まれ", en: "rare" } }, { id: regular, label: { ja: "恒常", en: "regular" } }]
    order: 90
    skipIf:
      - when: { known: mode }
        implies: sometimes
        reason: { ja: "r", en: "r" }
`,
    );
    const { problems } = loadPackDir(dir, { collectProblems: true });
    const texts = problems.sort((x, y) => (x.position?.line ?? 0) - (y.position?.line ?? 0)).map((p) => `${p.position?.file}:${p.position?.line}: ${p.message.en}`);
    expect(texts).toEqual([
      expect.stringMatching(/facts\.yaml:10: the skip condition reads "capacityGap", which is asked after this question/),
      expect.stringMatching(/facts\.yaml:20: a skip condition may read declared facts and category only \(not "prefectureParty"\)/),
      expect.stringMatching(/facts\.yaml:31: "frequency" has no value "sometimes"/),
    ]);
  });
});
