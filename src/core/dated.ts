import type { DatedEntry, DatedValue } from '../pack/schema.js';

export interface ResolvedValue {
  entry: DatedEntry;
  /** The effective date of the entry chosen. */
  from: string;
}

/**
 * The value in force on `asOf`: the entry with the latest effective date not after it. `null`
 * when `asOf` is before the first entry or on/after `until` (the provision did not exist then).
 * Dates are YYYY-MM-DD strings, which compare correctly as text.
 */
const valueMemo = new WeakMap<DatedValue, Map<string, ResolvedValue | null>>();

export function valueAt(dated: DatedValue, asOf: string): ResolvedValue | null {
  // Memoised: a batch reads the same dated value for the same day for every municipality.
  let memo = valueMemo.get(dated);
  if (!memo) valueMemo.set(dated, (memo = new Map()));
  let v = memo.get(asOf);
  if (v === undefined) {
    v = resolveValueAt(dated, asOf);
    memo.set(asOf, v);
  }
  return v;
}

function resolveValueAt(dated: DatedValue, asOf: string): ResolvedValue | null {
  if (dated.until !== undefined && asOf >= dated.until) return null;
  let best: string | null = null;
  for (const date of Object.keys(dated.values)) {
    if (date <= asOf && (best === null || date > best)) best = date;
  }
  return best === null ? null : { entry: dated.values[best]!, from: best };
}

/** Effective dates in order (for tests on both sides of each change, and for `rules doc`). */
export function changeDates(dated: DatedValue): string[] {
  return Object.keys(dated.values).sort();
}

/**
 * The day the value in force on `from` took effect as that value: earlier entries with the same
 * value are the same rule (an entry may only record when the text was checked). `null` when that
 * day is itself unconfirmed, so reports never present a checking date as an effective date.
 */
const changedMemo = new WeakMap<DatedValue, Map<string, string | null>>();

export function changedOn(dated: DatedValue, from: string): string | null {
  let memo = changedMemo.get(dated);
  if (!memo) changedMemo.set(dated, (memo = new Map()));
  let v = memo.get(from);
  if (v === undefined) {
    v = computeChangedOn(dated, from);
    memo.set(from, v);
  }
  return v;
}

function computeChangedOn(dated: DatedValue, from: string): string | null {
  const dates = changeDates(dated).filter((d) => d <= from);
  let i = dates.length - 1;
  if (i < 0) return null;
  const value = dated.values[dates[i]!]!.value;
  while (i > 0 && dated.values[dates[i - 1]!]!.value === value) i--;
  const first = dated.values[dates[i]!]!;
  return first.status === 'unconfirmed' || first.ref.status === 'unconfirmed' ? null : dates[i]!;
}
