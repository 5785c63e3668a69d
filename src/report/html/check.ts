import type { Diagnostic } from '../../core/check/types.js';
import { cleanLine, problemsLine, severityLabel, suppressedLine, type CheckRun } from '../check/model.js';
import { badge, cover, documentPage, list, section, table, type Notes } from './blocks.js';
import { coverRows, newNotes, say, type HtmlEnv } from './common.js';
import { html, type Content, type Safe } from './html.js';

/**
 * The HTML report of `check`: the cover and the totals, then the findings grouped by file, each
 * with its line, the rule, the message, the citation as a note and the offending text of the
 * draft (the part the finding points at marked).
 */

export interface CheckHtmlEnv extends HtmlEnv {
  /** The lines of a checked file (by the path the report shows), or null when it cannot be read. */
  sourceLines?: (path: string) => readonly string[] | null;
}

const W = {
  title: { ja: '政策案のチェック結果', en: 'Policy draft check' },
  summary: { ja: '概要', en: 'Summary' },
  file: { ja: 'ファイル', en: 'File' },
  errors: { ja: 'エラー', en: 'Errors' },
  warnings: { ja: '警告', en: 'Warnings' },
  suppressed: { ja: '抑止', en: 'Suppressed' },
  line: { ja: '行', en: 'Line' },
  severity: { ja: '重大度', en: 'Severity' },
  rule: { ja: 'ルール', en: 'Rule' },
  message: { ja: '内容', en: 'Message' },
  text: { ja: '該当箇所', en: 'Offending text' },
  failures: { ja: 'チェックできなかったファイル', en: 'Files that could not be checked' },
  clean: { ja: '問題のないファイル', en: 'Files without problems' },
  noProblems: { ja: 'このファイルに問題はありません。', en: 'No problems in this file.' },
} as const;

/** The source line of a finding with the range it points at marked (columns are UTF-16 units, end exclusive). */
function offending(d: Diagnostic, lines: readonly string[] | null): Content {
  const text = lines?.[d.line - 1];
  if (text === undefined) return '';
  const end = d.endLine === d.line ? d.endColumn - 1 : text.length;
  const a = Math.max(0, Math.min(d.column - 1, text.length));
  const b = Math.max(a, Math.min(end, text.length));
  return html`<code class="finding-text">${text.slice(0, a)}<mark>${text.slice(a, b)}</mark>${text.slice(b)}</code>`;
}

function severityBadge(sev: Diagnostic['severity'], lang: 'ja' | 'en'): Safe {
  return sev === 'error' ? badge('st-fail', '✗', severityLabel('error', lang)) : badge('st-borderline', '!', severityLabel('warning', lang));
}

function fileSection(path: string, diagnostics: readonly Diagnostic[], env: CheckHtmlEnv, notes: Notes): Safe {
  const { lang } = env;
  const lines = env.sourceLines?.(path) ?? null;
  const rows = diagnostics.map((d) => [`${d.line}:${d.column}`, severityBadge(d.severity, lang), html`<span class="id">${d.rule}</span>`, html`${d.message}${notes.ref(d.citation)}${offending(d, lines)}`]);
  return section(path, [table([{ head: W.line[lang], num: true }, { head: W.severity[lang], nowrap: true }, { head: W.rule[lang] }, { head: `${W.message[lang]} / ${W.text[lang]}` }], rows)], { page: true });
}

export function checkDocument(run: CheckRun, env: CheckHtmlEnv): string {
  const { lang } = env;
  const notes = newNotes(lang);
  const s = run.summary;
  const totals = `${s.errors + s.warnings > 0 ? problemsLine(s, lang) : cleanLine(s, lang)}${s.suppressed > 0 ? ` · ${suppressedLine(s, lang)}` : ''}`;
  const body: Content[] = [cover(W.title[lang], coverRows(env), totals)];
  const summaryRows = run.files.map((f) => [f.path, f.errorCount, f.warningCount, f.suppressed.length]);
  body.push(section(W.summary[lang], [table([{ head: W.file[lang] }, { head: W.errors[lang], num: true }, { head: W.warnings[lang], num: true }, { head: W.suppressed[lang], num: true }], summaryRows)]));
  if (run.failures.length > 0) {
    body.push(section(W.failures[lang], [list(run.failures.map((x) => html`<span class="id">${x.path}${x.line !== undefined ? `:${x.line}${x.column !== undefined ? `:${x.column}` : ''}` : ''}</span>: ${x.message}`))]));
  }
  const clean = run.files.filter((f) => f.diagnostics.length === 0).map((f) => f.path);
  if (clean.length > 0) body.push(html`<p>${W.clean[lang]}: ${clean.join(', ')}</p>`);
  for (const f of run.files) if (f.diagnostics.length > 0) body.push(fileSection(f.path, f.diagnostics, env, notes));
  return documentPage({ lang, title: say({ ja: W.title.ja, en: W.title.en }, lang), body, notes });
}
