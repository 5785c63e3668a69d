import { HELD_BELOW } from './held-words.js';
import { drawTable } from './table.js';
import { idLabel } from '../i18n/kind-labels.js';
import type { ChalkInstance } from 'chalk';
import type { Lang } from '../i18n/lang.js';
import type { CriterionResult, CriterionStatus, DesignationResult, EligibilityResult, FigureOut } from '../core/eligibility/types.js';
import { jsonArrayRenderer, type JsonHead, type StreamRenderer } from './stream.js';
import { displayWidth, hang, mdCell, wrapText } from './text.js';
import type { PackData } from '../pack/model.js';
import { jsonWithSources, withSources } from './sources.js';
import { withEligibilitySummary } from './eligibility-summary.js';
import { percent, requiredShown, SHARE_CRITERIA, SHARE_FIGURES } from '../util/share.js';

export { ELIGIBILITY_FORMATS } from './formats.js';

export interface EligibilityRenderEnv {
  lang: Lang;
  head: JsonHead;
  width: number;
  chalk: ChalkInstance;
  /** `--partners`: the results are the partners of `partnersOf` (one line each). */
  partnersOf?: string[];
  /** Where commuting figures can be obtained (said when no partner is in the data). */
  commuteWhere?: string;
  /** The pack, to list the sources the results cite (report/sources.ts). */
  data?: PackData;
  /** Several municipalities: a summary first (`first`), or the summary alone (`only`, `--summary`). */
  summary?: 'first' | 'only';
}

const WORDS = {
  criterion: { ja: '要件', en: 'Criterion' },
  status: { ja: '判定', en: 'Status' },
  actual: { ja: '実際の値', en: 'Actual' },
  required: { ja: '必要な値', en: 'Required' },
  citation: { ja: '根拠', en: 'Citation' },
  requiredCited: { ja: '必要な値［根拠］', en: 'Required [citation]' },
  notNeeded: { ja: '判定に使わない（この数値を読む要件は適用されない）', en: 'not needed (the criteria that read it do not apply)' },
  figures: { ja: '数値と出典', en: 'Figures and sources' },
  figure: { ja: '項目', en: 'Figure' },
  value: { ja: '値', en: 'Value' },
  source: { ja: '出典', en: 'Source' },
  unknown: { ja: '不明', en: 'unknown' },
  unconfirmed: { ja: '未確認', en: 'unconfirmed' },
  where: { ja: '入手先', en: 'where to get it' },
  derived: { ja: '合併後の数値の求め方', en: 'How the merged figures were derived' },
  notes: { ja: '注記', en: 'Notes' },
  steps: { ja: '数値を満たした後の手続', en: 'Steps that remain once the figures pass' },
  missing: { ja: '判定に必要なデータ', en: 'data that would decide it' },
  from: { ja: '{d} から', en: 'from {d}' },
  merged: { ja: '合併後（試算）', en: 'after the merger (what-if)' },
  partnersTitle: { ja: '{c}への通勤通学割合（連携の相手の目安）', en: 'commuting share to {c} (the partner guidelines)' },
  partner: { ja: '市町村', en: 'Municipality' },
  share: { ja: '通勤通学割合', en: 'Share' },
  noPartners: { ja: 'データに{c}への通勤通学の数値がある市町村はありません。', en: 'no municipality in the data has a commuting figure to {c}.' },
  meets: { ja: '目安を満たす', en: 'meets the guideline' },
  below: { ja: '目安未満（意思があれば参加できる）', en: 'below the guideline (may still join if willing)' },
  undecided: { ja: '不明', en: 'unknown' },
  centralCity: { ja: '中心市', en: 'central city' },
  atLeast: { ja: '{v} 以上', en: 'at least {v}' },
  held: { ja: '指定済み（{since}）', en: 'held (since {since})' },
  heldSinceUnknown: { ja: '指定日はデータにない', en: 'the day is not in the data' },
  heldSource: { ja: '指定の根拠', en: 'Designated by' },
  todayFigures: {
    ja: '法に指定の取消しの定めはない。下の表は現在の数値による参考で、指定の可否を示すものではない',
    en: "the law has no de-designation: the table shows today's figures for information, not whether the city may hold the designation",
  },
  notChecked: { ja: '判定していない指定', en: 'Not checked' },
  notCheckedHint: { ja: '必要な人口がこの市の2倍を超える指定は判定しない。--designation で判定できる', en: 'designations that need more than twice the city\'s population are left out; --designation checks them' },
  outOfReach: { ja: '{name}（人口 {p} 以上が必要）', en: '{name} (needs a population of {p})' },
  notACity: { ja: '{name}（市が受ける指定）', en: '{name} (a designation of a 市)' },
  outgrown: { ja: '{name}（指定都市は中核市の指定を受けない。第252条の26）', en: '{name} (a 指定都市 does not hold it: Art. 252-26)' },
  population: { ja: '人口 {p}', en: 'population {p}' },
} as const;

function w(lang: Lang, key: keyof typeof WORDS, vars: Record<string, string> = {}): string {
  return WORDS[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}

const STATUS: Record<CriterionStatus, { mark: string; ja: string; en: string }> = {
  pass: { mark: '✓', ja: '適合', en: 'pass' },
  fail: { mark: '✗', ja: '不適合', en: 'fail' },
  borderline: { mark: '~', ja: '境界', en: 'borderline' },
  'not-applicable': { mark: '-', ja: '対象外', en: 'n/a' },
  unknown: { mark: '?', ja: '不明', en: 'unknown' },
};

const ELIGIBLE = {
  true: { mark: '✓', ja: '要件を満たす（数値上）', en: 'meets the criteria (on the figures)' },
  false: { mark: '✗', ja: '要件を満たさない', en: 'does not meet the criteria' },
  null: { mark: '?', ja: '判定できない（不明又は境界の要件あり）', en: 'undecided (unknown or borderline criteria)' },
} as const;

const FIGURE_LABEL: Record<string, { ja: string; en: string }> = {
  kind: { ja: '種類', en: 'kind' },
  population: { ja: '人口', en: 'population' },
  dayNightRatio: { ja: '昼夜間人口比率', en: 'day/night ratio' },
  metroArea: { ja: '三大都市圏', en: 'metro area' },
  metroCoreCommuteShare: { ja: '三大都市圏の中心への通勤通学割合', en: 'commuting share to the metro cores' },
  commuteShare: { ja: '中心市への通勤通学割合', en: 'commuting share to the central city' },
  area: { ja: '面積（km²）', en: 'area (km²)' },
};

function figureLabel(id: string, lang: Lang): string {
  if (id.startsWith('twin:')) return `${FIGURE_LABEL[id.slice(5)]?.[lang] ?? id.slice(5)} (--twin)`;
  return FIGURE_LABEL[id]?.[lang] ?? id;
}

/** 1234567 → 1,234,567; a ratio as given. */
export function fmtValue(v: number | string | null, lang: Lang): string {
  if (v === null) return '';
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return String(v);
  }
  const label = idLabel(v);
  return label ? `${label[lang]} (${v})` : v;
}

/** The actual value in a table cell: kinds and metro areas by their label, numbers with separators, shares as percentages. */
function actualText(c: CriterionResult, lang: Lang): string {
  if (c.actual === null) return '';
  let shown: string;
  if (typeof c.actual === 'number' && SHARE_CRITERIA.has(c.id)) shown = percent(c.actual);
  else if (typeof c.actual === 'number') shown = fmtValue(c.actual, lang);
  else if (idLabel(c.actual)) shown = idLabel(c.actual)![lang];
  // Group the whole numbers inside a text (a merger's "甲市 210000"), but never the digits of a
  // decimal ("1.0238") or of a date ("2014-01-01"), which grouping would corrupt.
  else shown = c.actual.replace(/(?<![\d.-])\d{4,}(?![\d-])/g, (n) => fmtValue(Number(n), lang));
  return c.atLeast ? w(lang, 'atLeast', { v: shown }) : shown;
}

function statusText(s: CriterionStatus, lang: Lang, chalk: ChalkInstance, held = false, width = 12): string {
  if (held && s === 'fail') return chalk.dim(wrapText(`${HELD_BELOW.mark} ${HELD_BELOW[lang]}`, width));
  const t = `${STATUS[s].mark} ${STATUS[s][lang]}`;
  switch (s) {
    case 'pass':
      return chalk.green(t);
    case 'fail':
      return chalk.red(t);
    case 'borderline':
      return chalk.yellow(t);
    case 'unknown':
      return chalk.cyan(t);
    default:
      return chalk.dim(t);
  }
}

function eligibleText(e: boolean | null, lang: Lang): string {
  const x = ELIGIBLE[String(e) as 'true' | 'false' | 'null'];
  return `${x.mark} ${x[lang]}`;
}

/**
 * The verdict after a designation's name: for a designation already held, that it is held (a
 * held designation is never reported as "does not meet": the law has no de-designation, so
 * today's figures decide nothing); else whether the figures meet the criteria.
 */
function verdictText(d: DesignationResult, lang: Lang): string {
  if (!d.held) return eligibleText(d.eligible, lang);
  return `✓ ${w(lang, 'held', { since: d.held.since ?? w(lang, 'heldSinceUnknown') })}`;
}

/** The lines said before a held designation's table: its source, and that the table shows today's figures. */
function heldLines(d: DesignationResult, lang: Lang): string[] {
  if (!d.held) return [];
  return [`${w(lang, 'heldSource')}: ${d.held.source}`, w(lang, 'todayFigures')];
}

/** One line naming the designations not checked (out of the city's reach), or none. */
export function notCheckedLine(r: EligibilityResult, lang: Lang): string | null {
  if (!r.notChecked || r.notChecked.length === 0) return null;
  const sep = lang === 'ja' ? '、' : '; ';
  const parts = r.notChecked.map((n) => {
    if (n.reason === 'population') return w(lang, 'outOfReach', { name: n.name, p: fmtValue(n.lowestPopulation ?? null, lang) });
    if (n.reason === 'holds-designated-city') return w(lang, 'outgrown', { name: n.name });
    return w(lang, 'notACity', { name: n.name });
  });
  const pop = r.figures?.find((f) => f.figure === 'population');
  const has = pop && typeof pop.value === 'number' ? ` — ${w(lang, 'population', { p: fmtValue(pop.value, lang) })}` : '';
  return `${w(lang, 'notChecked')}: ${parts.join(sep)}${has} (${w(lang, 'notCheckedHint')})`;
}

function citationText(c: CriterionResult, lang: Lang): string {
  return c.effectiveFrom ? `${c.citation} (${w(lang, 'from', { d: c.effectiveFrom })})` : c.citation;
}

function titleOf(r: EligibilityResult, lang: Lang): string {
  const m = r.municipality;
  const bits = [m.prefecture, m.code, m.kind ? (idLabel(m.kind)?.[lang] ?? m.kind) : null].filter(Boolean);
  const merged = m.merged.length > 1 ? ` — ${w(lang, 'merged')}` : '';
  return `■ ${m.name}${bits.length > 0 ? ` (${bits.join(', ')})` : ''}${merged}`;
}

/** The criteria each figure decides, for telling when a missing figure's hint is of no use. */
const FIGURE_CRITERIA: Record<string, readonly string[]> = {
  metroCoreCommuteShare: ['metro-core-commute-share'],
  dayNightRatio: ['day-night-ratio'],
  population: ['population'],
};

/**
 * Where to get a missing figure, or — when every criterion that reads it does not apply (the
 * share to the metro cores of a city outside the 三大都市圏) — that it is not needed: a planner
 * is not sent to fetch a table nothing reads (issue 15 item 5).
 */
function missingFigureText(f: FigureOut, r: EligibilityResult | undefined, lang: Lang): string {
  const ids = FIGURE_CRITERIA[f.figure];
  const rows = ids && r ? r.designations.flatMap((d) => d.criteria.filter((c) => ids.includes(c.id))) : [];
  if (rows.length > 0 && rows.every((c) => c.status === 'not-applicable')) return w(lang, 'notNeeded');
  return `${w(lang, 'where')}: ${f.where ?? ''}`;
}

/** A figure resting on a secondary source alone says so beside its value. */
function doubt(f: FigureOut, lang: Lang): string {
  return f.unconfirmed ? (lang === 'ja' ? `（${w(lang, 'unconfirmed')}: ${f.unconfirmed}）` : ` (${w(lang, 'unconfirmed')}: ${f.unconfirmed})`) : '';
}

function figureLines(figures: FigureOut[], lang: Lang, r?: EligibilityResult): string[] {
  return figures.map((f) => {
    const label = figureLabel(f.figure, lang);
    if (f.value === null) return `${label}: ${w(lang, 'unknown')} — ${missingFigureText(f, r, lang)}`;
    const v = SHARE_FIGURES.has(f.figure) && typeof f.value === 'number' ? percent(f.value) : fmtValue(f.value, lang);
    const how = f.derivation && typeof f.value === 'number' ? ` = ${f.derivation}` : '';
    return `${label}: ${v}${how}${doubt(f, lang)} — ${f.source ?? ''}`;
  });
}

function criterionNotes(d: DesignationResult, lang: Lang): string[] {
  const out: string[] = [];
  for (const c of d.criteria) {
    const parts: string[] = [];
    if (c.note) parts.push(c.note);
    if (c.missing) parts.push(`${w(lang, 'missing')}: ${c.missing}`);
    // Japanese prose names the criterion (人口), not its id (population); English keeps the id.
    if (parts.length > 0) out.push(`${lang === 'ja' ? (c.name ?? c.id) : c.id}: ${parts.join(' — ')}`);
  }
  return out;
}


/**
 * The criteria table's columns (each with its padding) for the output width: from 108 columns
 * the five columns they have always had, the citation taking what is left; from 70 (with the
 * language's widest status) four, the citation below the requirement; narrower, null: a list,
 * one criterion a block (criteriaList).
 */
export function criteriaColumns(width: number, lang: Lang): number[] | null {
  const fixed = [24, 14, 18, 22];
  const wide = 6 + fixed.reduce((a, b) => a + b, 0) + 24;
  if (width >= wide) return [...fixed, width - (wide - 24)];
  const status = Math.max(displayWidth(w(lang, 'status')), ...Object.values(STATUS).map((s) => displayWidth(`${s.mark} ${s[lang]}`))) + 2;
  const rest = width - 5 - status;
  if (rest < 51) return null;
  const criterion = Math.floor(rest * 0.36);
  const actual = Math.floor(rest * 0.24);
  return [criterion, status, actual, rest - criterion - actual];
}

/** The criteria as a list, for a terminal too narrow for a table: status and name, then the figures and the citation. */
function criteriaList(d: DesignationResult, lang: Lang, chalk: ChalkInstance, width: number): string {
  const sep = lang === 'ja' ? '、' : '; ';
  const lines: string[] = [];
  for (const c of d.criteria) {
    lines.push(wrapText(`${statusText(c.status, lang, chalk)} ${c.name ?? c.id} (${c.id})`, width));
    const actual = actualText(c, lang);
    const figures = `${actual ? `${w(lang, 'actual')}: ${actual}${sep}` : ''}${w(lang, 'required')}: ${requiredShown(c)}`;
    lines.push(hang('    ', figures, width));
    lines.push(hang('    ', `[${citationText(c, lang)}]`, width));
  }
  return lines.join('\n');
}

function tableRenderer(env: EligibilityRenderEnv): StreamRenderer<EligibilityResult> {
  const { lang, chalk } = env;
  const cols = criteriaColumns(env.width, lang);
  // Four columns: the citation goes below the requirement, in the fourth.
  const citeWidth = cols?.[4] ?? cols?.[3] ?? 0;
  return {
    begin: () => '',
    item(r, i) {
      const out: string[] = [];
      if (i > 0) out.push('');
      out.push(chalk.bold(titleOf(r, lang)));
      if (r.figures && r.figures.length > 0) {
        out.push(`${w(lang, 'figures')}:`);
        for (const line of figureLines(r.figures, lang, r)) out.push(hang('  ', line, env.width - 2));
      }
      if (r.derived && r.derived.length > 0) {
        out.push(`${w(lang, 'derived')}:`);
        for (const line of r.derived) out.push(hang('  - ', line, env.width - 2));
      }
      for (const note of r.notes ?? []) out.push(hang(`${w(lang, 'notes')}: `, note, env.width));
      const skipped = notCheckedLine(r, lang);
      if (skipped) out.push(hang('', skipped, env.width));
      for (const d of r.designations) {
        out.push('');
        const central = d.centralCity ? ` — ${w(lang, 'centralCity')}: ${d.centralCity}` : '';
        out.push(chalk.bold(`${d.name ?? d.designation} (${d.designation})${central}: ${verdictText(d, lang)}`));
        for (const line of heldLines(d, lang)) out.push(hang('  ', line, env.width - 2));
        const rows: string[][] = [];
        for (const c of d.criteria) {
          rows.push([
            wrapText(`${c.name ?? c.id}\n(${c.id})`, (cols?.[0] ?? 0) - 2),
            statusText(c.status, lang, chalk, !!d.held, (cols?.[1] ?? 14) - 2),
            wrapText(actualText(c, lang), (cols?.[2] ?? 0) - 2),
            ...(cols?.length === 5 ? [wrapText(requiredShown(c), cols[3]! - 2), wrapText(citationText(c, lang), citeWidth - 2)] : [wrapText(`${requiredShown(c)}\n[${citationText(c, lang)}]`, citeWidth - 2)]),
          ]);
        }
        if (!cols) out.push(criteriaList(d, lang, chalk, env.width));
        else out.push(drawTable({ head: [w(lang, 'criterion'), w(lang, 'status'), w(lang, 'actual'), ...(cols.length === 5 ? [w(lang, 'required'), w(lang, 'citation')] : [w(lang, 'requiredCited')])].map((h, k) => wrapText(h, cols[k]! - 2)), colWidths: cols, rows, chalk }));
        const notes = criterionNotes(d, lang);
        if (notes.length > 0 || (d.notes && d.notes.length > 0)) {
          out.push(`${w(lang, 'notes')}:`);
          for (const n of notes) out.push(hang('  - ', n, env.width - 2));
          for (const n of d.notes ?? []) out.push(hang('  - ', n, env.width - 2));
        }
        if (d.steps && d.steps.length > 0) {
          out.push(`${w(lang, 'steps')}:`);
          d.steps.forEach((s, k) => out.push(hang(`  ${k + 1}. `, `${s.step} [${s.citation}]`, env.width - 2)));
        }
      }
      return `${out.join('\n')}\n`;
    },
    end: () => '',
  };
}

function markdownRenderer(env: EligibilityRenderEnv): StreamRenderer<EligibilityResult> {
  const { lang } = env;
  return {
    begin: () => '',
    item(r, i) {
      const out: string[] = [];
      if (i > 0) out.push('');
      out.push(`## ${mdCell(titleOf(r, lang).replace(/^■ /, ''))}`, '');
      if (r.figures && r.figures.length > 0) {
        out.push(`| ${w(lang, 'figure')} | ${w(lang, 'value')} | ${w(lang, 'source')} |`, '|---|---|---|');
        for (const f of r.figures) {
          const value = f.value === null ? `*${w(lang, 'unknown')}*` : `${SHARE_FIGURES.has(f.figure) && typeof f.value === 'number' ? percent(f.value) : fmtValue(f.value, lang)}${f.derivation && typeof f.value === 'number' ? ` = ${f.derivation}` : ''}${doubt(f, lang)}`;
          const src = f.value === null ? missingFigureText(f, r, lang) : (f.source ?? '');
          out.push(`| ${mdCell(figureLabel(f.figure, lang))} | ${mdCell(value)} | ${mdCell(src)} |`);
        }
        out.push('');
      }
      if (r.derived && r.derived.length > 0) {
        out.push(`**${w(lang, 'derived')}**`, '');
        for (const line of r.derived) out.push(`- ${mdCell(line)}`);
        out.push('');
      }
      for (const note of r.notes ?? []) out.push(`*${w(lang, 'notes')}: ${mdCell(note)}*`, '');
      const skipped = notCheckedLine(r, lang);
      if (skipped) out.push(mdCell(skipped), '');
      for (const d of r.designations) {
        const central = d.centralCity ? ` — ${w(lang, 'centralCity')}: ${d.centralCity}` : '';
        out.push(`### ${mdCell(d.name ?? d.designation)} (\`${d.designation}\`)${mdCell(central)}: ${verdictText(d, lang)}`, '');
        for (const line of heldLines(d, lang)) out.push(`*${mdCell(line)}*`, '');
        out.push(`| ${w(lang, 'criterion')} | ${w(lang, 'status')} | ${w(lang, 'actual')} | ${w(lang, 'required')} | ${w(lang, 'citation')} |`, '|---|---|---:|---|---|');
        for (const c of d.criteria) {
          out.push(`| ${mdCell(c.name ?? c.id)} (\`${c.id}\`) | ${d.held && c.status === 'fail' ? `${HELD_BELOW.mark} ${HELD_BELOW[lang]}` : `${STATUS[c.status].mark} ${STATUS[c.status][lang]}`} | ${mdCell(actualText(c, lang))} | ${mdCell(requiredShown(c))} | ${mdCell(citationText(c, lang))} |`);
        }
        const notes = criterionNotes(d, lang);
        if (notes.length > 0 || (d.notes && d.notes.length > 0)) {
          out.push('', `**${w(lang, 'notes')}**`, '');
          for (const n of notes) out.push(`- ${mdCell(n)}`);
          for (const n of d.notes ?? []) out.push(`- ${mdCell(n)}`);
        }
        if (d.steps && d.steps.length > 0) {
          out.push('', `**${w(lang, 'steps')}**`, '');
          d.steps.forEach((s, k) => out.push(`${k + 1}. ${mdCell(s.step)} — ${mdCell(s.citation)}`));
        }
        out.push('');
      }
      return `${out.join('\n').replace(/\n+$/, '')}\n`;
    },
    end: () => '',
  };
}

/** `--partners`: one table per partner check, the municipalities sorted by their share. */
function partnersRenderer(env: EligibilityRenderEnv, markdown: boolean): StreamRenderer<EligibilityResult> {
  const { lang, chalk } = env;
  const all: EligibilityResult[] = [];
  return {
    begin: () => '',
    item(r) {
      all.push(r);
      return '';
    },
    end() {
      const out: string[] = [];
      const central = (env.partnersOf ?? []).join(', ');
      out.push(markdown ? `## ${mdCell(w(lang, 'partnersTitle', { c: central }))}` : chalk.bold(wrapText(`■ ${w(lang, 'partnersTitle', { c: central })}`, env.width)));
      if (all.length === 0) {
        out.push('', w(lang, 'noPartners', { c: central }));
        if (env.commuteWhere) out.push(`${w(lang, 'where')}: ${env.commuteWhere}`);
        return `${out.join('\n')}\n`;
      }
      const ids = [...new Set(all.flatMap((r) => r.designations.map((d) => d.designation)))];
      for (const id of ids) {
        const rows = all.map((r) => ({ r, d: r.designations.find((d) => d.designation === id)! })).filter((x) => x.d);
        const first = rows[0]!.d;
        const c0 = first.criteria.find((c) => c.id === 'commute-share') ?? first.criteria[0]!;
        const head = `${first.name ?? id} (${id}): ${requiredShown(c0)} [${c0.citation}]`;
        out.push('');
        if (markdown) {
          out.push(`### ${mdCell(head)}`, '', `| ${w(lang, 'partner')} | ${w(lang, 'share')} | ${w(lang, 'status')} |`, '|---|---:|---|');
        } else out.push(chalk.bold(wrapText(head, env.width)));
        const rows2: string[][] = [];
        for (const { r, d } of rows) {
          const c = d.criteria.find((x) => x.id === 'commute-share') ?? d.criteria[0]!;
          const label = c.status === 'pass' ? w(lang, 'meets') : c.status === 'not-applicable' ? w(lang, 'below') : w(lang, 'undecided');
          const status = `${STATUS[c.status].mark} ${label}`;
          if (markdown) out.push(`| ${mdCell(r.municipality.name)} | ${mdCell(actualText(c, lang))} | ${mdCell(status)} |`);
          else rows2.push([r.municipality.name, actualText(c, lang), status]);
        }
        // Below the table's 76 columns, one line per municipality (the terminal's width, issue 15 item 7).
        if (!markdown && env.width < 76) for (const [name, share, status] of rows2) out.push(hang('  ', `${name} ${share} ${status}`, env.width - 2));
        else if (!markdown) {
          const statusWidth = Math.max(30, env.width - 24 - 18 - 4);
          out.push(drawTable({ head: [w(lang, 'partner'), w(lang, 'share'), w(lang, 'status')], colWidths: [24, 18, statusWidth], rows: rows2.map(([name, share, status]) => [name!, share!, wrapText(status!, statusWidth - 2)]), chalk }));
        }
        const notes = [...new Set(rows.flatMap(({ d }) => d.criteria.map((c) => c.note).filter((n): n is string => !!n)))];
        for (const n of notes) out.push(markdown ? `\n- ${mdCell(n)}` : hang('  - ', n, env.width - 2));
      }
      return `${out.join('\n')}\n`;
    },
  };
}

export function eligibilityRenderer(format: string, env: EligibilityRenderEnv): StreamRenderer<EligibilityResult> {
  const data = env.data;
  if (format === 'json') return data ? jsonWithSources(data, env.lang, (tail) => jsonArrayRenderer<EligibilityResult>(env.head, 'results', tail)) : jsonArrayRenderer<EligibilityResult>(env.head, 'results');
  let inner: StreamRenderer<EligibilityResult>;
  if (env.partnersOf) inner = partnersRenderer(env, format === 'markdown');
  else {
    const detail = format === 'markdown' ? markdownRenderer(env) : tableRenderer(env);
    inner = env.summary ? withEligibilitySummary(detail, env.summary, { ...env, markdown: format === 'markdown' }) : detail;
  }
  return data ? withSources(inner, format === 'markdown' ? 'markdown' : 'text', data, env.lang, format === 'markdown' ? {} : { width: env.width }) : inner;
}
