import * as z from 'zod';
import { MunicipalityKindSchema } from './common.js';

/**
 * A task list (`kouiki evaluate`, contract §3). The schema is generated from the pack's facts and
 * categories (so a custom pack's new fact is at once a YAML key, a flag and a question); the
 * types below are inferred from it, so the loader, the JSON Schema (`kouiki schema tasks`) and
 * the engine's `Task` cannot drift apart.
 */

/**
 * A party of a task. `kind` may be left out (`--party 鳥取市`, `- 鳥取市`): the CLI takes it from the
 * municipality data before evaluating (src/cli/parties.ts); `prefecture` is filled in there too,
 * or written to tell apart two municipalities of one name (府中市).
 */
export const PartySchema = z.strictObject({
  name: z.string().min(1),
  kind: MunicipalityKindSchema.optional().describe('taken from the municipality data when left out'),
  prefecture: z.string().min(1).optional().describe('the prefecture, to tell apart municipalities of one name'),
});
export type Party = z.infer<typeof PartySchema>;

/** What a fact can hold: a yes/no, one of its values, or the parties; `null` is "unknown". */
const KnownFactValueSchema = z.union([z.boolean(), z.string(), z.array(PartySchema)]);
/** A fact's value; `null` and absence both mean "unknown". */
export type FactValue = z.infer<typeof KnownFactValueSchema> | null;

/**
 * What the task and draft schemas need of the rule pack: its facts and categories (the pack's
 * PackData has them; a schema never reads the pack itself, which sits a layer above).
 */
export interface TaskVocabulary {
  facts: readonly {
    id: string;
    type: 'boolean' | 'enum' | 'parties';
    values?: readonly { id: string }[] | undefined;
    label: { en: string };
    question: { en: string };
  }[];
  categories: readonly { id: string }[];
}

/** The schema of one fact's value, as the pack declares it (`null`: unknown). */
export function factValueSchema(f: TaskVocabulary['facts'][number]) {
  let s: z.ZodType<z.infer<typeof KnownFactValueSchema>>;
  if (f.type === 'boolean') s = z.boolean();
  else if (f.type === 'parties') s = z.array(PartySchema);
  else s = z.enum(f.values!.map((v) => v.id) as [string, ...string[]]);
  return s.nullable().optional().describe(`${f.label.en} — ${f.question.en}`);
}

function buildTaskListSchema(data: TaskVocabulary) {
  const factShape: Record<string, ReturnType<typeof factValueSchema>> = {};
  for (const f of data.facts) factShape[f.id] = factValueSchema(f);
  const categories = data.categories.map((c) => c.id) as [string, ...string[]];
  const task = z.strictObject({
    id: z.union([z.string().min(1), z.number().int()]).optional().describe('optional; defaults to the 1-based position'),
    name: z.string().min(1),
    description: z.string().optional(),
    category: z.enum(categories).nullable().optional().describe('inferred from name/description when absent; null: unknown (not inferred)'),
    facts: z.strictObject(factShape).optional(),
  });
  return z.strictObject({
    version: z.literal(1).optional(),
    tasks: z.array(task).min(1),
  });
}

export type TaskListSchema = ReturnType<typeof buildTaskListSchema>;
/** A task list as written (ids and facts optional). */
export type TaskList = z.infer<TaskListSchema>;
export type RawTask = TaskList['tasks'][number];
/** A task as the engine reads it: every task has its id (the 1-based position when absent) and a facts object. */
export type Task = Omit<RawTask, 'id' | 'facts'> & {
  id: string;
  facts: NonNullable<RawTask['facts']>;
  /** What reading the input decided (a ward taken as its city, a kind taken from the data), shown with the result. */
  notes?: { ja: string; en: string }[];
};

const schemaCache = new WeakMap<TaskVocabulary, TaskListSchema>();

/** The task-list schema of a pack (built once per pack). `null` is accepted as "unknown". */
export function taskListSchema(data: TaskVocabulary): TaskListSchema {
  let schema = schemaCache.get(data);
  if (!schema) schemaCache.set(data, (schema = buildTaskListSchema(data)));
  return schema;
}

/** Gives every task its id (the 1-based position when absent) and a facts object. */
export function normalizeTasks(raw: RawTask[]): Task[] {
  return raw.map((t, i) => {
    const task: Task = { id: t.id === undefined ? String(i + 1) : String(t.id), name: t.name, facts: t.facts ?? {} };
    if (t.description !== undefined) task.description = t.description;
    if (t.category !== undefined) task.category = t.category;
    return task;
  });
}
