import { sourcesText } from '../sources.js';
import { displayWidth } from '../width.js';
import { cleanLine, problemsLine, severityLabel, suppressedLine, type CheckRun, type RenderEnv } from './model.js';

const oneLine = (s: string): string => s.replace(/\s*\r?\n\s*/g, ' ');
const pad = (s: string, width: number): string => s + ' '.repeat(Math.max(0, width - displayWidth(s)));

/**
 * ESLint's stylish: one block per file with problems (`line:col  severity  message [citation]  rule`;
 * position and severity aligned by display width, the message not padded: kouiki's messages are
 * long sentences, and padding them all to the longest pushed the rule ids off the screen), then `✖ N problems (E errors, W warnings)`. A run with no
 * problems says so in one line (a planner reading the output should not have to guess).
 */
export function stylish(run: CheckRun, env: RenderEnv): string {
  const { chalk } = env;
  const lang = run.lang;
  let out = '';
  for (const f of run.files) {
    if (f.diagnostics.length === 0) continue;
    const rows = f.diagnostics.map((d) => ({
      pos: `${d.line}:${d.column}`,
      sev: severityLabel(d.severity, lang),
      error: d.severity === 'error',
      msg: oneLine(d.citation ? `${d.message} [${d.citation}]` : d.message),
      rule: d.rule,
    }));
    const wPos = Math.max(...rows.map((r) => r.pos.length));
    const wSev = Math.max(...rows.map((r) => displayWidth(r.sev)));
    out += `\n${chalk.underline(f.path)}\n`;
    for (const r of rows) {
      const sev = pad(r.sev, wSev);
      out += `  ${chalk.dim(pad(r.pos, wPos))}  ${r.error ? chalk.red(sev) : chalk.yellow(sev)}  ${r.msg}  ${chalk.dim(r.rule)}\n`;
    }
  }
  const s = run.summary;
  if (s.errors + s.warnings > 0) {
    const line = problemsLine(s, lang);
    out += `\n${s.errors > 0 ? chalk.red.bold(line) : chalk.yellow.bold(line)}\n`;
  } else if (run.failures.length === 0) {
    out += `${chalk.green(cleanLine(s, lang))}\n`;
  }
  if (s.suppressed > 0) out += `  ${chalk.dim(suppressedLine(s, lang))}\n`;
  const sources = sourcesText(run.sources ?? [], lang);
  if (sources.length > 0) out += `\n${sources.join('\n')}\n`;
  return out;
}
