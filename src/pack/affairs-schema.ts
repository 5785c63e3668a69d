import * as z from 'zod';
import { IsoDateSchema, LocalizedSchema, notReservedKey } from '../schemas/common.js';
import { RefSchema } from './schema.js';

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'kebab-case id').refine(...notReservedKey);

/**
 * An affair planners name (図書館, 滞納整理, 介護認定…), the words they write for it, the task
 * category it belongs to and the public source that makes it a municipal affair (rules/affairs/).
 * Category inference reads these first: an affair's word in a task's name or description decides
 * the category, and the evidence names the affair and its source (core/recommend/infer.ts).
 */
export const AffairSchema = z.strictObject({
  id: Id,
  name: LocalizedSchema,
  /** The words a task's name or description may use for the affair; the longest found wins (下水道 before 水道). */
  words: z.strictObject({ ja: z.array(z.string().min(1)).min(1), en: z.array(z.string().min(1)) }),
  /** One of the pack's categories. */
  category: Id,
  /** Why the affair is of that category: the words of the category's definition it matches (an encoding judgement). */
  why: LocalizedSchema,
  /** The instruments it is typically handled by, as the source says (shown, not scored). */
  instruments: z.array(Id).min(1).optional(),
  /** The public source: the statute that makes it a municipal affair, or a document that names it. */
  ref: RefSchema,
  reviewed: IsoDateSchema,
});
export type Affair = z.infer<typeof AffairSchema>;

export const AffairsFileSchema = z.strictObject({ version: z.literal(1).optional(), affairs: z.array(AffairSchema) });

