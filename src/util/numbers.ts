/**
 * Numbers as planners write them: full-width digits (`２１００００`), thousands separators
 * (`210,000`, `２１０，０００`), and percentages (`98.96%`, `４５．４％`). Pure; the callers
 * decide what a bare number means for their field (see readFraction).
 */

/** The text with full-width digits, signs and separators made ASCII, spaces removed. */
export function asciiNumber(s: string): string {
  return s.normalize('NFKC').replace(/[\s]+/g, '');
}

/** A non-negative whole number, with or without thousands separators; null when it is not one. */
export function parseCount(input: string): number | null {
  const s = asciiNumber(input);
  if (!/^\d+$/.test(s) && !/^\d{1,3}(,\d{3})+$/.test(s)) return null;
  const n = Number(s.replace(/,/g, ''));
  return Number.isSafeInteger(n) ? n : null;
}

/** A decimal written `12`, `0.5`, `.5`, `12.`; null otherwise. */
function decimal(s: string): number | null {
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** Rounds away the binary noise of dividing a decimal by 100 (98.96 / 100 = 0.9896000000000001). */
export function percentToFraction(p: number): number {
  return Number((p / 100).toPrecision(12));
}

/**
 * How a fraction-valued field reads a bare number above its largest fraction:
 * - `percent`: as a percentage — the field's published unit is the percentage and no fraction
 *   can be that large (昼夜間人口比率 98.96 is 98.96%, never 9,896%);
 * - `error`: not at all — the number could be a percentage or a count typed into the share's key
 *   (commuters to a city go in `commuting.to`), so the user is asked to write `45.4%` or `0.454`.
 */
export type AboveMax = 'percent' | 'error';

export type FractionRead =
  | { ok: true; value: number; from: 'fraction' | 'percent' }
  | { ok: false; why: 'format' | 'range' | 'ambiguous'; value?: number };

/**
 * A ratio or share: a fraction (`0.9896`), a percentage (`98.96%`), or a bare number above `max`
 * read as `aboveMax` says. The result is a fraction in [0, max].
 */
export function readFraction(input: string | number, max: number, aboveMax: AboveMax): FractionRead {
  let n: number | null;
  let percent = false;
  if (typeof input === 'number') n = Number.isFinite(input) ? input : null;
  else {
    const s = asciiNumber(input);
    percent = s.endsWith('%');
    n = decimal(percent ? s.slice(0, -1) : s);
  }
  if (n === null || n < 0) return { ok: false, why: 'format' };
  if (percent) {
    const v = percentToFraction(n);
    return v <= max ? { ok: true, value: v, from: 'percent' } : { ok: false, why: 'range', value: v };
  }
  if (n <= max) return { ok: true, value: n, from: 'fraction' };
  if (aboveMax === 'error') return { ok: false, why: 'ambiguous', value: n };
  const v = percentToFraction(n);
  return v <= max ? { ok: true, value: v, from: 'percent' } : { ok: false, why: 'range', value: n };
}

/** A fraction as a percentage for tables: 0.9896 → `98.96%` (up to two decimals, no trailing zeros). */
export function formatPercent(fraction: number, decimals = 2): string {
  const p = Number((fraction * 100).toFixed(decimals));
  return `${p}%`;
}
