import type { ChalkInstance } from 'chalk';
import type { Lang } from '../i18n/lang.js';
import type { CriterionResult, DesignationResult, EligibilityResult } from '../core/eligibility/types.js';
import type { StreamRenderer } from './stream.js';
import { drawTable } from './table.js';
import { displayWidth, mdCell, wrapText } from './text.js';

/**
 * The answer first for `kouiki eligibility` of several municipalities (issue 15, item 8): one
 * line per municipality and designation — its verdict and the criteria that decide it — before
 * the criteria tables, or alone with `--summary`. The detail of each city runs to a hundred
 * lines and more; a planner comparing towns reads this first.
 */

/** A designation the municipality already holds (contract §7 `held`), when the engine reports one. */
type WithHeld = DesignationResult & { held?: { since?: string | null; source?: string } | null };

const WORDS = {
  head: { ja: '要約', en: 'Summary' },
  municipality: { ja: '市町村', en: 'Municipality' },
  designation: { ja: '指定', en: 'Designation' },
  verdict: { ja: '判定', en: 'Verdict' },
  deciding: { ja: '決め手', en: 'Deciding criteria' },
  meets: { ja: '✓ 満たす（数値上）', en: '✓ meets (on the figures)' },
  fails: { ja: '✗ 満たさない', en: '✗ does not meet' },
  undecided: { ja: '? 判定できない', en: '? undecided' },
  held: { ja: '✓ 指定済み', en: '✓ held' },
  heldSince: { ja: '✓ 指定済み（{d}）', en: '✓ held (since {d})' },
  allMet: { ja: 'すべての要件を満たす', en: 'every criterion met' },
  failed: { ja: '不適合: {list}', en: 'fails: {list}' },
  unknown: { ja: '不明: {list}', en: 'unknown: {list}' },
  borderline: { ja: '境界: {list}', en: 'borderline: {list}' },
  detail: { ja: '市町村ごとの詳細', en: 'Detail by municipality' },
} as const;

function w(lang: Lang, key: keyof typeof WORDS, vars: Record<string, string> = {}): string {
  return WORDS[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}

/** One row of the summary. */
export interface EligibilitySummaryRow {
  municipality: string;
  designation: string;
  verdict: string;
  /** What decides the verdict: the criteria that fail, else those unknown or borderline. */
  deciding: string;
  /** For colour: true, false or null as `eligible`; 'held' for a designation held. */
  tone: boolean | null | 'held';
}

/** A criterion's name without the id the detail table adds ("B day/night population ratio"). */
function criterionName(c: CriterionResult): string {
  return c.name ?? c.id;
}

/**
 * The criteria that decide a verdict: those that fail (why not); when none fails, those unknown
 * and borderline (what would settle it). A designation held is held whatever today's figures
 * say (the law has no de-designation), so its deciding text is where the designation comes from.
 */
export function decidingText(d: WithHeld, lang: Lang): string {
  const sep = lang === 'ja' ? '、' : '; ';
  if (d.held) return d.held.source ?? '';
  const pick = (s: CriterionResult['status']): string[] => d.criteria.filter((c) => c.status === s).map(criterionName);
  const failed = pick('fail');
  if (failed.length > 0) return w(lang, 'failed', { list: failed.join(sep) });
  const parts: string[] = [];
  const unknown = pick('unknown');
  const borderline = pick('borderline');
  if (unknown.length > 0) parts.push(w(lang, 'unknown', { list: unknown.join(sep) }));
  if (borderline.length > 0) parts.push(w(lang, 'borderline', { list: borderline.join(sep) }));
  return parts.length > 0 ? parts.join(lang === 'ja' ? '。' : '. ') : w(lang, 'allMet');
}

export function summaryRows(results: readonly EligibilityResult[], lang: Lang): EligibilitySummaryRow[] {
  const rows: EligibilitySummaryRow[] = [];
  for (const r of results) {
    for (const d0 of r.designations) {
      const d = d0 as WithHeld;
      const central = d.centralCity ? (lang === 'ja' ? `（中心市: ${d.centralCity}）` : ` (central city: ${d.centralCity})`) : '';
      const verdict = d.held ? (d.held.since ? w(lang, 'heldSince', { d: d.held.since }) : w(lang, 'held')) : d.eligible === true ? w(lang, 'meets') : d.eligible === false ? w(lang, 'fails') : w(lang, 'undecided');
      rows.push({
        municipality: r.municipality.name,
        designation: `${d.name ?? d.designation}${central}`,
        verdict,
        deciding: decidingText(d, lang),
        tone: d.held ? 'held' : d.eligible,
      });
    }
  }
  return rows;
}

function paint(text: string, tone: EligibilitySummaryRow['tone'], chalk: ChalkInstance): string {
  if (tone === true || tone === 'held') return chalk.green(text);
  if (tone === false) return chalk.red(text);
  return chalk.cyan(text);
}

/**
 * The summary as a boxed table sized to the output width: municipality, designation and verdict
 * take what their longest entry needs (within limits), the deciding criteria the rest. Below 60
 * columns, or when the criteria would get fewer than 20, one line per municipality and
 * designation instead.
 */
export function summaryTableText(rows: readonly EligibilitySummaryRow[], lang: Lang, width: number, chalk: ChalkInstance): string {
  const head = [w(lang, 'municipality'), w(lang, 'designation'), w(lang, 'verdict'), w(lang, 'deciding')];
  const need = (k: 0 | 1 | 2, cap: number): number => Math.min(cap, Math.max(displayWidth(head[k]!), ...rows.map((r) => displayWidth([r.municipality, r.designation, r.verdict][k]!))));
  const cols = [need(0, 14), need(1, 22), need(2, 26)];
  const rest = width - (4 * 3 + 1) - cols.reduce((a, b) => a + b, 0);
  const title = chalk.bold(w(lang, 'head'));
  if (width < 60 || rest < 20) {
    const lines = rows.map((r) => wrapText(`${r.municipality} ${r.designation}: ${paint(r.verdict, r.tone, chalk)} — ${r.deciding}`, width));
    return `${title}\n${lines.join('\n')}\n`;
  }
  const all = [...cols, rest];
  const table = drawTable({
    head: head.map((h, i) => wrapText(h, all[i]!)),
    colWidths: all.map((c) => c + 2),
    // The municipality's name on its first row only: the rows of one city read as a group.
    rows: rows.map((r, i) => [i > 0 && rows[i - 1]!.municipality === r.municipality ? '' : wrapText(r.municipality, all[0]!), wrapText(r.designation, all[1]!), paint(wrapText(r.verdict, all[2]!), r.tone, chalk), wrapText(r.deciding, all[3]!)]),
    chalk,
  });
  return `${title}\n${table}\n`;
}

export function summaryMarkdown(rows: readonly EligibilitySummaryRow[], lang: Lang): string {
  const out = [`## ${w(lang, 'head')}`, '', `| ${w(lang, 'municipality')} | ${w(lang, 'designation')} | ${w(lang, 'verdict')} | ${w(lang, 'deciding')} |`, '|---|---|---|---|'];
  for (const r of rows) out.push(`| ${mdCell(r.municipality)} | ${mdCell(r.designation)} | ${mdCell(r.verdict)} | ${mdCell(r.deciding)} |`);
  return `${out.join('\n')}\n`;
}

/**
 * Wraps the table or Markdown renderer: `first` holds the detail until every result is in and
 * prints the summary before it (under a heading of its own); `only` prints the summary alone.
 */
export function withEligibilitySummary(
  detail: StreamRenderer<EligibilityResult>,
  mode: 'first' | 'only',
  env: { lang: Lang; width: number; chalk: ChalkInstance; markdown: boolean },
): StreamRenderer<EligibilityResult> {
  const results: EligibilityResult[] = [];
  const details: string[] = [];
  return {
    begin: () => '',
    item(r, i) {
      results.push(r);
      if (mode === 'first') details.push(detail.item(r, i));
      return '';
    },
    end(count) {
      const rows = summaryRows(results, env.lang);
      const summary = env.markdown ? summaryMarkdown(rows, env.lang) : summaryTableText(rows, env.lang, env.width, env.chalk);
      if (mode === 'only') return summary;
      // Markdown: the cities' own headings follow the summary's; a table gets a heading line.
      const heading = env.markdown ? '' : `${env.chalk.bold(w(env.lang, 'detail'))}\n`;
      return `${summary}\n${heading}${details.join('')}${detail.end(count)}`;
    },
  };
}
