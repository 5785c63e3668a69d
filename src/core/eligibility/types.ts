/**
 * Eligibility results: exactly the JSON contract (§6, `eligibility`), plus optional fields the
 * contract allows us to add (never a change to its own). The engine that fills them is
 * `evaluateEligibility` (evaluate.ts); `kouiki check` and `kouiki explain` call it so all three
 * agree. Keys are built in this order, so the JSON is byte-stable.
 */

export type CriterionStatus = 'pass' | 'fail' | 'borderline' | 'not-applicable' | 'unknown';
export const CRITERION_STATUSES: readonly CriterionStatus[] = ['pass', 'fail', 'borderline', 'not-applicable', 'unknown'];

export interface CriterionResult {
  /** `population`, `scale`, `day-night-ratio`, `metro-core-commute-share`, `location`, `commute-share`, or a special case's id. */
  id: string;
  status: CriterionStatus;
  /** The figure compared (number, or a kind such as "core-city"); null when unknown. */
  actual: number | string | null;
  /** The requirement in words, e.g. ">= 1 (おおむね)". */
  required: string;
  citation: string;
  // ── additions (optional) ──
  /** The criterion's name in the chosen language. */
  name?: string;
  /** The effective date of the threshold applied (the dated value chosen for --as-of). */
  effectiveFrom?: string;
  /** `actual` is only a lower bound (some commuting flows are missing). */
  atLeast?: boolean;
  /** A guideline, not a bar: below it the status is `not-applicable` and `note` says the municipality may still join. */
  guideline?: boolean;
  /** Set when a special case's route replaced this criterion (its id). */
  replacedBy?: string;
  /** Why the status is what it is, when the figures alone do not say. */
  note?: string;
  /** For `unknown`: the figure that would decide it and where to get it. */
  missing?: string;
  /** Where the figure compared comes from (§7: a criterion's figure carries its source and layer). */
  source?: string;
  /** The layer of the data it came from: `embedded`, `data` (--data FILE, a draft), `import` (a file of `kouiki data import`), `flag`. */
  layer?: 'embedded' | 'data' | 'import' | 'flag';
  /** For a census figure: its survey year, 確定/速報, and (when known) the version and whether it was published after --as-of. */
  census?: CensusOut;
  /**
   * The figure rests on a secondary source alone (no official table found): why. Such a figure
   * never decides against the official version of the same figure (the status is then `unknown`).
   */
  unconfirmed?: string;
  /** The other version of a census figure (a 不詳補完値 beside the 原数値 that decided), with the status it would give. */
  alternative?: { actual: number; status: CriterionStatus; basis: 'imputed' | 'raw'; source: string; unconfirmed?: string };
}

/** A census figure's census, as results show it. */
export interface CensusOut {
  year: number;
  kind: '確定' | '速報' | null;
  /** `imputed` (不詳補完値) or `raw` (原数値), where the census has both. */
  basis?: 'imputed' | 'raw';
  /** When the tabulation was published (YYYY-MM-DD or YYYY-MM). */
  published?: string;
  /** The figure comes from a census published after --as-of (no earlier census is in the data): flagged, never used silently. */
  afterAsOf?: true;
}

export interface StepOut {
  step: string;
  citation: string;
}

/** A designation the municipality already holds (contract §7): the day it took effect and its source. */
export interface HeldOut {
  since: string | null;
  source: string;
}

export interface DesignationResult {
  designation: string;
  /** true: every criterion passes or is not applicable; false: any fails; null otherwise. For a held designation: the figures today. */
  eligible: boolean | null;
  /** Set when the municipality already holds this designation (contract §7). */
  held?: HeldOut;
  criteria: CriterionResult[];
  // ── additions ──
  name?: string;
  /** Partner checks: the central city the share is measured to. */
  centralCity?: string;
  /** What remains to be done once the figures pass (e.g. Art. 252-24 for a 中核市). */
  steps?: StepOut[];
  notes?: string[];
}

/**
 * A designation not checked because it is out of the city's reach (asked without
 * `--designation`): the lowest population any of its routes accepts, a kind of municipality it
 * is not for, or (中核市) a city that holds more (a 指定都市, Art. 252-26).
 */
export interface NotChecked {
  designation: string;
  name: string;
  reason: 'population' | 'kind' | 'holds-designated-city';
  lowestPopulation?: number;
}

export interface FigureOut {
  figure: string;
  value: number | string | null;
  source: string | null;
  /** How kouiki computed it (a ratio from counts, a merger sum). */
  derivation?: string;
  /** For an unknown figure: where to get it. */
  where?: string;
  layer?: 'embedded' | 'data' | 'import' | 'flag';
  census?: CensusOut;
  /** The figure rests on a secondary source alone: why. */
  unconfirmed?: string;
}

export interface EligibilityResult {
  municipality: {
    name: string;
    merged: string[];
    // ── additions ──
    code?: string;
    prefecture?: string;
    kind?: string | null;
  };
  designations: DesignationResult[];
  // ── additions ──
  /** The figures the checks read, each with its source (or where to get it). */
  figures?: FigureOut[];
  /** Designations not checked (out of reach; asked without --designation). */
  notChecked?: NotChecked[];
  /** Merger what-if: how each figure of the merged city was derived. */
  derived?: string[];
  notes?: string[];
}

/**
 * What `evaluateEligibility` reports to a trace hook (`kouiki explain`): every figure read with
 * its source, every parameter chosen with its effective date, every comparison with both
 * operands, every special case's applicability, and every replacement.
 */
export type TraceEvent =
  | { type: 'subject'; municipality: string; merged: string[]; asOf: string }
  | { type: 'figure'; municipality: string; figure: string; value: number | string | null; source: string | null; derivation?: string; atLeast?: boolean }
  | {
      type: 'parameter';
      designation: string;
      criterion: string;
      parameter: 'threshold' | 'tolerance' | 'floor' | 'window' | 'in-force' | 'kinds';
      value: unknown;
      effectiveFrom: string | null;
      citation: string;
      unconfirmed?: boolean;
    }
  | { type: 'criterion'; designation: string; criterion: string; left: number | string | null; op: string; right: number | string | null; status: CriterionStatus; how: string }
  | { type: 'exception'; designation: string; exception: string; applies: 'open' | 'closed' | 'unknown'; reason?: string; route?: CriterionStatus }
  | { type: 'replace'; designation: string; criterion: string; by: string; from: CriterionStatus; to: CriterionStatus }
  | { type: 'result'; designation: string; eligible: boolean | null };

export type TraceHook = (event: TraceEvent) => void;
