import * as z from 'zod';
import { IsoDateSchema } from '../../schemas/common.js';
import { municipalityRecordSchema } from '../../schemas/municipalities.js';
import { taskListSchema } from '../../schemas/task.js';
import type { PackData } from '../../pack/model.js';

/**
 * The YAML test cases kept with a rule pack (the YAML under `<pack>/tests/`, run by `kouiki rules test`).
 * Each case gives its input — a `task` (what `recommend` reads), an `instrument`, a `category`,
 * a `parameter` path, or an `eligibility` request — the `asOf` date and what to `expect`.
 *
 *   version: 1
 *   asOf: 2026-11-23            # for every case that does not give its own
 *   cases:
 *     - name: 連携協約 did not exist before 2014-05-30 (平成26年法律第42号 附則第1条第1号)
 *       asOf: 2014-01-01
 *       task: { name: x, category: essential-service }
 *       expect:
 *         verdicts: { cooperation-agreement: not-allowed }
 *         reasons: { cooperation-agreement: [{ rule: in-force, effect: "-", message: 2014-05-30 }] }
 */

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'kebab-case id');
const VERDICTS = ['recommended', 'possible', 'unsuitable', 'not-allowed'] as const;
const VerdictSet = z.union([z.enum(VERDICTS), z.array(z.enum(VERDICTS)).min(1)]);

const ReasonExpect = z.strictObject({
  rule: z.string().min(1),
  effect: z.enum(['+', '-', '?']).optional(),
  /** Text the citation must contain (in the case's language). */
  citation: z.string().min(1).optional(),
  /** Text the message must contain. */
  message: z.string().min(1).optional(),
});

export const ProcedureExpectSchema = z.strictObject({
  /** The step ids, exactly and in order. */
  steps: z.array(Id).optional(),
  includes: z.array(Id).optional(),
  excludes: z.array(Id).optional(),
  /** Who receives the 届出 (a procedureTerms key: minister, governor, ministerOrGovernor). */
  filingTo: z.string().optional(),
  /** Who grants the 許可 (minister, governor, ministerAfterGovernors, ministerOrGovernor). */
  permitBy: z.string().optional(),
  /** The council kind chosen for the task's mode (management, liaison, planning; null = unknown). */
  kind: z.string().nullable().optional(),
});

export const TaskExpectSchema = z.strictObject({
  rank1: Id.optional(),
  /** Each instrument ranks above the next. */
  order: z.array(Id).min(2).optional(),
  ranks: z.record(Id, z.number().int().positive()).optional(),
  verdicts: z.record(Id, VerdictSet).optional(),
  notVerdicts: z.record(Id, VerdictSet).optional(),
  scores: z.record(Id, z.strictObject({ min: z.number().min(0).max(1).optional(), max: z.number().min(0).max(1).optional() })).optional(),
  /** Reasons that must be present (each field given must match). */
  reasons: z.record(Id, z.array(ReasonExpect).min(1)).optional(),
  /** Reasons that must be absent. */
  noReasons: z.record(Id, z.array(ReasonExpect).min(1)).optional(),
  /** Facts that must be listed as unknown. */
  unknownFacts: z.array(z.string().min(1)).optional(),
  /** The category; `evidence`: words one of its evidence strings contains (an inferred category names the affair that decided it). */
  category: z.strictObject({ id: z.string().nullable(), inferred: z.boolean().optional(), evidence: z.string().min(1).optional() }).optional(),
  procedure: z.record(Id, ProcedureExpectSchema).optional(),
  /** Rule ids of the notes that must be present. */
  notes: z.array(z.string().min(1)).optional(),
  /** Whether the prefecture's role (the prefectural study's roles and measures) is shown. */
  prefecture: z.boolean().optional(),
});

export const InstrumentExpectSchema = z.strictObject({
  tier: z.enum(['core', 'supplementary']).optional(),
  level: z.enum(['municipal', 'prefecture']).optional(),
  /** Property → its `value`, or → an object of the property's fields (value, retained, allowed, status...). */
  properties: z.record(z.string(), z.unknown()).optional(),
  /** Articles (or sections) the legal basis cites, e.g. "252-2". */
  basis: z.array(z.string().min(1)).optional(),
  inForce: z.strictObject({ from: IsoDateSchema, certainFrom: IsoDateSchema }).nullable().optional(),
  kinds: z.array(Id).optional(),
  modes: z.array(Id).optional(),
  procedure: ProcedureExpectSchema.optional(),
});

export const CategoryExpectSchema = z.strictObject({
  /** The instruments the category names, as a set. */
  instruments: z.array(Id).optional(),
  /** The section of the source it cites, e.g. "5(2)イ(ア)". */
  section: z.string().optional(),
  source: z.string().optional(),
  keywords: z.array(z.string().min(1)).optional(),
});

export const ParameterExpectSchema = z.strictObject({
  value: z.unknown(),
  /** The effective date of the value chosen for asOf (dated values), null when none applies. */
  from: IsoDateSchema.nullable().optional(),
});

const CRITERION_STATUS = ['pass', 'fail', 'borderline', 'not-applicable', 'unknown'] as const;

/**
 * Eligibility cases: a municipality — a name in the embedded data, or a record of the
 * municipality data format (its figures; a name not in the code list is a new city, a name in
 * it gets these figures over its own) — and one designation, on the case's `asOf`.
 */
const MunicipalityInput = z.union([z.string().min(1), municipalityRecordSchema()]);
export const EligibilityInputSchema = z.strictObject({
  designation: z.string().min(1),
  municipality: MunicipalityInput,
  /** Merger what-if: names merged with the municipality. */
  merge: z.array(z.string().min(1)).min(1).optional(),
  /** 複眼型: the other city of a two-city centre (a name or a record). */
  twin: MunicipalityInput.optional(),
  /** Partner checks: the central city (a name or a record). */
  partnerOf: MunicipalityInput.optional(),
  /** Merger what-if: 編入 (the first municipality absorbs the others) or 新設合併 (a new city; the default). */
  mergeKind: z.enum(['incorporation', 'new']).optional(),
  /** 複眼型: whether the municipality and its twin are adjacent (a fact given by the user or the data). */
  adjacent: z.boolean().optional(),
});

export const EligibilityExpectSchema = z.strictObject({
  eligible: z.boolean().nullable().optional(),
  /**
   * The designation the municipality already holds: null when it does not; else the day it took
   * effect (null: not given) and a text its source must contain.
   */
  held: z.strictObject({ since: IsoDateSchema.nullable().optional(), source: z.string().min(1).optional() }).nullable().optional(),
  /** Criterion id → status. */
  criteria: z.record(z.string(), z.enum(CRITERION_STATUS)).optional(),
  /** Criterion id → the figure compared. */
  actual: z.record(z.string(), z.union([z.number(), z.string(), z.null()])).optional(),
  /** Criterion id → the effective date of the threshold applied (null: none shown, e.g. an unconfirmed date). */
  effectiveFrom: z.record(z.string(), IsoDateSchema.nullable()).optional(),
  /** Criterion id → the special case that stands in for it (null: none). */
  replacedBy: z.record(z.string(), z.string().nullable()).optional(),
  /** Criterion id → text its note must contain (in the case's language). */
  note: z.record(z.string(), z.string().min(1)).optional(),
  /** Texts that must appear in the designation's notes. */
  notes: z.array(z.string().min(1)).optional(),
  /** Texts that must appear in the remaining steps (their words or citations), in order (each in the same step as the one before or a later one). */
  steps: z.array(z.string().min(1)).optional(),
});

export const CASE_KINDS = ['task', 'instrument', 'category', 'parameter', 'eligibility'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const EXPECT_SCHEMAS: Record<CaseKind, z.ZodType> = {
  task: TaskExpectSchema,
  instrument: InstrumentExpectSchema,
  category: CategoryExpectSchema,
  parameter: ParameterExpectSchema,
  eligibility: EligibilityExpectSchema,
};

const ProcedureContextSchema = z.strictObject({
  prefectureParty: z.boolean().nullable().optional(),
  crossPrefecture: z.boolean().nullable().optional(),
  councilKind: z.string().nullable().optional(),
});

/** The test file schema; the task input follows the pack's facts (like a task list). */
export function ruleTestsSchema(data: PackData) {
  const task = taskListSchema(data).shape.tasks.element;
  const caseSchema = z.strictObject({
    name: z.string().min(1),
    asOf: IsoDateSchema.optional(),
    lang: z.enum(['ja', 'en']).optional(),
    task: task.optional(),
    instrument: Id.optional(),
    /** For an instrument's procedure: the context a task would give. */
    with: ProcedureContextSchema.optional(),
    category: Id.optional(),
    /** A path into the pack, e.g. `instruments/cooperation-agreement/properties/charter/value`. */
    parameter: z.string().min(1).optional(),
    eligibility: EligibilityInputSchema.optional(),
    expect: z.record(z.string(), z.unknown()).optional(),
  });
  return z.strictObject({
    version: z.literal(1).optional(),
    asOf: IsoDateSchema.optional(),
    lang: z.enum(['ja', 'en']).optional(),
    cases: z.array(caseSchema).min(1),
  });
}

export type RuleTestFile = z.infer<ReturnType<typeof ruleTestsSchema>>;
export type RuleTestCase = RuleTestFile['cases'][number];
export type TaskExpect = z.infer<typeof TaskExpectSchema>;
export type InstrumentExpect = z.infer<typeof InstrumentExpectSchema>;
export type CategoryExpect = z.infer<typeof CategoryExpectSchema>;
export type ParameterExpect = z.infer<typeof ParameterExpectSchema>;
export type ProcedureExpect = z.infer<typeof ProcedureExpectSchema>;
export type EligibilityInput = z.infer<typeof EligibilityInputSchema>;
export type EligibilityExpect = z.infer<typeof EligibilityExpectSchema>;
