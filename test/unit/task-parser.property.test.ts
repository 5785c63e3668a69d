import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { parseTaskList } from '../../src/io/tasks.js';
import { MUNICIPALITY_KINDS } from '../../src/schemas/common.js';
import { defaultPack } from '../helpers/engine.js';

const data = defaultPack().data;
const bool = fc.option(fc.boolean(), { nil: undefined });
const enumOf = (id: string) => fc.option(fc.constantFrom(...data.facts.find((f) => f.id === id)!.values!.map((v) => v.id)), { nil: undefined });

const factsArb = fc.record(
  {
    parties: fc.array(fc.record({ name: fc.string({ minLength: 1, maxLength: 12 }), kind: fc.constantFrom(...MUNICIPALITY_KINDS) }), { maxLength: 4 }),
    includesPrefecture: bool,
    crossPrefecture: bool,
    needsLegalEntity: bool,
    retainAuthority: bool,
    mode: enumOf('mode'),
    facilityBurden: enumOf('facilityBurden'),
    frequency: enumOf('frequency'),
    stateDelegation: bool,
    capacityGap: bool,
    centralCityStatus: enumOf('centralCityStatus'),
    setupUrgency: enumOf('setupUrgency'),
    beyondMunicipalEffort: bool,
    multipleAffairs: bool,
  },
  { requiredKeys: [] },
);

const taskArb = fc.record(
  {
    name: fc.string({ minLength: 1, maxLength: 30 }),
    description: fc.string({ maxLength: 60 }),
    category: fc.constantFrom(...data.categories.map((c) => c.id)),
    facts: factsArb,
  },
  { requiredKeys: ['name'] },
);

const clean = (o: unknown): unknown => JSON.parse(JSON.stringify(o));

describe('task list parser (property)', () => {
  it('reads back every valid task list it is given, in YAML written any way', () => {
    fc.assert(
      fc.property(fc.array(taskArb, { minLength: 1, maxLength: 5 }), fc.boolean(), (tasks, flow) => {
        const text = stringify({ version: 1, tasks: clean(tasks) }, flow ? { collectionStyle: 'flow' } : {});
        const { tasks: out } = parseTaskList(text, 'gen.yaml', data);
        expect(out).toHaveLength(tasks.length);
        out.forEach((t, i) => {
          expect(t.id).toBe(String(i + 1));
          expect(t.name).toBe(tasks[i]!.name);
          expect(clean(t.facts)).toEqual(clean(tasks[i]!.facts ?? {}));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('the fast parser (large batches) reads exactly what the precise one reads', () => {
    fc.assert(
      fc.property(fc.array(taskArb, { minLength: 1, maxLength: 5 }), fc.boolean(), (tasks, flow) => {
        const text = stringify({ version: 1, tasks: clean(tasks) }, flow ? { collectionStyle: 'flow' } : {});
        const precise = parseTaskList(text, 'gen.yaml', data, Number.POSITIVE_INFINITY);
        const fast = parseTaskList(text, 'gen.yaml', data, 0);
        expect(clean(fast.tasks)).toEqual(clean(precise.tasks));
      }),
      { numRuns: 300 },
    );
  });

  it('a broken large file is still reported with its position', () => {
    const text = `tasks:\n${'  - name: x\n'.repeat(10)}  - name: y\n    category: wide-area\n`;
    expect(() => parseTaskList(text, 'big.yaml', data, 0)).toThrow(UserError);
    try {
      parseTaskList(text, 'big.yaml', data, 0);
    } catch (err) {
      expect((err as UserError).details[0]!.position).toMatchObject({ file: 'big.yaml', line: 13, column: 15 });
    }
  });

  it('answers any text either with tasks or with a positioned UserError, never anything else', () => {
    const fragments = fc.constantFrom('tasks:', '\n  - name: x', '\n    category: wide-area-issue', '\n    facts: {', 'needsLegalEntity: maybe', '}', ']', '&a', '*a', '\t', ': :', '"', "'", '\u0000', '\uFEFF', '- ', '  ', '#c', '\r\n');
    fc.assert(
      fc.property(fc.array(fc.oneof(fragments, fc.string({ maxLength: 8 })), { maxLength: 20 }), (parts) => {
        try {
          parseTaskList(parts.join(''), 'fuzz.yaml', data, parts.length % 2 === 0 ? 0 : Number.POSITIVE_INFINITY);
        } catch (err) {
          expect(err).toBeInstanceOf(UserError);
          const e = err as UserError;
          expect(e.exitCode).toBe(2);
          for (const d of e.details) expect(d.position?.file).toBe('fuzz.yaml');
        }
      }),
      { numRuns: 1000 },
    );
  });
});
