import type { CensusInfo, Figure } from './model.js';

export type { CensusFigures, CensusLookup, CensusRow } from './model.js';

/**
 * Census figures as the engine sees them: when each census's tabulations were published, and
 * which figure is the one in force on `--as-of`. (The lookup of the embedded census, which the io
 * layer provides, is typed in model.ts.)
 */

/**
 * When each census's results were published: the day a figure of that census became available.
 * 速報 = 人口速報集計, final = 人口等基本集計 (the 確定 population), commuting = 従業地・通学地集計
 * (daytime population, commuting). A month (YYYY-MM) where only the month is sourced.
 */
export const CENSUS_RELEASES = {
  2015: {
    preliminary: { date: '2016-02-26', source: '総務省統計局「平成27年国勢調査 人口速報集計結果」（平成28年2月26日公表）' },
    final: { date: '2016-10-26', source: '総務省統計局「平成27年国勢調査 人口等基本集計結果」（平成28年10月26日公表）' },
  },
  2020: {
    preliminary: { date: '2021-06-25', source: '総務省統計局「令和2年国勢調査 人口速報集計結果」（令和3年6月25日公表）' },
    final: { date: '2021-11-30', source: '総務省統計局「令和2年国勢調査 人口等基本集計結果」（令和3年11月30日公表）https://www.stat.go.jp/data/kokusei/2020/kekka.html' },
    commuting: { date: '2022-07', source: '総務省統計局「令和2年国勢調査 従業地・通学地による人口・就業状態等集計」（令和4年7月公表）https://www.stat.go.jp/data/kokusei/2020/kekka.html' },
  },
} as const;

/** The publication date of a census figure: its own, else the release of its census and kind. */
export function publishedOf(census: CensusInfo): string | undefined {
  if (census.published) return census.published;
  const r = (CENSUS_RELEASES as Record<number, { preliminary: { date: string }; final: { date: string } }>)[census.year];
  if (!r) return undefined;
  return census.kind === '速報' ? r.preliminary.date : census.kind === '確定' ? r.final.date : undefined;
}

/**
 * Was the figure published after `asOf` (YYYY-MM-DD)? A month-precise date counts as after for
 * any day of that month (so that a figure is never used silently before it existed).
 */
export function publishedAfter(census: CensusInfo | undefined, asOf: string): boolean {
  if (!census) return false;
  const p = publishedOf(census);
  if (!p) return false;
  return p.length === 7 ? asOf.slice(0, 7) <= p : asOf < p;
}

export interface PopulationInForce {
  figure: Figure<number>;
  /** The figure comes from a census published after `asOf` (no earlier one is in the data). */
  afterAsOf: boolean;
}

/**
 * The population a question about `asOf` reads: the latest census figure already published on
 * that day (the 2015 census for a question about 2018); when every figure in the data was
 * published later, the earliest one, flagged `afterAsOf`. A figure without census metadata (a
 * planner's own, a flag) is taken as it is.
 */
export function populationInForce(current: Figure<number> | null, earlier: readonly Figure<number>[], asOf: string): PopulationInForce | null {
  if (!current) return null;
  if (!current.census || !publishedAfter(current.census, asOf)) return { figure: current, afterAsOf: false };
  const candidates = [...earlier].filter((f) => f.census && f.census.year < current.census!.year).sort((a, b) => b.census!.year - a.census!.year);
  for (const f of candidates) if (!publishedAfter(f.census, asOf)) return { figure: f, afterAsOf: false };
  const oldest = candidates[candidates.length - 1];
  return { figure: oldest ?? current, afterAsOf: true };
}
