import type { Lang } from '../../i18n/lang.js';
import type { PackData } from '../../pack/model.js';
import { formatRef } from '../citation.js';
import type { MunicipalityIndex } from './index.js';
import type { TraceHook } from './types.js';

/**
 * The context of one evaluation — the pack, the municipality index, the day, the language and
 * the trace hook — and what depends on it alone: citations in words, where to obtain a missing
 * figure, words shared by every result. Every stage reads it; none changes it. A stage that
 * keeps a cache for one evaluation keys it on the context (it depends on the index, so it lives
 * no longer than the context).
 */

export interface EligibilityContext {
  data: PackData;
  index: MunicipalityIndex;
  asOf: string;
  lang: Lang;
  tolerance: number;
  trace: TraceHook | undefined;
}

export function createContext(data: PackData, index: MunicipalityIndex, asOf: string, lang: Lang, trace?: TraceHook): EligibilityContext {
  return { data, index, asOf, lang, tolerance: data.manifest.settings?.tolerance ?? 0, trace };
}

/** Where a missing figure can be obtained (the data's `figureSources:`), in the context's language. */
export function where(ctx: EligibilityContext, key: keyof typeof ctx.index.figureSources, prefecture?: string | null): string | undefined {
  const w = ctx.index.figureSources[key]?.[ctx.lang];
  return w === undefined ? undefined : inPrefecture(w, prefecture, ctx.lang);
}

/** A hint's `{prefecture}`: the municipality's own prefecture (its census table is the one to download). */
export function inPrefecture(text: string, prefecture: string | null | undefined, lang: Lang): string {
  return text.replaceAll('{prefecture}', prefectureOrIts(prefecture, lang));
}

/** A city's prefecture in a message, or "its prefecture" where the data does not give it. */
export function prefectureOrIts(prefecture: string | null | undefined, lang: Lang): string {
  return prefecture ?? (lang === 'ja' ? 'その都道府県' : 'its prefecture');
}

const citeMemo = new WeakMap<object, { ja?: string; en?: string }>();

/** A citation, formatted once per reference and language (every municipality cites the same). */
export function cite(ctx: EligibilityContext, ref: Parameters<typeof formatRef>[0]): string {
  let m = citeMemo.get(ref);
  if (!m) citeMemo.set(ref, (m = {}));
  return (m[ctx.lang] ??= formatRef(ref, ctx.data, ctx.lang));
}

const textMemo = new WeakMap<object, { ja: Map<string, string>; en: Map<string, string> }>();

/**
 * Words that depend only on a piece of the pack (and the language), never on the municipality:
 * built once per owner, language and key, so every result shares one string instead of holding
 * its own copy (2,000 results each with their own copy kept the collector busy).
 */
export function memoText<A, B>(ctx: EligibilityContext, owner: object, key: string, build: (lang: Lang, a: A, b: B) => string, a: A, b: B): string {
  // `build` is a module-level function given its arguments, not a closure: a closure here would
  // make every caller allocate it (and a context for what it captures) on every call, hit or miss.
  let m = textMemo.get(owner);
  if (!m) textMemo.set(owner, (m = { ja: new Map(), en: new Map() }));
  const byKey = m[ctx.lang];
  let v = byKey.get(key);
  if (v === undefined) byKey.set(key, (v = build(ctx.lang, a, b)));
  return v;
}
