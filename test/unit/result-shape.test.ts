import { describe, expect, it } from 'vitest';
import { compilePack } from '../../src/core/recommend/compile.js';
import { evaluateTask } from '../../src/core/recommend/evaluate.js';
import { defaultPack, recommend } from '../helpers/engine.js';

const CORE = ['cooperation-agreement', 'council', 'joint-body', 'consignment', 'proxy-execution', 'partial-affairs-union', 'regional-federation'];

describe('the JSON contract of a result (§6)', () => {
  it('lists every core instrument exactly once, competition-ranked (ties share a rank: 1, 1, 3), scores in [0,1], not-allowed last', () => {
    for (const asOf of ['1990-01-01', '2014-01-01', '2026-11-23']) {
      const r = recommend({ name: 'x', facts: { multipleAffairs: true, includesPrefecture: true } }, { asOf });
      const ids = r.recommendations.map((x) => x.instrument);
      for (const id of CORE) expect(ids.filter((x) => x === id)).toHaveLength(1);
      // Competition ranking: an entry's rank is 1 + the number of entries strictly before it, and
      // entries share a rank exactly when verdict and score (and level) are the same.
      r.recommendations.forEach((x, i) => {
        const prev = r.recommendations[i - 1];
        if (prev && prev.verdict === x.verdict && prev.score === x.score && prev.level === x.level) expect(x.rank).toBe(prev.rank);
        else expect(x.rank).toBe(i + 1);
      });
      let seenNotAllowed = false;
      for (const x of r.recommendations) {
        expect(x.score).toBeGreaterThanOrEqual(0);
        expect(x.score).toBeLessThanOrEqual(1);
        expect(['recommended', 'possible', 'unsuitable', 'not-allowed']).toContain(x.verdict);
        if (x.verdict === 'not-allowed') seenNotAllowed = true;
        else expect(seenNotAllowed).toBe(false);
      }
    }
  });

  it('gives the procedure for rank 1 in evaluate, and for every recommended one in recommend', () => {
    const cp = compilePack(defaultPack(), 'en', '2026-11-23');
    const task = { id: 't', name: 'x', category: 'wide-area-issue', facts: { mode: 'delegate-execution' } };
    const top = evaluateTask(cp, task, { procedure: 'top' });
    expect(top.tie).toBeUndefined();
    expect(top.recommendations.filter((x) => x.procedure).map((x) => x.rank)).toEqual([1]);
    const all = evaluateTask(cp, task, { procedure: 'recommended' });
    for (const x of all.recommendations) expect(Boolean(x.procedure)).toBe(x.verdict === 'recommended' || x.rank === 1);
  });

  it('a tie at the top shares rank 1, names the facts that would separate it, and gives no procedure (issue 15 item 9)', () => {
    const cp = compilePack(defaultPack(), 'en', '2026-11-23');
    const r = evaluateTask(cp, { id: 't', name: 'x', facts: {} }, { procedure: 'top' });
    const first = r.recommendations.filter((x) => x.rank === 1);
    expect(first.length).toBeGreaterThan(1);
    expect(r.tie!.instruments).toEqual(first.map((x) => x.instrument));
    expect(r.tie!.separatedBy).toContain('mode');
    expect(r.tie!.separatedBy.every((f) => r.unknownFacts.includes(f))).toBe(true);
    expect(r.recommendations.some((x) => x.procedure)).toBe(false);
    // The facts named do separate: answering one breaks the tie.
    const answered = evaluateTask(cp, { id: 't', name: 'x', facts: { mode: 'planning' } }, { procedure: 'top' });
    expect(answered.recommendations.filter((x) => x.rank === 1).length).toBeLessThan(first.length);
  });

  it('infers a missing category and shows the evidence; says "unknown" when it cannot', () => {
    const r = recommend({ name: '鳥獣被害対策' });
    expect(r.category).toMatchObject({ id: 'wide-area-issue', inferred: true });
    expect(r.category.evidence).toEqual([expect.stringMatching(/^鳥獣被害 \(name\) → Wildlife damage control \[/)]);
    const none = recommend({ name: 'zzz' });
    expect(none.category).toEqual({ id: null, inferred: false, evidence: [] });
    expect(none.unknownFacts).toContain('category');
  });

  it('is deterministic: the same input gives the same object', () => {
    const a = JSON.stringify(recommend({ name: '観光', facts: { mode: 'planning' } }));
    const b = JSON.stringify(recommend({ name: '観光', facts: { mode: 'planning' } }));
    expect(a).toBe(b);
  });

  it('names the council kind the mode calls for', () => {
    const r = recommend({ name: 'x', facts: { mode: 'coordination' } });
    expect(r.recommendations.find((x) => x.instrument === 'council')!.kind).toBe('liaison');
    expect(recommend({ name: 'x' }).recommendations.find((x) => x.instrument === 'council')!.kind).toBeUndefined();
  });
});
