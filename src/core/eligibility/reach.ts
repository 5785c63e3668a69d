import type { Criterion, Designation, Exception } from '../../pack/designations-schema.js';
import type { DatedValue } from '../../pack/schema.js';
import { packDesignations } from '../../pack/model.js';
import { valueAt } from '../dated.js';
import type { EligibilityContext } from './context.js';
import { CITY_KINDS, HELD_KINDS, type Municipality, type Subject } from './model.js';
import type { NotChecked } from './types.js';

/**
 * Which designations are within a city's reach (issue 15: `eligibility 倉吉市` need not check
 * 指定都市 for a city of 46,000). Asked without `--designation`, kouiki checks the designations
 * the city holds and those it could meet; the others are named in one line with the lowest
 * population any of their routes accepts.
 *
 * The lowest population of a designation is read from its criteria, never written twice: per
 * route (its own criteria, or a special case standing in for some of them, when the special
 * case is open that day), the highest population floor among the route's criteria — a population
 * threshold (with its おおむね tolerance or its stated floor), or a kind the city does not have
 * that another designation gives (連携中枢都市 needs a 中核市: the 中核市 population). The lowest
 * of the routes decides. A city whose population is unknown is within reach of everything.
 *
 * "Within reach" is a kouiki heuristic, not law: a designation is left out when the lowest
 * population it accepts is more than twice the city's (REACH). A city of 188,856 (小田原市) is
 * still checked for 中核市 (200,000: a merger could reach it), not for 指定都市 (500,000); a city
 * of 46,000 (倉吉市) for 定住自立圏 only.
 *
 * The order: the designations that build on a designation the city holds come first (for a
 * 中核市: 連携中枢都市, then 指定都市), then the others, then those it holds.
 */

/** A designation is within reach when the city has at least this share of its lowest population. */
export const REACH = 0.5;

export interface Reach {
  checked: Designation[];
  notChecked: NotChecked[];
}

/** The designations to check for this subject, in the order to report them, and those out of reach. */
export function withinReach(ctx: EligibilityContext, designations: Designation[], s: Subject): Reach {
  const m = s.municipality;
  const population = m.population?.value ?? null;
  const checked: Designation[] = [];
  const notChecked: NotChecked[] = [];
  for (const d of designations) {
    if (d.role !== 'central') {
      checked.push(d);
      continue;
    }
    if (m.designation?.kind === d.id) {
      checked.push(d);
      continue;
    }
    // Art. 252-26: a 指定都市 does not hold the 中核市 designation; it has outgrown it.
    if (d.id === 'core-city' && m.designation?.kind === 'designated-city') {
      notChecked.push({ designation: d.id, name: d.name[ctx.lang], reason: 'holds-designated-city' });
      continue;
    }
    // Every route of a central-city designation leads to a 市 (the 複眼型 routes too: 隣接する2つの市),
    // so a 町 or 村 is out of reach by its kind.
    const cityOnly = d.criteria.some((c) => c.test === 'kind-in' && (c.subject ?? 'self') === 'self' && (c.kinds ?? []).length > 0 && c.kinds!.every((k) => (CITY_KINDS as readonly string[]).includes(k)));
    if (cityOnly && m.kind && !(CITY_KINDS as readonly string[]).includes(m.kind.value)) {
      notChecked.push({ designation: d.id, name: d.name[ctx.lang], reason: 'kind' });
      continue;
    }
    const lowest = lowestPopulation(ctx, d, m, 0);
    if (lowest === null) {
      notChecked.push({ designation: d.id, name: d.name[ctx.lang], reason: 'kind' });
      continue;
    }
    if (population !== null && lowest.decides * REACH > population) {
      notChecked.push({ designation: d.id, name: d.name[ctx.lang], reason: 'population', lowestPopulation: lowest.nominal });
      continue;
    }
    checked.push(d);
  }
  return { checked: order(checked, m), notChecked };
}

/** Next steps first (designations whose kind test the city's own designation meets), held last. */
function order(ds: Designation[], m: Municipality): Designation[] {
  const held = m.designation?.kind;
  const builds = (d: Designation): boolean =>
    held !== undefined && d.criteria.some((c) => c.test === 'kind-in' && (c.kinds ?? []).length > 0 && c.kinds!.every((k) => (HELD_KINDS as readonly string[]).includes(k)) && c.kinds!.includes(held));
  const rank = (d: Designation): number => (d.id === held ? 2 : builds(d) ? 0 : 1);
  // A stable sort keeps the pack's order within each rank.
  return ds.map((d, i) => ({ d, i, r: rank(d) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.d);
}

interface Floor {
  /** The population the city needs to be within reach (with the tolerance band). */
  decides: number;
  /** The figure to name (the threshold as the source writes it). */
  nominal: number;
}

/** The lowest population any route of `d` accepts that day (null: no route is open to this kind of municipality). */
function lowestPopulation(ctx: EligibilityContext, d: Designation, m: Municipality, depth: number): Floor | null {
  const routes: Criterion[][] = [d.criteria];
  for (const e of d.exceptions ?? []) {
    if (!routeOpen(ctx, e, m)) continue;
    routes.push([...d.criteria.filter((c) => !e.replaces.includes(c.id)), ...e.criteria]);
  }
  let best: Floor | null = null;
  for (const route of routes) {
    const f = routeFloor(ctx, route, m, depth);
    if (f !== null && (best === null || f.decides < best.decides)) best = f;
  }
  return best;
}

/** Whether a special case could apply to this city that day (its window open, its kinds not excluding it; a merger or a twin can always be asked for). */
function routeOpen(ctx: EligibilityContext, e: Exception, m: Municipality): boolean {
  if (e.window) {
    const w = valueAt(e.window as DatedValue, ctx.asOf);
    if (!w || w.entry.value !== true) return false;
  }
  if (e.applies.kinds && m.kind && !e.applies.kinds.includes(m.kind.value)) return false;
  return true;
}

function routeFloor(ctx: EligibilityContext, route: Criterion[], m: Municipality, depth: number): Floor | null {
  let floor: Floor = { decides: 0, nominal: 0 };
  for (const c of route) {
    const f = criterionFloor(ctx, c, m, depth);
    if (f === null) return null;
    if (f.decides > floor.decides) floor = f;
  }
  return floor;
}

function criterionFloor(ctx: EligibilityContext, c: Criterion, m: Municipality, depth: number): Floor | null {
  const subject = c.subject ?? 'self';
  if (c.test === 'compare' && c.figure === 'population' && (subject === 'self' || subject === 'each-of-pair') && c.threshold) {
    const v = valueAt(c.threshold as DatedValue, ctx.asOf);
    if (!v || typeof v.entry.value !== 'number') return { decides: 0, nominal: 0 };
    const t = v.entry.value;
    const decides = c.floor ? c.floor.value : c.approx === 'tolerance' ? t * (1 - ctx.tolerance) : t;
    return { decides, nominal: c.floor ? c.floor.value : t };
  }
  if (c.test === 'kind-in' && subject === 'self' && m.kind && c.kinds && !c.kinds.includes(m.kind.value)) {
    // A 市 the municipality is not (a 町 or 村 checked for a designation of a 市): out of reach by
    // its kind, whatever population another designation's route would name (岩美町 and 定住自立圏).
    if (c.kinds.every((k) => (CITY_KINDS as readonly string[]).includes(k)) && !(CITY_KINDS as readonly string[]).includes(m.kind.value)) return null;
    // A kind another designation gives (中核市, 指定都市): that designation's lowest population.
    const given = c.kinds.filter((k) => (HELD_KINDS as readonly string[]).includes(k));
    if (given.length > 0 && depth === 0) {
      let best: Floor | null = null;
      for (const k of given) {
        const other = packDesignations(ctx.data).find((x) => x.id === k);
        if (!other) continue;
        const f = lowestPopulation(ctx, other, { ...m, kind: { value: 'city', source: '' } }, depth + 1);
        if (f !== null && (best === null || f.decides < best.decides)) best = f;
      }
      return best;
    }
  }
  return { decides: 0, nominal: 0 };
}
