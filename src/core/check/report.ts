import type { Lang } from '../../i18n/lang.js';
import type { CheckSeverity } from '../../schemas/config.js';
import { CHECK_RULE_IDS } from './ids.js';
import type { Directive } from './suppress.js';
import type { CheckSummary, Diagnostic, FileReport, Finding, Severity, SuppressedDiagnostic } from './types.js';

export interface ReportOptions {
  lang: Lang;
  /** The severity of each rule after the configuration (rules missing here are off). */
  severity(rule: string): CheckSeverity;
  /** The citation of the `suppression` rule. */
  suppressionCitation: string;
}

const RULE_ORDER = new Map<string, number>(CHECK_RULE_IDS.map((id, i) => [id, i]));

function toDiagnostic(f: Finding, sev: CheckSeverity): Diagnostic {
  const severity: Severity = sev === 'error' && f.maxSeverity !== 'warning' ? 'error' : 'warning';
  return {
    rule: f.rule,
    severity,
    message: f.message,
    line: f.range.line,
    column: f.range.column,
    endLine: f.range.endLine,
    endColumn: f.range.endColumn,
    citation: f.citation,
  };
}

/** By position, then errors before warnings, then the rules' documented order; otherwise as found (the sort is stable). */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    a.line - b.line ||
    a.column - b.column ||
    (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
    (RULE_ORDER.get(a.rule) ?? 99) - (RULE_ORDER.get(b.rule) ?? 99)
  );
}

/**
 * Applies severities and suppressions to one file's findings: rules that are off drop out, a
 * finding on the line after a matching directive is moved to `suppressed` with the directive's
 * reason, and directives without a reason, naming an unknown rule or suppressing nothing are
 * themselves `suppression` findings (which no directive can suppress).
 */
export function fileReport(path: string, findings: readonly Finding[], directives: readonly Directive[], opts: ReportOptions): FileReport {
  const t = (ja: string, en: string): string => (opts.lang === 'ja' ? ja : en);
  const known = new Set<string>(CHECK_RULE_IDS);
  const byLine = new Map<number, Directive[]>();
  for (const d of directives) {
    const list = byLine.get(d.target) ?? [];
    list.push(d);
    byLine.set(d.target, list);
  }
  const used = new Set<Directive>();
  const diagnostics: Diagnostic[] = [];
  const suppressed: SuppressedDiagnostic[] = [];
  for (const f of findings) {
    const sev = opts.severity(f.rule);
    if (sev === 'off') continue;
    const diag = toDiagnostic(f, sev);
    const dir = f.rule === 'suppression' ? undefined : byLine.get(f.range.line)?.find((d) => d.rules === null || d.rules.includes(f.rule));
    if (dir) {
      used.add(dir);
      suppressed.push({ ...diag, reason: dir.reason });
    } else diagnostics.push(diag);
  }
  const supSev = opts.severity('suppression');
  if (supSev !== 'off') {
    for (const d of directives) {
      const add = (message: string): void => {
        diagnostics.push(toDiagnostic({ rule: 'suppression', message, range: d.range, citation: opts.suppressionCitation }, supSev));
      };
      if (d.reason === null) {
        add(t('抑止コメントに理由がありません。`-- 理由` を書いてください（例: -- 西部協 2026-04 で合意）', 'the suppression comment gives no reason; add `-- REASON` (e.g. -- agreed in 西部協 2026-04)'));
      }
      for (const r of d.rules ?? []) {
        if (!known.has(r)) add(t(`抑止コメントに不明なルール「${r}」があります（${[...known].join(', ')}）`, `the suppression comment names an unknown rule "${r}" (known: ${[...known].join(', ')})`));
        else if (r === 'suppression') add(t('suppression ルールは抑止できません', 'the suppression rule cannot be suppressed'));
      }
      if (!used.has(d)) {
        add(t(`この抑止コメントは何も抑止していません（${d.target} 行目に該当する指摘がありません）。不要なら削除してください`, `this suppression comment suppresses nothing (no matching finding on line ${d.target}); remove it if it is no longer needed`));
      }
    }
  }
  diagnostics.sort(compareDiagnostics);
  suppressed.sort(compareDiagnostics);
  let errorCount = 0;
  let warningCount = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errorCount++;
    else warningCount++;
  }
  return { path, errorCount, warningCount, diagnostics, suppressed };
}

export function summarize(files: readonly FileReport[]): CheckSummary {
  const s: CheckSummary = { files: files.length, errors: 0, warnings: 0, suppressed: 0 };
  for (const f of files) {
    s.errors += f.errorCount;
    s.warnings += f.warningCount;
    s.suppressed += f.suppressed.length;
  }
  return s;
}

export interface ExitPolicy {
  /** -1 (or absent): any number of warnings. */
  maxWarnings: number;
  failOnWarn: boolean;
}

/**
 * The exit code of a check (contract §5): 2 when any file could not be checked, else 1 for
 * errors, too many warnings, or any warning with --fail-on-warn, else 0.
 */
export function exitCode(summary: CheckSummary, failures: number, policy: ExitPolicy): 0 | 1 | 2 {
  if (failures > 0) return 2;
  if (summary.errors > 0) return 1;
  if (policy.failOnWarn && summary.warnings > 0) return 1;
  if (policy.maxWarnings >= 0 && summary.warnings > policy.maxWarnings) return 1;
  return 0;
}
