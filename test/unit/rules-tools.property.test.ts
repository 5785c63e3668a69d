import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { traceCondition } from '../../src/core/explain/conditions.js';
import { compileCondition, TRUE } from '../../src/core/recommend/conditions.js';
import { UserError } from '../../src/errors.js';
import { witness } from '../../src/rules-tools/lint.js';
import { addMonths } from '../../src/rules-tools/outdated.js';
import type { Condition } from '../../src/pack/schema.js';
import { loadRuleTests } from '../../src/rules-tools/tests/load.js';
import { defaultPack } from '../helpers/engine.js';

const data = defaultPack().data;
const RUNS = Number(process.env.KOUIKI_FUZZ_RUNS ?? 300);

// Conditions over a few facts of each type (and the derived category), as rules write them.
const FACTS: Record<string, (string | boolean)[]> = {
  needsLegalEntity: [true, false],
  prefectureParty: [true, false],
  mode: data.facts.find((f) => f.id === 'mode')!.values!.map((v) => v.id),
  frequency: ['rare', 'regular'],
  category: data.categories.map((c) => c.id),
};
const factName = fc.constantFrom(...Object.keys(FACTS));
const leaf: fc.Arbitrary<Condition> = factName.chain((f) =>
  fc.oneof(
    fc.constantFrom(...FACTS[f]!).map((v) => ({ fact: f, is: v }) as Condition),
    fc.subarray(FACTS[f]!, { minLength: 1 }).map((vs) => ({ fact: f, in: vs }) as Condition),
  ),
);
const textLeaf: fc.Arbitrary<Condition> = fc.subarray(['ごみ', '消防', 'waste', '審査会'], { minLength: 1 }).map((t) => ({ text: t }));
const condition = (withText: boolean): fc.Arbitrary<Condition> =>
  fc.letrec<{ c: Condition }>((tie) => ({
    c: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      withText ? fc.oneof(leaf, textLeaf) : leaf,
      fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
      fc.array(tie('c'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
      tie('c').map((not) => ({ not })),
    ),
  })).c;
const assignment = fc.record(Object.fromEntries(Object.entries(FACTS).map(([k, vs]) => [k, fc.option(fc.constantFrom(...vs), { nil: null })])));

const TRI = ['false', 'true', 'unknown'] as const;

describe('explain evaluates conditions exactly as the engine does', () => {
  it('the traced result of any condition equals the compiled one, for any facts and text', () => {
    fc.assert(
      fc.property(condition(true), assignment, fc.constantFrom('', 'ごみ処理', '介護認定審査会', 'waste and fire'), (c, facts, text) => {
        const compiled = compileCondition(c)({ facts, text: text.toLowerCase(), matched: [] });
        expect(traceCondition(c, facts, text.toLowerCase()).result).toBe(TRI[compiled]);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('rules validate: the overlap search of unique tables', () => {
  it('a witness makes both conditions hold; no witness means no assignment does', () => {
    fc.assert(
      fc.property(condition(false), condition(false), fc.array(assignment, { minLength: 20, maxLength: 20 }), (a, b, samples) => {
        const w = witness(data, a, b);
        const holds = (c: Condition, facts: Record<string, unknown>) => compileCondition(c)({ facts, text: '', matched: [] }) === TRUE;
        if (w) {
          const facts = Object.fromEntries(Object.keys(FACTS).map((k) => [k, w.get(k) ?? null]));
          expect(holds(a, facts) && holds(b, facts)).toBe(true);
        } else {
          for (const s of samples) expect(holds(a, s) && holds(b, s)).toBe(false);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('rules test: the test-file parser', () => {
  it('any YAML document is either read or refused with a user error (exit 2), never a crash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kouiki-cases-'));
    const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('council', 'recommended', '2026-11-23', 'x'));
    const doc = fc.record(
      {
        asOf: fc.oneof(fc.constant('2026-11-23'), fc.string()),
        cases: fc.array(
          fc.record(
            {
              name: fc.string({ minLength: 1, maxLength: 8 }),
              task: fc.oneof(fc.constant({ name: 'x' }), fc.dictionary(fc.constantFrom('name', 'facts', 'category', 'zz'), value)),
              instrument: fc.constantFrom('council', 'nope'),
              expect: fc.dictionary(fc.constantFrom('rank1', 'verdicts', 'tier', 'order', 'zz'), fc.oneof(value, fc.dictionary(fc.constantFrom('council', 'consignment'), value))),
            },
            { requiredKeys: ['name'] },
          ),
          { maxLength: 3 },
        ),
      },
      { requiredKeys: [] },
    );
    let n = 0;
    fc.assert(
      fc.property(doc, (d) => {
        const file = join(dir, `c${n++}.yaml`);
        writeFileSync(file, stringify(d));
        try {
          const cases = loadRuleTests([file], data);
          for (const c of cases) expect(Object.keys(c.expect).length).toBeGreaterThan(0);
        } catch (err) {
          expect(err).toBeInstanceOf(UserError);
          expect((err as UserError).exitCode).toBe(2);
          for (const d2 of (err as UserError).details) expect(d2.position?.line).toBeGreaterThan(0);
        }
      }),
      { numRuns: Math.min(RUNS, 200) },
    );
  });
});

describe('rules outdated: adding months', () => {
  it('lands in the right month, never past its last day, and is monotonic', () => {
    const date = fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2200, 0, 1)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 240 }), (d, m) => {
        const out = addMonths(d, m);
        const [y, mo, day] = d.split('-').map(Number) as [number, number, number];
        const [oy, om, od] = out.split('-').map(Number) as [number, number, number];
        expect(oy * 12 + om - (y * 12 + mo)).toBe(m);
        expect(od).toBeLessThanOrEqual(day);
        expect(out >= d).toBe(true);
        expect(new Date(`${out}T00:00:00Z`).toISOString().slice(0, 10)).toBe(out);
      }),
      { numRuns: RUNS },
    );
  });
});
