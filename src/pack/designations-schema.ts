import * as z from 'zod';
import { IsoDateSchema, LocalizedSchema, MunicipalityKindSchema } from '../schemas/common.js';
import { DatedValueSchema, RefSchema } from './schema.js';

/**
 * `rules/designations/` (one file per designation; or a pack's designations.yaml): the designations a city can be checked for (指定都市, 中核市,
 * 連携中枢都市, 定住自立圏の中心市) and the partner checks, as dated, cited criteria.
 *
 * A criterion is one test of one figure. The tests are few and generic (compare a figure with
 * a dated threshold, a municipality kind, the location outside the 三大都市圏, a matter the
 * planner must confirm); everything legal (thresholds, comparisons, dates, citations, words)
 * is data here. Special cases are `exceptions:` with their own criteria ids that `replaces:`
 * named base criteria when they apply (Catala style: the exception is explicit and named).
 */

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'kebab-case id');

/** The figures a criterion may read (see src/core/eligibility/model.ts). */
export const FIGURE_IDS = ['population', 'dayNightRatio', 'metroCoreCommuteShare', 'commuteShare', 'area', 'metroArea', 'kind', 'twin', 'adjacent'] as const;
export type FigureId = (typeof FIGURE_IDS)[number];

export const COMPARISON_OPS = ['>=', '>', '<', '<='] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

export const CriterionSchema = z.strictObject({
  id: Id,
  name: LocalizedSchema,
  /**
   * compare: a numeric figure against `threshold` with `op`;
   * kind-in: the municipality kind is one of `kinds`;
   * outside-metro: the city lies outside the 三大都市圏 (`metroArea: none`);
   * fact: a fact the user or the data states (`fact:`, e.g. the adjacency of two cities): pass
   *   when stated true, fail when stated false, unknown when not stated — never assumed;
   * confirm: a matter no figure in the data decides (travel time): always `unknown`.
   */
  test: z.enum(['compare', 'kind-in', 'outside-metro', 'fact', 'confirm']),
  figure: z.enum(['population', 'dayNightRatio', 'metroCoreCommuteShare', 'commuteShare', 'area']).optional(),
  /** The fact a `fact` criterion reads: `adjacent` (the city and its twin are adjacent, 隣接). */
  fact: z.enum(['adjacent']).optional(),
  /**
   * The criterion does not apply to a city whose figure meets this (dated: from the day it took
   * effect; a null value means no exemption that day). E.g. the 中核市 area test of 2002–2006 was
   * only for a city under 500,000.
   */
  exemptIf: z
    .strictObject({ figure: z.enum(['population']), op: z.enum(['>=', '>']), threshold: DatedValueSchema, words: LocalizedSchema })
    .optional(),
  /**
   * The standard the source names beside the requirement (「5万人程度以上（少なくとも4万人超）」: the
   * requirement is over 40,000, the standard about 50,000): a figure that meets the requirement
   * but not the standard passes, with a note.
   */
  standard: z.strictObject({ value: z.number(), words: LocalizedSchema }).optional(),
  op: z.enum(COMPARISON_OPS).optional(),
  threshold: DatedValueSchema.optional(),
  /**
   * An "おおむね" (approximately) threshold: `tolerance` uses the pack setting
   * `settings.tolerance` (a relative band below the threshold that yields `borderline`).
   */
  approx: z.literal('tolerance').optional(),
  /** A band stated by the source itself, e.g. 5万程度以上 but at least over 4万: between → borderline. */
  floor: z.strictObject({ value: z.number(), op: z.enum(['>', '>=']), words: LocalizedSchema }).optional(),
  kinds: z.array(MunicipalityKindSchema).optional(),
  /** Only cities inside the 三大都市圏 are tested (others: not-applicable). */
  onlyInMetro: z.boolean().optional(),
  /** Whose figure: the city, the largest former municipality of a merged city, each of a two-city pair, or the pair together. */
  subject: z.enum(['self', 'largest-former', 'each-of-pair', 'pair-combined']).optional(),
  /** A guideline, not a bar: below it the status is `not-applicable` with a note, never `fail`. */
  guideline: z.boolean().optional(),
  /** Words for the requirement: a qualifier after the generated ">= 1" (e.g. おおむね), or the whole text. */
  qualifier: LocalizedSchema.optional(),
  required: LocalizedSchema.optional(),
  ref: RefSchema,
  note: LocalizedSchema.optional(),
  /** Said when a guideline criterion is below its guideline (partner checks). */
  belowNote: LocalizedSchema.optional(),
  reviewed: IsoDateSchema,
});
export type Criterion = z.infer<typeof CriterionSchema>;

export const ExceptionSchema = z.strictObject({
  id: Id,
  name: LocalizedSchema,
  /** When the special case is open to the city: its kind, a merged city, a two-city pair (--twin). */
  applies: z.strictObject({
    kinds: z.array(MunicipalityKindSchema).optional(),
    merged: z.boolean().optional(),
    twin: z.boolean().optional(),
  }),
  /** A window in which the special case exists (`values:` true from a date, `until:` exclusive). */
  window: DatedValueSchema.optional(),
  /** The route's requirement in words (before its window), e.g. "a 施行時特例市". */
  required: LocalizedSchema.optional(),
  /** Base criteria this route stands in for when it passes. */
  replaces: z.array(Id).min(1),
  /** The route's own criteria; when empty the route is one row named by the exception's id. */
  criteria: z.array(CriterionSchema),
  ref: RefSchema,
  /** Why the route is not open (shown on its rows): keyed by `kind`, `merged`, `twin`, `window`. */
  closed: z.partialRecord(z.enum(['kind', 'merged', 'twin', 'before', 'after']), LocalizedSchema).optional(),
  note: LocalizedSchema.optional(),
});
export type Exception = z.infer<typeof ExceptionSchema>;

export const DesignationStepSchema = z.strictObject({
  id: Id,
  text: LocalizedSchema,
  ref: RefSchema,
});

export const DesignationNoteSchema = z.strictObject({
  id: Id,
  /** always; merged: for a merged city (what-if or `mergedFrom`); in-metro: a city in the 三大都市圏; member-core-city: a merger that includes a 中核市. */
  when: z.enum(['always', 'merged', 'in-metro', 'member-core-city']),
  text: LocalizedSchema,
  ref: RefSchema,
});

export const DesignationSchema = z.strictObject({
  id: Id,
  name: LocalizedSchema,
  /** central: checks a city itself; partner: a municipality's link to a central city. */
  role: z.enum(['central', 'partner']),
  summary: LocalizedSchema,
  basis: RefSchema,
  /** The scheme exists from this date (before it, the `in-force` criterion fails). */
  inForce: z.strictObject({ from: IsoDateSchema, ref: RefSchema, note: LocalizedSchema.optional() }).optional(),
  reviewed: IsoDateSchema,
  criteria: z.array(CriterionSchema).min(1),
  exceptions: z.array(ExceptionSchema).optional(),
  /** What remains to be done once the figures pass. */
  steps: z.array(DesignationStepSchema).min(1),
  notes: z.array(DesignationNoteSchema).optional(),
});
export type Designation = z.infer<typeof DesignationSchema>;

export const DesignationsFileSchema = z.strictObject({
  version: z.literal(1).optional(),
  designations: z.array(DesignationSchema),
});
