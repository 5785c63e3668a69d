import type { Lang } from '../../i18n/lang.js';
import { populationInForce } from './census.js';
import { shareOf, type ShareTo } from './commuting.js';
import type { EligibilityContext } from './context.js';
import type { Figure, FigureLayer, FormerMunicipality, Municipality, NumberFigure, Subject } from './model.js';
import { fill, fmtNumber, joinSources, shareWords } from './text.js';

/**
 * The figures of a subject, computed once before any criterion reads them (stage 2 of
 * evaluate.ts): ratios from counts where counts exist (counts win over a given ratio), the
 * commuting share to the metro cores and to a central city, for the city, its twin and a merged
 * city's most populous former municipality. A figure that cannot be computed exactly is `null`,
 * or carries `atLeast` when only a lower bound is known (some flows missing): never an average
 * of ratios. The criteria and the figures block only read what this returns.
 */

/** What the criteria and the figures block read of one municipality. */
export interface MunicipalityFigures {
  municipality: Municipality;
  /** The population in force on --as-of: the latest census published by then (2015's for a question about 2018). */
  population: NumberFigure | null;
  /** Every census in the data was published after --as-of: `population` is the earliest, flagged. */
  populationAfterAsOf: boolean;
  /** The day/night ratio that decides (the 原数値 when there is one, else the 不詳補完値)… */
  dayNightRatio: NumberFigure | null;
  /** …and the other version, shown beside it (null when there is only one). */
  dayNightOther: NumberFigure | null;
  metroCoreCommuteShare: NumberFigure | null;
  /** 面積 (km²). */
  area: NumberFigure | null;
  /** The share to the central city of a partner check (null without one). */
  commuteShare: ShareTo | null;
}

/** A merged city's most populous former municipality (`unknown`: some former population is missing). */
export type LargestFormer = { name: string; dayNightRatio: NumberFigure | null } | 'unknown';

export interface SubjectFigures {
  self: MunicipalityFigures;
  twin: MunicipalityFigures | null;
  /** Null when the city has no former municipalities in the data. */
  largestFormer: LargestFormer | null;
}

/** Every figure a subject's checks and figures block read; partner shares are measured to `central`. */
export function subjectFigures(ctx: EligibilityContext, s: Subject, central: Subject | undefined): SubjectFigures {
  const m = s.municipality;
  return {
    self: municipalityFigures(ctx, m, central),
    twin: s.twin ? municipalityFigures(ctx, s.twin, central) : null,
    largestFormer: m.mergedFrom && m.mergedFrom.length > 0 ? largestFormer(m.mergedFrom, ctx.lang) : null,
  };
}

function municipalityFigures(ctx: EligibilityContext, m: Municipality, central: Subject | undefined): MunicipalityFigures {
  const ratios = dayNightRatiosOf(m, ctx.lang);
  const pop = populationInForce(m.population, m.earlierPopulations, ctx.asOf);
  return {
    municipality: m,
    population: pop ? pop.figure : null,
    populationAfterAsOf: pop ? pop.afterAsOf : false,
    dayNightRatio: ratios.decides,
    dayNightOther: ratios.other,
    metroCoreCommuteShare: metroCoreShareOf(m, ctx.lang),
    area: m.area,
    commuteShare: central ? shareOf(ctx, m, central) : null,
  };
}

function largestFormer(formers: FormerMunicipality[], lang: Lang): LargestFormer {
  if (formers.some((f) => !f.population)) return 'unknown';
  const largest = [...formers].sort((a, b) => b.population!.value - a.population!.value)[0]!;
  return { name: largest.name, dayNightRatio: dayNightRatioOf(largest, lang) };
}

const RATIO = { ja: '昼間人口 {d} ÷ 人口 {p}', en: 'daytime population {d} / population {p}' } as const;

const ratioMemo = { ja: new WeakMap<object, DayNightRatios>(), en: new WeakMap<object, DayNightRatios>() };
const shareMemo = { ja: new WeakMap<object, NumberFigure | null>(), en: new WeakMap<object, NumberFigure | null>() };

/**
 * Both versions of a day/night ratio: from the 原数値 (raw) and from the 不詳補完値 (imputed),
 * each from counts when both counts are known, else a given ratio. `decides` is the one a
 * criterion compares: the raw one when there is one (the census tabulation's own figure; the
 * imputed one comes from a reference table, 参考表「不詳補完結果」), else the imputed one.
 */
export interface DayNightRatios {
  raw: NumberFigure | null;
  imputed: NumberFigure | null;
  decides: NumberFigure | null;
  /** The version that does not decide, shown beside it (null when there is only one). */
  other: NumberFigure | null;
}

type DayNightSource = Pick<Municipality, 'population' | 'daytimePopulation' | 'dayNightRatio'> & Partial<Pick<Municipality, 'imputedDaytimePopulation' | 'imputedDayNightRatio'>>;

/** Both day/night ratios of a record, memoised per record (each designation reads them again). */
export function dayNightRatiosOf(m: DayNightSource | FormerMunicipality, lang: Lang): DayNightRatios {
  const memo = ratioMemo[lang];
  let v = memo.get(m);
  if (v === undefined) {
    const raw = ratioFrom(m.population, m.daytimePopulation, m.dayNightRatio, lang);
    const imputed = ratioFrom(m.population, m.imputedDaytimePopulation ?? null, m.imputedDayNightRatio ?? null, lang);
    v = { raw, imputed, decides: raw ?? imputed, other: raw && imputed ? imputed : null };
    memo.set(m, v);
  }
  return v;
}

/** The day/night ratio that decides a criterion (see DayNightRatios). */
export function dayNightRatioOf(m: DayNightSource | FormerMunicipality, lang: Lang): NumberFigure | null {
  return dayNightRatiosOf(m, lang).decides;
}

function ratioFrom(p: Figure<number> | null, d: Figure<number> | null, given: Figure<number> | null, lang: Lang): NumberFigure | null {
  if (p && d && p.value > 0) {
    const out: NumberFigure = { value: d.value / p.value, source: joinSources(d, p), derivation: fill(RATIO[lang], { d: fmtNumber(d.value), p: fmtNumber(p.value) }) };
    // The ratio is a census figure of the daytime count's census and basis, in its layer.
    if (d.census) out.census = d.census;
    const layer = higherLayer(d.layer, p.layer);
    if (layer) out.layer = layer;
    // A ratio of an unconfirmed count is unconfirmed.
    const doubt = d.unconfirmed ?? p.unconfirmed;
    if (doubt) out.unconfirmed = doubt;
    return out;
  }
  return given;
}

const LAYER_ORDER: readonly FigureLayer[] = ['embedded', 'data', 'import', 'flag'];
/** The higher of two layers (a ratio of a --data daytime count and an embedded population is --data's). */
export function higherLayer(a: FigureLayer | undefined, b: FigureLayer | undefined): FigureLayer | undefined {
  if (!a) return b;
  if (!b) return a;
  return LAYER_ORDER.indexOf(a) >= LAYER_ORDER.indexOf(b) ? a : b;
}

/** Share of residents who work or study going to the metro cores (counts win over a given share), memoised per record. */
export function metroCoreShareOf(m: Municipality, lang: Lang): NumberFigure | null {
  const memo = shareMemo[lang];
  let v = memo.get(m);
  if (v === undefined) {
    v = computeMetroCoreShare(m, lang);
    memo.set(m, v);
  }
  return v;
}

function computeMetroCoreShare(m: Municipality, lang: Lang): NumberFigure | null {
  const n = m.toMetroCores as NumberFigure | null;
  const w = m.workersAndStudents;
  if (n && w && w.value > 0) {
    const out: NumberFigure = { value: n.value / w.value, source: joinSources(n, w), derivation: shareWords(lang, n.value, w.value) };
    if (n.atLeast) out.atLeast = true;
    return out;
  }
  return m.metroCoreCommuteShare;
}
