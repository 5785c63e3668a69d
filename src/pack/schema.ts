import * as z from 'zod';
import { IsoDateSchema, LocalizedSchema, MunicipalityKindSchema, notReservedKey } from '../schemas/common.js';

/**
 * The rule pack's file formats. One schema per file; the loader validates each with positions
 * and then checks cross-references (an unknown instrument, fact or source) in rules-tools/validate.ts.
 */

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'kebab-case id').refine(...notReservedKey);

/** A structured citation: a law by article/paragraph, or a document or guideline by section. */
export const RefSchema = z.strictObject({
  source: z.string().min(1),
  article: z.string().min(1).optional(),
  paragraph: z.number().int().positive().optional(),
  item: z.number().int().positive().optional(),
  proviso: z.boolean().optional(),
  section: z.string().min(1).optional(),
  via: z.array(z.string().min(1)).optional(),
  status: z.enum(['confirmed', 'unconfirmed']).optional(),
  note: LocalizedSchema.optional(),
});
export type Ref = z.infer<typeof RefSchema>;

const SourceSchema = z.strictObject({
  kind: z.enum(['law', 'document', 'guideline']),
  name: LocalizedSchema,
  title: z.string().optional(),
  url: z.string().optional(),
});

export const PackManifestSchema = z.strictObject({
  version: z.literal(1).optional(),
  name: z.string().min(1),
  packVersion: z.string().min(1),
  title: LocalizedSchema,
  reviewed: IsoDateSchema,
  /** A custom pack builds on another: `default` is the embedded pack. */
  extends: z.string().min(1).optional(),
  /** Ids of items of the base pack this pack replaces; replacing without naming is an error. */
  overrides: z.array(z.string().min(1)).optional(),
  sources: z.record(z.string(), SourceSchema).optional(),
  verified: z.record(z.string(), z.strictObject({ ja: z.string(), en: z.string(), url: z.string().optional() })).optional(),
  /** The fact sheet's sources (S1, S2, ...) that `via:` names, with their URLs (`kouiki rules doc`). */
  references: z.record(z.string(), z.strictObject({ url: z.string().min(1), note: z.string().optional() })).optional(),
  /** How often each value must be re-checked against its source: `kouiki rules outdated`. */
  review: z.strictObject({ everyMonths: z.number().int().positive().max(120) }).optional(),
  settings: z
    .strictObject({
      baseScore: z.strictObject({ core: z.number().min(0).max(1), supplementary: z.number().min(0).max(1) }).optional(),
      recommendedAt: z.number().min(0).max(1).optional(),
      unsuitableBelow: z.number().min(0).max(1).optional(),
      tolerance: z.number().min(0).max(1).optional(),
    })
    .optional(),
  ranking: z
    .strictObject({
      policy: z.literal('PRIORITY'),
      order: z.array(Id),
      reason: LocalizedSchema,
      ref: RefSchema.optional(),
      subsidiarity: LocalizedSchema,
      subsidiarityRef: RefSchema.optional(),
    })
    .optional(),
  partyGroups: z.record(z.string(), z.array(MunicipalityKindSchema)).optional(),
});
export type PackManifest = z.infer<typeof PackManifestSchema>;

const PropertySchema = z.strictObject({
  /** A few words for the comparison matrix (`kouiki instruments`). */
  short: LocalizedSchema.optional(),
  value: z.union([z.boolean(), z.string()]).optional(),
  retained: z.boolean().optional(),
  status: z.enum(['confirmed', 'unconfirmed']).optional(),
  text: LocalizedSchema,
  ref: RefSchema.optional(),
});

const PartiesPropertySchema = PropertySchema.extend({
  allowed: z.array(z.string().min(1)),
  unconfirmed: z.array(z.string().min(1)).optional(),
  excluded: z.array(z.string().min(1)).optional(),
});

export const ProcedureStepSchema = z.strictObject({
  id: Id,
  text: LocalizedSchema,
  ref: RefSchema,
  status: z.enum(['confirmed', 'unconfirmed']).optional(),
  unlessKind: Id.optional(),
  onlyKind: Id.optional(),
});
export type ProcedureStep = z.infer<typeof ProcedureStepSchema>;

export const InstrumentSchema = z.strictObject({
  id: Id,
  tier: z.enum(['core', 'supplementary']),
  level: z.enum(['municipal', 'prefecture']),
  name: LocalizedSchema,
  summary: LocalizedSchema,
  basis: z.array(RefSchema).min(1),
  inForce: z
    .strictObject({ from: IsoDateSchema, certainFrom: IsoDateSchema, ref: RefSchema, note: LocalizedSchema.optional() })
    .optional(),
  kinds: z.array(z.strictObject({ id: Id, name: LocalizedSchema, modes: z.array(Id) })).optional(),
  reviewed: IsoDateSchema,
  modes: z.array(Id),
  properties: z.strictObject({
    legalPersonality: PropertySchema.extend({ value: z.boolean() }),
    authority: PropertySchema.extend({ value: z.string(), retained: z.boolean() }),
    parties: PartiesPropertySchema,
    charter: PropertySchema,
    councilResolution: PropertySchema,
    approval: PropertySchema.extend({ value: z.string() }),
    exit: PropertySchema,
    disputes: PropertySchema.optional(),
    limits: PropertySchema.optional(),
    typicalUses: PropertySchema,
  }),
  procedure: z.array(ProcedureStepSchema).min(1),
});
export type Instrument = z.infer<typeof InstrumentSchema>;

export const InstrumentsFileSchema = z.strictObject({
  version: z.literal(1).optional(),
  procedureTerms: z.record(z.string(), LocalizedSchema).optional(),
  instruments: z.array(InstrumentSchema),
});

export const CategorySchema = z.strictObject({
  id: Id,
  name: LocalizedSchema,
  description: LocalizedSchema,
  instruments: z.array(Id).min(1),
  ref: RefSchema,
  /** When the source took effect; 003 is an undated draft, so its categories have none. */
  effective: IsoDateSchema.optional(),
  reviewed: IsoDateSchema,
  impliesPrefectureParty: z.boolean().optional(),
  impliesPrefectureRef: RefSchema.optional(),
  keywords: z.strictObject({ ja: z.array(z.string().min(1)), en: z.array(z.string().min(1)) }),
});
export type Category = z.infer<typeof CategorySchema>;
export const CategoriesFileSchema = z.strictObject({ version: z.literal(1).optional(), categories: z.array(CategorySchema) });

/** A wizard skip: when `when` holds, the question is not asked (with `implies`: that is the answer). */
export const SkipSchema = z.strictObject({
  when: z.lazy(() => ConditionSchema),
  implies: z.union([z.boolean(), z.string()]).optional(),
  reason: LocalizedSchema,
});
export type Skip = z.infer<typeof SkipSchema>;

export const FactSchema = z.strictObject({
  id: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'camelCase id').refine(...notReservedKey),
  type: z.enum(['boolean', 'enum', 'parties']),
  label: LocalizedSchema,
  question: LocalizedSchema,
  help: LocalizedSchema,
  values: z.array(z.strictObject({ id: Id, label: LocalizedSchema })).optional(),
  /** Wizard: facts are asked by ascending `order` (facts without one come last, in file order). */
  order: z.number().int().optional(),
  /**
   * Wizard: do not ask when one of these conditions holds (the answer is implied by earlier
   * answers, or cannot matter). `implies` records the implied answer; without it the fact stays
   * unknown. A condition may read only facts asked earlier and `category`.
   */
  skipIf: z.array(SkipSchema).min(1).optional(),
});
export type Fact = z.infer<typeof FactSchema>;
export const FactsFileSchema = z.strictObject({ version: z.literal(1).optional(), facts: z.array(FactSchema) });

/** A condition over the task's facts (recursive; checked structurally in rules-tools/validate.ts). */
export const ConditionSchema = z.union([
  z.strictObject({ fact: z.string().min(1), is: z.union([z.string(), z.boolean()]) }),
  z.strictObject({ fact: z.string().min(1), in: z.array(z.union([z.string(), z.boolean()])).min(1) }),
  z.strictObject({
    get all() {
      return z.array(ConditionSchema).min(1);
    },
  }),
  z.strictObject({
    get any() {
      return z.array(ConditionSchema).min(1);
    },
  }),
  z.strictObject({
    get not() {
      return ConditionSchema;
    },
  }),
  z.strictObject({ text: z.array(z.string().min(1)).min(1) }),
  z.strictObject({ known: z.string().min(1) }),
]);
export type Condition = z.infer<typeof ConditionSchema>;

export const TargetSchema = z.strictObject({
  instruments: z.array(Id).optional(),
  except: z.array(Id).optional(),
  tier: z.enum(['core', 'supplementary']).optional(),
  level: z.enum(['municipal', 'prefecture']).optional(),
  legalPersonality: z.boolean().optional(),
  authorityRetained: z.boolean().optional(),
  approval: z.string().optional(),
  mode: z.string().optional(),
});
export type Target = z.infer<typeof TargetSchema>;

export const EffectSchema = z.strictObject({
  to: TargetSchema,
  effect: z.enum(['+', '-']),
  weight: z.number().min(-1).max(1).optional(),
  cap: z.enum(['unsuitable', 'not-allowed']).optional(),
  message: LocalizedSchema,
  ref: RefSchema.optional(),
  /** Cite each target instrument's own property (e.g. `authority`) instead of one reference. */
  refFrom: z.enum(['legalPersonality', 'authority', 'parties', 'approval', 'councilResolution']).optional(),
});
export type Effect = z.infer<typeof EffectSchema>;

const MatchEffectSchema = z.strictObject({
  effect: z.enum(['+', '-']),
  weight: z.number().min(-1).max(1),
  message: LocalizedSchema,
});

export const RuleSchema = z.strictObject({
  id: Id,
  title: LocalizedSchema,
  builtin: z.enum(['in-force', 'party-kinds', 'category-fit']).optional(),
  fact: z.string().optional(),
  ref: RefSchema.optional(),
  effective: IsoDateSchema.optional(),
  reviewed: IsoDateSchema,
  /**
   * Hit policy of the cases: `unique` (at most one case can hold for any facts; `kouiki rules
   * validate` checks it) or `collect` (every case that holds applies). Default: `unique` when
   * every case is a bare value of the rule's `fact:` (a decision table), else `collect`.
   */
  hit: z.enum(['unique', 'collect']).optional(),
  weight: z.number().min(-1).max(1).optional(),
  messages: z.record(z.string(), LocalizedSchema).optional(),
  cases: z
    .array(
      z.strictObject({
        if: z.union([z.string(), z.boolean(), z.array(z.union([z.string(), z.boolean()])), ConditionSchema]),
        effects: z.array(EffectSchema).min(1),
      }),
    )
    .optional(),
  match: z.strictObject({ property: z.literal('modes'), yes: MatchEffectSchema, no: MatchEffectSchema }).optional(),
  unknown: z.strictObject({ to: TargetSchema, message: LocalizedSchema }).optional(),
});
export type Rule = z.infer<typeof RuleSchema>;
export const RulesFileSchema = z.strictObject({ version: z.literal(1).optional(), rules: z.array(RuleSchema) });

const MeasureSchema = z.strictObject({
  id: Id,
  name: LocalizedSchema,
  text: LocalizedSchema,
  instrument: Id.optional(),
  when: ConditionSchema.optional(),
  ref: RefSchema,
});
export type Measure = z.infer<typeof MeasureSchema>;

export const PrefectureFileSchema = z.strictObject({
  version: z.literal(1).optional(),
  principle: z.strictObject({ id: Id, name: LocalizedSchema, text: LocalizedSchema, ref: RefSchema, reviewed: IsoDateSchema }),
  roles: z.array(z.strictObject({ id: Id, name: LocalizedSchema, text: LocalizedSchema, ref: RefSchema })),
  measures: z.array(MeasureSchema),
});
export type PrefectureFile = z.infer<typeof PrefectureFileSchema>;

/**
 * A legal value that changed over time, OpenFisca-style: `values:` keyed by the date each value
 * took effect, each with its citation. `reviewed` is when someone last checked it against the
 * source (`kouiki rules outdated` lists the stale ones).
 *
 *   threshold:
 *     values:
 *       1995-04-01: { value: 300000, ref: { source: lac, article: "252-22", paragraph: 1 } }
 *       2015-04-01: { value: 200000, ref: { source: lac-2014, article: 附則1, item: 2 } }
 *     reviewed: 2026-11-23
 */
export const DatedEntrySchema = z.strictObject({
  value: z.union([z.number(), z.string(), z.boolean(), z.null()]),
  ref: RefSchema,
  status: z.enum(['confirmed', 'unconfirmed']).optional(),
  note: LocalizedSchema.optional(),
});
export type DatedEntry = z.infer<typeof DatedEntrySchema>;

export const DatedValueSchema = z.strictObject({
  values: z.record(IsoDateSchema, DatedEntrySchema).refine((v) => Object.keys(v).length > 0, {
    message: 'at least one dated value',
    params: { ja: '日付つきの値が 1 つ以上必要です', en: 'needs at least one dated value' },
  }),
  /** Last date the value was checked against its source. */
  reviewed: IsoDateSchema,
  /** The value ends (the provision was repealed or lapsed) on this date, exclusive. */
  until: IsoDateSchema.optional(),
});
export type DatedValue = z.infer<typeof DatedValueSchema>;
