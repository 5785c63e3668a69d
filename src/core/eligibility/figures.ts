import type { Lang } from '../../i18n/lang.js';
import { shareOf, type ShareTo } from './commuting.js';
import type { EligibilityContext } from './context.js';
import type { FormerMunicipality, Municipality, NumberFigure, Subject } from './model.js';
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
  population: NumberFigure | null;
  dayNightRatio: NumberFigure | null;
  metroCoreCommuteShare: NumberFigure | null;
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
  return {
    municipality: m,
    population: m.population,
    dayNightRatio: dayNightRatioOf(m, ctx.lang),
    metroCoreCommuteShare: metroCoreShareOf(m, ctx.lang),
    commuteShare: central ? shareOf(ctx, m, central) : null,
  };
}

function largestFormer(formers: FormerMunicipality[], lang: Lang): LargestFormer {
  if (formers.some((f) => !f.population)) return 'unknown';
  const largest = [...formers].sort((a, b) => b.population!.value - a.population!.value)[0]!;
  return { name: largest.name, dayNightRatio: dayNightRatioOf(largest, lang) };
}

const RATIO = { ja: '昼間人口 {d} ÷ 人口 {p}', en: 'daytime population {d} / population {p}' } as const;

const ratioMemo = { ja: new WeakMap<object, NumberFigure | null>(), en: new WeakMap<object, NumberFigure | null>() };
const shareMemo = { ja: new WeakMap<object, NumberFigure | null>(), en: new WeakMap<object, NumberFigure | null>() };

/** The day/night ratio: daytime ÷ resident population when both counts are known, else a given ratio; memoised per record. */
export function dayNightRatioOf(m: Pick<Municipality, 'population' | 'daytimePopulation' | 'dayNightRatio'> | FormerMunicipality, lang: Lang): NumberFigure | null {
  const memo = ratioMemo[lang];
  let v = memo.get(m);
  if (v === undefined) {
    v = computeDayNightRatio(m, lang);
    memo.set(m, v);
  }
  return v;
}

function computeDayNightRatio(m: Pick<Municipality, 'population' | 'daytimePopulation' | 'dayNightRatio'> | FormerMunicipality, lang: Lang): NumberFigure | null {
  const p = m.population;
  const d = m.daytimePopulation;
  if (p && d && p.value > 0) {
    return {
      value: d.value / p.value,
      source: joinSources(d, p),
      derivation: fill(RATIO[lang], { d: fmtNumber(d.value), p: fmtNumber(p.value) }),
    };
  }
  return m.dayNightRatio;
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
