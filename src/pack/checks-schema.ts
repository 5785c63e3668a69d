import * as z from 'zod';
import { LocalizedSchema } from '../schemas/common.js';
import { CHECK_SEVERITIES } from '../schemas/config.js';
import { RefSchema } from './schema.js';

/** The schema of the checks (`rules/checks/`, or a pack's checks.yaml; see checks.ts for what it holds). */

/** The keys of a draft's project that carry what a charter (規約) must state. */
export const STATUTORY_FIELDS = ['costSharing', 'provider', 'parties'] as const;

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'kebab-case id');


export const CheckRuleSchema = z.strictObject({
  id: Id,
  severity: z.enum(CHECK_SEVERITIES),
  name: LocalizedSchema,
  description: LocalizedSchema,
  help: LocalizedSchema,
  /** A legal or document citation, formatted by formatRef ... */
  ref: RefSchema.optional(),
  /** Further citations for particular findings of the rule, by name. */
  refs: z.record(z.string(), RefSchema).optional(),
  /** ... or a plain one, for rules that rest on kouiki's own formats. */
  citation: LocalizedSchema.optional(),
  /** The rule's options and their defaults (a config's `options:` may set these keys only). */
  options: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
});
export type CheckRuleDef = z.infer<typeof CheckRuleSchema>;


export const StatutoryContentSchema = z.strictObject({
  id: Id,
  instrument: Id,
  /** The key of a draft's project that carries it (`parties`: at least two). */
  field: z.enum(STATUTORY_FIELDS),
  what: LocalizedSchema,
  ref: RefSchema,
});
export type StatutoryContent = z.infer<typeof StatutoryContentSchema>;

export const SchemeSchema = z.strictObject({
  id: Id,
  name: LocalizedSchema,
  /** The designation the central city needs (an eligibility designation id). */
  designation: Id,
  /** The partner guideline (an eligibility partner-check id). */
  partnerCheck: Id,
  /** The one-to-one agreement each partner concludes with the central city (an `agreements[].type`). */
  agreement: Id,
  agreementName: LocalizedSchema,
  ref: RefSchema,
});
export type Scheme = z.infer<typeof SchemeSchema>;

export const ChecksFileSchema = z.strictObject({
  version: z.literal(1).optional(),
  checks: z.array(CheckRuleSchema),
  statutoryContent: z.array(StatutoryContentSchema).optional(),
  schemes: z.array(SchemeSchema).optional(),
});

