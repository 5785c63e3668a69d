import type { TaskResult } from '../core/recommend/types.js';
import { categoryLine, kindLabel, rankLabel, summaryRow, SUMMARY_HEAD, type SummaryRow, mainReasons, procedureHeading, reasonLine, trailerLines, verdictText, type RecommendRenderEnv } from './recommend.js';
import { word } from './labels.js';
import type { StreamRenderer } from './stream.js';
import { drawTable } from './table.js';
import { displayWidth, fixed2, wrapText } from './text.js';
import { VERDICT_LABEL } from './labels.js';

/**
 * The summary table of a task list: one row per task (task, category, first choice and verdict,
 * the second, the key reason), its columns shared out over the output width.
 */
export function summaryTable(rows: readonly SummaryRow[], env: RecommendRenderEnv): string {
  const { lang, chalk } = env;
  if (env.width < 70) {
    // Too narrow for five columns: a block per task.
    const lines: string[] = [chalk.bold(word(lang, 'summaryHead'))];
    for (const r of rows) {
      lines.push(wrapText(`■ ${r.task} — ${r.category}`, env.width));
      lines.push(indent(wrapText(`${word(lang, 'firstChoice')}: ${r.first}`, env.width - 2), '  '));
      if (r.second) lines.push(indent(wrapText(`${word(lang, 'secondChoice')}: ${r.second}`, env.width - 2), '  '));
      if (r.reason) lines.push(indent(wrapText(`${word(lang, 'keyReason')}: ${r.reason}`, env.width - 2), '  '));
    }
    return `${lines.join('\n')}\n`;
  }
  const share = [0.19, 0.16, 0.22, 0.18, 0.25];
  const inner = Math.max(40, env.width - (share.length * 3 + 1));
  const widths = share.map((f) => Math.max(8, Math.floor(inner * f)));
  const table = drawTable({
    head: SUMMARY_HEAD.map((k, i) => wrapText(word(lang, k), widths[i]!)),
    colWidths: widths.map((w) => w + 2),
    rows: rows.map((r) => [r.task, r.category, r.first, r.second, r.reason].map((c, i) => wrapText(c, widths[i]!))),
    chalk,
  });
  return `${chalk.bold(word(lang, 'summaryHead'))}\n${table}\n`;
}

/** The human table of `recommend` and `evaluate`: a summary first when asked (evaluate), then one block per task. */
export function tableRenderer(env: RecommendRenderEnv): StreamRenderer<TaskResult> {
  const detail = detailRenderer(env);
  if (!env.summary) return detail;
  const rows: SummaryRow[] = [];
  const details: string[] = [];
  return {
    begin: () => '',
    item(r, i) {
      rows.push(summaryRow(r, env));
      if (env.summary === 'first') details.push(detail.item(r, i));
      return '';
    },
    end: () => (env.summary === 'only' ? summaryTable(rows, env) : `${summaryTable(rows, env)}\n${env.chalk.bold(word(env.lang, 'detailHead'))}\n${details.join('')}`),
  };
}

/**
 * Column widths (content, without padding) that fit the output width: rank, instrument, verdict
 * and score take what their longest entry needs (the instrument's name shrinks to 12 columns
 * first), the reasons the rest. Null when even then the reasons would get fewer than 24 columns:
 * the caller falls back to a list layout.
 */
export function detailColumns(width: number, lang: RecommendRenderEnv['lang'], names: readonly string[]): number[] | null {
  const rank = Math.max(displayWidth(word(lang, 'rank')), 3);
  const verdict = Math.max(displayWidth(word(lang, 'verdict')), ...Object.values(VERDICT_LABEL).map((v) => displayWidth(v[lang])));
  const score = Math.max(displayWidth(word(lang, 'score')), 4);
  const borders = 5 * 3 + 1;
  const widest = Math.min(20, Math.max(8, ...names.map(displayWidth)));
  for (const instrument of [widest, Math.min(widest, 14), Math.min(widest, 12)]) {
    const reasons = width - borders - rank - instrument - verdict - score;
    if (reasons >= 24) return [rank, instrument, verdict, score, reasons];
  }
  return null;
}

function detailRenderer(env: RecommendRenderEnv): StreamRenderer<TaskResult> {
  const { lang, chalk } = env;
  const max = env.maxReasons ?? 3;
  const cols = detailColumns(env.width, lang, env.data.instruments.map((i) => i.name[lang]));
  return {
    begin: () => '',
    item(r, i) {
      const out: string[] = [];
      if (i > 0) out.push('');
      out.push(chalk.bold(wrapText(`■ ${r.task.name} (${r.task.id})`, env.width)));
      out.push(wrapText(categoryLine(r, lang), env.width));
      const rows = r.recommendations.map((rec) => {
        const reasons = mainReasons(rec);
        const shown = reasons.slice(0, max).map(reasonLine);
        if (reasons.length > max) shown.push(`(${word(lang, 'more', { n: reasons.length - max })})`);
        const kind = kindLabel(rec, env.data, lang);
        return { rec, name: kind ? `${rec.name}\n(${kind})` : rec.name, shown };
      });
      if (cols) {
        const [rankW, nameW, verdictW, scoreW, reasonW] = cols as [number, number, number, number, number];
        out.push(
          drawTable({
            head: [word(lang, 'rank'), word(lang, 'instrument'), word(lang, 'verdict'), word(lang, 'score'), word(lang, 'reasons')].map((h, k) => wrapText(h, cols[k]!)),
            colWidths: cols.map((w) => w + 2),
            rows: rows.map((row) => [
              wrapText(rankLabel(row.rec, r.recommendations), rankW),
              wrapText(row.name, nameW),
              wrapText(verdictText(row.rec.verdict, lang, chalk), verdictW),
              wrapText(fixed2(row.rec.score), scoreW),
              wrapText(row.shown.join('\n'), reasonW),
            ]),
            chalk,
          }),
        );
      } else {
        // Too narrow for five columns: one block per instrument, its reasons indented below.
        for (const row of rows) {
          out.push(wrapText(`${rankLabel(row.rec, r.recommendations)}. ${row.name.replace('\n', ' ')} — ${verdictText(row.rec.verdict, lang, chalk)} ${fixed2(row.rec.score)}`, env.width));
          for (const line of row.shown) out.push(indent(wrapText(line, env.width - 4), '    '));
        }
      }
      for (const rec of r.recommendations) {
        if (!rec.procedure) continue;
        out.push(chalk.bold(`${procedureHeading(rec.name, lang)}:`));
        rec.procedure.forEach((s, k) => out.push(indent(wrapText(`${k + 1}. ${s.step} [${s.citation}]`, env.width - 2), '  ')));
      }
      for (const line of trailerLines(r, env, { roles: false })) out.push(wrapText(line, env.width));
      return `${out.join('\n')}\n`;
    },
    end: () => '',
  };
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((l) => by + l)
    .join('\n');
}

