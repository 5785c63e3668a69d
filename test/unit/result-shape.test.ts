import { describe, expect, it } from 'vitest';
import { compilePack } from '../../src/core/recommend/compile.js';
import { evaluateTask } from '../../src/core/recommend/evaluate.js';
import { defaultPack, recommend } from '../helpers/engine.js';

const CORE = ['cooperation-agreement', 'council', 'joint-body', 'consignment', 'proxy-execution', 'partial-affairs-union', 'regional-federation'];

describe('the JSON contract of a result (§6)', () => {
  it('lists every core instrument exactly once, ranked 1..n, scores in [0,1], not-allowed last', () => {
    for (const asOf of ['1990-01-01', '2014-01-01', '2026-11-23']) {
      const r = recommend({ name: 'x', facts: { multipleAffairs: true, includesPrefecture: true } }, { asOf });
      const ids = r.recommendations.map((x) => x.instrument);
      for (const id of CORE) expect(ids.filter((x) => x === id)).toHaveLength(1);
      expect(r.recommendations.map((x) => x.rank)).toEqual(ids.map((_, i) => i + 1));
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
    const task = { id: 't', name: 'x', category: 'wide-area-issue', facts: {} };
    const top = evaluateTask(cp, task, { procedure: 'top' });
    expect(top.recommendations.filter((x) => x.procedure).map((x) => x.rank)).toEqual([1]);
    const all = evaluateTask(cp, task, { procedure: 'recommended' });
    for (const x of all.recommendations) expect(Boolean(x.procedure)).toBe(x.verdict === 'recommended' || x.rank === 1);
  });

  it('infers a missing category and shows the evidence; says "unknown" when it cannot', () => {
    const r = recommend({ name: '鳥獣被害対策' });
    expect(r.category).toMatchObject({ id: 'wide-area-issue', inferred: true });
    expect(r.category.evidence).toContain('鳥獣 (name)');
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
