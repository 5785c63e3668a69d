import type { Lang, Localized } from '../../i18n/lang.js';
import type { Figure } from './model.js';

/**
 * How the eligibility results write things down: numbers (thousands separators, ratios to 4
 * decimals), the sources of figures, and `{name}` templates in either language. Pure helpers,
 * read by every stage; they call nothing else of the engine.
 */

/** 1234567 → "1,234,567"; decimals kept as given. Locale-independent (stable output). */
export function fmtNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = String(n);
  const dot = s.indexOf('.');
  const int = dot < 0 ? s : s.slice(0, dot);
  const sign = int.startsWith('-') ? 1 : 0;
  if (int.length - sign <= 3 || int.includes('e')) return s;
  // Thousands separators without a regular expression, three digits at a time: this runs for
  // every figure of every municipality in a batch.
  const digits = int.length - sign;
  const head = digits % 3 || 3;
  let out = int.slice(0, sign + head);
  for (let i = sign + head; i < int.length; i += 3) out += `,${int.slice(i, i + 3)}`;
  return out + (dot < 0 ? '' : s.slice(dot));
}

/** A ratio or share for display and JSON: 4 decimals, trailing zeros dropped. */
export function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

export function joinSources(...figs: (Figure<unknown> | null | undefined)[]): string {
  return joinSourceList(figs);
}

/** The distinct sources of some figures, in order, joined by " / " (one source is returned as it is). */
export function joinSourceList(figs: readonly (Figure<unknown> | null | undefined)[]): string {
  let first: string | undefined;
  let more: Set<string> | undefined;
  for (const f of figs) {
    if (!f) continue;
    if (first === undefined) first = f.source;
    else if (f.source !== first) (more ??= new Set([first])).add(f.source);
  }
  return more ? [...more].join(' / ') : (first ?? '');
}

const templates = new Map<string, string[]>();

/**
 * Fills `{name}` placeholders (an unknown name becomes empty). The template is split once
 * (literal, name, literal, ...): this runs for every municipality's derived figures, and a
 * regular-expression replace per call showed in profiles.
 */
export function fill(t: string, vars: Readonly<Record<string, string | number>>): string {
  let parts = templates.get(t);
  if (!parts) templates.set(t, (parts = t.split(/\{(\w+)\}/)));
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) out += (vars[parts[i]!] ?? '') + parts[i + 1]!;
  return out;
}

/** A template of the message tables in one language, filled. */
export function t2(lang: Lang, key: Localized, vars: Readonly<Record<string, string | number>> = {}): string {
  return fill(key[lang], vars);
}

/** A template filled in both languages (for a user error, which is printed in either). */
export function both(key: Localized, vars: Readonly<Record<string, string | number>> = {}): Localized {
  return { ja: fill(key.ja, vars), en: fill(key.en, vars) };
}

const SHARE: Localized = { ja: '{n} 人 ÷ 通勤通学者 {w} 人', en: '{n} / {w} residents who work or study' };

/** How a commuting share was computed from counts: "n / w residents who work or study". */
export function shareWords(lang: Lang, n: number, w: number): string {
  return fill(SHARE[lang], { n: fmtNumber(n), w: fmtNumber(w) });
}
