import type { Criterion, Designation } from '../../pack/designations-schema.js';

/**
 * Which figures a designation's criteria read — for the figures block of a result (only what
 * the designations checked read, issue 15) and for `kouiki explain`. Ids as in the figures
 * block: `population`, `twin:population`, …
 */

export type FigureId = 'kind' | 'population' | 'dayNightRatio' | 'area' | 'metroArea' | 'metroCoreCommuteShare' | 'commuteShare';

/** Which figures a criterion reads, for the subject itself and for the other city of a pair; `former`: a merged city's former municipalities. */
export function figuresRead(c: Criterion): { self: FigureId[]; twin: FigureId[]; former: boolean } {
  const subject = c.subject ?? 'self';
  let read: FigureId[] = [];
  if (c.test === 'kind-in') read = ['kind'];
  else if (c.test === 'outside-metro') read = ['metroArea'];
  else if (c.test === 'compare' && c.figure) read = c.onlyInMetro ? ['metroArea', c.figure] : [c.figure];
  // An exemption reads its own figure (the population of a city exempt from the area test).
  if (c.exemptIf) read = [c.exemptIf.figure, ...read];
  if (subject === 'largest-former') return { self: [], twin: [], former: true };
  if (subject === 'each-of-pair' || subject === 'pair-combined') return { self: read, twin: read, former: false };
  return { self: read, twin: [], former: false };
}

/**
 * Every figure id a designation reads (its criteria, its special cases' criteria and
 * applicability, its notes); `present` leaves out criteria not in force that day.
 */
export function designationReads(d: Designation, present: (c: Criterion) => boolean = () => true): Set<string> {
  const used = new Set<string>();
  const add = (c: Criterion): void => {
    if (!present(c)) return;
    const f = figuresRead(c);
    for (const x of f.self) used.add(x);
    for (const x of f.twin) used.add(`twin:${x}`);
  };
  for (const c of d.criteria) add(c);
  for (const e of d.exceptions ?? []) {
    for (const c of e.criteria) add(c);
    if (e.applies.kinds) used.add('kind');
  }
  if ((d.notes ?? []).some((n) => n.when === 'in-metro')) used.add('metroArea');
  return used;
}
