import * as z from 'zod';
import { MunicipalityKindSchema, type MunicipalityKind } from './common.js';

/**
 * A party of a task. `kind` may be left out in YAML and flags (`--party 鳥取市`): the CLI takes it
 * from the municipality data before evaluating (src/cli/parties.ts); `prefecture` is filled in
 * there too, or written to tell apart two municipalities of one name (府中市).
 */
export interface Party {
  name: string;
  kind?: MunicipalityKind;
  prefecture?: string;
}

/** A fact's value; `null` and absence both mean "unknown". */
export type FactValue = boolean | string | Party[] | null;

export interface Task {
  id: string;
  name: string;
  description?: string;
  /** The category; absent: inferred from the name and description; null: stated unknown (わからない), not inferred. */
  category?: string | null;
  facts: Record<string, FactValue | undefined>;
  /** What reading the input decided (a ward taken as its city, a kind taken from the data), shown with the result. */
  notes?: { ja: string; en: string }[];
}

export const PartySchema = z.strictObject({
  name: z.string().min(1),
  kind: MunicipalityKindSchema.optional().describe('taken from the municipality data when left out'),
  prefecture: z.string().min(1).optional().describe('the prefecture, to tell apart municipalities of one name'),
});

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

const schemaCache = new WeakMap<TaskVocabulary, z.ZodType>();

/**
 * The task-list schema, generated from the pack's facts and categories so that a custom pack's
 * new fact is at once a YAML key, a flag and a question. `null` is accepted as "unknown".
 */
export function taskListSchema(data: TaskVocabulary): z.ZodType<{ version?: 1; tasks: RawTask[] }> {
  const cached = schemaCache.get(data);
  if (cached) return cached as z.ZodType<{ version?: 1; tasks: RawTask[] }>;
  const factShape: Record<string, z.ZodType> = {};
  for (const f of data.facts) {
    let s: z.ZodType;
    if (f.type === 'boolean') s = z.boolean();
    else if (f.type === 'parties') s = z.array(PartySchema);
    else s = z.enum(f.values!.map((v) => v.id) as [string, ...string[]]);
    factShape[f.id] = s.nullable().optional().describe(`${f.label.en} — ${f.question.en}`);
  }
  const categories = data.categories.map((c) => c.id) as [string, ...string[]];
  const task = z.strictObject({
    id: z.union([z.string().min(1), z.number().int()]).optional().describe('optional; defaults to the 1-based position'),
    name: z.string().min(1),
    description: z.string().optional(),
    category: z.enum(categories).nullable().optional().describe('inferred from name/description when absent; null: unknown (not inferred)'),
    facts: z.strictObject(factShape).optional(),
  });
  const schema = z.strictObject({
    version: z.literal(1).optional(),
    tasks: z.array(task).min(1),
  });
  schemaCache.set(data, schema);
  return schema as unknown as z.ZodType<{ version?: 1; tasks: RawTask[] }>;
}

export interface RawTask {
  id?: string | number;
  name: string;
  description?: string;
  category?: string | null;
  facts?: Record<string, FactValue | undefined>;
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
