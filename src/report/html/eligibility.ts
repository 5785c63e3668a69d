import { notCheckedLine } from '../eligibility.js';
import { HELD_BELOW } from '../held-words.js';
import type { CriterionResult, DesignationResult, EligibilityResult, FigureOut } from '../../core/eligibility/types.js';
import { idLabel } from '../../i18n/kind-labels.js';
import type { Lang } from '../../i18n/lang.js';
import type { StreamRenderer } from '../stream.js';
import { badge, cover, documentPage, list, procedure, section, table, type Notes } from './blocks.js';
import { isCompareOp, STATUS_MARK, STATUS_WORD, thresholdChart, type ChartSpec, type CompareOp } from './chart.js';
import { censusText, COMMON, coverRows, newNotes, say, type HtmlEnv } from './common.js';
import { html, type Content, type Safe } from './html.js';
import { comparisonKey } from './comparison-key.js';

export { comparisonKey };

/**
 * The HTML report of `eligibility`: the cover (with the census and sources of the figures), a
 * summary of every municipality × designation, then per municipality (a new page in print) its
 * figures with their sources as notes and, per designation, the criteria with a chart of each
 * figure against its threshold.
 */

/** The comparison behind a criterion, as the engine made it (its trace): operator, threshold, おおむね band. */
export interface Comparison {
  op: string;
  threshold: number | string | null;
  tolerance?: number;
}

export interface EligibilityHtmlEnv extends HtmlEnv {
  /** Comparisons by municipality name, designation and criterion (see comparisonKey). */
  comparisons?: ReadonlyMap<string, Comparison>;
  /** `--partners`: the partners of these central cities. */
  partnersOf?: string[];
}


const W = {
  title: { ja: '指定要件の判定 — {names}', en: 'Designation criteria — {names}' },
  partnersTitle: { ja: '連携の相手の目安 — {names} への通勤通学割合', en: 'Partner guidelines — commuting shares to {names}' },
  lead: {
    ja: '指定都市・中核市・連携中枢都市・定住自立圏の中心市の要件を、国勢調査などの数値と照らし合わせたものです。「要件を満たす」は数値上の判定で、指定に必要な手続は別に示します。',
    en: 'The criteria of the designations (designated city, core city, 連携中枢都市, 定住自立圏 central city) checked against census and other figures. "Meets the criteria" is about the figures; the steps a designation still needs are listed separately.',
  },
  summary: { ja: '判定の一覧', en: 'Summary' },
  municipality: { ja: '市町村', en: 'Municipality' },
  figures: { ja: '数値と出典', en: 'Figures and sources' },
  figure: { ja: '項目', en: 'Figure' },
  value: { ja: '値', en: 'Value' },
  source: { ja: '出典', en: 'Source' },
  unknown: { ja: '不明', en: 'unknown' },
  where: { ja: '入手先', en: 'where to get it' },
  criterion: { ja: '要件', en: 'Criterion' },
  status: { ja: '判定', en: 'Status' },
  actual: { ja: '実際の値', en: 'Actual' },
  required: { ja: '必要な値', en: 'Required' },
  charts: { ja: '数値と基準', en: 'Figures against thresholds' },
  derived: { ja: '合併後の数値の求め方', en: 'How the merged figures were derived' },
  notes: { ja: '注記', en: 'Notes' },
  steps: { ja: '数値を満たした後の手続', en: 'Steps that remain once the figures pass' },
  missing: { ja: '判定に必要なデータ', en: 'data that would decide it' },
  merged: { ja: '合併後（試算）', en: 'after the merger (what-if)' },
  centralCity: { ja: '中心市', en: 'central city' },
  share: { ja: '通勤通学割合', en: 'Share' },
  none: { ja: '該当する市町村はありません。', en: 'no municipality in the data.' },
  sourcesRef: { ja: '（出典は注 {refs}）', en: ' (sources: notes {refs})' },
  legend: {
    ja: '判定: ✓ 適合、✗ 不適合、~ 境界（おおむねの範囲）、? 不明（数値なし）、– 対象外。グラフ: 棒が実際の値、黒線が基準、薄い緑が適合する側、斜線がおおむねの範囲。',
    en: 'Status: ✓ pass, ✗ fail, ~ borderline (within "approximately"), ? unknown (no figure), – not applicable. Charts: the bar is the figure, the black line the threshold, the pale green side passes, the hatched band is "approximately".',
  },
} as const;

const ELIGIBLE = {
  true: { cls: 'st-pass', mark: '✓', ja: '要件を満たす（数値上）', en: 'meets the criteria (on the figures)' },
  false: { cls: 'st-fail', mark: '✗', ja: '要件を満たさない', en: 'does not meet the criteria' },
  null: { cls: 'st-unknown', mark: '?', ja: '判定できない', en: 'undecided' },
} as const;

const FIGURE_LABEL: Record<string, { ja: string; en: string }> = {
  kind: { ja: '種類', en: 'kind' },
  population: { ja: '人口', en: 'population' },
  dayNightRatio: { ja: '昼夜間人口比率', en: 'day/night ratio' },
  metroArea: { ja: '三大都市圏', en: 'metro area' },
  metroCoreCommuteShare: { ja: '三大都市圏の中心への通勤通学割合', en: 'commuting share to the metro cores' },
  commuteShare: { ja: '中心市への通勤通学割合', en: 'commuting share to the central city' },
};

function figureLabel(id: string, lang: Lang): string {
  if (id.startsWith('twin:')) return `${FIGURE_LABEL[id.slice(5)]?.[lang] ?? id.slice(5)} (--twin)`;
  return FIGURE_LABEL[id]?.[lang] ?? id;
}

/** 1234567 → 1,234,567; a ratio as it is. */
export function number(v: number): string {
  return Number.isInteger(v) ? v.toLocaleString('en') : String(v);
}

export function valueText(v: number | string | null, lang: Lang): string {
  if (v === null) return '';
  if (typeof v === 'number') return number(v);
  const label = idLabel(v);
  return label ? label[lang] : v;
}

export function statusBadge(status: CriterionResult['status'], lang: Lang, held = false): Safe {
  // A held designation's criterion that today's figures miss is for reference, not a fail (report/eligibility.ts HELD_BELOW).
  if (held && status === 'fail') return badge('st-not-applicable', HELD_BELOW.mark, HELD_BELOW[lang]);
  return badge(`st-${status}`, STATUS_MARK[status], STATUS_WORD[status][lang]);
}

const ELIGIBLE_SHORT = {
  true: { ja: '満たす', en: 'meets' },
  false: { ja: '満たさない', en: 'does not meet' },
  null: { ja: '判定できない', en: 'undecided' },
} as const;

/** The result of a designation as a badge (short: for the cells of the summary). */
export function eligibleBadge(e: boolean | null, lang: Lang, short = false): Safe {
  const key = String(e) as 'true' | 'false' | 'null';
  const x = ELIGIBLE[key];
  return badge(x.cls, x.mark, short ? ELIGIBLE_SHORT[key][lang] : x[lang]);
}

/**
 * A designation's verdict: for one the city already holds, that it is held (the law has no
 * de-designation, so today's figures never make it "does not meet"); else `eligibleBadge`.
 */
export function verdictBadge(d: DesignationResult, lang: Lang, short = false): Safe {
  if (!d.held) return eligibleBadge(d.eligible, lang, short);
  const since = d.held.since ?? (lang === 'ja' ? '指定日不明' : 'day not given');
  return badge(ELIGIBLE.true.cls, '✓', lang === 'ja' ? `指定済み（${since}）` : `held (since ${since})`);
}

/** The chart of a criterion, when it compares a number with a number threshold. */
export function criterionChart(c: CriterionResult, cmp: Comparison | undefined, lang: Lang, id: string): Safe | null {
  if (!cmp || !isCompareOp(cmp.op) || typeof cmp.threshold !== 'number') return null;
  if (c.actual !== null && typeof c.actual !== 'number') return null;
  const spec: ChartSpec = { value: c.actual, op: cmp.op as CompareOp, threshold: cmp.threshold, status: c.status, format: number };
  if (cmp.tolerance && (cmp.op === '>=' || cmp.op === '>')) spec.bandFrom = Math.round(cmp.threshold * (1 - cmp.tolerance) * 1e4) / 1e4;
  if (c.atLeast) spec.atLeast = true;
  return thresholdChart(spec, lang, id);
}

function figuresTable(figures: FigureOut[], lang: Lang, notes: Notes): Safe {
  return table(
    [{ head: W.figure[lang] }, { head: W.value[lang], num: true }, { head: W.source[lang] }],
    figures.map((f) => [
      figureLabel(f.figure, lang),
      f.value === null ? W.unknown[lang] : html`${valueText(f.value, lang)}${f.derivation && typeof f.value === 'number' ? html`<br><span class="muted">= ${f.derivation}</span>` : ''}`,
      f.value === null ? html`${W.where[lang]}${notes.ref(f.where)}` : notes.ref(f.source),
    ]),
  );
}

function criterionNotes(d: DesignationResult, lang: Lang): string[] {
  const out: string[] = [];
  for (const c of d.criteria) {
    const parts: string[] = [];
    if (c.note) parts.push(c.note);
    if (c.missing) parts.push(`${W.missing[lang]}: ${c.missing}`);
    if (parts.length > 0) out.push(`${c.name ?? c.id}: ${parts.join(' — ')}`);
  }
  return [...out, ...(d.notes ?? [])];
}

export function designationPart(r: EligibilityResult, d: DesignationResult, env: EligibilityHtmlEnv, notes: Notes, chartId: () => string): Safe {
  const { lang } = env;
  const central = d.centralCity ? ` — ${W.centralCity[lang]}: ${d.centralCity}` : '';
  const body: Content[] = [];
  if (d.held) {
    body.push(
      html`<p>${lang === 'ja' ? '指定の根拠' : 'Designated by'}${notes.ref(d.held.source)}. ${lang === 'ja' ? '法に指定の取消しの定めはない。下の表は現在の数値による参考で、指定の可否を示すものではない。' : "The law has no de-designation: the table shows today's figures for information, not whether the city may hold the designation."}</p>`,
    );
  }
  body.push(
    table(
      [{ head: W.criterion[lang] }, { head: W.status[lang], nowrap: true }, { head: W.actual[lang], num: true }, { head: W.required[lang] }],
      d.criteria.map((c) => [html`${c.name ?? c.id} <span class="id">${c.id}</span>`, statusBadge(c.status, lang, !!d.held), html`${valueText(c.actual, lang)}${c.atLeast ? (lang === 'ja' ? ' 以上' : ' (at least)') : ''}`, html`${c.required}${notes.ref(c.effectiveFrom ? `${c.citation}${lang === 'ja' ? `（${c.effectiveFrom} から）` : ` (from ${c.effectiveFrom})`}` : c.citation)}`]),
    ),
  );
  const charts = d.criteria
    .map((c) => ({ c, chart: criterionChart(c, env.comparisons?.get(comparisonKey(r.municipality.name, d.designation, c.id)), lang, chartId()) }))
    .filter((x) => x.chart !== null);
  for (const { c, chart } of charts) body.push(html`<div class="keep"><p>${c.name ?? c.id}</p>${chart}</div>`);
  const n = criterionNotes(d, lang);
  if (n.length > 0) body.push(html`<p><strong>${W.notes[lang]}</strong></p>`, list(n));
  if (d.steps && d.steps.length > 0) body.push(html`<p><strong>${W.steps[lang]}</strong></p>`, procedure(d.steps.map((s) => ({ text: s.step, citation: s.citation })), notes));
  return section(html`${d.name ?? d.designation}${central} ${verdictBadge(d, lang)}`, body, { level: 3 });
}

function municipalityTitle(r: EligibilityResult, lang: Lang): string {
  const m = r.municipality;
  const bits = [m.prefecture, m.code, m.kind ? (idLabel(m.kind)?.[lang] ?? m.kind) : null].filter(Boolean);
  return `${m.name}${bits.length > 0 ? (lang === 'ja' ? `（${bits.join('、')}）` : ` (${bits.join(', ')})`) : ''}${m.merged.length > 1 ? ` — ${W.merged[lang]}` : ''}`;
}

function municipalitySection(r: EligibilityResult, i: number, env: EligibilityHtmlEnv, notes: Notes, chartId: () => string): Safe {
  const { lang } = env;
  const body: Content[] = [];
  if (r.figures && r.figures.length > 0) body.push(html`<h3>${W.figures[lang]}</h3>`, figuresTable(r.figures, lang, notes));
  if (r.derived && r.derived.length > 0) body.push(html`<p><strong>${W.derived[lang]}</strong></p>`, list(r.derived));
  if (r.notes && r.notes.length > 0) body.push(list(r.notes));
  const skipped = notCheckedLine(r, lang);
  if (skipped) body.push(html`<p class="muted">${skipped}</p>`);
  for (const d of r.designations) body.push(designationPart(r, d, env, notes, chartId));
  return section(municipalityTitle(r, lang), body, { page: true, id: `m-${i + 1}` });
}

/** The data row of the cover: the census years and the sources of every figure, as notes. */
export function dataRow(results: readonly EligibilityResult[], lang: Lang, notes: Notes): Content {
  const figures = results.flatMap((r) => r.figures ?? []);
  const sources = figures.map((f) => f.source).filter((s): s is string => !!s);
  const structured = figures.map((f) => (f as FigureOut & { census?: { year: number; kind: string } }).census);
  const census = censusText(sources, structured, lang);
  const refs = notes.refs(sources);
  return html`${census ?? ''}${sources.length > 0 ? refs : COMMON.noData[lang]}`;
}

function partnerTables(results: readonly EligibilityResult[], env: EligibilityHtmlEnv, notes: Notes): Content[] {
  const { lang } = env;
  const ids = [...new Set(results.flatMap((r) => r.designations.map((d) => d.designation)))];
  const out: Content[] = [];
  for (const id of ids) {
    const rows = results.map((r) => ({ r, d: r.designations.find((d) => d.designation === id) })).filter((x): x is { r: EligibilityResult; d: DesignationResult } => !!x.d);
    const first = rows[0]!.d;
    const c0 = first.criteria.find((c) => c.id === 'commute-share') ?? first.criteria[0]!;
    out.push(
      section(html`${first.name ?? id} — ${c0.required}${notes.ref(c0.citation)}`, [
        table(
          [{ head: W.municipality[lang] }, { head: W.share[lang], num: true }, { head: W.status[lang] }],
          rows.map(({ r, d }) => {
            const c = d.criteria.find((x) => x.id === 'commute-share') ?? d.criteria[0]!;
            return [r.municipality.name, valueText(c.actual, lang), html`${statusBadge(c.status, lang)}${c.note ? html` <span class="muted">${c.note}</span>` : ''}`];
          }),
        ),
      ]),
    );
  }
  if (out.length === 0) out.push(html`<p>${W.none[lang]}</p>`);
  return out;
}

export function eligibilityDocument(results: readonly EligibilityResult[], env: EligibilityHtmlEnv): string {
  const { lang } = env;
  const notes = newNotes(lang, env.data);
  let charts = 0;
  const chartId = (): string => `c${++charts}`;
  const names = env.partnersOf ? env.partnersOf.join(lang === 'ja' ? '、' : ', ') : results.map((r) => r.municipality.name).join(lang === 'ja' ? '、' : ', ');
  const title = say(env.partnersOf ? W.partnersTitle : W.title, lang, { names });
  const body: Content[] = [cover(title, coverRows(env, dataRow(results, lang, notes)), W.lead[lang])];
  if (env.partnersOf) body.push(...partnerTables(results, env, notes));
  else {
    const ids = [...new Set(results.flatMap((r) => r.designations.map((d) => d.designation)))];
    const nameOf = (id: string): string => results.flatMap((r) => r.designations).find((d) => d.designation === id)?.name ?? id;
    body.push(
      section(W.summary[lang], [
        table(
          [{ head: W.municipality[lang], nowrap: true }, ...ids.map((id) => ({ head: nameOf(id) }))],
          results.map((r, i) => [html`<a href="#m-${i + 1}">${r.municipality.name}</a>`, ...ids.map((id) => {
            const d = r.designations.find((x) => x.designation === id);
            return d ? verdictBadge(d, lang, true) : '—';
          })]),
        ),
        html`<p class="muted">${W.legend[lang]}</p>`,
      ]),
    );
    results.forEach((r, i) => body.push(municipalitySection(r, i, env, notes, chartId)));
  }
  return documentPage({ lang, title, body, notes });
}

export function eligibilityHtmlRenderer(env: EligibilityHtmlEnv): StreamRenderer<EligibilityResult> {
  const all: EligibilityResult[] = [];
  return {
    begin: () => '',
    item(r) {
      all.push(r);
      return '';
    },
    end: () => eligibilityDocument(all, env),
  };
}
