import type { Lang, Localized } from '../../i18n/lang.js';
import { KIND_LABEL } from '../../i18n/kind-labels.js';
import type { CensusInfo, CensusLookup, Figure, FigureLayer, Municipality } from '../eligibility/model.js';

/**
 * What the municipality data carries (`kouiki data sources`): for each figure, how many
 * municipalities have it, from which source, census and layer; the figures resting on a
 * secondary source alone; and the census table's areas that are not municipalities (the wards
 * of the 指定都市, 特別区部). Counts are taken from the index itself (the embedded data with any
 * `--data` files over it), so the answer is what `eligibility` would read, not a description.
 */

/** The figures counted, in the order shown. */
export const COVERAGE_FIGURES = [
  'kind',
  'population',
  'earlierPopulation',
  'area',
  'imputedDaytimePopulation',
  'daytimePopulation',
  'dayNightRatio',
  'metroArea',
  'workersAndStudents',
  'toMetroCores',
  'commutingTo',
] as const;
export type CoverageFigure = (typeof COVERAGE_FIGURES)[number];

export const COVERAGE_LABEL: Record<CoverageFigure, Localized> = {
  kind: { ja: '種類（指定の別）', en: 'kind (designation held)' },
  population: { ja: '人口', en: 'population' },
  earlierPopulation: { ja: '前回の国勢調査の人口', en: 'population of an earlier census' },
  area: { ja: '面積（km²）', en: 'area (km²)' },
  imputedDaytimePopulation: { ja: '昼間人口（不詳補完値）', en: 'daytime population (imputed, 不詳補完値)' },
  daytimePopulation: { ja: '昼間人口（原数値）', en: 'daytime population (raw, 原数値)' },
  dayNightRatio: { ja: '昼夜間人口比率（比率で指定）', en: 'day/night ratio (given as a ratio)' },
  metroArea: { ja: '三大都市圏', en: '三大都市圏 (metro area)' },
  workersAndStudents: { ja: '通勤通学者の総数', en: 'residents who work or study' },
  toMetroCores: { ja: '三大都市圏の中心への通勤通学', en: 'commuters to the metro cores' },
  commutingTo: { ja: '他の市区町村への通勤通学', en: 'commuters to other municipalities' },
};

/** One source of one figure: how many municipalities take the figure from it. */
export interface CoverageSource {
  source: string;
  layer: FigureLayer | null;
  census?: { year: number; kind: '確定' | '速報' | null; basis?: 'imputed' | 'raw' };
  count: number;
}

export interface CoverageRow {
  figure: CoverageFigure;
  name: string;
  /** Municipalities that carry the figure (any source). */
  count: number;
  sources: CoverageSource[];
  /** For `kind`: how many of each kind. */
  byValue?: { value: string; name: string; count: number }[];
}

export interface UnconfirmedFigure {
  municipality: string;
  code: string | null;
  figure: string;
  why: string;
}

export interface DataCoverage {
  municipalities: {
    /** Every municipality of the code list and the data's records outside it. */
    total: number;
    inCodeList: number;
    /** The 23 特別区 among them. */
    specialWards: number;
    /** Records of the data files that the code list does not have (what-ifs, `new: true`). */
    notInCodeList: number;
  };
  /** Areas of the embedded census table that are not municipalities. */
  censusAreas: {
    /** The wards (区) of the 指定都市 (population, area and daytime population each). */
    wardsOfDesignatedCities: number;
    /** 特別区部 (the 23 special wards together). */
    specialWardsTogether: number;
  };
  figures: CoverageRow[];
  unconfirmed: UnconfirmedFigure[];
}

interface Tally {
  count: number;
  sources: Map<string, CoverageSource>;
}

function censusKey(c: CensusInfo | undefined): CoverageSource['census'] | undefined {
  if (!c) return undefined;
  return c.basis ? { year: c.year, kind: c.kind, basis: c.basis } : { year: c.year, kind: c.kind };
}

function add(t: Tally, f: Figure<unknown>): void {
  const census = censusKey(f.census);
  const key = `${f.layer ?? ''}\u0000${f.source}\u0000${census ? `${census.year}/${census.kind}/${census.basis ?? ''}` : ''}`;
  let s = t.sources.get(key);
  if (!s) {
    s = census ? { source: f.source, layer: f.layer ?? null, census, count: 0 } : { source: f.source, layer: f.layer ?? null, count: 0 };
    t.sources.set(key, s);
  }
  s.count++;
}

/** The order of the sources of a figure: most municipalities first, then by text (stable output). */
function ordered(t: Tally): CoverageSource[] {
  return [...t.sources.values()].sort((a, b) => b.count - a.count || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}

/** Whether a census area code is a ward of a 指定都市 (区, not 東京都's 特別区). */
function isWardOfCity(code: string, areaType: string): boolean {
  return areaType === '0' && !code.startsWith('131');
}

export function dataCoverage(all: readonly Municipality[], census: CensusLookup | null, lang: Lang): DataCoverage {
  const tallies = new Map<CoverageFigure, Tally>(COVERAGE_FIGURES.map((f) => [f, { count: 0, sources: new Map() }]));
  const kinds = new Map<string, number>();
  const unconfirmed: UnconfirmedFigure[] = [];
  let inCodeList = 0;
  let specialWards = 0;
  const count = (figure: CoverageFigure, f: Figure<unknown> | null | undefined, m: Municipality): void => {
    if (!f) return;
    const t = tallies.get(figure)!;
    t.count++;
    add(t, f);
    if (f.unconfirmed) unconfirmed.push({ municipality: m.name, code: m.code, figure, why: f.unconfirmed });
  };
  let total = 0;
  for (const m of all) {
    if (m.kind?.value === 'prefecture') continue;
    total++;
    if (m.inCodeList) inCodeList++;
    if (m.kind?.value === 'special-ward') specialWards++;
    if (m.kind) kinds.set(m.kind.value, (kinds.get(m.kind.value) ?? 0) + 1);
    count('kind', m.kind, m);
    count('population', m.population, m);
    // The earlier censuses: one count per municipality, each census a source of its own.
    if (m.earlierPopulations.length > 0) {
      const t = tallies.get('earlierPopulation')!;
      t.count++;
      for (const e of m.earlierPopulations) add(t, e);
    }
    count('area', m.area, m);
    count('imputedDaytimePopulation', m.imputedDaytimePopulation ?? m.imputedDayNightRatio, m);
    count('daytimePopulation', m.daytimePopulation, m);
    count('dayNightRatio', m.dayNightRatio, m);
    count('metroArea', m.metroArea, m);
    count('workersAndStudents', m.workersAndStudents, m);
    count('toMetroCores', m.toMetroCores ?? m.metroCoreCommuteShare, m);
    const flows = Object.values(m.to);
    if (flows.length > 0) {
      const t = tallies.get('commutingTo')!;
      t.count++;
      add(t, flows[0]!);
    }
  }
  let wards = 0;
  let together = 0;
  if (census) {
    for (const code of census.codes()) {
      const r = census.row(code);
      if (!r) continue;
      if (isWardOfCity(code, r.areaType)) wards++;
      else if (code.startsWith('13100')) together++;
    }
  }
  const figures: CoverageRow[] = COVERAGE_FIGURES.map((figure) => {
    const t = tallies.get(figure)!;
    const row: CoverageRow = { figure, name: COVERAGE_LABEL[figure][lang], count: t.count, sources: ordered(t) };
    if (figure === 'kind') {
      row.byValue = [...kinds.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([value, n]) => ({ value, name: KIND_LABEL[value as keyof typeof KIND_LABEL]?.[lang] ?? value, count: n }));
    }
    return row;
  });
  return {
    municipalities: { total, inCodeList, specialWards, notInCodeList: total - inCodeList },
    censusAreas: { wardsOfDesignatedCities: wards, specialWardsTogether: together },
    figures,
    unconfirmed,
  };
}
