import type { Localized } from '../../i18n/lang.js';
import type { MunicipalityKind } from '../../schemas/kinds.js';
import { isKana, nameKey, stemKey, stemReading, toHiragana } from '../../util/jname.js';
import { boundedDistance } from '../../util/suggest.js';
import type { MunicipalityIndex } from '../eligibility/index.js';
import type { CodeListEntry, Municipality } from '../eligibility/model.js';

/**
 * Names as planners write them → the body they mean (issue 15 items 2 and 13). On top of the
 * municipality index's exact lookup (name, 都道府県名+name, code):
 *
 * - the 47 prefectures, by name (鳥取県), kind `prefecture`;
 * - spelling variants (util/jname.ts: ヶ/ケ, 之/の, 旧字体, full/half width) and a name without its
 *   市/町/村/県 (小田原 → 小田原市);
 * - a ward of a designated city (浜松市中央区 → 浜松市, with a note): the wards are not parties; any
 *   `…区` after the name of a city the data holds as a 指定都市 is taken as one of its wards, since
 *   the code list's wards are those of its own date (浜松市 reorganised its wards in 2024);
 * - a municipality merged away (浦和市 → さいたま市), through the merger history when one is given,
 *   with the date and kind of the merger;
 * - suggestions for a name that matches nothing, the same prefecture as the other names of the
 *   input first, then the same reading, then the closest spelling.
 *
 * Pure: the index, the code list and the history are built by the caller from data already read.
 */

export interface FormerName {
  /** The old municipality, as the history names it. */
  old: { name: string; prefecture: string };
  date: string;
  /** 編入, 新設, 名称変更, ... */
  kind: string;
  /** Today's municipalities that carry it on (two when it was split). */
  successors: { name: string; prefecture: string; code: string }[];
}

/** What the history of mergers answers for a name the code list does not have (none: undefined). */
export type HistoryLookup = (name: string, prefecture?: string) => FormerName[];

export interface ResolvedBody {
  /** The official name (鳥取県, 小田原市, 府中市). */
  name: string;
  /** `都道府県名+name` when the name alone is shared by several municipalities. */
  label: string;
  kind: MunicipalityKind | null;
  prefecture: string | null;
  /** The municipality of the index (null for a prefecture). */
  municipality: Municipality | null;
  /** How the input was read, when it was not the official name as such. */
  via: 'exact' | 'variant' | 'stem' | 'ward' | 'former';
  /** Said to the user: a ward taken as its city, an old name as its successor. */
  note?: Localized;
}

export type NameResolution =
  | { ok: true; body: ResolvedBody }
  | { ok: false; reason: 'not-found'; query: string; suggestions: string[] }
  | { ok: false; reason: 'ambiguous'; query: string; candidates: string[] }
  | { ok: false; reason: 'bad-code'; query: string };

interface Known {
  name: string;
  prefecture: string | null;
  ruby: string | null;
  /** 'p' for a prefecture. */
  prefectureItself: boolean;
}

/** The known names (the prefectures first, then the code list, then names only data files have), folded. */
interface Folded {
  names: string[];
  prefectures: (string | null)[];
  rubies: (string | null)[];
  keys: string[];
  stems: string[];
  /** The first this many entries are the prefectures themselves. */
  prefectureCount: number;
}

/** Who uses the prefecture's own name for a prefecture: 東京都, 北海道, 大阪府, 京都府, and the 県. */
const PREFECTURE_RE = /^(東京都|北海道|(?:京都|大阪)府|.{2,3}県)/u;

export class NameResolver {
  private readonly prefectures: string[];
  private readonly cache = new Map<string, NameResolution>();
  /**
   * Every name folded, built on the first name that is not found as written: a run whose names
   * are all exact (most drafts and task lists) never folds the 1,800 names of the code list.
   */
  private table: Folded | undefined;

  constructor(
    private readonly index: MunicipalityIndex,
    private readonly codes: readonly CodeListEntry[],
    private readonly history?: HistoryLookup,
  ) {
    this.prefectures = [...new Set(codes.map((c) => c.prefecture))];
  }

  /**
   * The names as parallel columns (no object per name: building 1,800 of them, and the garbage
   * they left, cost a check of one unknown name 9 ms cold); a Known is made for a hit only.
   */
  private folded(): Folded {
    if (this.table) return this.table;
    const t: Folded = { names: [], prefectures: [], rubies: [], keys: [], stems: [], prefectureCount: this.prefectures.length };
    const add = (name: string, prefecture: string | null, ruby: string | null, key: string): void => {
      t.names.push(name);
      t.prefectures.push(prefecture);
      t.rubies.push(ruby);
      t.keys.push(key);
      t.stems.push(stemKey(key));
    };
    for (const p of this.prefectures) add(p, p, null, nameKey(p));
    for (const c of this.codes) add(c.name, c.prefecture, c.ruby ?? null, c.key ?? nameKey(c.name));
    // Records of data files that the code list does not have (a what-if 甲市).
    const inCodes = new Set(this.codes.map((c) => c.name));
    for (const n of this.index.names()) if (!inCodes.has(n)) add(n, null, null, nameKey(n));
    this.table = t;
    return t;
  }

  private knownAt(t: Folded, i: number): Known {
    return { name: t.names[i]!, prefecture: t.prefectures[i]!, ruby: t.rubies[i]!, prefectureItself: i < t.prefectureCount };
  }

  /** The entries whose column `of` equals `value`. */
  private where(of: 'keys' | 'stems', value: string): number[] {
    const column = this.folded()[of];
    const out: number[] = [];
    for (let i = column.indexOf(value); i >= 0; i = column.indexOf(value, i + 1)) out.push(i);
    return out;
  }

  /** The prefectures of the code list (47). */
  prefectureNames(): readonly string[] {
    return this.prefectures;
  }

  isPrefecture(name: string): boolean {
    return this.prefectures.includes(name);
  }

  /**
   * Resolves a name; `context` are the prefectures of the input's other names (for the order of
   * the suggestions and to choose among old names).
   */
  resolve(query: string, context: readonly string[] = []): NameResolution {
    const cacheKey = context.length === 0 ? query : `${query}\u0000${context.join(',')}`;
    const hit = this.cache.get(cacheKey);
    if (hit) return hit;
    const r = this.resolveUncached(query, context);
    if (this.cache.size < 10_000) this.cache.set(cacheKey, r);
    return r;
  }

  private resolveUncached(query: string, context: readonly string[]): NameResolution {
    const q = query.normalize('NFKC').replace(/[\s\u3000]+/g, '');
    if (q === '') return { ok: false, reason: 'not-found', query, suggestions: [] };
    if (this.prefectures.includes(q)) return { ok: true, body: prefectureBody(q, 'exact') };
    // Exact: the index's own lookup (name, prefecture + name, code).
    const exact = this.index.lookup(q);
    if (exact.ok) return { ok: true, body: this.body(exact.municipality, 'exact') };
    if (exact.reason === 'ambiguous') return { ok: false, reason: 'ambiguous', query, candidates: exact.candidates.map((c) => c.label) };
    if (exact.reason === 'bad-code') return { ok: false, reason: 'bad-code', query };
    // A prefecture written before the name narrows the search (静岡県浜松市中央区, 東京都府中).
    const pm = PREFECTURE_RE.exec(q);
    const pref = pm && this.prefectures.includes(pm[1]!) ? pm[1]! : null;
    const rest = pref ? q.slice(pref.length) : q;
    const within = pref ? [pref] : null;
    const variant = rest === '' ? null : this.byVariant(rest, within, query);
    if (variant) return variant;
    const ward = this.asWard(rest, within, query);
    if (ward) return ward;
    const former = this.asFormer(rest, pref ?? undefined, context, query);
    if (former) return former;
    return { ok: false, reason: 'not-found', query, suggestions: this.suggest(rest, pref ? [pref] : context) };
  }

  private body(m: Municipality, via: ResolvedBody['via'], note?: Localized): ResolvedBody {
    const shared = this.index.namesakes(m.name) > 1;
    const out: ResolvedBody = {
      name: m.name,
      label: shared && m.prefecture ? `${m.prefecture}${m.name}` : m.name,
      kind: m.kind?.value ?? null,
      prefecture: m.prefecture,
      municipality: m,
      via,
    };
    if (note) out.note = note;
    return out;
  }

  /** A name as the user can write it back: with its prefecture where municipalities share it (府中市). */
  private labelOf(k: Known): string {
    if (k.prefectureItself || !k.prefecture) return k.name;
    return this.index.namesakes(k.name) > 1 ? `${k.prefecture}${k.name}` : k.name;
  }

  /** The known names at `ids`, narrowed to `within` prefectures. */
  private pick(ids: readonly number[], within: readonly string[] | null): Known[] {
    const t = this.folded();
    const out = ids.map((i) => this.knownAt(t, i)).filter((k) => !within || k.prefecture === null || within.includes(k.prefecture));
    // One entry per body (a prefecture and a municipality never share a name).
    return out.filter((k, i) => out.findIndex((x) => x.name === k.name && x.prefecture === k.prefecture) === i);
  }

  private toBody(k: Known, via: ResolvedBody['via'], query: string): NameResolution {
    if (k.prefectureItself) return { ok: true, body: prefectureBody(k.name, via) };
    const r = this.index.lookup(k.prefecture ? `${k.prefecture}${k.name}` : k.name);
    if (!r.ok) return { ok: false, reason: 'not-found', query, suggestions: [] };
    return { ok: true, body: this.body(r.municipality, via) };
  }

  private byVariant(rest: string, within: readonly string[] | null, query: string): NameResolution | null {
    const key = nameKey(rest);
    // A name without its 市/町/村 finds the body by its stem; one with another suffix (箱根村 for
    // 箱根町) is a different name, only suggested.
    const bare = stemKey(key) === key;
    for (const [found, via] of [
      [this.pick(this.where('keys', key), within), 'variant'],
      [bare ? this.pick(this.where('stems', key), within) : [], 'stem'],
    ] as const) {
      if (found.length === 1) return this.toBody(found[0]!, via, query);
      if (found.length > 1) return { ok: false, reason: 'ambiguous', query, candidates: found.map((k) => this.labelOf(k)) };
    }
    return null;
  }

  /** `浜松市中央区` → 浜松市 when the part before the ward is a city the data holds as a 指定都市. */
  private asWard(rest: string, within: readonly string[] | null, query: string): NameResolution | null {
    const m = /^(.+?[市])(.+区)$/u.exec(rest);
    if (!m) return null;
    const city = this.byVariant(m[1]!, within, query) ?? this.toExact(m[1]!);
    if (!city || !city.ok || city.body.kind !== 'designated-city') return null;
    const c = city.body;
    const ward = m[2]!;
    return {
      ok: true,
      body: {
        ...c,
        via: 'ward',
        note: {
          ja: `「${query}」は${c.name}の区（${ward}）のため、${c.name}として扱います（区は地方自治法上の団体ではありません）`,
          en: `"${query}" is a ward (${ward}) of ${c.name}, so it is taken as ${c.name} (a ward of a designated city is not a local public entity)`,
        },
      },
    };
  }

  private toExact(name: string): NameResolution | null {
    const r = this.index.lookup(name);
    return r.ok ? { ok: true, body: this.body(r.municipality, 'exact') } : null;
  }

  private asFormer(rest: string, pref: string | undefined, context: readonly string[], query: string): NameResolution | null {
    if (!this.history) return null;
    let matches = this.history(rest, pref);
    if (matches.length === 0) {
      // The history keeps official names: try the variant spellings of the query's name.
      const key = nameKey(rest);
      if (key !== rest) matches = this.history(key, pref);
    }
    if (matches.length > 1 && context.length > 0) {
      const near = matches.filter((m) => context.includes(m.old.prefecture));
      if (near.length > 0) matches = near;
    }
    if (matches.length === 0) return null;
    if (matches.length > 1) {
      return { ok: false, reason: 'ambiguous', query, candidates: matches.map((m) => `${m.old.prefecture}${m.old.name}（${m.date}）`) };
    }
    const f = matches[0]!;
    if (f.successors.length !== 1) {
      const names = f.successors.map((s) => s.name);
      return { ok: false, reason: 'ambiguous', query, candidates: names };
    }
    const s = f.successors[0]!;
    const r = this.index.lookup(s.code);
    if (!r.ok) return null;
    const body = this.body(r.municipality, 'former');
    body.note = {
      ja: `「${query}」は${f.date}に${s.name}となった（${f.kind}）ため、${s.name}として扱います`,
      en: `"${query}" became part of ${s.name} on ${f.date} (${f.kind}), so it is taken as ${s.name}`,
    };
    return { ok: true, body };
  }

  /**
   * The closest names: within the query's prefecture (or the other names' prefectures) first,
   * then the same reading (a kana query against the code list's readings; otherwise the readings
   * of the names the query's stem shares), then by spelling distance.
   */
  suggest(rest: string, prefs: readonly string[]): string[] {
    const key = nameKey(rest);
    const stem = stemKey(key);
    const kana = isKana(rest) ? stemReading(toHiragana(rest)) : null;
    const limit = Math.max(1, Math.floor(key.length / 3));
    // A stem is compared only when long enough that one edit leaves most of it (浦和 and 三朝 are not close).
    const stemLimit = stem.length >= 3 ? Math.max(1, Math.floor(stem.length / 3)) : 0;
    const scored: { k: Known; d: number; pref: number; reading: number }[] = [];
    const t = this.folded();
    for (let i = 0; i < t.names.length; i++) {
      const kk = t.keys[i]!;
      const ks = t.stems[i]!;
      const ruby = t.rubies[i]!;
      const prefecture = t.prefectures[i]!;
      let d = boundedDistance(key, kk, limit);
      if (d > limit && stemLimit > 0) {
        const ds = boundedDistance(stem, ks, stemLimit);
        if (ds <= stemLimit) d = ds;
      }
      if (d > limit && (kk.includes(stem) || (stem.length >= 2 && ks.length >= 2 && stem.includes(ks)))) d = limit;
      const reading = kana !== null && ruby !== null && stemReading(ruby) === kana ? 0 : 1;
      if (d > limit && reading === 1) continue;
      scored.push({ k: this.knownAt(t, i), d, pref: prefecture !== null && prefs.includes(prefecture) ? 0 : 1, reading });
    }
    scored.sort((a, b) => a.pref - b.pref || a.reading - b.reading || a.d - b.d || (a.k.name < b.k.name ? -1 : a.k.name > b.k.name ? 1 : 0));
    const out: string[] = [];
    for (const s of scored) {
      const label = this.labelOf(s.k);
      if (!out.includes(label)) out.push(label);
      if (out.length === 5) break;
    }
    return out;
  }
}

function prefectureBody(name: string, via: ResolvedBody['via']): ResolvedBody {
  return { name, label: name, kind: 'prefecture', prefecture: name, municipality: null, via };
}

