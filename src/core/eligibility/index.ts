import type { ProblemDetail, SourcePosition } from '../../errors.js';
import type { FieldKey, MunicipalityRecord } from '../../schemas/municipalities.js';
import { suggestMany } from '../../util/suggest.js';
import {
  emptyMunicipality,
  kindFromName,
  normalizeCode,
  type BaseData,
  type CodeListEntry,
  type Figure,
  type FigureSources,
  type Municipality,
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

/** A data file (or a draft's inline list) whose records add to or override the data below it. */
export interface DataLayer {
  file: string;
  records: DataRecordInput[];
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

  constructor(base: BaseData, from?: MunicipalityIndex) {
    this.figureSources = base.figureSources;
    this.otherCitiesSource = base.otherCitiesSource;
    this.codeListSource = base.codeListSource;
    if (from) {
      // A copy of an index over the same base (see MunicipalityIndex.over): the maps are copied,
      // their values shared; nothing below mutates a shared value (addName replaces its list).
      this.prefectures = from.prefectures;
      this.byCode = new Map(from.byCode);
      this.byName = new Map(from.byName);
      this.byFull = new Map(from.byFull);
      this.records = new Map(from.records);
      this.byRuby = from.byRuby;
      return;
    }
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
    for (const r of base.records) this.put(r);
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
    if (r) return r;
    const e = this.byCode.get(id);
    if (!e) return null;
    const m = emptyMunicipality(e.code, e.name, e.code, e.prefecture, true);
    const kind = kindFromName(e.name, e.prefecture);
    if (kind) m.kind = { value: kind, source: kind === 'city' ? this.otherCitiesSource : this.codeListSource };
    return m;
  }

  /** Municipalities that have a data record (the ones that can have commuting figures). */
  withData(): Municipality[] {
    return [...this.records.values()].sort((a, b) => a.id.localeCompare(b.id));
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
    const r = this.resolveUncached(query);
    this.cache.set(query, r);
    return r;
  }

  private resolveUncached(query: string): Resolution {
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
    return { ok: false, reason: 'not-found', query, suggestions: this.suggest(q) };
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
  applyLayer(layer: DataLayer): ProblemDetail[] {
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
      const target = (id !== null ? this.get(id) : null) ?? emptyMunicipality(id ?? `x:${rec.prefecture ?? ''}/${name}`, name, id !== null && /^\d{6}$/.test(id) ? id : null, rec.prefecture ?? null, false);
      const prev = seen.get(target.id);
      if (prev) {
        const line = prev.position?.line;
        problem(['name'], `同じ市町村（${target.name}）が 2 回あります${line ? `（${line} 行目と同じ）` : ''}`, `the same municipality (${target.name}) appears twice${line ? ` (also at line ${line})` : ''}`);
        continue;
      }
      seen.set(target.id, input);
      const next = overlay(structuredClone(target), rec, layer.file);
      next.origins.push(input.position ? { file: layer.file, position: input.position } : { file: layer.file });
      this.put(next);
    }
    return problems;
  }
}

/** The source of one figure of a record: its own `sources:` entry, else `source:`, else the file. */
function sourceOf(rec: MunicipalityRecord, key: FieldKey, file: string): string {
  return rec.sources?.[key] ?? rec.source ?? file;
}

function fig<T>(value: T | null | undefined, source: string): Figure<T> | null {
  return value === null || value === undefined ? null : { value, source };
}

/**
 * Applies a record over a municipality. Figures travel in groups that describe one quantity
 * (the day/night ratio as counts or as a ratio; the metro-core share; the flow to one named
 * place): a record that gives any member of a group replaces the whole group.
 */
export function overlay(m: Municipality, rec: MunicipalityRecord, file: string): Municipality {
  const src = (k: FieldKey): string => sourceOf(rec, k, file);
  if (rec.prefecture !== undefined && m.prefecture === null) m.prefecture = rec.prefecture;
  if (rec.kind !== undefined) m.kind = fig(rec.kind, src('kind'));
  if (rec.population !== undefined) m.population = fig(rec.population, src('population'));
  if (rec.daytimePopulation !== undefined || rec.dayNightRatio !== undefined) {
    m.daytimePopulation = fig(rec.daytimePopulation, src('daytimePopulation'));
    m.dayNightRatio = fig(rec.dayNightRatio, src('dayNightRatio'));
  }
  if (rec.metroArea !== undefined) m.metroArea = fig(rec.metroArea, src('metroArea'));
  if (rec.workersAndStudents !== undefined) m.workersAndStudents = fig(rec.workersAndStudents, src('workersAndStudents'));
  if (rec.commuting?.toMetroCores !== undefined || rec.metroCoreCommuteShare !== undefined) {
    m.toMetroCores = fig(rec.commuting?.toMetroCores, src('commuting'));
    m.metroCoreCommuteShare = fig(rec.metroCoreCommuteShare, src('metroCoreCommuteShare'));
  }
  const places = new Set([...Object.keys(rec.commuting?.to ?? {}), ...Object.keys(rec.commuteShareTo ?? {})]);
  for (const place of places) {
    const count = rec.commuting?.to?.[place];
    const share = rec.commuteShareTo?.[place];
    delete m.to[place];
    delete m.commuteShareTo[place];
    if (count !== undefined) m.to[place] = { value: count, source: src('commuting') };
    if (share !== undefined) m.commuteShareTo[place] = { value: share, source: src('commuteShareTo') };
  }
  if (rec.mergedFrom !== undefined) {
    m.mergedFrom = rec.mergedFrom.map((f) => {
      const s = f.source ?? sourceOf(rec, 'mergedFrom', file);
      return {
        name: f.name,
        population: fig(f.population, s),
        daytimePopulation: fig(f.daytimePopulation, s),
        dayNightRatio: fig(f.dayNightRatio, s),
      };
    });
  }
  if (rec.note !== undefined) m.notes.push(rec.note);
  return m;
}
