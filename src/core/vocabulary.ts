import { KIND_LABEL, METRO_LABEL } from '../i18n/kind-labels.js';
import type { Localized } from '../i18n/lang.js';
import { checkPack } from '../pack/checks.js';
import { packDesignations, type PackData } from '../pack/model.js';
import { MUNICIPALITY_KINDS } from '../schemas/kinds.js';
import { suggestMany } from '../util/suggest.js';

/**
 * The one table of names for the contract's ids (issue 15 item 11): every id a planner may
 * write — a party kind, an instrument, a category, a designation, a fact's value, a metro area,
 * a scheme — is also accepted by its name in either language, as the rule pack and the kind
 * labels give it (`中核市` → core-city, `一部事務組合` → partial-affairs-union, `広域的課題への取組`
 * → wide-area-issue, `連絡調整のみ` → coordination). Nothing here is a second list of names: the
 * names are read from the pack (names, kinds' names, fact values' labels) and from
 * i18n/kind-labels.ts. Output files keep the ids.
 *
 * Matching ignores case, width and spaces/hyphens; a name with a part in brackets is also known
 * without it (`まれ（件数が少ない・数年に一度）` → `まれ`); and a word found in the names of one
 * id only is enough (`委託` → consignment, `広域的課題` → wide-area-issue). Anything else is
 * refused with the closest ids and names.
 */

export type Domain = 'kind' | 'metro' | 'category' | 'instrument' | 'designation' | 'scheme' | 'boolean' | `fact:${string}`;

export interface Entry {
  id: string;
  names: Localized;
}

export type Lookup = { ok: true; id: string; exact: boolean } | { ok: false; suggestions: Entry[] };

/** How two spellings are compared: width, case, spaces, hyphens, underscores and middle dots do not count. */
export function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\s\u3000\-_・]+/g, '');
}

/** A name with its bracketed part removed (「まれ（件数が少ない）」 → 「まれ」), or null when it has none. */
function withoutBrackets(s: string): string | null {
  const t = s.replace(/\s*[（(][^）)]*[）)]\s*/g, '').trim();
  return t && t !== s ? t : null;
}

class Table {
  readonly entries: Entry[] = [];
  private readonly exact = new Map<string, string>();
  /** Folded names, for containment and suggestions. */
  private readonly names: { key: string; id: string }[] = [];

  add(id: string, names: Localized, extra: readonly string[] = []): void {
    this.entries.push({ id, names });
    for (const n of [id, names.ja, names.en, ...extra]) this.name(id, n);
    for (const n of [names.ja, names.en]) {
      const short = withoutBrackets(n);
      if (short) this.name(id, short);
    }
  }

  private name(id: string, n: string): void {
    const key = fold(n);
    if (!key) return;
    // The first id to claim a name keeps it (an id always claims itself first).
    if (!this.exact.has(key)) this.exact.set(key, id);
    this.names.push({ key, id });
  }

  lookup(text: string): Lookup {
    const key = fold(text);
    const id = this.exact.get(key);
    if (id !== undefined) return { ok: true, id, exact: fold(id) === key };
    // A word of a name (委託, 広域的課題) is enough only in Japanese: a shortened id (wide-area) is a
    // misspelling to point out, not to guess.
    if ([...key].length >= 2 && /[^\x00-\x7f]/.test(key)) {
      const ids = new Set(this.names.filter((n) => n.key.includes(key)).map((n) => n.id));
      if (ids.size === 1) return { ok: true, id: [...ids][0]!, exact: false };
    }
    const close = suggestMany(key, this.names.map((n) => n.key), 6);
    const ids = [...new Set(close.map((c) => this.names.find((n) => n.key === c)!.id))].slice(0, 3);
    if (ids.length > 0) return { ok: false, suggestions: ids.map((x) => this.entries.find((e) => e.id === x)!) };
    // Nothing within a few edits: the ids and names that share the words typed (partial-union,
    // admin-efficiency, 行政の効率), so a shortened or half-remembered id still gets an answer.
    return { ok: false, suggestions: sharedWords(text, this.entries, 3) };
  }
}

/** Two-character runs of a Japanese text that carry meaning: at least one kanji or katakana (の効 and 効率, not のを). */
function bigrams(s: string): Set<string> {
  const chars = [...s.normalize('NFKC')];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const b = chars[i]! + chars[i + 1]!;
    if (/[\p{Script=Han}\p{Script=Katakana}]/u.test(b) && !/[\s（）()、。]/u.test(b)) out.add(b);
  }
  return out;
}

/**
 * Entries that share the words of a text no edit distance reaches. In ASCII, every word typed
 * (three letters or more) begins a word of the entry's id or English name (`admin` →
 * administrative); in Japanese, the entry's names share the most two-character runs with it.
 * Best first, ties in the pack's order; at most `max`.
 */
export function sharedWords(text: string, entries: readonly Entry[], max: number): Entry[] {
  const t = text.normalize('NFKC').toLowerCase().trim();
  const scored: { e: Entry; score: number; at: number }[] = [];
  if (/^[\x00-\x7f]*$/.test(t)) {
    const words = t.split(/[^a-z0-9]+/).filter((w) => w.length >= 3);
    if (words.length === 0) return [];
    entries.forEach((e, at) => {
      const theirs = `${e.id} ${e.names.en}`.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
      if (words.every((w) => theirs.some((x) => x.startsWith(w)))) scored.push({ e, score: words.length, at });
    });
  } else {
    const mine = bigrams(t);
    if (mine.size === 0) return [];
    entries.forEach((e, at) => {
      const theirs = bigrams(e.names.ja);
      let score = 0;
      for (const b of mine) if (theirs.has(b)) score++;
      if (score > 0) scored.push({ e, score, at });
    });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.at - b.at)
    .slice(0, max)
    .map((x) => x.e);
}

export interface Vocabulary {
  /** The id a text names in this domain. */
  lookup(domain: Domain, text: string): Lookup;
  /** The entries of a domain (for messages and help). */
  entries(domain: Domain): readonly Entry[];
  has(domain: Domain): boolean;
}

function staticTables(): Map<Domain, Table> {
  const tables = new Map<Domain, Table>();
  const kinds = new Table();
  for (const k of MUNICIPALITY_KINDS) kinds.add(k, KIND_LABEL[k]);
  tables.set('kind', kinds);
  const metro = new Table();
  for (const [id, label] of Object.entries(METRO_LABEL)) {
    // 三大都市圏（東京圏） is also written 東京圏; 三大都市圏外 also 圏外.
    const inner = /[（(]([^）)]+)[）)]/.exec(label.ja)?.[1];
    metro.add(id, label, inner ? [inner] : ['圏外']);
  }
  tables.set('metro', metro);
  const bool = new Table();
  // はい/いいえ only: YAML 1.2 reads `yes` as a string, and a quoted "yes" stays a type error.
  bool.add('true', { ja: 'はい', en: 'true' });
  bool.add('false', { ja: 'いいえ', en: 'false' });
  tables.set('boolean', bool);
  return tables;
}

let statics: Map<Domain, Table> | undefined;
const cache = new WeakMap<PackData, Vocabulary>();

function make(tables: Map<Domain, Table>): Vocabulary {
  return {
    lookup: (domain, text) => {
      const t = tables.get(domain);
      return t ? t.lookup(text) : { ok: false, suggestions: [] };
    },
    entries: (domain) => tables.get(domain)?.entries ?? [],
    has: (domain) => tables.has(domain),
  };
}

/** The names that need no rule pack: municipality kinds, metro areas, yes/no. */
export function staticVocabulary(): Vocabulary {
  statics ??= staticTables();
  return make(statics);
}

/** Every domain: the static ones and those of the pack (categories, instruments, designations, schemes, fact values). */
export function vocabularyOf(data: PackData): Vocabulary {
  const hit = cache.get(data);
  if (hit) return hit;
  statics ??= staticTables();
  const tables = new Map(statics);
  const categories = new Table();
  for (const c of data.categories) categories.add(c.id, c.name);
  tables.set('category', categories);
  const instruments = new Table();
  for (const i of data.instruments) instruments.add(i.id, i.name, (i.kinds ?? []).flatMap((k) => [k.name.ja, k.name.en]));
  tables.set('instrument', instruments);
  const designations = new Table();
  for (const d of packDesignations(data)) designations.add(d.id, d.name);
  tables.set('designation', designations);
  const schemes = new Table();
  for (const s of checkPack(data)?.schemes ?? []) schemes.add(s.id, s.name);
  schemes.add('none', { ja: 'なし', en: 'none' });
  tables.set('scheme', schemes);
  for (const f of data.facts) {
    if (f.type !== 'enum') continue;
    const t = new Table();
    for (const v of f.values ?? []) t.add(v.id, v.label);
    tables.set(`fact:${f.id}`, t);
  }
  const v = make(tables);
  cache.set(data, v);
  return v;
}

/** "did you mean" for a refused name: `"core-city" (中核市)`, in both languages. */
export function suggestionText(suggestions: readonly Entry[]): Localized | null {
  if (suggestions.length === 0) return null;
  return {
    ja: `${suggestions.map((e) => `${e.id}（${e.names.ja}）`).join('、')}のことですか？`,
    en: `did you mean ${suggestions.map((e) => `${e.id} (${e.names.en})`).join(' or ')}?`,
  };
}

/** The ids of a domain with their names, for "use one of": `core-city（中核市）, ...`. */
export function knownText(entries: readonly Entry[]): Localized {
  return {
    ja: entries.map((e) => `${e.id}（${e.names.ja}）`).join('、'),
    en: entries.map((e) => `${e.id} (${e.names.en})`).join(', '),
  };
}
