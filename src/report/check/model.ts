import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { ChalkInstance } from 'chalk';
import type { CheckSummary, FileFailure, FileReport } from '../../core/check/types.js';
import type { Lang } from '../../i18n/lang.js';
import type { JsonHead } from '../stream.js';

/** A rule as the reports describe it (SARIF driver rules, JUnit test cases, docs). */
export interface RuleMeta {
  id: string;
  name: string;
  description: string;
  help: string;
  citation: string;
  defaultSeverity: 'off' | 'warn' | 'error';
  /** The severity in this run, after the configuration. */
  severity: 'off' | 'warn' | 'error';
}

/** Everything a check report renders: the files, those that could not be checked, the rules. */
export interface CheckRun {
  head: JsonHead;
  lang: Lang;
  version: string;
  files: FileReport[];
  failures: FileFailure[];
  summary: CheckSummary;
  rules: RuleMeta[];
  /**
   * Where the CI formats (SARIF, JUnit, github) root their paths: the repository root, and the
   * working directory the other paths are relative to. Absent: paths as shown.
   */
  repo?: { root: string; cwd: string };
}

/**
 * A report path relative to the repository root (forward slashes), as code scanning and
 * annotations resolve them; a file outside the root keeps its absolute path.
 */
export function repoPath(run: CheckRun, shown: string): string {
  if (!run.repo) return shown;
  const abs = resolve(run.repo.cwd, shown);
  const rel = relative(run.repo.root, abs);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return abs.split(sep).join('/');
  return rel.split(sep).join('/');
}

export interface RenderEnv {
  chalk: ChalkInstance;
  /** The github format: whether a job summary ($GITHUB_STEP_SUMMARY) gets the full table. */
  stepSummary?: boolean;
}

export const t = (lang: Lang, ja: string, en: string): string => (lang === 'ja' ? ja : en);

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** `✖ 5 problems (3 errors, 2 warnings)`, as ESLint says it. */
export function problemsLine(s: CheckSummary, lang: Lang): string {
  const n = s.errors + s.warnings;
  if (lang === 'ja') return `✖ ${n} 件の問題（エラー ${s.errors}、警告 ${s.warnings}）`;
  return `✖ ${plural(n, 'problem', 'problems')} (${plural(s.errors, 'error', 'errors')}, ${plural(s.warnings, 'warning', 'warnings')})`;
}

export function cleanLine(s: CheckSummary, lang: Lang): string {
  return lang === 'ja' ? `✔ 問題はありません（${s.files} ファイル）` : `✔ no problems (${plural(s.files, 'file', 'files')})`;
}

export function suppressedLine(s: CheckSummary, lang: Lang): string {
  return lang === 'ja' ? `抑止 ${s.suppressed} 件（kouiki-disable-next-line）` : `${s.suppressed} suppressed (kouiki-disable-next-line)`;
}

export function severityLabel(sev: 'error' | 'warning', lang: Lang): string {
  return lang === 'ja' ? (sev === 'error' ? 'エラー' : '警告') : sev;
}
