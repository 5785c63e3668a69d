import type { EligibilityContext } from './context.js';
import type { MunicipalityIndex } from './index.js';
import type { Figure, Municipality, NumberFigure, Subject } from './model.js';
import { joinSourceList, shareWords } from './text.js';

/**
 * Commuting to a city: which municipalities of the data send workers and students to it, and
 * what share of each one's residents who work or study that is (counts win over a given share;
 * the flows to the members of a merged city add up over one denominator). The partner checks
 * and `--partners` read it.
 */

export interface ShareTo extends NumberFigure {
  /** The targets (members of a merged central city) whose flow is not in the data. */
  missing: string[];
  /**
   * The numerator and denominator when the share was computed from counts alone (every part a
   * count over the same workers-and-students total): what `kouiki sphere` shows beside the
   * share. Absent when any part was given as a share.
   */
  counts?: { commuters: Figure<number>; workersAndStudents: Figure<number> };
}

/** Does a key of a `to:` map name this municipality (by name, full name or code)? */
export function keyNames(index: MunicipalityIndex, key: string, target: Municipality): boolean {
  const r = index.resolve(key);
  if (r.ok) return r.municipality.id === target.id;
  return key === target.name;
}

/**
 * The share of `from`'s residents who work or study that go to `targets` (one municipality, or
 * the members of a merged city): the flows add up over one denominator, so shares to each member
 * may be summed. With some flows missing, the known part is a lower bound (`atLeast`).
 * Not memoised here: the target list is a new array on every request, so a memo keyed on it
 * never hit across requests and only left weak-map entries for the collector (`shareOf`
 * memoises per context instead).
 */
export function shareTo(from: Municipality, targets: Municipality[], index: MunicipalityIndex, lang: EligibilityContext['lang']): ShareTo | null {
  const w = from.workersAndStudents;
  let total = 0;
  // The parts joined as they are found ("a + b"): usually one target, whose part is then the
  // derivation as it is.
  let derivation: string | undefined;
  const sources: Figure<unknown>[] = [];
  const missing: string[] = [];
  // The counts summed (one flow per target), while every part found is a count.
  const flows: Figure<number>[] = [];
  let onlyCounts = true;
  for (const t of targets) {
    const countKey = keyFor(from.to, index, t);
    const count = countKey !== undefined ? from.to[countKey]! : null;
    let part: string;
    if (count && w && w.value > 0) {
      total += count.value / w.value;
      part = `${t.name} ${shareWords(lang, count.value, w.value)}`;
      sources.push(count, w);
      flows.push(count);
    } else {
      const shareKey = keyFor(from.commuteShareTo, index, t);
      if (shareKey === undefined) {
        missing.push(t.name);
        continue;
      }
      const s = from.commuteShareTo[shareKey]!;
      onlyCounts = false;
      total += s.value;
      part = `${t.name} ${s.value}`;
      sources.push(s);
    }
    derivation = derivation === undefined ? part : `${derivation} + ${part}`;
  }
  if (derivation === undefined) return null;
  const out: ShareTo = { value: total, source: joinSourceList(sources), missing, derivation };
  if (missing.length > 0) out.atLeast = true;
  if (onlyCounts && w) out.counts = { commuters: sumOf(flows), workersAndStudents: w };
  return out;
}

/** One flow as it is, or several (to a merged city's members) added up. */
function sumOf(flows: Figure<number>[]): Figure<number> {
  if (flows.length === 1) return flows[0]!;
  return { value: flows.reduce((a, f) => a + f.value, 0), source: joinSourceList(flows) };
}

/** The first key of a `to:` map (in key order) that names `target`. */
function keyFor(map: Record<string, unknown>, index: MunicipalityIndex, target: Municipality): string | undefined {
  for (const k of Object.keys(map)) if (keyNames(index, k, target)) return k;
  return undefined;
}

/** Every municipality in the data with a commuting figure to one of `targets`. */
export function commutersTo(targets: Municipality[], index: MunicipalityIndex): Municipality[] {
  const ids = new Set(targets.map((t) => t.id));
  return index.withData().filter((m) => {
    if (ids.has(m.id)) return false;
    const keys = [...Object.keys(m.to), ...Object.keys(m.commuteShareTo)];
    return keys.some((k) => targets.some((t) => keyNames(index, k, t)));
  });
}

/** Commuting shares to a central city's members, per context, members list and municipality. */
const sharesMemo = new WeakMap<EligibilityContext, Map<Municipality[], Map<Municipality, ShareTo | null>>>();

/** The commuting share of `m` to the central city's members, once per context (each partner designation and the figures block read it). */
export function shareOf(ctx: EligibilityContext, m: Municipality, central: Subject): ShareTo | null {
  let memo = sharesMemo.get(ctx);
  if (!memo) sharesMemo.set(ctx, (memo = new Map()));
  let byFrom = memo.get(central.members);
  if (!byFrom) memo.set(central.members, (byFrom = new Map()));
  let v = byFrom.get(m);
  if (v === undefined) {
    v = shareTo(m, central.members, ctx.index, ctx.lang);
    byFrom.set(m, v);
  }
  return v;
}

/** The municipalities commuting to a central city, highest share first (unknown last), then by code: a stable, useful order. */
export function commutersByShare(ctx: EligibilityContext, central: Subject): Municipality[] {
  const partners = commutersTo(central.members, ctx.index).map((p) => ({ p, share: shareOf(ctx, p, central)?.value ?? -1 }));
  partners.sort((a, b) => b.share - a.share || a.p.id.localeCompare(b.p.id));
  return partners.map((x) => x.p);
}
