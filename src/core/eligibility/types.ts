/**
 * Eligibility results: exactly the JSON contract (§6, `eligibility`). The engine that fills them
 * lives beside this file (issue 3); `kouiki check` and `kouiki explain` call it through
 * `evaluateEligibility` (see the signature below) so all three agree.
 */

export type CriterionStatus = 'pass' | 'fail' | 'borderline' | 'not-applicable' | 'unknown';

export interface CriterionResult {
  /** `population`, `scale`, `day-night-ratio`, `metro-core-commute-share`, `location`, `commute-share`, or a special case's id. */
  id: string;
  status: CriterionStatus;
  /** The figure compared (number, or a kind such as "core-city"); null when unknown. */
  actual: number | string | null;
  /** The requirement in words, e.g. ">= 1 (おおむね)". */
  required: string;
  citation: string;
}

export interface DesignationResult {
  designation: string;
  /** true: every criterion passes or is not applicable; false: any fails; null otherwise. */
  eligible: boolean | null;
  criteria: CriterionResult[];
}

export interface EligibilityResult {
  municipality: { name: string; merged: string[] };
  designations: DesignationResult[];
}
