import type { Affair } from './affairs-schema.js';
import type { PackData } from './model.js';

/**
 * The affairs list of a pack, for the engine: zod-free (the schema, in ./affairs-schema.ts, is
 * for loading and validating the files). The engine imported the schema module for this one
 * function, which built the pack's zod schemas at every start: 12 ms of a `recommend`.
 */
export type { Affair };

/** The affairs of the pack (`affairs/`), or an empty list when it has none. */
export function packAffairs(data: Pick<PackData, 'extra'>): Affair[] {
  const a = data.extra.affairs;
  return Array.isArray(a) ? (a as Affair[]) : [];
}
