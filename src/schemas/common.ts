import * as z from 'zod';

/** A text in both output languages. */
export const LocalizedSchema = z.strictObject({ ja: z.string().min(1), en: z.string().min(1) });

function isRealDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** A calendar date written YYYY-MM-DD (YAML 1.2 keeps it a string). */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine(isRealDate, { message: 'not a real calendar date', params: { ja: '存在しない日付です', en: 'not a real calendar date' } });

import { MUNICIPALITY_KINDS } from './kinds.js';

export { MUNICIPALITY_KINDS, type MunicipalityKind } from './kinds.js';
export const MunicipalityKindSchema = z.enum(MUNICIPALITY_KINDS);

export const INSTRUMENT_IDS = [
  'cooperation-agreement',
  'council',
  'joint-body',
  'consignment',
  'proxy-execution',
  'partial-affairs-union',
  'regional-federation',
  'staff-dispatch',
  'ordinance-transfer',
  'voluntary-council',
] as const;

/** Custom refinement message in both languages (read back by describeIssue in io/validate.ts). */
export function bilingual(ja: string, en: string): { message: string; params: { ja: string; en: string } } {
  return { message: en, params: { ja, en } };
}

export const VERSION_FIELD = z.literal(1).optional();

/**
 * Names every JavaScript object already has (constructor, toString, __proto__, ...). An id that
 * becomes an object key (a fact id is a key of `facts:`) must not be one of them: validation
 * would read the inherited member for a missing key (zod reads `input[key]`).
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** Refinement for ids that become object keys. */
export const notReservedKey = [
  (id: string): boolean => !RESERVED_KEYS.has(id),
  {
    message: 'reserved name',
    params: {
      ja: 'この名前は id に使えません（JavaScript のオブジェクトが既に持つ名前: constructor, toString など）',
      en: 'this name cannot be an id (every JavaScript object already has it: constructor, toString, ...)',
    },
  },
] as const;
