import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { CensusFigures, CensusLookup, CensusRow } from '../core/eligibility/census.js';
import { CENSUS_RELEASES } from '../core/eligibility/census.js';
import type { CensusInfo, Figure } from '../core/eligibility/model.js';
import { normalizeCode } from '../core/eligibility/model.js';
import { sha256 } from './hash.js';
import { distDir, packageRoot, trustsDist } from './paths.js';

/**
 * The embedded national census figures: every municipality, special ward and ward of a
 * designated city, from e-Stat「令和2年国勢調査 都道府県・市区町村別の主な結果」(see
 * data/census/README.md). data/census/2020.csv is the reviewable table (made from the xlsx by
 * `npm run data:census`); the build compiles it into dist/census-2020.txt: one header line, then
 * one ASCII line per area keyed by its 6-digit code. Only the lines asked for are parsed (a
 * lazy index over the file's text), so `eligibility 小田原市` reads one row, not 1,965.
 *
 *   censusLookup()                → the CensusLookup of the embedded data (compiled, or the CSV)
 *   parseCensusCsv(text, file)    → rows of the CSV (the build and a stale dist/ use it)
 *   compileCensus(csvPath)        → the text of dist/census-2020.txt
 */

export const CENSUS_CSV = join('data', 'census', '2020.csv');
export const COMPILED_CENSUS_FILE = 'census-2020.txt';

/** The columns of the compiled lines, after the code and the area type. */
const FIELDS = ['population', 'population2015', 'area', 'dayWorkers', 'dayStudents', 'daytimePopulation', 'dayNightRatio', 'outflow', 'inflow'] as const;
type Field = (typeof FIELDS)[number];

const FILE = '都道府県・市区町村別の主な結果（総務省統計局、e-Stat statInfId 000032143614）';

/** The source text of each embedded figure (shown in every report beside the figure). */
export const CENSUS_SOURCES = {
  population: `令和2年国勢調査 人口（確定値）: ${FILE} 第１面`,
  population2015: `平成27年国勢調査 人口（確定値、令和2年の境域に組替）: ${FILE} 第１面`,
  daytimePopulation: `令和2年国勢調査 昼間人口（不詳補完値）: ${FILE} 第２面`,
  area: `面積（参考）: ${FILE} 第１面`,
} as const;

const POPULATION_2020: CensusInfo = { year: 2020, kind: '確定', published: CENSUS_RELEASES[2020].final.date };
const POPULATION_2015: CensusInfo = { year: 2015, kind: '確定', published: CENSUS_RELEASES[2015].final.date };
/**
 * The area (面積（参考）, km² on 2020-10-01) is published with the census: a question about a day
 * before that reads it flagged as published later, never silently: boundaries move with mergers
 * (長岡市's 891 km² of 2020 includes the ten towns and villages it absorbed in 2005–2010).
 */
const AREA_2020: CensusInfo = { year: 2020, kind: null, published: CENSUS_RELEASES[2020].final.date };
const DAYTIME_2020: CensusInfo = { year: 2020, kind: '確定', published: CENSUS_RELEASES[2020].commuting.date, basis: 'imputed' };

/** One row of data/census/2020.csv. */
export interface CensusCsvRow {
  code: string;
  prefecture: string;
  name: string;
  /** The file's 市などの別: a (Japan, prefecture), 0 (ward), 1 (designated city, 特別区部), 2 (市), 3 (町村). */
  areaType: string;
  values: Record<Field, string>;
}

/** Parses data/census/2020.csv (its header names the columns; a row of the wrong width is an error). */
export function parseCensusCsv(text: string, file: string): CensusCsvRow[] {
  const lines = text.split('\n');
  const head = lines[0]!.split(',');
  const at = (name: string): number => {
    const i = head.indexOf(name);
    if (i < 0) throw new Error(`${file}:1: no column ${name}`);
    return i;
  };
  const cols = { code: at('code'), prefecture: at('prefecture'), name: at('name'), areaType: at('areaType') };
  const fieldCols = FIELDS.map(at);
  const rows: CensusCsvRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const cells = line.split(',');
    if (cells.length !== head.length) throw new Error(`${file}:${i + 1}: ${cells.length} cells, the header has ${head.length}`);
    const values = {} as Record<Field, string>;
    FIELDS.forEach((f, j) => (values[f] = cells[fieldCols[j]!]!));
    rows.push({ code: cells[cols.code]!, prefecture: cells[cols.prefecture]!, name: cells[cols.name]!, areaType: cells[cols.areaType]!, values });
  }
  return rows;
}

interface CompiledHeader {
  format: 1;
  sources: { file: string; size: number; mtimeMs: number; sha256: string }[];
  fields: readonly string[];
}

/**
 * The compiled text: a JSON header line (the CSV's size, mtime and hash, to notice an edit), then
 * `code6,areaType,population,...` per area, sorted by code; `-` (none) becomes 0 for a count and
 * empty for the ratio.
 */
export function compileCensus(csvPath: string, csvFile = CENSUS_CSV): string {
  const buf = readFileSync(csvPath);
  const st = statSync(csvPath);
  const rows = parseCensusCsv(buf.toString('utf8'), csvFile);
  const header: CompiledHeader = { format: 1, sources: [{ file: csvFile, size: st.size, mtimeMs: st.mtimeMs, sha256: sha256(buf) }], fields: FIELDS };
  const out = [JSON.stringify(header)];
  const lines = rows
    .filter((r) => r.areaType !== 'a')
    .map((r) => {
      const code = normalizeCode(r.code);
      if (!code) throw new Error(`${csvFile}: ${r.code} is not an area code`);
      const cells = FIELDS.map((f) => {
        const v = r.values[f];
        if (v === '-') return f === 'dayNightRatio' ? '' : '0';
        if (!/^\d+(\.\d+)?$/.test(v)) throw new Error(`${csvFile}: ${r.code} ${f}: ${v} is not a number`);
        return v;
      });
      return `${code},${r.areaType},${cells.join(',')}`;
    })
    .sort();
  return `${[...out, ...lines].join('\n')}\n`;
}

/** A lazy index over the compiled text: code → line, parsed on the first request. */
class CompiledCensus implements CensusLookup {
  private offsets: Map<string, number> | undefined;
  private readonly rows = new Map<string, CensusRow | null>();
  private readonly figures = new Map<string, CensusFigures | null>();

  constructor(
    private readonly text: string,
    private readonly start: number,
  ) {}

  private index(): Map<string, number> {
    if (this.offsets) return this.offsets;
    const map = new Map<string, number>();
    const t = this.text;
    for (let i = this.start; i < t.length; ) {
      map.set(t.slice(i, i + 6), i);
      const nl = t.indexOf('\n', i);
      if (nl < 0) break;
      i = nl + 1;
    }
    return (this.offsets = map);
  }

  row(code: string): CensusRow | null {
    let r = this.rows.get(code);
    if (r !== undefined) return r;
    const at = this.index().get(code);
    if (at === undefined) r = null;
    else {
      const end = this.text.indexOf('\n', at);
      const cells = this.text.slice(at, end < 0 ? undefined : end).split(',');
      const num = (i: number): number | null => (cells[i] === '' || cells[i] === undefined ? null : Number(cells[i]));
      const v = {} as Record<Field, number | null>;
      FIELDS.forEach((f, i) => (v[f] = num(i + 2)));
      r = { code, areaType: cells[1]!, ...v };
    }
    this.rows.set(code, r);
    return r;
  }

  codes(): string[] {
    return [...this.index().keys()];
  }

  figuresOf(code: string): CensusFigures | null {
    let f = this.figures.get(code);
    if (f !== undefined) return f;
    const r = this.row(code);
    f = r ? figuresFromRow(r) : null;
    this.figures.set(code, f);
    return f;
  }
}

/** The Figure objects of one row, with their sources and census metadata (embedded layer). */
export function figuresFromRow(r: CensusRow): CensusFigures {
  const fig = (value: number | null, source: string, census?: CensusInfo): Figure<number> | null =>
    value === null ? null : census ? { value, source, layer: 'embedded', census } : { value, source, layer: 'embedded' };
  const p2015 = fig(r.population2015, CENSUS_SOURCES.population2015, POPULATION_2015);
  return {
    population: fig(r.population, CENSUS_SOURCES.population, POPULATION_2020),
    earlierPopulations: p2015 ? [p2015] : [],
    imputedDaytimePopulation: fig(r.daytimePopulation, CENSUS_SOURCES.daytimePopulation, DAYTIME_2020),
    area: fig(r.area, CENSUS_SOURCES.area, AREA_2020),
  };
}

let loaded: CensusLookup | null | undefined;

/**
 * Reads the embedded census: dist/census-2020.txt when it matches data/census/2020.csv (size and
 * mtime, else the content hash; an installed package trusts dist/ without checking), else the CSV
 * itself compiled in memory; null when neither
 * exists (a package built without it: every census figure is then unknown, never guessed).
 */
function loadCensus(): CensusLookup | null {
  if (loaded !== undefined) return loaded;
  const csvPath = join(packageRoot(), CENSUS_CSV);
  try {
    const text = readFileSync(join(distDir(), COMPILED_CENSUS_FILE), 'latin1');
    const nl = text.indexOf('\n');
    const header = JSON.parse(text.slice(0, nl)) as CompiledHeader;
    const src = header.sources[0]!;
    // An installed package trusts its dist/ (as the rest of the embedded data does).
    const unchanged = (): boolean => {
      const st = statSync(csvPath);
      return st.size === src.size && (st.mtimeMs === src.mtimeMs || sha256(readFileSync(csvPath)) === src.sha256);
    };
    const fresh = header.format === 1 && (trustsDist() || unchanged());
    if (fresh) return (loaded = new CompiledCensus(text, nl + 1));
  } catch {
    /* missing or unreadable: compile from the CSV below */
  }
  try {
    const text = compileCensus(csvPath);
    return (loaded = new CompiledCensus(text, text.indexOf('\n') + 1));
  } catch {
    return (loaded = null);
  }
}

/** The embedded census, opened on the first question asked of it (see loadCensus). */
const lazyCensus: CensusLookup = {
  row: (code) => loadCensus()?.row(code) ?? null,
  figuresOf: (code) => loadCensus()?.figuresOf(code) ?? null,
  codes: () => loadCensus()?.codes() ?? [],
};

/** The embedded census lookup (nothing is read until a figure is asked for). */
export function censusLookup(): CensusLookup {
  return lazyCensus;
}
