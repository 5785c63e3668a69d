// The input types are inferred from their zod schemas (issue 17): the loader, the JSON Schema
// (`kouiki schema KIND`, schemas/*.json, compared in test/e2e/schema.test.ts) and the engine read
// one definition. These assertions are checked by `tsc` (npm test type-checks test/ first): a
// schema change that the engine's code does not expect fails the type check here, by name.
import { describe, expectTypeOf, it, expect } from 'vitest';
import type { Condition } from '../../src/pack/schema.js';
import type { CheckConfigFile } from '../../src/schemas/config.js';
import { draftSchemas, type Draft, type DraftAgreement, type DraftProject } from '../../src/schemas/draft.js';
import type { MunicipalityRecord } from '../../src/schemas/municipalities.js';
import { taskListSchema, type FactValue, type Party, type RawTask, type Task } from '../../src/schemas/task.js';
import { checkPack } from '../../src/pack/checks.js';
import { configSchema } from '../../src/schemas/config.js';
import { defaultPack } from '../helpers/engine.js';
import type * as z from 'zod';

describe('input types are the schemas’ own (z.infer)', () => {
  it('tasks', () => {
    expectTypeOf<FactValue>().toEqualTypeOf<boolean | string | Party[] | null>();
    expectTypeOf<Task['facts']>().toEqualTypeOf<Record<string, FactValue | undefined>>();
    expectTypeOf<Task['id']>().toEqualTypeOf<string>();
    expectTypeOf<RawTask['id']>().toEqualTypeOf<string | number | undefined>();
    expectTypeOf<z.infer<ReturnType<typeof taskListSchema>>['tasks'][number]>().toEqualTypeOf<RawTask>();
  });

  it('drafts', () => {
    expectTypeOf<Draft['projects']>().toEqualTypeOf<DraftProject[]>();
    expectTypeOf<DraftProject['parties']>().toEqualTypeOf<string[]>();
    expectTypeOf<DraftProject['provider']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<NonNullable<Draft['municipalities']>[number]>().toEqualTypeOf<MunicipalityRecord>();
    expectTypeOf<DraftAgreement['resolution']>().toEqualTypeOf<string | undefined>();
  });

  it('config and conditions', () => {
    expectTypeOf<NonNullable<CheckConfigFile['rules']>[string]>().toEqualTypeOf<'off' | 'warn' | 'error' | undefined>();
    expectTypeOf<NonNullable<NonNullable<CheckConfigFile['options']>[string]>[string]>().toEqualTypeOf<number | string | boolean | undefined>();
    expectTypeOf<Extract<Condition, { all: unknown }>['all']>().toEqualTypeOf<Condition[]>();
  });

  it('what a schema accepts is what its type says (one document of each, parsed)', () => {
    const data = defaultPack().data;
    const tasks = taskListSchema(data).parse({ tasks: [{ name: '観光', facts: { crossPrefecture: true, parties: [{ name: '小田原市', kind: 'city' }] } }] });
    expect(tasks.tasks[0]!.facts!.parties).toEqual([{ name: '小田原市', kind: 'city' }]);
    const draft = draftSchemas(data, checkPack(data)?.schemes ?? []).draft.parse({
      projects: [{ name: '消防', instrument: 'consignment', parties: ['小田原市', '南足柄市'] }],
      municipalities: [{ name: '甲市', population: 1 }],
    });
    expect(draft.municipalities![0]!.population).toBe(1);
    const config = configSchema(checkPack(data)!).parse({ maxWarnings: 0 });
    expect(config.maxWarnings).toBe(0);
  });
});
