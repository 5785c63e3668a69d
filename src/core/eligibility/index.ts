import type { ProblemDetail, SourcePosition } from '../../errors.js';
import type { FieldKey, MunicipalityRecord } from '../../schemas/municipalities.js';
import { suggestMany } from '../../util/suggest.js';
import { contradictions, type FigureView } from '../../schemas/municipality-plausibility.js';
import { heldFromKind } from './held.js';
import {
  emptyMunicipality,
  kindFromName,
  normalizeCode,
  type BaseData,
  type CensusBasis,
  type CensusFigures,
  type CensusLookup,
  type CensusInfo,
  type CodeListEntry,
  type Figure,
  type FigureLayer,
  type FigureSources,
  type MetroArea,
  type Municipality,
  type FormedBy,
} from './model.js';

/**
 * The municipality index: every municipality of Japan by name and code (the code list), with
 * the figures of the embedded data and of any data files laid over it (`--data`, a draft's
 * inline `municipalities:`). Pure: built from data already read and validated.
 */

/** A record of a data file, with where it sits (for messages and for `kouiki check`). */
export interface DataRecordInput {
  record: MunicipalityRecord;
  /** Position of the record (its `name:`). */
  position?: SourcePosition;
  /** Position of a path inside the record, e.g. ['code']. */
  at?: (path: (string | number)[]) => SourcePosition | undefined;
}

/** How a layer is checked: a record whose name the code list does not know is a warning, or with `strict` an error. */
export interface LayerOptions {
  strict?: boolean;
  /** Receives the warnings (a name not in the code list, with the closest names). Without it, none are made. */
  warnings?: ProblemDetail[];
}

/** A data file (or a draft's inline list) whose records add to or override the data below it. */
export interface DataLayer {
  file: string;
  records: DataRecordInput[];
  /** The layer its figures belong to: `data` (default) for `--data` files and drafts, `embedded` for data/municipalities.yaml. A record with `imported:` is always `import`. */
  layer?: FigureLayer;
}

export type Resolution =
  | { ok: true; municipality: Municipality }
  | { ok: false; reason: 'not-found'; query: string; suggestions: string[] }
  | { ok: false; reason: 'ambiguous'; query: string; candidates: { label: string; code: string | null }[] }
  | { ok: false; reason: 'bad-code'; query: string };

/** Names are compared without spaces (half or full width). */
export function normalizeName(s: string): string {
  return s.replace(/[\s\u3000]+/g, '');
}

export class MunicipalityIndex {
  private readonly byCode = new Map<string, CodeListEntry>();
  private readonly byName = new Map<string, string[]>();
  private readonly byFull = new Map<string, string>();
  private readonly records = new Map<string, Municipality>();
  private readonly cache = new Map<string, Resolution>();
  readonly figureSources: FigureSources;
  private readonly otherCitiesSource: string;
  private readonly codeListSource: string;
  private readonly prefectures: string[];
  /** Reading (hiragana) → names, for suggestions. */
  private readonly byRuby = new Map<string, string[]>();
  private readonly census: CensusLookup | null;
  private readonly formedBy: ((code: string) => FormedBy | null) | null;
  /** metroArea `none` for the municipalities of these prefectures (BaseData.outsideMetroAreas). */
  private readonly outsideMetro: { figure: Figure<MetroArea>; prefectures: ReadonlySet<string> } | null;
  /** The municipalities of the code list without a record, made once per base (shared by copies; never mutated). */
  private readonly plain: Map<string, Municipality>;
  /** The embedded records with the census laid beneath, made on first use (shared by copies). */
  private readonly withCensusOf: Map<Municipality, Municipality>;

  constructor(base: BaseData, from?: MunicipalityIndex) {
    this.figureSources = base.figureSources;
    this.otherCitiesSource = base.otherCitiesSource;
    this.codeListSource = base.codeListSource;
    this.census = base.census ?? null;
    this.formedBy = base.formedBy ?? null;
    const out = base.outsideMetroAreas;
    this.outsideMetro = from ? from.outsideMetro : out ? { figure: { value: 'none', source: out.source, layer: 'embedded' }, prefectures: new Set(out.prefectures) } : null;
    if (from) {
      // A copy of an index over the same base (see MunicipalityIndex.over): the maps are copied,
      // their values shared; nothing below mutates a shared value (addName replaces its list).
      this.prefectures = from.prefectures;
      this.byCode = new Map(from.byCode);
      this.byName = new Map(from.byName);
      this.byFull = new Map(from.byFull);
      this.records = new Map(from.records);
      this.byRuby = from.byRuby;
      this.plain = from.plain;
      this.withCensusOf = from.withCensusOf;
      return;
    }
    this.plain = new Map();
    this.withCensusOf = new Map();
    this.prefectures = [...new Set(base.codes.map((e) => e.prefecture))];
    for (const e of base.codes) {
      this.byCode.set(e.code, e);
      this.addName(e.name, e.code);
      this.byFull.set(e.prefecture + e.name, e.code);
      if (e.ruby) {
        const list = this.byRuby.get(e.ruby);
        if (!list) this.byRuby.set(e.ruby, [e.name]);
        else if (!list.includes(e.name)) list.push(e.name);
      }
    }
    // The embedded census lies beneath the embedded records (a record's own figure wins); laid
    // on first use, so that a run that reads no figure never opens the census.
    for (const r of base.records) {
      if (this.census && r.code) this.withCensusOf.set(r, r);
      this.put(r);
    }
  }

  /** The first 市 of a prefecture in code order (its capital in most prefectures), for examples in messages. */
  capitalOf(prefecture: string): string | null {
    const p = normalizeName(prefecture);
    for (const e of this.byCode.values()) if (e.prefecture === p && e.name.endsWith('市')) return e.name;
    return null;
  }

  /** Whether `query` names a prefecture (都道府県) rather than a municipality. */
  isPrefecture(query: string): boolean {
    return this.prefectures.includes(normalizeName(query));
  }

  private addName(name: string, id: string): void {
    const list = this.byName.get(name);
    if (!list) this.byName.set(name, [id]);
    // A new list, not push: copies of an index share their lists (see `over`).
    else if (!list.includes(id)) this.byName.set(name, [...list, id]);
  }

  private static readonly pristine = new WeakMap<BaseData, MunicipalityIndex>();

  /**
   * A new index over `base`, ready for layers: a copy of the one index built per base (building
   * it walks the whole code list, which a `check` of a draft with its own `municipalities:`
   * did twice per run).
   */
  static over(base: BaseData): MunicipalityIndex {
    let p = MunicipalityIndex.pristine.get(base);
    if (!p) {
      p = new MunicipalityIndex(base);
      MunicipalityIndex.pristine.set(base, p);
    }
    return new MunicipalityIndex(base, p);
  }

  private put(m: Municipality): void {
    if (!this.byCode.has(m.id)) {
      this.addName(m.name, m.id);
      if (m.prefecture) this.byFull.set(m.prefecture + m.name, m.id);
    }
    this.records.set(m.id, m);
    this.cache.clear();
  }

  /** The municipality with this id: its data record, or what the code list alone says. */
  get(id: string): Municipality | null {
    const r = this.records.get(id);
    if (r) {
      const pending = this.withCensusOf.get(r);
      if (pending !== r) return pending ?? r;
      const filled = this.withFormers(this.placed(withCensus(r, this.census!.figuresOf(r.code!))));
      this.withCensusOf.set(r, filled);
      return filled;
    }
    const known = this.plain.get(id);
    if (known) return known;
    const e = this.byCode.get(id);
    if (!e) return null;
    let m = emptyMunicipality(e.code, e.name, e.code, e.prefecture, true);
    const kind = kindFromName(e.name, e.prefecture);
    if (kind) m.kind = { value: kind, source: kind === 'city' ? this.otherCitiesSource : this.codeListSource, layer: 'embedded' };
    if (this.census) m = withCensus(m, this.census.figuresOf(e.code));
    m = this.withFormers(this.placed(m));
    this.plain.set(id, m);
    return m;
  }

  /**
   * A 市 the 廃置分合 table records as made by a 新設合併 is a 合併市: its former municipalities are
   * laid on (names only; their figures are not in the data, so a test that reads them is unknown,
   * never skipped). A record's own mergedFrom wins.
   */
  private withFormers(m: Municipality): Municipality {
    if (!this.formedBy || m.mergedFrom || !m.code || !m.kind || m.kind.value === 'town' || m.kind.value === 'village') return m;
    const f = this.formedBy(m.code);
    if (!f) return m;
    return {
      ...m,
      mergedFrom: f.names.map((name) => ({ name, population: null, daytimePopulation: null, dayNightRatio: null })),
      formedBy: f,
      // The note is data (as a record's note is): the table's own words, in both languages' reports.
      notes: [...m.notes, `合併市 (merged city): ${f.date} 新設合併 (${f.names.join('・')}) — ${f.source}`],
    };
  }

  /** A municipality of a prefecture outside the 三大都市圏 under every reading reads metroArea none (its own statement wins). */
  private placed(m: Municipality): Municipality {
    const o = this.outsideMetro;
    if (!o || m.metroArea || !m.prefecture || !o.prefectures.has(m.prefecture)) return m;
    return { ...m, metroArea: o.figure };
  }

  /** Municipalities that have a data record (the ones that can have commuting figures). */
  withData(): Municipality[] {
    return [...this.records.keys()].sort((a, b) => a.localeCompare(b)).map((id) => this.get(id)!);
  }

  /** The embedded census (every municipality's and ward's row by code), when the build has it. */
  censusTable(): CensusLookup | null {
    return this.census;
  }

  /**
   * Every municipality of the index (`eligibility --all`): each of the code list (the
   * prefectures left out) and each data record not in it, by id (the code orders them by
   * prefecture, then city, town and village, as the code list does).
   */
  all(): Municipality[] {
    const ids = new Set<string>();
    for (const code of this.byCode.keys()) if (code.slice(2, 5) !== '000') ids.add(code);
    for (const id of this.records.keys()) ids.add(id);
    return [...ids].sort().map((id) => this.get(id)!);
  }

  /** Every name known, for suggestions. */
  names(): string[] {
    return [...this.byName.keys()];
  }

  /**
   * Finds a municipality by name (`小田原市`), prefecture and name (`東京都府中市`) or code (5 or
   * 6 digits). A name shared by several municipalities is ambiguous: the candidates are listed.
   */
  resolve(query: string): Resolution {
    const cached = this.cache.get(query);
    if (cached) return cached;
    const r = this.resolveUncached(query, true);
    this.cache.set(query, r);
    return r;
  }

  /**
   * The same without suggestions for a name it does not find (an empty list): for callers that
   * suggest in their own way (core/parties/names.ts), so a typo is not compared with every name
   * twice.
   */
  lookup(query: string): Resolution {
    const cached = this.cache.get(query);
    if (cached) return cached;
    const r = this.resolveUncached(query, false);
    if (r.ok || r.reason !== 'not-found') this.cache.set(query, r);
    return r;
  }

  /** How many municipalities of the index have this name (府中市: 2). */
  namesakes(name: string): number {
    return this.byName.get(normalizeName(name))?.length ?? 0;
  }

  private resolveUncached(query: string, suggest: boolean): Resolution {
    const q = normalizeName(query);
    if (/^\d+$/.test(q)) {
      const code = normalizeCode(q);
      if (!code) return { ok: false, reason: 'bad-code', query };
      const m = this.get(code);
      return m ? { ok: true, municipality: m } : { ok: false, reason: 'not-found', query, suggestions: [] };
    }
    const ids = this.byName.get(q);
    if (ids && ids.length === 1) return { ok: true, municipality: this.get(ids[0]!)! };
    if (ids && ids.length > 1) {
      return {
        ok: false,
        reason: 'ambiguous',
        query,
        candidates: ids.map((id) => {
          const m = this.get(id)!;
          return { label: `${m.prefecture ?? ''}${m.name}`, code: m.code };
        }),
      };
    }
    const full = this.byFull.get(q);
    if (full) return { ok: true, municipality: this.get(full)! };
    return { ok: false, reason: 'not-found', query, suggestions: suggest ? this.suggest(q) : [] };
  }

  private suggest(q: string): string[] {
    // "神奈川県小田原" → the closest full names in that prefecture; "おだわらし" → by reading;
    // else the closest names.
    const pref = this.prefectures.find((p) => q.startsWith(p));
    let found: string[];
    if (pref) found = suggestMany(q, [...this.byFull.keys()].filter((f) => f.startsWith(pref)), 3);
    else if (/^[\u3041-\u309f\u30fc]+$/.test(q)) {
      const readings = suggestMany(q, [...this.byRuby.keys()], 3);
      found = readings.flatMap((r) => this.byRuby.get(r) ?? []);
    } else found = suggestMany(q, this.names(), 3);
    const out: string[] = [];
    for (const s of found) {
      const ids = this.byName.get(s);
      if (ids && ids.length > 1) for (const id of ids) out.push(`${this.get(id)!.prefecture ?? ''}${s}`);
      else out.push(s);
    }
    return [...new Set(out)].slice(0, 5);
  }

  /**
   * Lays a data file over the index: each record adds a municipality or overrides the figures
   * it gives (a figure left out keeps its value below; `null` clears it). Returns positioned
   * problems: a code whose check digit or name does not match, an ambiguous name, the same
   * municipality twice in one file.
   */
  applyLayer(layer: DataLayer, options: LayerOptions = {}): ProblemDetail[] {
    const problems: ProblemDetail[] = [];
    const seen = new Map<string, DataRecordInput>();
    for (const input of layer.records) {
      const rec = input.record;
      const pos = (path: (string | number)[]): SourcePosition | undefined => input.at?.(path) ?? input.position;
      const problem = (path: (string | number)[], ja: string, en: string): void => {
        const position = pos(path);
        problems.push(position ? { position, message: { ja, en } } : { message: { ja, en } });
      };
      const name = normalizeName(rec.name);
      let id: string | null = null;
      if (rec.code !== undefined) {
        const code = normalizeCode(rec.code);
        if (!code) {
          problem(['code'], `コード ${rec.code} の検査数字が正しくありません`, `code ${rec.code}: the check digit is wrong`);
          continue;
        }
        const e = this.byCode.get(code);
        if (e && e.name !== name) {
          problem(['code'], `コード ${code} は${e.prefecture}${e.name}のコードで、${rec.name}ではありません`, `code ${code} is ${e.prefecture}${e.name}, not ${rec.name}`);
          continue;
        }
        if (e && rec.prefecture !== undefined && rec.prefecture !== e.prefecture) {
          problem(['prefecture'], `${rec.name}（${code}）は${e.prefecture}の団体です`, `${rec.name} (${code}) is in ${e.prefecture}, not ${rec.prefecture}`);
          continue;
        }
        id = code;
      } else if (rec.prefecture !== undefined) {
        id = this.byFull.get(rec.prefecture + name) ?? null;
        if (id === null && this.byName.has(name) && (this.byName.get(name) ?? []).every((x) => this.byCode.has(x))) {
          const where = (this.byName.get(name) ?? []).map((x) => this.get(x)!.prefecture);
          problem(['prefecture'], `${rec.name}は${rec.prefecture}ではなく${where.join('、')}の団体です`, `${rec.name} is in ${where.join(', ')}, not ${rec.prefecture}`);
          continue;
        }
      } else {
        const ids = this.byName.get(name) ?? [];
        if (ids.length > 1) {
          const ja = ids.map((x) => `${this.get(x)!.prefecture ?? ''}${name}（${x}）`).join('、');
          const en = ids.map((x) => `${this.get(x)!.prefecture ?? ''}${name} (${x})`).join(', ');
          problem(['name'], `「${rec.name}」は複数あります（${ja}）。prefecture か code を書いてください`, `"${rec.name}" is ambiguous: ${en}; add prefecture: or code:`);
          continue;
        }
        id = ids[0] ?? null;
      }
      const known = id !== null ? this.get(id) : null;
      if (known?.inCodeList && rec.new === true) {
        problem(['new'], `${rec.name}は実在する市区町村です（${known.prefecture ?? ''}${known.name}、${known.code}）。仮想の団体なら別の名前にしてください`, `${rec.name} is a municipality of the code list (${known.prefecture ?? ''}${known.name}, ${known.code}); give a what-if municipality another name`);
        continue;
      }
      if (!known && rec.new !== true && (options.strict || options.warnings)) {
        // A name the code list does not know: a misspelling (鶴ケ島市, 鳥取) would otherwise become
        // a new municipality without a word.
        const r = this.resolve(rec.prefecture !== undefined ? rec.prefecture + name : name);
        const suggestions = r.ok ? [] : r.reason === 'not-found' ? r.suggestions : [];
        const ja = `「${rec.name}」は市区町村の一覧にありません${suggestions.length ? `（近い名前: ${suggestions.join('、')}）` : ''}。実在しない団体（試算）なら new: true と書いてください`;
        const en = `"${rec.name}" is not in the code list of municipalities${suggestions.length ? ` (closest: ${suggestions.join(', ')})` : ''}; for a what-if municipality, write new: true`;
        if (options.strict) {
          problem(['name'], ja, en);
          continue;
        }
        const position = pos(['name']);
        options.warnings!.push(position ? { position, message: { ja, en } } : { message: { ja, en } });
      }
      const target = known ?? emptyMunicipality(id ?? `x:${rec.prefecture ?? ''}/${name}`, name, id !== null && /^\d{6}$/.test(id) ? id : null, rec.prefecture ?? null, false);
      const prev = seen.get(target.id);
      if (prev) {
        const line = prev.position?.line;
        problem(['name'], `同じ市町村（${target.name}）が 2 回あります${line ? `（${line} 行目と同じ）` : ''}`, `the same municipality (${target.name}) appears twice${line ? ` (also at line ${line})` : ''}`);
        continue;
      }
      seen.set(target.id, input);
      const next = overlay(structuredClone(target), rec, layer.file, rec.imported !== undefined ? 'import' : (layer.layer ?? 'data'));
      // Figures of this record that contradict the ones beneath (a count to a place above the
      // workers-and-students total of the embedded data or an earlier file).
      const bad = layerContradictions(next, rec);
      if (bad.length > 0) {
        for (const c of bad) problem(c.path, c.ja, c.en);
        continue;
      }
      next.origins.push(input.position ? { file: layer.file, position: input.position } : { file: layer.file });
      this.put(next);
    }
    return problems;
  }
}

/** The contradictions a record's figures make with the figures beneath them, at the record's own figure. */
function layerContradictions(m: Municipality, rec: MunicipalityRecord): { path: (string | number)[]; ja: string; en: string }[] {
  const view: FigureView = {
    population: m.population?.value,
    daytimePopulation: m.daytimePopulation?.value,
    dayNightRatio: m.dayNightRatio?.value,
    imputedDaytimePopulation: m.imputedDaytimePopulation?.value,
    imputedDayNightRatio: m.imputedDayNightRatio?.value,
    workersAndStudents: m.workersAndStudents?.value,
    toMetroCores: m.toMetroCores?.value,
    to: {},
  };
  for (const k in m.to) view.to![k] = m.to[k]!.value;
  const given = (path: (string | number)[]): boolean => {
    let v: unknown = rec;
    for (const k of path) v = v === null || v === undefined ? undefined : (v as Record<string | number, unknown>)[k];
    return v !== undefined;
  };
  const out: { path: (string | number)[]; ja: string; en: string }[] = [];
  for (const c of contradictions(view)) {
    const mine = c.paths.find(given);
    // Contradictions inside the record are the schema's; here only those with a figure beneath.
    if (!mine || c.paths.every(given)) continue;
    const beneath = c.paths.find((p) => !given(p))!;
    out.push({ path: mine, ja: `${c.ja}（${beneath.join('.')} は下の層のデータ）`, en: `${c.en} (${beneath.join('.')} comes from the data beneath)` });
  }
  return out;
}

/** The source of one figure of a record: its own `sources:` entry, else `source:`, else the file. */
function sourceOf(rec: MunicipalityRecord, key: FieldKey, file: string): string {
  return rec.sources?.[key] ?? rec.source ?? file;
}

/**
 * The census a figure's source names, when the record has no `census:`: the contract lets a
 * source say 確定 or 速報 in its text (「令和2年国勢調査 速報値」), so the year and kind are read
 * from it. Only a text that names the 国勢調査 (or "census") is a census figure.
 */
export function censusFromText(text: string): CensusInfo | undefined {
  if (!/国勢調査|国調|census/i.test(text)) return undefined;
  let year: number | undefined;
  const era = /(令和|平成)\s*(\d{1,2}|元)\s*年/.exec(text);
  if (era) year = (era[1] === '令和' ? 2018 : 1988) + (era[2] === '元' ? 1 : Number(era[2]));
  else {
    const y = /(19[2-9]\d|20\d\d)\s*年?\s*(国勢調査|国調|census)|(国勢調査|census)\D{0,12}?(19[2-9]\d|20\d\d)/i.exec(text);
    if (y) year = Number(y[1] ?? y[4]);
  }
  if (year === undefined || year % 5 !== 0) return undefined;
  const kind = /速報/.test(text) ? '速報' : /確定|確報/.test(text) ? '確定' : null;
  return { year, kind };
}

function fig<T>(value: T | null | undefined, source: string, layer: FigureLayer, census?: CensusInfo): Figure<T> | null {
  if (value === null || value === undefined) return null;
  return census ? { value, source, layer, census } : { value, source, layer };
}

/** The census metadata of a record's figure: the record's `census:`, else what its source text says. */
function censusOf(rec: MunicipalityRecord, source: string, basis?: CensusBasis): CensusInfo | undefined {
  const c: CensusInfo | undefined = rec.census ? { year: rec.census.year, kind: rec.census.kind ?? null, ...(rec.census.published ? { published: rec.census.published } : {}) } : censusFromText(source);
  return c && basis ? { ...c, basis } : c;
}

/** The embedded census figures laid beneath a municipality's own (a figure it has wins). */
export function withCensus(m: Municipality, c: CensusFigures | null): Municipality {
  if (!c) return m;
  const population = m.population ?? c.population;
  const earlier = m.earlierPopulations.length > 0 ? m.earlierPopulations : c.earlierPopulations;
  const imputed = m.imputedDaytimePopulation || m.imputedDayNightRatio ? m.imputedDaytimePopulation : c.imputedDaytimePopulation;
  const area = m.area ?? c.area;
  if (population === m.population && earlier === m.earlierPopulations && imputed === m.imputedDaytimePopulation && area === m.area) return m;
  return { ...m, population, earlierPopulations: earlier, imputedDaytimePopulation: imputed, area };
}

/**
 * Applies a record over a municipality. Figures travel in groups that describe one quantity
 * (the day/night ratio as counts or as a ratio, raw and imputed each a group of its own; the
 * metro-core share; the flow to one named place): a record that gives any member of a group
 * replaces the whole group. Every figure records its layer and, for a census figure, its census.
 */
export function overlay(m: Municipality, rec: MunicipalityRecord, file: string, layer: FigureLayer = 'data'): Municipality {
  const src = (k: FieldKey): string => sourceOf(rec, k, file);
  const put = <T>(value: T | null | undefined, k: FieldKey, census = false, basis?: CensusBasis): Figure<T> | null => {
    const s = src(k);
    const f = fig(value, s, layer, census ? censusOf(rec, s, basis) : undefined);
    const doubt = rec.unconfirmed?.[k];
    if (f && doubt) f.unconfirmed = doubt;
    return f;
  };
  if (rec.prefecture !== undefined && m.prefecture === null) m.prefecture = rec.prefecture;
  if (rec.kind !== undefined) {
    m.kind = put(rec.kind, 'kind');
    // A record that states the kind states the designation too: the list's (with its date) when
    // it names the same one, else one held since a day the record does not give.
    if (m.designation?.kind !== m.kind?.value) m.designation = heldFromKind(m.kind);
  }
  if (rec.population !== undefined) m.population = put(rec.population, 'population', true);
  if (rec.pastCensus !== undefined) {
    m.earlierPopulations = rec.pastCensus
      .map((p) => {
        const s = p.source ?? src('pastCensus');
        return { value: p.population, source: s, layer, census: { year: p.year, kind: p.kind ?? censusFromText(s)?.kind ?? null } };
      })
      .sort((a, b) => a.census.year - b.census.year);
  }
  if (rec.area !== undefined) m.area = put(rec.area, 'area');
  if (rec.daytimePopulation !== undefined || rec.dayNightRatio !== undefined) {
    m.daytimePopulation = put(rec.daytimePopulation, 'daytimePopulation', true, 'raw');
    m.dayNightRatio = put(rec.dayNightRatio, 'dayNightRatio', true, 'raw');
  }
  if (rec.imputedDaytimePopulation !== undefined || rec.imputedDayNightRatio !== undefined) {
    m.imputedDaytimePopulation = put(rec.imputedDaytimePopulation, 'imputedDaytimePopulation', true, 'imputed');
    m.imputedDayNightRatio = put(rec.imputedDayNightRatio, 'imputedDayNightRatio', true, 'imputed');
  }
  if (rec.metroArea !== undefined) m.metroArea = put(rec.metroArea, 'metroArea');
  if (rec.workersAndStudents !== undefined) m.workersAndStudents = put(rec.workersAndStudents, 'workersAndStudents', true);
  if (rec.commuting?.toMetroCores !== undefined || rec.metroCoreCommuteShare !== undefined) {
    m.toMetroCores = put(rec.commuting?.toMetroCores, 'commuting', true);
    m.metroCoreCommuteShare = put(rec.metroCoreCommuteShare, 'metroCoreCommuteShare', true);
  }
  const places = new Set([...Object.keys(rec.commuting?.to ?? {}), ...Object.keys(rec.commuteShareTo ?? {})]);
  if (places.size > 0) {
    const countSource = src('commuting');
    const countCensus = censusOf(rec, countSource);
    const shareSource = src('commuteShareTo');
    const shareCensus = censusOf(rec, shareSource);
    for (const place of places) {
      const count = rec.commuting?.to?.[place];
      const share = rec.commuteShareTo?.[place];
      delete m.to[place];
      delete m.commuteShareTo[place];
      if (count !== undefined) m.to[place] = fig(count, countSource, layer, countCensus)!;
      if (share !== undefined) m.commuteShareTo[place] = fig(share, shareSource, layer, shareCensus)!;
    }
  }
  if (rec.mergedFrom !== undefined) {
    m.mergedFrom = rec.mergedFrom.map((f) => {
      const s = f.source ?? sourceOf(rec, 'mergedFrom', file);
      const c = censusOf(rec, s);
      return {
        name: f.name,
        population: fig(f.population, s, layer, c),
        daytimePopulation: fig(f.daytimePopulation, s, layer, c && { ...c, basis: 'raw' }),
        dayNightRatio: fig(f.dayNightRatio, s, layer, c && { ...c, basis: 'raw' }),
      };
    });
  }
  if (rec.note !== undefined) m.notes.push(rec.note);
  return m;
}
