import type { ChalkInstance } from 'chalk';
import { evidenceText } from '../i18n/evidence.js';
import type { Lang } from '../i18n/lang.js';
import type { Reason, Recommendation, TaskResult, Verdict } from '../core/recommend/types.js';
import type { PackData } from '../pack/model.js';
import { VERDICT_LABEL, word } from './labels.js';
import { taskResultJson, writeTaskResultJson } from './json-result.js';
import { jsonArrayRenderer, type JsonHead, type StreamRenderer } from './stream.js';
import { jsonWithSources, withSources } from './sources.js';
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
  /** CSV headers: in the output language (default) or the column ids. */
  csvHeader?: 'labels' | 'ids';
  /**
   * The summary of a task list (evaluate): `first` begins the output with one summary table and
   * then gives the detail; `only` prints the summary alone (`--summary`). Default: none.
   */
  summary?: 'first' | 'only';
}

/** One row of the summary: the task, its category, the first choice and its verdict, the second, the key reason. */
export interface SummaryRow {
  task: string;
  category: string;
  first: string;
  second: string;
  reason: string;
}

/**
 * A task's summary row. A tie at the top is shown as the instruments that share the first rank;
 * the second is then the first instrument after them. The key reason is the first choice's main
 * reason (its citation left to the detail).
 */
export function summaryRow(r: TaskResult, env: Pick<RecommendRenderEnv, 'lang' | 'data'>): SummaryRow {
  const { lang } = env;
  const recs = r.recommendations;
  const leaders = recs.filter((x) => x.rank === 1);
  const named = (x: Recommendation): string => {
    const kind = kindLabel(x, env.data, lang);
    return kind ? `${x.name}${lang === 'ja' ? `（${kind}）` : ` (${kind})`}` : x.name;
  };
  const verdict = (x: Recommendation): string => VERDICT_LABEL[x.verdict][lang];
  const sep = lang === 'ja' ? '、' : ', ';
  const first =
    leaders.length > 1
      ? `${word(lang, 'tied')}: ${leaders.map(named).join(sep)}${lang === 'ja' ? `（${verdict(leaders[0]!)}）` : ` (${verdict(leaders[0]!)})`}`
      : leaders[0]
        ? `${named(leaders[0])}${lang === 'ja' ? `（${verdict(leaders[0])}）` : ` (${verdict(leaders[0])})`}`
        : '';
  const next = recs[leaders.length];
  const second = next ? `${named(next)}${lang === 'ja' ? `（${verdict(next)}）` : ` (${verdict(next)})`}` : '';
  const top = leaders[0];
  const reason = r.tie ? (r.tie.separatedBy.length > 0 ? word(lang, 'tieShort', { n: r.tie.separatedBy.length }) : word(lang, 'tieNoFacts')) : top ? (mainReasons(top)[0]?.message ?? '') : '';
  const category = r.category.id ? `${r.category.name ?? r.category.id}${r.category.inferred ? word(lang, 'inferredTag') : ''}` : word(lang, 'unknown');
  return { task: `${r.task.name} (${r.task.id})`, category, first, second, reason };
}

export const SUMMARY_HEAD = ['task', 'category', 'firstChoice', 'secondChoice', 'keyReason'] as const;

/** JSON, Markdown and CSV; the table (the table package) lives in recommend-table.ts and loads only when asked for. */
export function recommendRenderer(format: string, env: RecommendRenderEnv): StreamRenderer<TaskResult> {
  switch (format) {
    case 'json':
      return jsonWithSources(env.data, env.lang, (tail) => jsonArrayRenderer<TaskResult>(env.head, 'results', tail, env.compactJson === true, taskResultJson, writeTaskResultJson));
    case 'markdown':
      return withSources(markdownRenderer(env), 'markdown', env.data, env.lang);
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
  const inferred = c.inferred ? ` — ${word(lang, 'inferred')}: ${evidenceText(c.evidence, lang)}` : '';
  return `${word(lang, 'category')}: ${c.name ?? c.id} (${c.id})${inferred}`;
}

export function factLabels(r: TaskResult, data: PackData, lang: Lang): string {
  return r.unknownFacts.map((id) => factLabel(id, data, lang)).join(lang === 'ja' ? '、' : ', ');
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
  for (const line of tieLines(r, env.data, lang)) out.push(chalk.bold(line));
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
      for (const m of p.measures) out.push(`    - ${m.name}${m.instrument ? ` → ${instrumentName(m.instrument, env.data, lang)}` : ''} [${m.citation}]`);
    }
  }
  if (r.unknownFacts.length > 0) out.push(chalk.dim(`${word(lang, 'unknownFacts')}: ${factLabels(r, env.data, lang)}`));
  return out;
}

/** An instrument by its name in the output language (the prose never shows a raw id; JSON keeps it). */
function instrumentName(id: string, data: PackData, lang: Lang): string {
  return data.instruments.find((i) => i.id === id)?.name[lang] ?? id;
}

/** A rank as the human formats show it: `=1` when another instrument shares it (competition ranking). */
export function rankLabel(rec: Recommendation, all: readonly Recommendation[]): string {
  let n = 0;
  for (const x of all) if (x.rank === rec.rank) n++;
  return n > 1 ? `=${rec.rank}` : String(rec.rank);
}

/**
 * A tie at the top in words: which instruments share the first rank, that the facts given do not
 * separate them, and the unknown facts that would (their labels, with the YAML key).
 */
export function tieLines(r: TaskResult, data: PackData, lang: Lang): string[] {
  const tie = r.tie;
  if (!tie) return [];
  const names = tie.instruments.map((id) => r.recommendations.find((x) => x.instrument === id)?.name ?? id);
  const facts = tie.separatedBy.map((id) => factLabel(id, data, lang));
  const out = [word(lang, 'tieHead', { list: names.join(lang === 'ja' ? '、' : ', ') })];
  out.push(facts.length > 0 ? word(lang, 'tieFacts', { list: facts.join(lang === 'ja' ? '、' : ', ') }) : word(lang, 'tieNoFacts'));
  return out;
}

function factLabel(id: string, data: PackData, lang: Lang): string {
  const f = data.facts.find((x) => x.id === id);
  if (f) return `${f.label[lang]} (${id})`;
  return id === 'category' ? `${word(lang, 'category')} (category)` : id;
}

export function reasonLine(r: Reason): string {
  return `${r.effect} ${r.message}${r.citation ? ` [${r.citation}]` : ''}`;
}

function markdownRenderer(env: RecommendRenderEnv): StreamRenderer<TaskResult> {
  const { lang } = env;
  const rows: SummaryRow[] = [];
  const details: string[] = [];
  const summaryTable = (): string => {
    const out = [`## ${word(lang, 'summaryHead')}`, '', `| ${SUMMARY_HEAD.map((k) => word(lang, k)).join(' | ')} |`, `|${SUMMARY_HEAD.map(() => '---').join('|')}|`];
    for (const row of rows) out.push(`| ${[row.task, row.category, row.first, row.second, row.reason].map(mdCell).join(' | ')} |`);
    return `${out.join('\n')}\n`;
  };
  if (env.summary) {
    // The summary comes first, so the detail waits until every task is known.
    const detail = plainMarkdown(env);
    return {
      begin: () => '',
      item(r, i) {
        rows.push(summaryRow(r, env));
        if (env.summary === 'first') details.push(detail.item(r, i));
        return '';
      },
      end: () => (env.summary === 'only' ? summaryTable() : `${summaryTable()}\n${details.join('')}`),
    };
  }
  return plainMarkdown(env);
}

function plainMarkdown(env: RecommendRenderEnv): StreamRenderer<TaskResult> {
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
        out.push(`| ${rankLabel(rec, r.recommendations)} | ${mdCell(rec.name)}${kind ? ` (${mdCell(kind)})` : ''} | ${VERDICT_LABEL[rec.verdict][lang]} | ${fixed2(rec.score)} | ${reasons} |`);
      }
      for (const rec of r.recommendations) {
        if (!rec.procedure) continue;
        out.push('', `### ${procedureHeading(mdCell(rec.name), lang)}`, '');
        rec.procedure.forEach((s, k) => out.push(`${k + 1}. ${s.step} — ${s.citation}`));
      }
      const tie = tieLines(r, env.data, lang);
      if (tie.length > 0) out.push('', ...tie.map((l) => `**${mdCell(l)}**`).join('\n\n').split('\n'));
      if (r.notes && r.notes.length > 0) {
        out.push('', `**${word(lang, 'notes')}**`, '');
        for (const n of r.notes) out.push(`- ${reasonLine(n)}`);
      }
      if (r.prefecture) {
        const p = r.prefecture;
        out.push('', `### ${word(lang, 'prefecture')}`, '', p.why, '', `- ${word(lang, 'principle')}: ${p.principle.name} — ${p.principle.text} (${p.principle.citation})`);
        for (const m of p.measures) out.push(`- ${m.name}${m.instrument ? ` → ${instrumentName(m.instrument, env.data, lang)}` : ''} (${m.citation})`);
      }
      if (r.unknownFacts.length > 0) out.push('', `*${word(lang, 'unknownFacts')}: ${mdCell(factLabels(r, env.data, lang))}*`);
      return `${out.join('\n')}\n`;
    },
    end: () => '',
  };
}

/** The CSV columns: the ids (`--csv-header ids`, for scripts) and their headers in each language. */
const CSV_COLUMNS: { id: string; ja: string; en: string }[] = [
  { id: 'task_id', ja: '課題ID', en: 'Task ID' },
  { id: 'task_name', ja: '課題名', en: 'Task' },
  { id: 'category', ja: '分類', en: 'Category' },
  { id: 'category_inferred', ja: '分類は推定', en: 'Category inferred' },
  { id: 'rank', ja: '順位', en: 'Rank' },
  { id: 'instrument', ja: '制度ID', en: 'Instrument ID' },
  { id: 'name', ja: '制度', en: 'Instrument' },
  { id: 'verdict', ja: '判定', en: 'Verdict' },
  { id: 'score', ja: '点数', en: 'Score' },
  { id: 'reasons', ja: '理由', en: 'Reasons' },
  { id: 'citations', ja: '根拠', en: 'Citations' },
  { id: 'unknown_facts', ja: '不明な事実', en: 'Unknown facts' },
];

/**
 * CSV that opens in Excel: a UTF-8 byte order mark first (without it Excel reads UTF-8 as the
 * locale's code page and the Japanese is garbled) and headers in the output language; the values
 * stay the contract's ids (instrument, verdict, category) so a sheet can be filtered by them.
 * `csvHeader: 'ids'` writes the ids as headers and no mark, for scripts.
 */
function csvRenderer(env: RecommendRenderEnv): StreamRenderer<TaskResult> {
  return {
    // For scripts (ids) no byte order mark: a parser would take it for part of the first header.
    begin: () => (env.csvHeader === 'ids' ? `${CSV_COLUMNS.map((c) => c.id).join(',')}\r\n` : `\ufeff${CSV_COLUMNS.map((c) => csvField(c[env.lang])).join(',')}\r\n`),
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
