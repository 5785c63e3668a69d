import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePack } from '../../src/core/recommend/compile.js';
import { evaluateTask } from '../../src/core/recommend/evaluate.js';
import { parseTaskList } from '../../src/io/tasks.js';
import { taskResultJson } from '../../src/report/json-result.js';
import { defaultPack } from '../helpers/engine.js';

describe('the fast JSON writer of task results', () => {
  it('is byte-identical to JSON.stringify on the example tasks, in both languages and many dates', () => {
    const { tasks } = parseTaskList(readFileSync('examples/kensei-tasks.yaml', 'utf8'), 'x', defaultPack().data);
    for (const lang of ['ja', 'en'] as const) {
      for (const asOf of ['1990-01-01', '2014-08-01', '2026-11-23']) {
        const cp = compilePack(defaultPack(), lang, asOf);
        for (const t of tasks) {
          for (const procedure of ['top', 'recommended'] as const) {
            const r = evaluateTask(cp, t, { procedure });
            expect(taskResultJson(r)).toBe(JSON.stringify(r));
          }
        }
      }
    }
  });

  it('is byte-identical for generated tasks (property)', () => {
    const cp = compilePack(defaultPack(), 'en', '2026-11-23');
    const bool = fc.option(fc.boolean(), { nil: undefined });
    fc.assert(
      fc.property(
        fc.record({ name: fc.string({ minLength: 1 }), description: fc.option(fc.string(), { nil: undefined }) }),
        fc.record({ needsLegalEntity: bool, retainAuthority: bool, beyondMunicipalEffort: bool, includesPrefecture: bool, multipleAffairs: bool, capacityGap: bool }),
        (t, facts) => {
          const task = { id: '1', name: t.name, facts: JSON.parse(JSON.stringify(facts)), ...(t.description ? { description: t.description } : {}) };
          const r = evaluateTask(cp, task);
          expect(taskResultJson(r)).toBe(JSON.stringify(r));
        },
      ),
      { numRuns: 300 },
    );
  });
});
