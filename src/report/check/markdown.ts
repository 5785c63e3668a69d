import { sourcesMarkdown } from '../sources.js';
import { mdCell } from '../text.js';
import { cleanLine, problemsLine, severityLabel, suppressedLine, t, type CheckRun } from './model.js';

/**
 * Markdown for pull-request comments and the GitHub job summary: the totals, then a table per
 * file with problems, the clean files listed, files that could not be checked named.
 */
export function markdown(run: CheckRun): string {
  const lang = run.lang;
  const s = run.summary;
  let out = `## kouiki check\n\n`;
  out += s.errors + s.warnings > 0 ? problemsLine(s, lang) : cleanLine(s, lang);
  if (s.suppressed > 0) out += ` · ${suppressedLine(s, lang)}`;
  out += '\n';
  if (run.failures.length > 0) {
    out += `\n### ${t(lang, 'チェックできなかったファイル', 'Files that could not be checked')}\n\n`;
    for (const x of run.failures) out += `- \`${x.path}${x.line !== undefined ? `:${x.line}${x.column !== undefined ? `:${x.column}` : ''}` : ''}\`: ${mdCell(x.message)}\n`;
  }
  const head = `| ${t(lang, '位置', 'Line')} | ${t(lang, '重大度', 'Severity')} | ${t(lang, 'ルール', 'Rule')} | ${t(lang, '内容', 'Message')} | ${t(lang, '根拠', 'Citation')} |\n|---|---|---|---|---|\n`;
  const clean: string[] = [];
  for (const f of run.files) {
    if (f.diagnostics.length === 0) {
      clean.push(f.path);
      continue;
    }
    out += `\n### ${mdCell(f.path)}\n\n${head}`;
    for (const d of f.diagnostics) {
      const sev = severityLabel(d.severity, lang);
      out += `| ${d.line}:${d.column} | ${d.severity === 'error' ? `**${sev}**` : sev} | \`${d.rule}\` | ${mdCell(d.message)} | ${mdCell(d.citation)} |\n`;
    }
  }
  if (clean.length > 0) {
    out += `\n${t(lang, '問題のないファイル', 'Files without problems')}: ${clean.map((p) => `\`${p}\``).join(', ')}\n`;
  }
  const sources = sourcesMarkdown(run.sources ?? [], lang, { level: 3 });
  if (sources.length > 0) out += `\n${sources.join('\n')}\n`;
  return out;
}
