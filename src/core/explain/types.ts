/**
 * The trace `kouiki explain` prints (JSON with `--format json`; the text and Markdown forms are
 * drawn from the same object through `TraceNode` trees). Keys are English ids; `title`, `name`,
 * `message` and `citation` follow the chosen language. Numbers are as in the results: scores
 * and weights in [−1, 1], dates YYYY-MM-DD.
 */
import type { CriterionStatus, DesignationResult } from '../eligibility/types.js';
import type { PrefectureAdvice, ProcedureStepOut, Reason, Verdict } from '../recommend/types.js';
import type { RankingKey } from '../recommend/evaluate.js';

export type TriText = 'true' | 'false' | 'unknown';

/** A condition as evaluated: both operands (the task's value and the rule's) and the result. */
export type ConditionTrace =
  | { op: 'is'; fact: string; actual: unknown; expected: string | boolean; result: TriText }
  | { op: 'in'; fact: string; actual: unknown; expected: (string | boolean)[]; result: TriText }
  | { op: 'all' | 'any'; result: TriText; of: ConditionTrace[] }
  | { op: 'not'; result: TriText; of: ConditionTrace }
  | { op: 'text'; keywords: string[]; matched: string[]; result: TriText }
  | { op: 'known'; fact: string; actual: unknown; result: TriText };

/**
 * A parameter read for `asOf`: the value chosen, the date it took effect (`from`, null when it
 * has no start date) and the next change (`until`), with the whole history when it is dated.
 */
export interface ParameterRead {
  id: string;
  value: unknown;
  from: string | null;
  until: string | null;
  history?: { from: string | null; value: unknown; citation?: string; unconfirmed?: true }[];
  citation: string;
  /** What kind of value: `law` (a legal value with a citation) or `setting` (the pack's judgement). */
  kind: 'law' | 'setting';
  note?: string;
  /**
   * A dated value whose effective date is unconfirmed (`from` is null): the date of the entry
   * chosen for `asOf`, which may only record when the text was checked (dated.ts `changedOn`).
   */
  recordedFrom?: string;
  /** A rule value that has no dates (a list of kinds, a floor stated by the source): no "since". */
  undated?: true;
}

export interface FactTrace {
  id: string;
  label: string;
  value: unknown;
  /** given in the task, derived by kouiki (e.g. prefectureParty from the parties), or unknown. */
  status: 'given' | 'derived' | 'unknown';
  /** For a derived fact: where it came from (`parties`, `includesPrefecture`, `category`). */
  from?: string;
}

export interface EffectTrace {
  instruments: string[];
  effect: '+' | '-';
  weight: number;
  cap?: 'unsuitable' | 'not-allowed';
  message: string;
  citation: string;
  /** Per-instrument citations where they differ from `citation` (`refFrom:` effects). */
  citations?: Record<string, string>;
}

export interface CaseTrace {
  /** 1-based, as a reader counts the cases in the YAML. */
  case: number;
  when: ConditionTrace;
  result: TriText;
  effects: EffectTrace[];
}

/** `checked`: a built-in check ran and found nothing to hold against any instrument. */
export type RuleTraceOutcome = 'applied' | 'checked' | 'unknown' | 'not-applicable' | 'not-yet-effective';

export interface RuleTrace {
  rule: string;
  title: string;
  kind: 'in-force' | 'party-kinds' | 'category-fit' | 'cases' | 'match';
  fact?: string;
  effective?: string;
  outcome: RuleTraceOutcome;
  citation: string;
  cases?: CaseTrace[];
  match?: { fact: string; actual: unknown; effects: EffectTrace[] };
  /** When the rule could not be decided: the instruments that got a "?" reason, and why. */
  unknown?: { instruments: string[]; message: string };
  /** The built-in rules' checks (in force; who may be a party; what the sources name for the category). */
  checks?: BuiltinCheck[];
}

export type BuiltinCheck =
  | { instrument: string; from: string; certainFrom: string; state: 'not-yet' | 'in-doubt' | 'in-force'; citation: string }
  | { instrument: string; party: string; kind: string; status: 'allowed' | 'unconfirmed' | 'excluded'; citation: string }
  | { category: string; standing?: string; instruments: string[]; weight: number; citation: string };

export interface ContributionTrace {
  rule: string;
  effect: '+' | '-' | '?';
  weight: number;
  cap?: 'unsuitable' | 'not-allowed';
  message: string;
  citation: string;
}

export interface InstrumentTrace {
  instrument: string;
  name: string;
  level: 'municipal' | 'prefecture';
  rank: number;
  verdict: Verdict;
  score: number;
  base: number;
  contributions: ContributionTrace[];
  /** base + every weight, before clamping to [0, 1]. */
  sum: number;
  cap: 'unsuitable' | 'not-allowed' | null;
  /** Why this verdict, in words (the cap and its rules, or the score against the bands). */
  because: string;
  procedure?: ProcedureStepOut[];
}

export interface RankingPairTrace {
  above: string;
  below: string;
  /** The key of the ranking that decided this pair. */
  by: RankingKey;
  message: string;
  citation: string;
}

export interface RankingTrace {
  policy: string;
  keys: RankingKey[];
  order: string[];
  reason: string;
  citation: string;
  subsidiarity: { applies: boolean; reason: string; citation: string };
  pairs: RankingPairTrace[];
}

export interface RecommendationExplanation {
  kind: 'recommendation';
  task: { id: string; name: string; description?: string };
  category: { id: string | null; name?: string; source: 'given' | 'inferred' | 'unknown'; evidence: string[]; tied: string[]; instruments: string[]; citation: string };
  facts: FactTrace[];
  unknownFacts: string[];
  parameters: ParameterRead[];
  rules: RuleTrace[];
  instruments: InstrumentTrace[];
  ranking: RankingTrace;
  notes: Reason[];
  settings: { recommendedAt: number; unsuitableBelow: number };
  prefecture?: PrefectureAdvice;
  /** When the prefecture's role is shown: each support measure of the pack, its condition and whether it applies. */
  measures?: { id: string; name: string; instrument?: string; when?: ConditionTrace; shown: boolean; citation: string }[];
}

/**
 * The eligibility variant (`kouiki explain NAME --designation ID`), filled from
 * `evaluateEligibility(..., trace)` (src/core/explain/eligibility.ts): the municipality and the
 * figures read with their sources, the parameters chosen for `asOf`, every criterion with both
 * operands, the special cases and what they replaced, the result, the steps and the notes.
 */
export interface EligibilityExplanation {
  kind: 'eligibility';
  municipality: {
    name: string;
    merged: string[];
    code?: string;
    prefecture?: string;
    kind?: string | null;
    /** Where the kind comes from (a designation list, the code list, a data file, a flag). */
    source?: string;
    /** Notes of the data record (e.g. which census figure was used). */
    notes?: string[];
  };
  designation: {
    id: string;
    name: string;
    citation: string;
    summary?: string;
    /** Partner checks: the central city the share is measured to. */
    centralCity?: string;
    /** 複眼型: the other city of a two-city centre (`--twin`). */
    twin?: string;
  };
  /** Merger what-if: how each figure of the merged city was derived (or why it is unknown). */
  derived?: string[];
  /** The figures the designation reads, each with where it came from (null: unknown, with `where` to get it). */
  figures: { id: string; value: number | string | null; source: string | null; derived?: string; where?: string; atLeast?: boolean }[];
  /** Thresholds, windows, kinds and the tolerance read for `asOf`, with the effective date chosen (dated values). */
  parameters: ParameterRead[];
  criteria: CriterionTrace[];
  /** The special cases (exceptions) of the designation: whether each applied and what it replaced. */
  exceptions: ExceptionTrace[];
  eligible: boolean | null;
  /** Why `eligible` is what it is, in words. */
  because: string;
  /** Steps that remain after the figures pass (e.g. Art. 252-24 for 中核市). */
  steps: { step: string; citation: string }[];
  notes: string[];
  result: DesignationResult;
}

export interface CriterionTrace {
  id: string;
  name?: string;
  status: CriterionStatus;
  /** The criterion's own status before a special case stood in for it (set only when it differs). */
  statusBefore?: CriterionStatus;
  actual: number | string | null;
  required: string;
  /**
   * The comparison made: the operator, the value read and, for おおむね, the tolerance and the
   * band (`borderlineAbove` < figure < threshold is borderline); `floor` for a band the source
   * states itself (5万程度以上, at least over 4万); `parameter` names the entry of `parameters`.
   */
  comparison?: {
    op: '>=' | '>' | '<' | '<=' | '=' | 'in';
    threshold: number | string | (number | string)[] | null;
    tolerance?: number;
    borderlineAbove?: number;
    floor?: { op: string; value: number };
    parameter?: string;
  };
  /** For the criteria of a special case: its id. */
  exception?: string;
  /** Set when a special case's route replaced this criterion (its id). */
  replacedBy?: string;
  /** The day the threshold applied took its value. */
  effectiveFrom?: string;
  /** `actual` is only a lower bound (some commuting flows are missing). */
  atLeast?: boolean;
  /** A guideline, not a bar (partner checks): below it the status is `not-applicable`, never `fail`. */
  guideline?: boolean;
  citation: string;
  note?: string;
  /** For `unknown`: the figure that would decide it and where to get it. */
  missing?: string;
}

export interface ExceptionTrace {
  id: string;
  name: string;
  /** The base criteria the route stands in for when it passes. */
  replaces: string[];
  /** Whether the route is open to this city on `asOf` (closed: `reason` says why; unknown: the kind is unknown). */
  applies: 'open' | 'closed' | 'unknown';
  reason?: string;
  /** The route's own result (its criteria together), when it was evaluated. */
  route?: CriterionStatus;
  /**
   * What it did: `replaced` (the route passes and stands in for failing criteria), `not-needed`
   * (they pass on their own), `undecided` (the route is unknown or borderline, and so are they),
   * `failed` (the route fails; they keep their status), `closed` (not open to this city).
   */
  outcome: 'replaced' | 'not-needed' | 'undecided' | 'failed' | 'closed';
  /** The criteria whose status it changed. */
  replaced: { criterion: string; from: CriterionStatus; to: CriterionStatus }[];
  citation: string;
  note?: string;
}

export type Explanation = RecommendationExplanation | EligibilityExplanation;

/** A node of the indented tree (text) and of the nested lists (Markdown). */
export interface TraceNode {
  text: string;
  citation?: string;
  children?: TraceNode[];
}
