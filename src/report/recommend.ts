import type { ChalkInstance } from 'chalk';
import type { Lang } from '../i18n/lang.js';
import type { Reason, Recommendation, TaskResult, Verdict } from '../core/recommend/types.js';
import type { PackData } from '../pack/model.js';
import { VERDICT_LABEL, word } from './labels.js';
import { taskResultJson, writeTaskResultJson } from './json-result.js';
import { jsonArrayRenderer, type JsonHead, type StreamRenderer } from './stream.js';
import { csvField, fixed2, mdCell } from './text.js';

export { RECOMMEND_FORMATS } from './formats.js';

export interface RecommendRenderEnv {
  lang: Lang;
  /** JSON: one result per line (evaluate's batches) instead of pretty-printed. */
  compactJson?: boolean;
  head: JsonHead;
  width: number;
  chalk: ChalkInstance;
  data: PackData;
  /** How many reasons a table row shows before "N more". */
  maxReasons?: number;
}

/** JSON, Markdown and CSV; the table (the table package) lives in recommend-table.ts and loads only when asked for. */
export function recommendRenderer(format: string, env: RecommendRenderEnv): StreamRenderer<TaskResult> {
  switch (format) {
    case 'json':
      return jsonArrayRenderer<TaskResult>(env.head, 'results', undefined, env.compactJson === true, taskResultJson, writeTaskResultJson);
    case 'markdown':
      return markdownRenderer(env);
    case 'csv':
      return csvRenderer(env);
    default:
      throw new Error(`no renderer for ${format}`);
  }
}

/** The reasons worth showing first: what sinks an instrument first for the bad verdicts, what lifts it for the good. */
export function mainReasons(rec: Recommendation): Reason[] {
  const rank = (r: Reason): number => {
    const bad = rec.verdict === 'unsuitable' || rec.verdict === 'not-allowed';
    if (bad) return r.effect === '-' ? 0 : r.effect === '?' ? 1 : 2;
    return r.effect === '+' ? 0 : r.effect === '-' ? 1 : 2;
  };
  return [...rec.reasons].sort((a, b) => rank(a) - rank(b));
}

export function verdictText(v: Verdict, lang: Lang, chalk: ChalkInstance): string {
  const label = VERDICT_LABEL[v][lang];
  switch (v) {
    case 'recommended':
      return chalk.green.bold(label);
    case 'possible':
      return chalk.cyan(label);
    case 'unsuitable':
      return chalk.yellow(label);
    default:
      return chalk.red(label);
  }
}

export function categoryLine(r: TaskResult, lang: Lang): string {
  const c = r.category;
  if (!c.id) return `${word(lang, 'category')}: ${word(lang, 'noCategory')}`;
  const inferred = c.inferred ? ` — ${word(lang, 'inferred')}: ${c.evidence.join(', ')}` : '';
  return `${word(lang, 'category')}: ${c.name ?? c.id} (${c.id})${inferred}`;
}

export function factLabels(r: TaskResult, data: PackData, lang: Lang): string {
  return r.unknownFacts
    .map((id) => {
      const f = data.facts.find((x) => x.id === id);
      return f ? `${f.label[lang]} (${id})` : id === 'category' ? `${word(lang, 'category')} (category)` : id;
    })
    .join(', ');
}

/**
 * A council's kind (management, liaison, planning) in the output language, from the pack's own
 * names: the id is for YAML and JSON, a planner reading Japanese gets 連絡調整協議会, not "liaison".
 */
export function kindLabel(rec: Recommendation, data: PackData, lang: Lang): string | null {
  if (!rec.kind) return null;
  const kind = data.instruments.find((i) => i.id === rec.instrument)?.kinds?.find((k) => k.id === rec.kind);
  return kind ? kind.name[lang] : rec.kind;
}

/** "Procedure (Council)" / "手続（協議会）": brackets of the output language. */
export function procedureHeading(name: string, lang: Lang): string {
  return lang === 'ja' ? `${word(lang, 'procedure')}（${name}）` : `${word(lang, 'procedure')} (${name})`;
}

/**
 * The lines after a task's ranking, for the terminal: its notes, the prefecture's part (with its
 * roles when asked: the wizard shows them, the batch table does not), the facts left unknown.
 */
export function trailerLines(r: TaskResult, env: RecommendRenderEnv, opts: { roles: boolean }): string[] {
  const { lang, chalk } = env;
  const out: string[] = [];
  if (r.notes && r.notes.length > 0) {
    out.push(`${word(lang, 'notes')}:`);
    for (const n of r.notes) out.push(`  ${reasonLine(n)}`);
  }
  if (r.prefecture) {
    const p = r.prefecture;
    out.push(chalk.bold(`${word(lang, 'prefecture')}: ${p.why}`));
    out.push(`  ${word(lang, 'principle')}: ${p.principle.name} — ${p.principle.text} [${p.principle.citation}]`);
    if (opts.roles && p.roles.length > 0) {
      out.push(`  ${word(lang, 'roles')}:`);
      for (const role of p.roles) out.push(`    - ${role.name} [${role.citation}]`);
    }
    if (p.measures.length > 0) {
      out.push(`  ${word(lang, 'measures')}:`);
      for (const m of p.measures) out.push(`    - ${m.name}${m.instrument ? ` → ${m.instrument}` : ''} [${m.citation}]`);
    }
  }
  if (r.unknownFacts.length > 0) out.push(chalk.dim(`${word(lang, 'unknownFacts')}: ${factLabels(r, env.data, lang)}`));
  return out;
}

export function reasonLine(r: Reason): string {
  return `${r.effect} ${r.message}${r.citation ? ` [${r.citation}]` : ''}`;
}

function markdownRenderer(env: RecommendRenderEnv): StreamRenderer<TaskResult> {
  const { lang } = env;
  return {
    begin: () => '',
    item(r, i) {
      const out: string[] = [];
      if (i > 0) out.push('');
      out.push(`## ${mdCell(r.task.name)} (${mdCell(r.task.id)})`, '');
      out.push(mdCell(categoryLine(r, lang)), '');
      out.push(`| ${word(lang, 'rank')} | ${word(lang, 'instrument')} | ${word(lang, 'verdict')} | ${word(lang, 'score')} | ${word(lang, 'reasons')} |`);
      out.push('|---:|---|---|---:|---|');
      for (const rec of r.recommendations) {
        const reasons = mainReasons(rec).map((x) => mdCell(reasonLine(x))).join('<br>');
        const kind = kindLabel(rec, env.data, lang);
        out.push(`| ${rec.rank} | ${mdCell(rec.name)}${kind ? ` (${mdCell(kind)})` : ''} | ${VERDICT_LABEL[rec.verdict][lang]} | ${fixed2(rec.score)} | ${reasons} |`);
      }
      for (const rec of r.recommendations) {
        if (!rec.procedure) continue;
        out.push('', `### ${procedureHeading(mdCell(rec.name), lang)}`, '');
        rec.procedure.forEach((s, k) => out.push(`${k + 1}. ${s.step} — ${s.citation}`));
      }
      if (r.notes && r.notes.length > 0) {
        out.push('', `**${word(lang, 'notes')}**`, '');
        for (const n of r.notes) out.push(`- ${reasonLine(n)}`);
      }
      if (r.prefecture) {
        const p = r.prefecture;
        out.push('', `### ${word(lang, 'prefecture')}`, '', p.why, '', `- ${word(lang, 'principle')}: ${p.principle.name} — ${p.principle.text} (${p.principle.citation})`);
        for (const m of p.measures) out.push(`- ${m.name}${m.instrument ? ` → \`${m.instrument}\`` : ''} (${m.citation})`);
      }
      if (r.unknownFacts.length > 0) out.push('', `*${word(lang, 'unknownFacts')}: ${mdCell(factLabels(r, env.data, lang))}*`);
      return `${out.join('\n')}\n`;
    },
    end: () => '',
  };
}

const CSV_HEADER = ['task_id', 'task_name', 'category', 'category_inferred', 'rank', 'instrument', 'name', 'verdict', 'score', 'reasons', 'citations', 'unknown_facts'];

function csvRenderer(env: RecommendRenderEnv): StreamRenderer<TaskResult> {
  return {
    begin: () => `${CSV_HEADER.join(',')}\r\n`,
    item(r) {
      let out = '';
      for (const rec of r.recommendations) {
        const reasons = mainReasons(rec);
        out += `${[
          csvField(r.task.id),
          csvField(r.task.name),
          csvField(r.category.id),
          csvField(r.category.inferred),
          csvField(rec.rank),
          csvField(rec.instrument),
          csvField(rec.name),
          csvField(rec.verdict),
          csvField(fixed2(rec.score)),
          csvField(reasons.map((x) => `${x.effect} ${x.message}`).join(' / ')),
          csvField([...new Set(reasons.map((x) => x.citation).filter(Boolean))].join(' / ')),
          csvField(r.unknownFacts.join(' ')),
        ].join(',')}\r\n`;
      }
      void env;
      return out;
    },
    end: () => '',
  };
}
