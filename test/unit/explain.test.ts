import { describe, expect, it } from 'vitest';
import { explainRecommendation } from '../../src/core/explain/recommend.js';
import { eligibilityTree, recommendationTree } from '../../src/core/explain/tree.js';
import type { ConditionTrace, EligibilityExplanation } from '../../src/core/explain/types.js';
import { compilePack } from '../../src/core/recommend/compile.js';
import { evaluateTask } from '../../src/core/recommend/evaluate.js';
import type { Task } from '../../src/schemas/task.js';
import { renderMarkdown, renderTextTree } from '../../src/report/explain.js';
import { defaultPack } from '../helpers/engine.js';

const task = (t: Partial<Task>): Task => ({ id: '1', name: 'x', facts: {}, ...t });
const explain = (t: Partial<Task>, asOf = '2026-11-23', lang: 'ja' | 'en' = 'en') => explainRecommendation(compilePack(defaultPack(), lang, asOf), task(t));

function leaves(c: ConditionTrace): ConditionTrace[] {
  return c.op === 'all' || c.op === 'any' ? c.of.flatMap(leaves) : c.op === 'not' ? leaves(c.of) : [c];
}

describe('explain: the trace is what the engine did', () => {
  const t = { name: '専門的な事務', category: 'essential-service', facts: { retainAuthority: true, capacityGap: true, parties: [{ name: '甲町', kind: 'town' as const }] } };

  it('gives the same ranking, verdicts and scores as the engine without a trace (the trace costs nothing when absent)', () => {
    const cp = compilePack(defaultPack(), 'en', '2026-11-23');
    const plain = evaluateTask(cp, task(t), { procedure: 'recommended' });
    const { explanation, result } = explainRecommendation(cp, task(t));
    expect(result).toEqual(plain);
    expect(explanation.instruments.map((i) => [i.instrument, i.rank, i.verdict, i.score])).toEqual(plain.recommendations.map((r) => [r.instrument, r.rank, r.verdict, r.score]));
  });

  it('lists every rule of the pack, every case of each, and both operands of every comparison', () => {
    const { explanation } = explain(t);
    const ruleIds = defaultPack().data.rules.map((r) => r.id);
    expect(explanation.rules.map((r) => r.rule).sort()).toEqual([...ruleIds].sort());
    for (const r of explanation.rules) {
      const def = defaultPack().data.rules.find((x) => x.id === r.rule)!;
      if (def.cases) expect(r.cases).toHaveLength(def.cases.length);
      for (const c of r.cases ?? []) {
        for (const leaf of leaves(c.when)) {
          if (leaf.op === 'is' || leaf.op === 'in') {
            expect(leaf).toHaveProperty('actual');
            expect(leaf).toHaveProperty('expected');
          }
        }
      }
    }
    const authority = explanation.rules.find((r) => r.rule === 'authority')!;
    expect(authority.outcome).toBe('applied');
    expect(authority.cases![0]!.when).toEqual({ op: 'is', fact: 'retainAuthority', actual: true, expected: true, result: 'true' });
    expect(authority.cases![1]!.when).toMatchObject({ actual: true, expected: false, result: 'false' });
  });

  it("each instrument's score is its base plus its contributions, and every contribution cites its source", () => {
    const { explanation } = explain(t);
    for (const i of explanation.instruments) {
      const sum = i.base + i.contributions.reduce((a, c) => a + c.weight, 0);
      expect(i.sum).toBeCloseTo(sum, 10);
      if (i.verdict !== 'not-allowed') expect(i.score).toBeCloseTo(Math.min(1, Math.max(0, sum)), 10);
      for (const c of i.contributions) expect(c.citation).not.toBe('');
    }
    const consignment = explanation.instruments.find((i) => i.instrument === 'consignment')!;
    expect(consignment.cap).toBe('unsuitable');
    expect(consignment.because).toContain('authority');
  });

  it('names the key of the ranking for each adjacent pair, with the pack’s PRIORITY reason on a tie', () => {
    const { explanation } = explain({ name: 'x' });
    expect(explanation.ranking.pairs).toHaveLength(explanation.instruments.length - 1);
    const tie = explanation.ranking.pairs.find((p) => p.by === 'priority')!;
    expect(tie.message).toMatch(/^PRIORITY: .+ above .+ because on a tie, the lighter instrument to set up first/);
    expect(tie.citation).toBe('Local Autonomy Act Art. 252-6-2(1), Art. 252-7-2(1), Art. 252-14(2), Art. 286-2(1), Art. 291-3(1)');
    const ja = explain({ name: 'x' }, '2026-11-23', 'ja').explanation.ranking.pairs.find((p) => p.by === 'priority')!;
    expect(ja.message).toMatch(/^優先順位: [^ ]+が[^ ]+より上（判定と点数が同じ）/);
  });

  it('lists the facts given, derived (with their source) and unknown', () => {
    const { explanation } = explain(t);
    const f = (id: string) => explanation.facts.find((x) => x.id === id)!;
    expect(f('retainAuthority')).toMatchObject({ status: 'given', value: true });
    expect(f('prefectureParty')).toMatchObject({ status: 'derived', value: false, from: 'parties' });
    expect(f('needsLegalEntity')).toMatchObject({ status: 'unknown', value: null });
    expect(explanation.unknownFacts).toContain('needsLegalEntity');
  });
});

describe('explain: the prefecture’s support measures (000 第2章3) and their conditions', () => {
  it('lists every measure with its condition evaluated and whether it is shown', () => {
    const { explanation } = explain({ name: '簡易水道の更新', facts: { beyondMunicipalEffort: true, capacityGap: true } });
    const m = (id: string) => explanation.measures!.find((x) => x.id === id)!;
    expect(m('staff-support')).toMatchObject({ shown: true, instrument: 'staff-dispatch', when: { op: 'is', fact: 'capacityGap', actual: true, expected: true, result: 'true' } });
    expect(m('coordination')).toMatchObject({ shown: false, when: { op: 'any', result: 'unknown' } });
    expect(m('power-transfer')).toMatchObject({ shown: true });
    expect(m('power-transfer').when).toBeUndefined();
    expect(explain({ name: 'x', facts: { beyondMunicipalEffort: false } }).explanation.measures).toBeUndefined();
  });
  it('fills {matched} in the messages of text cases with the words that matched', () => {
    const typical = explain({ name: '簡易水道の更新' }).explanation.rules.find((r) => r.rule === 'typical-use')!;
    const hit = typical.cases!.find((c) => c.result === 'true')!;
    expect(hit.effects[0]!.message).toBe('an affair with proxy-execution precedents (簡易水道)');
  });
});

describe('explain: parameters read for --as-of, with the effective date chosen (施行令附則（平成26年政令第345号）第1条)', () => {
  const param = (asOf: string, id: string) => explain({ name: 'x' }, asOf).explanation.parameters.find((p) => p.id === id)!;

  it('before 2014-11-01 連携協約 is not yet in force, until the day the cabinet order named', () => {
    expect(param('2014-10-31', 'instruments/cooperation-agreement/inForce')).toMatchObject({ value: 'not-yet', from: null, until: '2014-11-01', kind: 'law' });
  });
  it('from 2014-11-01 it is in force, and the history shows each period (no period in doubt any more)', () => {
    const p = param('2014-11-01', 'instruments/cooperation-agreement/inForce');
    expect(p).toMatchObject({ value: 'in-force', from: '2014-11-01', until: null });
    expect(p.history!.map((h) => [h.from, h.value])).toEqual([
      [null, 'not-yet'],
      ['2014-11-01', 'in-force'],
    ]);
    expect(p.citation).toContain('Cabinet Order No. 345 of 2014 Suppl. Provisions Art. 1');
  });
  it('広域連合 and Art. 291-2 from 1995-06-15 (施行令附則（平成7年政令第237号）1): the federation route is listed as not yet effective before', () => {
    expect(param('1995-06-14', 'instruments/regional-federation/inForce').value).toBe('not-yet');
    expect(param('1995-06-15', 'instruments/regional-federation/inForce')).toMatchObject({ value: 'in-force', from: '1995-06-15' });
    const before = explain({ name: 'x', facts: { stateDelegation: true } }, '1995-06-14').explanation;
    expect(before.rules.find((r) => r.rule === 'federation-powers')).toMatchObject({ outcome: 'not-yet-effective', effective: '1995-06-15' });
    expect(param('1995-06-14', 'rules/federation-powers/effective')).toMatchObject({ value: 'not-yet', until: '1995-06-15' });
  });
  it('scoring settings are shown as the pack’s settings, not as law', () => {
    expect(param('2026-11-23', 'settings/recommendedAt')).toMatchObject({ value: 0.7, kind: 'setting' });
  });
});

describe('explain: renderers', () => {
  it('draws an indented tree whose long lines wrap under their branch', () => {
    const { explanation } = explain({ name: 'x', facts: { retainAuthority: true } });
    const text = renderTextTree(recommendationTree(explanation, 'en', { asOf: '2026-11-23', pack: 'kouiki-default 2026.11.1' }), 80);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Explanation: x \(1\)/);
    expect(lines.some((l) => l.startsWith('├─ Rules'))).toBe(true);
    expect(lines.some((l) => /^│  ├─ authority — Where authority sits \(retainAuthority\): applied/.test(l))).toBe(true);
    expect(text).toContain('retainAuthority is true: actual true → true');
  });

  it('writes Markdown with a heading per section and nested lists', () => {
    const { explanation } = explain({ name: 'x' }, '2026-11-23', 'ja');
    const md = renderMarkdown(recommendationTree(explanation, 'ja', { asOf: '2026-11-23', pack: 'p 1' }));
    expect(md).toMatch(/^## 説明: x \(1\)/);
    expect(md).toContain('\n### ルール（評価した順。全ての条件を評価）\n\n- in-force');
    expect(md).toMatch(/\n {2}- /);
  });

  it('renders the eligibility variant from a hand-made explanation', () => {
    const x: EligibilityExplanation = {
      kind: 'eligibility',
      municipality: { name: '甲市', merged: ['甲市'] },
      designation: { id: 'core-city', name: '中核市', citation: '地方自治法第252条の22第1項' },
      figures: [{ id: 'population', value: 210000, source: '令和2年国勢調査' }],
      parameters: [{ id: 'designations/core-city/population', value: 200000, from: '2015-04-01', until: null, citation: 'X', kind: 'law', history: [{ from: '1995-04-01', value: 300000 }, { from: '2015-04-01', value: 200000 }] }],
      criteria: [{ id: 'population', status: 'pass', actual: 210000, required: '>= 200000', comparison: { op: '>=', threshold: 200000, parameter: 'designations/core-city/population' }, citation: '地方自治法第252条の22第1項' }],
      exceptions: [],
      eligible: true,
      because: 'every criterion passes',
      steps: [{ step: '議会の議決', citation: '地方自治法第252条の24' }],
      notes: [],
      result: { designation: 'core-city', eligible: true, criteria: [] },
    };
    const text = renderTextTree(eligibilityTree(x, 'en', { asOf: '2026-11-23', pack: 'p 1' }), 100);
    expect(text).toContain('population: pass — 210,000 / >= 200000');
    expect(text).toContain('compared: 210,000 >= 200,000 — designations/core-city/population');
    expect(text).toContain('designations/core-city/population = 200,000 (since 2015-04-01)');
    expect(text).toContain('2015-04-01: 200,000 ←');
    expect(text).toContain('Result: meets the criteria (eligible: true) — every criterion passes');
  });
});
