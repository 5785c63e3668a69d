import type { Criterion, Designation } from '../../pack/designations-schema.js';
import type { DatedValue } from '../../pack/schema.js';
import { changedOn, valueAt, type ResolvedValue } from '../dated.js';
import { publishedAfter, publishedOf } from './census.js';
import { cite, inPrefecture, where, type EligibilityContext } from './context.js';
import type { MunicipalityFigures, SubjectFigures } from './figures.js';
import type { NumberFigure, Subject } from './model.js';
import { criterionOut, type Outcome, type RowWords } from './output.js';
import { fmtNumber, round4, t2 } from './text.js';
import type { CriterionResult, CriterionStatus } from './types.js';

/**
 * One criterion against a subject's figures: what it says that day (the dated threshold, its
 * citation and effective date, the requirement in words), the comparison with the tolerance
 * and floor bands, lower bounds and guidelines, for the city, both cities of a pair or a merged
 * city's most populous former municipality. Reads figures.ts's results; computes none.
 */

const W = {
  noThreshold: { ja: 'この日（{d}）の値がルールパックにない', en: 'the rule pack has no value for this date ({d})' },
  outsideMetro: { ja: '三大都市圏の区域外の市には適用しない', en: 'not applied to a city outside the 三大都市圏' },
  metroUnknown: { ja: '三大都市圏の区域内か不明', en: 'unknown whether the city lies in the 三大都市圏' },
  metroEitherWay: {
    ja: '三大都市圏の区域内か不明だが、割合が基準を満たすため、区域内（適合）でも区域外（適用なし）でもこの要件で不適合にはならない',
    en: 'unknown whether the city lies in the 三大都市圏, but the share meets the test, so this requirement holds either way (inside: met; outside: not applied)',
  },
  atLeast: { ja: '一部の通勤通学の値がなく、{v} は下限', en: 'some commuting figures are missing; {v} is a lower bound' },
  largestUnknown: { ja: '旧市町村の人口が不明で、人口最大の旧市を決められない', en: 'the former municipalities\' populations are unknown, so the most populous cannot be chosen' },
  noTwin: { ja: '相手の市がない', en: 'no second city' },
  confirm: { ja: 'データでは判定できない（確認が必要）', en: 'not decided by the data (to be confirmed)' },
  basis: {
    ja: '{decided}の {dv} で判定（{other}は {ov}: {os}）',
    en: 'decided by the {decided} figure {dv} (the {other} figure is {ov}: {os})',
  },
  unconfirmedFigure: {
    ja: 'この数値は二次資料のみによる（未確認）: {why}',
    en: 'this figure rests on a secondary source alone (unconfirmed): {why}',
  },
  unconfirmedSplit: {
    ja: '未確認の{decided} {dv}（{ds}）と公式の{other} {ov}（{os}）とで結果が分かれるため判定しない。{decided}を公式の表で確かめて出典とともに指定すれば判定できる',
    en: 'not decided: the unconfirmed {decided} figure {dv} ({ds}) and the official {other} figure {ov} ({os}) disagree; confirm the {decided} figure in an official table and give it with its source',
  },
  /** A status inside a note, in the language of the note. */
  statusWord: {
    pass: { ja: '適合', en: 'pass' },
    fail: { ja: '不適合', en: 'fail' },
    borderline: { ja: '境界', en: 'borderline' },
    unknown: { ja: '不明', en: 'unknown' },
    'not-applicable': { ja: '対象外', en: 'not applicable' },
  },
  basisName: { raw: { ja: '原数値', en: 'raw (原数値)' }, imputed: { ja: '不詳補完値', en: 'imputed (不詳補完値)' } },
  imputedOnly: {
    ja: '不詳補完値で判定（原数値とは異なりうる。原数値は daytimePopulation で指定できる）',
    en: 'decided by the imputed (不詳補完値) figure; the raw (原数値) figure may differ: give it as daytimePopulation',
  },
  afterAsOf: {
    ja: '{year}年国勢調査の値（{published} 公表）は --as-of {asOf} より後に公表された。その日に有効だった国勢調査の値はデータにない',
    en: 'this {year} census figure was published on {published}, after --as-of {asOf}; the census in force that day is not in the data',
  },
  unconfirmedValue: { ja: '値の日付は未確認: {note}', en: 'the date of this value is unconfirmed: {note}' },
  exempt: { ja: '適用しない: {words}', en: 'not applied: {words}' },
  exemptUnknown: { ja: '人口が不明で、この要件が適用されるか（{words}）決められない', en: 'the population is unknown, so whether this test applies ({words}) cannot be decided' },
  standard: { ja: '要件は満たす。基準は{words}（{v}）', en: 'the requirement is met; the standard is {words} ({v})' },
  factNotGiven: { ja: '申告がない（隣接するなら --adjacent、しないなら --no-adjacent）', en: 'not stated (--adjacent if they are adjacent, --no-adjacent if not)' },
  adjacent: { ja: '隣接する', en: 'adjacent' },
  notAdjacent: { ja: '隣接しない', en: 'not adjacent' },
  figure: {
    kind: { ja: '種類', en: 'kind' },
    population: { ja: '人口', en: 'population' },
    dayNightRatio: { ja: '昼夜間人口比率', en: 'day/night ratio' },
    metroArea: { ja: '三大都市圏', en: '三大都市圏 (metro area)' },
    metroCoreCommuteShare: { ja: '三大都市圏の中心への通勤通学割合', en: 'commuting share to the metro cores' },
    commuteShare: { ja: '中心市への通勤通学割合', en: 'commuting share to the central city' },
    workersAndStudents: { ja: '通勤通学者（常住地）', en: 'residents who work or study' },
    area: { ja: '面積', en: 'area' },
  },
} as const;

// ───────────────────────────────────────────────────────────────── statuses

export const STATUS_ORDER: Record<CriterionStatus, number> = { pass: 0, 'not-applicable': 0, borderline: 1, unknown: 2, fail: 3 };

/** The status of several results together: any fail fails; then unknown, borderline, pass. */
export function combine(statuses: CriterionStatus[]): CriterionStatus {
  if (statuses.length === 0) return 'not-applicable';
  if (statuses.includes('fail')) return 'fail';
  if (statuses.includes('unknown')) return 'unknown';
  if (statuses.includes('borderline')) return 'borderline';
  if (statuses.every((x) => x === 'not-applicable')) return 'not-applicable';
  return 'pass';
}

/** The contract's rule: true when every criterion passes or is not applicable, false when any fails, else null. */
export function eligibleOf(criteria: CriterionResult[]): boolean | null {
  if (criteria.some((c) => c.status === 'fail')) return false;
  if (criteria.every((c) => c.status === 'pass' || c.status === 'not-applicable')) return true;
  return null;
}

// ───────────────────────────────────────────────────────────────── what a criterion says that day

/**
 * What a criterion says on the context's day, in its language: the same for every municipality,
 * so resolved once per context (the dated threshold, its citation and effective date, the
 * requirement in words) instead of once per municipality.
 */
interface CriterionPlan extends RowWords {
  entry: ResolvedValue | null;
  threshold: number | null;
  /** A dated test kouiki does not evaluate and that is not in force that day: no row at all. */
  absent: boolean;
  /** Citation of the threshold's entry (for the trace). */
  thresholdCitation: string;
  /** "the date of this value is unconfirmed: ..." when the entry says so. */
  unconfirmedNote: string | undefined;
  /** The reference deciding the criterion is unconfirmed (its note is then always shown). */
  unconfirmed: boolean;
  /** "figure: where to get it" for the row left unknown. */
  missing: string | null;
  /** The exemption in force that day (`exemptIf`), with the day it took effect. */
  exempt: { threshold: number; op: string; words: string; effectiveFrom: string | null } | null;
}

/** The plans of one context (they depend on its day, language and index), per criterion. */
const plansMemo = new WeakMap<EligibilityContext, Map<Criterion, CriterionPlan>>();

function criterionPlan(ctx: EligibilityContext, c: Criterion): CriterionPlan {
  let memo = plansMemo.get(ctx);
  if (!memo) plansMemo.set(ctx, (memo = new Map()));
  let p = memo.get(c);
  if (p === undefined) memo.set(c, (p = buildCriterionPlan(ctx, c)));
  return p;
}

/** Whether a criterion has no row at all that day (a dated test kouiki does not evaluate, not in force). */
export function criterionAbsent(ctx: EligibilityContext, c: Criterion): boolean {
  return criterionPlan(ctx, c).absent;
}

function buildCriterionPlan(ctx: EligibilityContext, c: Criterion): CriterionPlan {
  const { lang } = ctx;
  const entry = c.threshold ? valueAt(c.threshold as DatedValue, ctx.asOf) : null;
  const threshold = entry && typeof entry.entry.value === 'number' ? entry.entry.value : null;
  const confirmDated = c.test === 'confirm' && !!c.threshold;
  let required = confirmDated && entry ? (entry.entry.note?.[lang] ?? c.required?.[lang] ?? '') : '';
  if (!required) required = requiredText(ctx, c, threshold);
  // An exemption in force that day (e.g. 人口50万以上の市には適用しない) is part of the requirement.
  let exempt: CriterionPlan['exempt'] = null;
  if (c.exemptIf) {
    const x = valueAt(c.exemptIf.threshold as DatedValue, ctx.asOf);
    if (x && typeof x.entry.value === 'number') {
      exempt = { threshold: x.entry.value, op: c.exemptIf.op, words: c.exemptIf.words[lang], effectiveFrom: changedOn(c.exemptIf.threshold as DatedValue, x.from) || null };
      required = `${required} (${exempt.words})`;
    }
  }
  let effectiveFrom: string | null = null;
  // The day the threshold took this value, not the day an unchanged value was last checked.
  if (entry && entry.from && c.threshold) effectiveFrom = changedOn(c.threshold as DatedValue, entry.from) || null;
  const e = entry?.entry;
  return {
    entry,
    threshold,
    // A dated test that is not in force that day has no row: a `confirm` test without a value
    // that day, or a comparison whose value that day is null (the test was repealed).
    absent: (confirmDated && (!entry || entry.entry.value === null || entry.entry.value === undefined)) || (c.test === 'compare' && entry !== null && entry.entry.value === null),
    citation: cite(ctx, entry?.entry.ref ?? c.ref),
    thresholdCitation: entry ? cite(ctx, entry.entry.ref) : '',
    name: c.name[lang],
    required,
    effectiveFrom,
    unconfirmedNote: e && e.status === 'unconfirmed' && e.note ? t2(lang, W.unconfirmedValue, { note: e.note[lang] }) : undefined,
    unconfirmed: (entry?.entry.ref.status ?? c.ref.status) === 'unconfirmed',
    missing: missingText(ctx, c),
    exempt,
  };
}

const requiredMemo = new WeakMap<object, { ja: Map<number | null, string>; en: Map<number | null, string> }>();

/** The requirement in words, once per criterion, threshold and language (keyed by the number itself: no key string per call). */
function requiredText(ctx: EligibilityContext, c: Criterion, threshold: number | null): string {
  let m = requiredMemo.get(c);
  if (!m) requiredMemo.set(c, (m = { ja: new Map(), en: new Map() }));
  const byThreshold = m[ctx.lang];
  let v = byThreshold.get(threshold);
  if (v === undefined) {
    v = buildRequiredText(ctx, c, threshold);
    byThreshold.set(threshold, v);
  }
  return v;
}

function buildRequiredText(ctx: EligibilityContext, c: Criterion, threshold: number | null): string {
  const { lang } = ctx;
  if (c.required) return c.required[lang];
  const qual: string[] = [];
  if (c.qualifier) qual.push(c.qualifier[lang]);
  if (c.floor) qual.push(`${c.floor.words[lang]}`);
  const t = threshold === null ? '?' : fmtNumber(threshold);
  return `${c.op ?? ''} ${t}${qual.length > 0 ? ` (${qual.join('; ')})` : ''}`;
}

/** Which figure source (where to get it) decides a criterion. */
function figureKey(c: Criterion): 'population' | 'dayNightRatio' | 'metroCoreCommuteShare' | 'commuteShare' | 'metroArea' | 'kind' | 'area' {
  if (c.test === 'kind-in') return 'kind';
  if (c.test === 'outside-metro') return 'metroArea';
  return c.figure ?? 'population';
}

/** "figure: where to get it" for a criterion left unknown. */
function missingText(ctx: EligibilityContext, c: Criterion): string | null {
  if (c.test === 'confirm' || c.test === 'fact') return null;
  const key = figureKey(c);
  const w = where(ctx, key);
  return w ? `${W.figure[key][ctx.lang]}: ${w}` : null;
}

// ───────────────────────────────────────────────────────────────── one criterion

/** Two notes of one criterion, in the order they are found ("a; b"). */
function addNote(notes: string | undefined, note: string): string {
  return notes === undefined ? note : `${notes}; ${note}`;
}

/**
 * One criterion's row for a subject, or null when the criterion does not exist that day.
 * `central`: whether the figures' commuting share (to the central city) may be read — the
 * designation's own criteria in a partner check, not a special case's.
 */
export function evaluateCriterion(ctx: EligibilityContext, d: Designation, c: Criterion, s: Subject, figs: SubjectFigures, central: boolean): CriterionResult | null {
  const { lang } = ctx;
  const m = s.municipality;
  const plan = criterionPlan(ctx, c);
  const { entry, threshold } = plan;
  // The notes joined as they are found (one string, not an array joined at the end: most
  // criteria have at most one note, which is then shared as it is).
  let notes: string | undefined;
  if (entry) {
    ctx.trace?.({
      type: 'parameter',
      designation: d.id,
      criterion: c.id,
      parameter: 'threshold',
      value: entry.entry.value,
      effectiveFrom: entry.from,
      citation: plan.thresholdCitation,
      ...(entry.entry.status === 'unconfirmed' ? { unconfirmed: true } : {}),
    });
    notes = plan.unconfirmedNote;
  }
  if (c.approx === 'tolerance') {
    ctx.trace?.({ type: 'parameter', designation: d.id, criterion: c.id, parameter: 'tolerance', value: ctx.tolerance, effectiveFrom: null, citation: 'pack.yaml settings.tolerance' });
  }
  if (plan.absent) return null;

  let single: Outcome;
  let words: RowWords = plan;
  const subject = c.subject ?? 'self';
  const exempt = plan.exempt ? exemption(ctx, plan.exempt, figs.self) : null;
  if (exempt) {
    single = exempt;
    if (exempt.status === 'not-applicable') words = { ...plan, effectiveFrom: plan.exempt!.effectiveFrom };
  } else if (c.test === 'fact') {
    // A fact of the pair (the adjacency of two cities): stated or unknown, never assumed.
    const f = s.adjacent;
    if (!s.twin) single = { status: 'unknown', actual: null, note: W.noTwin[lang] };
    else if (!f) single = { status: 'unknown', actual: null, note: W.factNotGiven[lang] };
    else single = { status: f.value ? 'pass' : 'fail', actual: f.value ? W.adjacent[lang] : W.notAdjacent[lang] };
  } else if (c.test === 'confirm' && c.threshold) {
    // A dated test kouiki does not evaluate (e.g. the 中核市 area test before 2006), in force
    // that day (else it is `absent`: no criterion at all, no row).
    single = { status: 'unknown', actual: null, note: W.confirm[lang] };
  } else if (subject === 'largest-former') {
    const largest = figs.largestFormer;
    if (largest === null || largest === 'unknown') single = { status: 'unknown', actual: null, note: W.largestUnknown[lang] };
    else {
      const f = largest.dayNightRatio;
      if (threshold === null) single = { status: 'unknown', actual: null, note: t2(lang, W.noThreshold, { d: ctx.asOf }) };
      else if (!f) single = { status: 'unknown', actual: null };
      else single = compareFigure(ctx, c, f, threshold);
      single.actual = single.actual === null ? null : `${largest.name} ${single.actual}`;
    }
  } else if (subject === 'each-of-pair') {
    if (!s.twin || !figs.twin) single = { status: 'unknown', actual: null, note: W.noTwin[lang] };
    else {
      const a = evaluateOne(ctx, d, c, figs.self, threshold, plan.citation, central);
      const b = evaluateOne(ctx, d, c, figs.twin, threshold, plan.citation, central);
      const show = (x: Outcome): string => (x.actual === null ? '?' : typeof x.actual === 'number' ? fmtNumber(x.actual) : x.actual);
      single = { status: combine([a.status, b.status]), actual: `${m.name} ${show(a)} / ${s.twin.name} ${show(b)}` };
    }
  } else if (subject === 'pair-combined') {
    if (!s.twin) single = { status: 'unknown', actual: null, note: W.noTwin[lang] };
    else {
      const pa = m.population;
      const pb = s.twin.population;
      if (!pa || !pb || threshold === null) single = { status: 'unknown', actual: pa && pb ? pa.value + pb.value : null };
      else single = compareFigure(ctx, c, { value: pa.value + pb.value, source: '', derivation: `${fmtNumber(pa.value)} + ${fmtNumber(pb.value)}` }, threshold);
    }
  } else single = evaluateOne(ctx, d, c, figs.self, threshold, plan.citation, central);

  if (single.note) notes = addNote(notes, single.note);
  if (single.status === 'not-applicable' && c.guideline && single.actual !== null && !single.note) notes = addNote(notes, c.belowNote![lang]);
  const missing = single.status === 'unknown' && !single.note?.startsWith(W.confirm[lang]) && plan.missing ? inPrefecture(plan.missing, m.prefecture, lang) : null;
  if (c.note && (single.status !== 'pass' || c.test === 'confirm' || plan.unconfirmed)) notes = addNote(notes, c.note[lang]);
  const out = criterionOut(c.id, single, words, !!c.guideline, notes, missing);
  ctx.trace?.({
    type: 'criterion',
    designation: d.id,
    criterion: c.id,
    left: out.actual,
    op: c.op ?? c.test,
    right: threshold ?? (c.kinds ? c.kinds.join('|') : c.test === 'outside-metro' ? 'none' : null),
    status: out.status,
    how: c.test,
  });
  return out;
}

/** The figure a `compare` criterion reads of one municipality. */
function figureOf(c: Criterion, f: MunicipalityFigures, central: boolean): NumberFigure | null {
  switch (c.figure) {
    case 'population':
      return f.population;
    case 'dayNightRatio':
      return f.dayNightRatio;
    case 'metroCoreCommuteShare':
      return f.metroCoreCommuteShare;
    case 'commuteShare':
      return central ? f.commuteShare : null;
    case 'area':
      return f.area;
    default:
      return null;
  }
}

/** One municipality against a criterion's test (the twin's too, for `each-of-pair`). */
function evaluateOne(ctx: EligibilityContext, d: Designation, c: Criterion, target: MunicipalityFigures, threshold: number | null, citation: string, central: boolean): Outcome {
  const { lang } = ctx;
  const m = target.municipality;
  switch (c.test) {
    case 'kind-in': {
      if (!m.kind) return { status: 'unknown', actual: null };
      ctx.trace?.({ type: 'parameter', designation: d.id, criterion: c.id, parameter: 'kinds', value: c.kinds, effectiveFrom: null, citation });
      return { status: c.kinds!.includes(m.kind.value) ? 'pass' : 'fail', actual: m.kind.value, figure: m.kind };
    }
    case 'outside-metro': {
      if (!m.metroArea) return { status: 'unknown', actual: null };
      return { status: m.metroArea.value === 'none' ? 'pass' : 'fail', actual: m.metroArea.value, figure: m.metroArea };
    }
    case 'confirm':
      return { status: 'unknown', actual: null, note: W.confirm[lang] };
    default: {
      if (c.onlyInMetro && m.metroArea?.value === 'none') return { status: 'not-applicable', actual: null, note: W.outsideMetro[lang] };
      const f = figureOf(c, target, central);
      if (c.onlyInMetro && !m.metroArea) {
        // Whether the city lies in the 三大都市圏 is unknown. A share that meets the test settles it
        // anyway (inside: pass; outside: not applied), so the unknown location does not block it.
        if (!f || threshold === null) return { status: 'unknown', actual: f ? round4(f.value) : null, note: W.metroUnknown[lang] };
        const either = compareFigure(ctx, c, f, threshold);
        either.figure = f;
        if (either.status === 'pass') either.note = W.metroEitherWay[lang];
        else {
          either.status = 'unknown';
          either.note = W.metroUnknown[lang];
        }
        return either;
      }
      if (threshold === null) return { status: 'unknown', actual: f ? round4(f.value) : null, note: t2(lang, W.noThreshold, { d: ctx.asOf }) };
      if (!f) return { status: 'unknown', actual: null };
      const out = compareFigure(ctx, c, f, threshold);
      out.figure = f;
      // A census figure published after --as-of (no earlier census in the data): flagged, with a note.
      const after = c.figure === 'population' ? target.populationAfterAsOf : publishedAfter(f.census, ctx.asOf);
      if (after && f.census) {
        out.afterAsOf = true;
        const published = publishedOf(f.census) ?? '?';
        const note = t2(lang, W.afterAsOf, { year: String(f.census.year), published, asOf: ctx.asOf });
        out.note = out.note ? `${out.note}; ${note}` : note;
      }
      // The other version of a day/night ratio (不詳補完値 beside 原数値): shown, with the status it would give.
      const other = c.figure === 'dayNightRatio' ? target.dayNightOther : null;
      if (other) {
        const alt = compareFigure(ctx, c, other, threshold);
        const basisOf = (x: NumberFigure, fallback: 'raw' | 'imputed'): 'raw' | 'imputed' => x.census?.basis ?? fallback;
        const decided = basisOf(f, 'raw');
        const otherBasis = basisOf(other, 'imputed');
        out.alternative = { actual: alt.actual as number, status: alt.status, basis: otherBasis, source: other.source };
        if (other.unconfirmed) out.alternative.unconfirmed = other.unconfirmed;
        const names = { decided: W.basisName[decided][lang], dv: String(out.actual), other: W.basisName[otherBasis][lang], ov: String(alt.actual), os: W.statusWord[alt.status][lang] };
        // A figure resting on a secondary source alone never decides against the official
        // version of the same figure: where the two disagree, the criterion stays unknown.
        const split = f.unconfirmed !== undefined && other.unconfirmed === undefined && alt.status !== out.status;
        const note = split ? t2(lang, W.unconfirmedSplit, { ...names, ds: W.statusWord[out.status][lang] }) : t2(lang, W.basis, names);
        if (split) out.status = 'unknown';
        out.note = out.note ? `${out.note}; ${note}` : note;
      } else if (c.figure === 'dayNightRatio' && f.census?.basis === 'imputed') {
        out.note = out.note ? `${out.note}; ${W.imputedOnly[lang]}` : W.imputedOnly[lang];
      }
      if (f.unconfirmed !== undefined) {
        out.unconfirmed = f.unconfirmed;
        const note = t2(lang, W.unconfirmedFigure, { why: f.unconfirmed });
        out.note = out.note ? `${out.note}; ${note}` : note;
      }
      return out;
    }
  }
}

/**
 * Whether an exemption in force that day takes the city out of a criterion: `not-applicable`
 * when its population meets it, unknown when the population is unknown, null when the criterion
 * applies.
 */
function exemption(ctx: EligibilityContext, x: NonNullable<CriterionPlan['exempt']>, f: MunicipalityFigures): Outcome | null {
  const p = f.population;
  if (!p) return { status: 'unknown', actual: null, note: t2(ctx.lang, W.exemptUnknown, { words: x.words }) };
  if (cmp(p.value, x.op, x.threshold)) return { status: 'not-applicable', actual: null, note: t2(ctx.lang, W.exempt, { words: x.words }) };
  // Only a lower bound below the exemption: the true figure may still meet it.
  if (p.atLeast) return { status: 'unknown', actual: null, note: t2(ctx.lang, W.exemptUnknown, { words: x.words }) };
  return null;
}

// ───────────────────────────────────────────────────────────────── the comparison

function cmp(v: number, op: string, t: number): boolean {
  switch (op) {
    case '>=':
      return v >= t;
    case '>':
      return v > t;
    case '<':
      return v < t;
    default:
      return v <= t;
  }
}

/**
 * A ratio rounded for display (4 decimals), with more decimals when rounding would cross the
 * threshold (0.09999 is shown so, not as 0.1, when "< 0.1" passes).
 */
export function roundKeeping(v: number, op: string, threshold: number, ok: boolean): number {
  for (let d = 4; d <= 10; d++) {
    const f = 10 ** d;
    const r = Math.round(v * f) / f;
    if (cmp(r, op, threshold) === ok) return r;
  }
  return v;
}

/** Compares one figure with a threshold: tolerance and floor bands, lower bounds, guidelines. */
function compareFigure(ctx: EligibilityContext, c: Criterion, f: NumberFigure, threshold: number): Outcome {
  const op = c.op!;
  const v = f.value;
  const ok = cmp(v, op, threshold);
  const actual = c.figure === 'population' ? v : roundKeeping(v, op, threshold, ok);
  if (f.atLeast) {
    // Only a lower bound is known: it decides ">=" when it already passes, "<" when it already fails.
    const upward = op === '>=' || op === '>';
    if (upward && ok) return { status: 'pass', actual, atLeast: true };
    if (!upward && !ok) return { status: 'fail', actual, atLeast: true };
    return { status: 'unknown', actual, atLeast: true, note: t2(ctx.lang, W.atLeast, { v: String(actual) }) };
  }
  if (ok) {
    // Over the requirement but under the standard the source names beside it: a pass, with a note.
    if (c.standard && v < c.standard.value) return { status: 'pass', actual, note: t2(ctx.lang, W.standard, { words: c.standard.words[ctx.lang], v: fmtNumber(c.standard.value) }) };
    return { status: 'pass', actual };
  }
  if (c.approx === 'tolerance' && (op === '>=' || op === '>') && v > threshold * (1 - ctx.tolerance)) return { status: 'borderline', actual };
  if (c.floor && cmp(v, c.floor.op, c.floor.value)) return { status: 'borderline', actual };
  if (c.guideline) return { status: 'not-applicable', actual, note: c.belowNote![ctx.lang] };
  return { status: 'fail', actual };
}
