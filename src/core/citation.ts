import type { Lang } from '../i18n/lang.js';
import type { PackData } from '../pack/model.js';
import type { Ref, Source } from '../pack/schema.js';

/**
 * Citations: a reference of the pack (`{ source, article, paragraph }` or `{ source, section }`)
 * as the one line a reason or a step carries (地方自治法第252条の2第3項), and the public source
 * behind it in full (title, number, publisher, date, URL) for the "Sources" part of every output.
 * A citation string always names a public source; the full reference says where to open it.
 */

const UNCONFIRMED = { ja: '（未確認）', en: ' (unconfirmed)' } as const;

/** 地方自治法の条名: "252-16-3" → 第252条の16の3; "附則1" → 附則第1条. */
function articleJa(article: string): string {
  const m = /^(\D*)(\d.*)$/.exec(article);
  const prefix = m ? m[1]! : '';
  const body = m ? m[2]! : article;
  const [head, ...branches] = body.split('-');
  return `${prefix}第${head}条${branches.map((b) => `の${b}`).join('')}`;
}

function articleEn(article: string): string {
  const m = /^(\D*)(\d.*)$/.exec(article);
  if (m && m[1]) return `${m[1] === '附則' ? 'Suppl. Provisions' : m[1]} Art. ${m[2]}`;
  return `Art. ${article}`;
}

export function sourceOf(data: Pick<PackData, 'manifest'>, id: string): Source | undefined {
  const sources = data.manifest.sources;
  return sources && Object.hasOwn(sources, id) ? sources[id] : undefined;
}

/**
 * A citation as one line: 地方自治法第252条の2第3項 / Local Autonomy Act Art. 252-2(3), or
 * 中心市と周辺自治体との新たな広域連携体制について（案）概要 5(2)イ(ア) for a document's section.
 * Unconfirmed references say so.
 */
export function formatRef(ref: Ref, data: Pick<PackData, 'manifest'>, lang: Lang): string {
  const source = sourceOf(data, ref.source);
  const name = source ? source.name[lang] : ref.source;
  let out: string;
  if (ref.article !== undefined) {
    const ja = (a: { article: string; paragraph?: number | undefined; item?: number | undefined }): string => `${articleJa(a.article)}${a.paragraph ? `第${a.paragraph}項` : ''}${a.item ? `第${a.item}号` : ''}`;
    const en = (a: { article: string; paragraph?: number | undefined; item?: number | undefined }): string => `${articleEn(a.article)}${a.paragraph ? `(${a.paragraph})` : ''}${a.item ? ` item ${a.item}` : ''}`;
    if (lang === 'ja') {
      out = `${name}${ja({ ...ref, article: ref.article })}${ref.proviso ? 'ただし書' : ''}${(ref.also ?? []).map((a) => `、${ja(a)}`).join('')}`;
    } else {
      out = `${name} ${en({ ...ref, article: ref.article })}${ref.proviso ? ' proviso' : ''}${(ref.also ?? []).map((a) => `, ${en(a)}`).join('')}`;
    }
  } else if (ref.section !== undefined) {
    out = `${name} ${ref.section}`;
  } else {
    out = name;
  }
  if (ref.status === 'unconfirmed') out += UNCONFIRMED[lang];
  return out;
}

/** Statutes and cabinet orders: always official, cited by article, need no URL to be valid. */
export function isStatute(source: Pick<Source, 'kind'>): boolean {
  return source.kind === 'law' || source.kind === 'cabinet-order';
}

export function sourceQuality(source: Pick<Source, 'kind' | 'quality'>): 'official' | 'secondary' {
  return source.quality ?? (isStatute(source) ? 'official' : 'secondary');
}

/**
 * Where a citation opens: the source's URL, and for a statute article with a known place in
 * the structure, e-Gov's anchor (`#Mp-Pa_2-Ch_12-Se_3-Ss_1-At_252_2-Pr_3`). Without an anchor
 * the link still opens the law.
 */
export function refUrl(ref: Ref, data: Pick<PackData, 'manifest'>): string | undefined {
  const source = sourceOf(data, ref.source);
  if (!source?.url) return source?.copy;
  if (ref.article === undefined || !source.anchors) return source.url;
  const path = source.anchors[ref.article];
  if (path === undefined) return source.url;
  const at = `At_${ref.article.replace(/-/g, '_')}`;
  return `${source.url}#Mp-${path}-${at}${ref.paragraph ? `-Pr_${ref.paragraph}` : ''}`;
}

const QUALITY_LABEL = { secondary: { ja: '二次資料', en: 'secondary source' } } as const;

/**
 * The full reference of a source, one line: 地方自治法（昭和22年法律第67号）. e-Gov 法令検索,
 * 2025-06-01 時点. https://laws.e-gov.go.jp/law/322AC0000000067
 */
export function sourceReference(source: Source, lang: Lang): string {
  const ja = lang === 'ja';
  const parts: string[] = [];
  const title = source.title ?? source.name[lang];
  const titled = isStatute(source) || source.kind === 'table' ? title : ja ? `『${title}』` : `“${title}”`;
  const lead = source.number && !title.includes(source.number) ? (ja ? `${titled}（${source.number}）` : `${titled} (${source.number})`) : titled;
  // English readers get the English name beside a Japanese title.
  parts.push(!ja && source.name.en !== title && !/^[\x20-\x7e]+$/.test(title) ? `${source.name.en}: ${lead}` : lead);
  if (source.publisher) parts.push(source.publisher[lang]);
  // A statute read as consolidated text (`version:`) is dated by the day that text is in force;
  // an amending act or order by the day it was promulgated.
  if (source.date) {
    if (!isStatute(source)) parts.push(source.date);
    else if (source.version) parts.push(ja ? `${source.date} 施行時点の本文` : `Text in force on ${source.date}`);
    else parts.push(ja ? `${source.date} 公布` : `Promulgated ${source.date}`);
  }
  if (sourceQuality(source) === 'secondary') parts.push(QUALITY_LABEL.secondary[lang]);
  if (source.status === 'unconfirmed') parts.push(ja ? `未確認${source.note ? `: ${source.note.ja}` : ''}` : `unconfirmed${source.note ? `: ${source.note.en}` : ''}`);
  if (source.url) parts.push(source.url);
  else if (source.copy) parts.push(ja ? `写し: ${source.copy}` : `copy: ${source.copy}`);
  return parts.join(ja ? '。' : '. ');
}

// ───────────────────────────────────────────────────────── from a citation back to its source

/** Every reference of the pack, wherever it sits (instruments, rules, categories, designations, checks, …). */
export function collectPackRefs(data: PackData, visit: (ref: Ref) => void): void {
  const known = data.manifest.sources ?? {};
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) walk(v);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const o = value as Record<string, unknown>;
    if (typeof o.source === 'string' && Object.hasOwn(known, o.source) && Object.keys(o).every((k) => REF_KEYS.has(k))) {
      visit(o as unknown as Ref);
      return;
    }
    for (const v of Object.values(o)) walk(v);
  };
  walk([data.instruments, data.categories, data.rules, data.prefecture, data.manifest.ranking ?? null, data.extra]);
}

const REF_KEYS = new Set(['source', 'article', 'paragraph', 'item', 'proviso', 'section', 'also', 'via', 'status', 'note']);

const INDEX = new WeakMap<PackData, Partial<Record<Lang, Map<string, Ref>>>>();

/** One language's index as the build writes it (dist/default-pack.citations.<lang>.json). */
export type CitationEntries = [string, Ref][];

const PRECOMPUTED = new WeakMap<PackData, (lang: Lang) => CitationEntries | null>();

/**
 * Hands citationIndex the index the build computed for this pack (the compiled default pack), so a
 * run does not walk the whole pack and format its 350 references (about 5 ms of every start).
 * `load` gives one language's entries (the core reads no file), or null to compute them; they
 * come from citationEntries over the same data, so the index is the same.
 */
export function useCitationEntries(data: PackData, load: (lang: Lang) => CitationEntries | null): void {
  PRECOMPUTED.set(data, load);
}

/** One language's index as data, for the build to store beside the pack. */
export function citationEntries(data: PackData, lang: Lang): CitationEntries {
  return [...citationIndex(data, lang)];
}

/**
 * The citation strings the pack can produce, each mapped to the reference it formats. Built
 * once per pack and language; every citation an output carries comes from formatRef over one of
 * these references, so the report can find its source without the core passing it along.
 */
export function citationIndex(data: PackData, lang: Lang): Map<string, Ref> {
  let byLang = INDEX.get(data);
  if (!byLang) INDEX.set(data, (byLang = {}));
  const cached = byLang[lang];
  if (cached) return cached;
  const pre = PRECOMPUTED.get(data)?.(lang);
  if (pre) return (byLang[lang] = new Map(pre));
  const map = new Map<string, Ref>();
  collectPackRefs(data, (ref) => {
    const text = formatRef(ref, data, lang);
    if (!map.has(text)) map.set(text, ref);
  });
  byLang[lang] = map;
  return map;
}

/** A source cited in an output, with the citations that name it. */
export interface CitedSource {
  id: string;
  kind: Source['kind'];
  quality: 'official' | 'secondary';
  title: string;
  number?: string;
  publisher?: string;
  date?: string;
  url?: string;
  copy?: string;
  status?: 'unconfirmed';
  note?: string;
  /** The full reference, one line. */
  reference: string;
  citations: { citation: string; url?: string }[];
}

/**
 * The sources behind a set of citation strings, in the order of the pack's source registry
 * (deterministic whatever order the citations came in), each with its citations sorted.
 * Strings that are not the pack's citations (a file's own source line) are left out.
 */
export function citedSources(citations: Iterable<string>, data: PackData, lang: Lang): CitedSource[] {
  const index = citationIndex(data, lang);
  const bySource = new Map<string, Map<string, Ref>>();
  for (const c of citations) {
    const ref = index.get(c);
    if (!ref) continue;
    let m = bySource.get(ref.source);
    if (!m) bySource.set(ref.source, (m = new Map()));
    m.set(c, ref);
    for (const v of ref.via ?? []) if (!bySource.has(v) && sourceOf(data, v)) bySource.set(v, new Map());
  }
  const out: CitedSource[] = [];
  for (const [id, source] of Object.entries(data.manifest.sources ?? {})) {
    const cited = bySource.get(id);
    if (!cited) continue;
    const entry: CitedSource = {
      id,
      kind: source.kind,
      quality: sourceQuality(source),
      title: source.title ?? source.name[lang],
      reference: sourceReference(source, lang),
      citations: [...cited.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([citation, ref]) => {
          const url = refUrl(ref, data);
          return url ? { citation, url } : { citation };
        }),
    };
    if (source.number) entry.number = source.number;
    if (source.publisher) entry.publisher = source.publisher[lang];
    if (source.date) entry.date = source.date;
    if (source.url) entry.url = source.url;
    if (source.copy) entry.copy = source.copy;
    if (source.status === 'unconfirmed') entry.status = 'unconfirmed';
    if (source.note) entry.note = source.note[lang];
    out.push(entry);
  }
  return out;
}

/** Every `citation` string in an output object (results, explanations, instrument details). */
export function collectCitations(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) collectCitations(v, into);
    return into;
  }
  if (value === null || typeof value !== 'object') return into;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if ((k === 'citation' || k === 'ruleCitation') && typeof v === 'string') {
      if (v !== '') into.add(v);
    } else if (k === 'citations' && Array.isArray(v)) {
      for (const c of v) if (typeof c === 'string') into.add(c);
    } else {
      collectCitations(v, into);
    }
  }
  return into;
}

/** The other sources a reference names beside its own (`via:`), by their short names. */
export function formatVia(ref: Ref, data: Pick<PackData, 'manifest'>, lang: Lang): string {
  return (ref.via ?? []).map((v) => sourceOf(data, v)?.name[lang] ?? v).join(lang === 'ja' ? '、' : ', ');
}

/** What a report can say about a citation string beyond itself: where it opens, and its source in full. */
export interface CitationDetail {
  /** The article (or the document) a reader opens: e-Gov's anchor for a statute article. */
  url: string | null;
  /** The full reference of the source (title, number, publisher, date, URL). */
  reference: string | null;
}

/**
 * Looks up the citations a report prints (strings, as in the JSON) in the pack they came from.
 * A string the pack does not produce (a figure's source, a user's note) has no detail.
 */
export function citationResolver(data: PackData, lang: Lang): (citation: string) => CitationDetail | null {
  const index = citationIndex(data, lang);
  return (citation) => {
    const ref = index.get(citation);
    if (!ref) return null;
    const source = sourceOf(data, ref.source);
    return { url: refUrl(ref, data) ?? null, reference: source ? sourceReference(source, lang) : null };
  };
}
