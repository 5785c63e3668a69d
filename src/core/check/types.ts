/** The result objects of `kouiki check`: the JSON contract (§6), keys in output order. */

export type Severity = 'error' | 'warning';

/** A source range: 1-based lines and columns (UTF-16 code units), end exclusive. */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Diagnostic extends Range {
  rule: string;
  severity: Severity;
  message: string;
  citation: string;
}

/** A diagnostic a `# kouiki-disable-next-line` comment suppressed, with the reason it gave. */
export interface SuppressedDiagnostic extends Diagnostic {
  reason: string | null;
}

export interface FileReport {
  path: string;
  errorCount: number;
  warningCount: number;
  diagnostics: Diagnostic[];
  suppressed: SuppressedDiagnostic[];
}

/** A file that could not be checked at all (unreadable, invalid YAML, `data:` missing): exit 2. */
export interface FileFailure {
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export interface CheckSummary {
  files: number;
  errors: number;
  warnings: number;
  suppressed: number;
}

/**
 * What a check rule reports before the configuration applies: the rule, the message (in the
 * run's language), where, and its citation. `maxSeverity: 'warning'` marks a finding that is
 * never an error (an `unknown` or `borderline` eligibility criterion is not a failure).
 */
export interface Finding {
  rule: string;
  message: string;
  range: Range;
  citation: string;
  maxSeverity?: Severity;
}
