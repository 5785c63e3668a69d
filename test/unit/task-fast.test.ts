import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MUNICIPALITY_KINDS } from '../../src/schemas/common.js';
import { normalizeTasks, taskListSchema } from '../../src/schemas/task.js';
import { tasksOfCommonShape } from '../../src/schemas/task-fast.js';
import { defaultPack } from '../helpers/engine.js';

const data = defaultPack().data;

/** What the zod path gives: the normalised tasks, or null for an error or a duplicate id. */
function viaZod(value: unknown): unknown {
  const r = taskListSchema(data).safeParse(value);
  if (!r.success) return null;
  const tasks = normalizeTasks(r.data.tasks);
  return new Set(tasks.map((t) => t.id)).size === tasks.length ? tasks : null;
}

/** Mostly valid values, with now and then a value of the wrong kind. */
const odd = fc.oneof(fc.constant(null), fc.constant(''), fc.integer(), fc.double(), fc.boolean(), fc.string({ maxLength: 4 }), fc.constant([]), fc.constant({}), fc.constant({ x: 1 }));
const maybeOdd = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 40, arbitrary: valid }, { weight: 1, arbitrary: odd });

const factValue = (f: (typeof data.facts)[number]): fc.Arbitrary<unknown> => {
  if (f.type === 'boolean') return fc.oneof(fc.boolean(), fc.constant(null));
  if (f.type === 'parties') {
    const party = fc.record(
      { name: maybeOdd(fc.string({ minLength: 0, maxLength: 6 })), kind: maybeOdd(fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...MUNICIPALITY_KINDS) }, { weight: 1, arbitrary: fc.constant('county') })) },
      { requiredKeys: ['name', 'kind'], noNullPrototype: true },
    );
    return fc.oneof(fc.array(withStray(party), { maxLength: 3 }), fc.constant(null));
  }
  return fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...f.values!.map((v) => v.id)) }, { weight: 1, arbitrary: fc.constant('no-such-value') }, { weight: 3, arbitrary: fc.constant(null) });
};

/** A record that now and then has a key the schema does not know. */
const withStray = <T>(rec: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 20, arbitrary: rec }, { weight: 1, arbitrary: rec.map((r) => ({ ...r, stray: 1 })) });

const facts = withStray(fc.record(Object.fromEntries(data.facts.map((f) => [f.id, maybeOdd(factValue(f))])), { requiredKeys: [], noNullPrototype: true }));

const id = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 2, arbitrary: fc.integer({ min: -3, max: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(2 ** 53, 2 ** 53 - 1, 1.5, -0, Number.NaN, Number.POSITIVE_INFINITY) },
  { weight: 1, arbitrary: odd },
);

const task = withStray(
  fc.record(
    {
      id,
      name: maybeOdd(fc.string({ minLength: 0, maxLength: 5 })),
      description: maybeOdd(fc.string({ maxLength: 5 })),
      category: maybeOdd(fc.constantFrom(...data.categories.map((c) => c.id), 'no-such-category')),
      facts: maybeOdd(facts),
    },
    { requiredKeys: ['name'], noNullPrototype: true },
  ),
);

const list = withStray(
  fc.record(
    {
      version: fc.constantFrom(1, 1, 1, 2, '1', null),
      tasks: fc.oneof({ weight: 9, arbitrary: fc.array(task, { maxLength: 4 }) }, { weight: 1, arbitrary: odd }),
    },
    { requiredKeys: ['tasks'], noNullPrototype: true },
  ),
);

describe('the common-shape task check (zod stays the judge)', () => {
  it('gives exactly what zod and normalizeTasks give, keys in the same order, or null where they fail', () => {
    let accepted = 0;
    fc.assert(
      fc.property(list, (value) => {
        const fast = tasksOfCommonShape(value, data);
        if (fast !== null) accepted++;
        expect(JSON.stringify(fast)).toBe(JSON.stringify(viaZod(value)));
      }),
      { numRuns: 3000 },
    );
    // The generator reaches both sides (else the comparison would say little).
    expect(accepted).toBeGreaterThan(60);
    expect(accepted).toBeLessThan(2900);
  });

  it('builds new facts and parties in the schema order', () => {
    const value = { tasks: [{ facts: { mode: 'planning', parties: [{ kind: 'town', name: 'A' }], needsLegalEntity: null }, name: 'n', id: 7 }] };
    const fast = tasksOfCommonShape(value, data)!;
    expect(JSON.stringify(fast)).toBe(JSON.stringify(viaZod(value)));
    expect(Object.keys(fast[0]!.facts)).toEqual(data.facts.map((f) => f.id).filter((k) => k in value.tasks[0]!.facts));
    expect(fast[0]!.facts.parties).not.toBe(value.tasks[0]!.facts.parties);
  });

  it('leaves duplicate ids and objects that are not plain to the zod path', () => {
    expect(tasksOfCommonShape({ tasks: [{ name: 'a', id: 'x' }, { name: 'b', id: 'x' }] }, data)).toBeNull();
    expect(tasksOfCommonShape({ tasks: [{ name: 'a', id: 2 }, { name: 'b' }] }, data)).toBeNull();
    expect(tasksOfCommonShape({ tasks: [Object.assign(Object.create({ inherited: 1 }), { name: 'a' })] }, data)).toBeNull();
  });
});
