import type { Diagnostic } from '../../core/check/types.js';
import { problemsLine, repoPath, t, type CheckRun, type RenderEnv } from './model.js';

/** GitHub shows at most 10 annotations of each severity per step; more are dropped by it. */
export const ANNOTATIONS_PER_SEVERITY = 10;

/** Workflow-command data (the message): %, CR and LF escaped. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow-command property values (file, title): also `:` and `,`, which delimit properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(kind: 'error' | 'warning' | 'notice', props: [string, string | number][], message: string): string {
  const p = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${kind}${p ? ` ${p}` : ''}::${escapeData(message)}\n`;
}

/**
 * GitHub Actions annotations (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::…`),
 * at most ten per severity as GitHub displays, then one notice with the totals that points to
 * the job summary (where the full table goes when $GITHUB_STEP_SUMMARY is set). Files that could
 * not be checked are annotated as errors titled so.
 */
export function github(run: CheckRun, env: RenderEnv): string {
  const lang = run.lang;
  let out = '';
  const shown = { error: 0, warning: 0 };
  const hidden = { error: 0, warning: 0 };
  for (const x of run.failures) {
    const props: [string, string | number][] = [['file', repoPath(run, x.path)]];
    if (x.line !== undefined) props.push(['line', x.line]);
    if (x.column !== undefined) props.push(['col', x.column]);
    props.push(['title', t(lang, 'kouiki: チェックできません', 'kouiki: could not check')]);
    out += annotation('error', props, x.message);
  }
  const emit = (path: string, d: Diagnostic): void => {
    const sev = d.severity;
    if (shown[sev] >= ANNOTATIONS_PER_SEVERITY) {
      hidden[sev]++;
      return;
    }
    shown[sev]++;
    out += annotation(
      sev,
      [
        ['file', repoPath(run, path)],
        ['line', d.line],
        ['col', d.column],
        ['endLine', d.endLine],
        ['endColumn', d.endColumn],
        ['title', `kouiki ${d.rule}`],
      ],
      d.citation ? `${d.message} [${d.citation}]` : d.message,
    );
  };
  for (const f of run.files) for (const d of f.diagnostics) emit(f.path, d);
  const s = run.summary;
  const more = hidden.error + hidden.warning;
  const where = env.stepSummary ? t(lang, 'ジョブの概要（Summary）', 'the job summary') : t(lang, 'ログの出力', 'the log output');
  let msg = s.errors + s.warnings > 0 ? problemsLine(s, lang) : t(lang, `✔ 問題はありません（${s.files} ファイル）`, `✔ no problems (${s.files} file${s.files === 1 ? '' : 's'})`);
  if (more > 0) msg += t(lang, `。ここに示していない ${more} 件は${where}を参照してください`, `; ${more} more not annotated here: see ${where}`);
  else if (s.errors + s.warnings > 0) msg += t(lang, `。一覧は${where}にあります`, `; the full list is in ${where}`);
  out += annotation('notice', [['title', 'kouiki check']], msg);
  return out;
}
