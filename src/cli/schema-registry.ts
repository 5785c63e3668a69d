import * as z from 'zod';
import type { PackData } from '../pack/model.js';
import { packFileSchema } from '../pack/files.js';
import { ruleTestsSchema } from '../rules-tools/tests/schema.js';
import { taskListSchema } from '../schemas/task.js';
import { draftSchemas } from '../schemas/draft.js';
import { configSchema } from '../schemas/config.js';
import { checkPack } from '../pack/checks.js';
import { municipalityFileSchema } from '../schemas/municipalities.js';
import { schemaId } from '../schemas/ids.js';

export { schemaId } from '../schemas/ids.js';

/**
 * The input formats `kouiki schema KIND` can describe. Each entry builds the zod schema the
 * loader itself uses, so the JSON Schema never drifts from what kouiki accepts.
 * Feature modules register their formats here.
 */
export const SCHEMA_KINDS: Record<string, { title: string; build: (data: PackData) => z.ZodType }> = {
  tasks: { title: 'kouiki task list', build: (data) => taskListSchema(data) },
  draft: { title: 'kouiki policy draft', build: (data) => draftSchemas(data, checkPack(data)?.schemes ?? []).draft },
  config: {
    title: 'kouiki configuration (kouiki.config.yaml)',
    build: (data) => {
      const cp = checkPack(data);
      if (!cp) throw new Error('the rule pack has no checks.yaml');
      return configSchema(cp);
    },
  },
  municipalities: { title: 'kouiki municipality data', build: () => municipalityFileSchema() },
  rules: {
    title: 'kouiki rule pack file',
    build: () => packFileSchema(),
  },
  'rule-tests': { title: 'kouiki rule pack test cases (<pack>/tests/*.yaml)', build: (data) => ruleTestsSchema(data) },
};

/** A draft-07 JSON Schema for editors (yaml-language-server), with its stable $id. */
export function jsonSchemaFor(kind: string, data: PackData): object {
  const entry = SCHEMA_KINDS[kind]!;
  const schema = z.toJSONSchema(entry.build(data), { target: 'draft-7', unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  return { $schema: 'http://json-schema.org/draft-07/schema#', $id: schemaId(kind), title: entry.title, ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema' && k !== '$id')) };
}
