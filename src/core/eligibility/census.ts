import type { CensusInfo, Figure } from './model.js';

/**
 * Census figures as the engine sees them: what kouiki embeds for every municipality (the
 * lookup the io layer provides), when each census's tabulations were published, and which
 * figure is the one in force on `--as-of`.
 */

/** One area of the embedded census table (counts; `null` = not given). */
export interface CensusRow {
  /** 6-digit 全国地方公共団体コード (with check digit). */
  code: string;
  /** The file's 市などの別: 0 ward (of a designated city, or a special ward), 1 designated city or 特別区部, 2 市, 3 町村. */
  areaType: string;
  population: number | null;
  /** The 2015 census population on the 2020 boundaries (組替). */
  population2015: number | null;
  /** km² (面積（参考）). */
  area: number | null;
  /** 15歳以上自宅外就業者 by place of work (従業地による): people who work here, not at home. */
  dayWorkers: number | null;
  /** 15歳以上通学者 by place of school (通学地による). */
  dayStudents: number | null;
  /** 昼間人口 (不詳補完値). */
  daytimePopulation: number | null;
  /** 昼夜間人口比率 as the file prints it (a percentage: 97.98437), 不詳補完値. */
  dayNightRatio: number | null;
  /** 流出人口: residents who work or study in another municipality (不詳補完値). */
  outflow: number | null;
  /** 流入人口: people from other municipalities who work or study here (不詳補完値). */
  inflow: number | null;
}

/** The figures a census row gives a Municipality (each with source, layer and census info). */
export interface CensusFigures {
  population: Figure<number> | null;
  earlierPopulations: Figure<number>[];
  imputedDaytimePopulation: Figure<number> | null;
  area: Figure<number> | null;
}

/** The embedded census: rows by 6-digit code, read on demand. */
export interface CensusLookup {
  row(code: string): CensusRow | null;
  /** The figures of one municipality or ward (memoised: the same objects on every call). */
  figuresOf(code: string): CensusFigures | null;
  /** Every code in the table (municipalities, special wards, wards of designated cities). */
  codes(): string[];
}

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
