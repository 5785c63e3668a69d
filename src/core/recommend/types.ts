/** The result objects of a recommendation: exactly the JSON contract (§6), keys in output order. */

export type Effect = '+' | '-' | '?';
export type Verdict = 'recommended' | 'possible' | 'unsuitable' | 'not-allowed';
export const VERDICTS: readonly Verdict[] = ['recommended', 'possible', 'unsuitable', 'not-allowed'];

export interface Reason {
  rule: string;
  effect: Effect;
  message: string;
  citation: string;
}

export interface ProcedureStepOut {
  step: string;
  citation: string;
  status?: 'unconfirmed';
}

export interface Recommendation {
  instrument: string;
  name: string;
  /** For a council: the kind the task's mode calls for (management, liaison, planning). */
  kind?: string;
  rank: number;
  score: number;
  verdict: Verdict;
  level: 'municipal' | 'prefecture';
  reasons: Reason[];
  procedure?: ProcedureStepOut[];
}

export interface CategoryOut {
  id: string | null;
  name?: string;
  inferred: boolean;
  evidence: string[];
}

export interface PrefectureAdvice {
  why: string;
  principle: { name: string; text: string; citation: string };
  roles: { id: string; name: string; citation: string }[];
  measures: { id: string; name: string; instrument?: string; citation: string }[];
}

/**
 * Instruments that share the first rank (same verdict and score: the facts given do not tell
 * them apart), and the unknown facts that would: a fact is listed when some answer to it gives
 * two of them different verdicts or scores.
 */
export interface Tie {
  instruments: string[];
  separatedBy: string[];
}

export interface TaskResult {
  task: { id: string; name: string };
  category: CategoryOut;
  unknownFacts: string[];
  notes?: Reason[];
  recommendations: Recommendation[];
  /** Present when more than one instrument shares the first rank. */
  tie?: Tie;
  prefecture?: PrefectureAdvice;
}

/** Which recommendations carry their procedure: evaluate gives rank 1, recommend every recommended one. */
export type ProcedureScope = 'top' | 'recommended' | 'all';
