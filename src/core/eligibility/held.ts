import type { Designation } from '../../pack/designations-schema.js';
import type { MunicipalityKind } from '../../schemas/kinds.js';
import { HELD_KINDS, type Figure, type HeldDesignation, type HeldKind, type Municipality } from './model.js';
import type { HeldOut } from './types.js';

/**
 * Designations a city already holds (指定都市 and 中核市 by 政令, 施行時特例市 by statute), as of a
 * day. The lists of the data carry the day each designation took effect (the 施行日 of the 政令
 * that made it); before that day the city is not yet designated, and its kind is the one it held
 * before where a source says (`before:`), else unknown — never a guess.
 *
 * The law has no de-designation: a designation stands whatever the figures say later (a 中核市
 * whose population fell below 200,000 stays one), and ends only when the 政令 changes — for a
 * 中核市 that becomes a 指定都市, Art. 252-26.
 */

function isHeldKind(k: MunicipalityKind): k is HeldKind {
  return (HELD_KINDS as readonly string[]).includes(k);
}

/** The designation a kind states, when it is one a city holds (its day unknown). */
export function heldFromKind(kind: Figure<MunicipalityKind> | null): HeldDesignation | null {
  if (!kind || !isHeldKind(kind.value)) return null;
  return { kind: kind.value, since: null, source: kind.source };
}

/**
 * The municipality as it stood on `asOf`: unchanged when its designation took effect on or
 * before that day (or when it has none); else not designated, with the kind it held before
 * (where the data records it) or an unknown kind. A copy; the index's record is not touched.
 */
export function asOfDay(m: Municipality, asOf: string): Municipality {
  const d = m.designation;
  if (!d || d.since === null || d.since <= asOf) return m;
  const before = d.before && (d.before.since === null || d.before.since <= asOf) ? d.before : null;
  return {
    ...m,
    kind: before ? { value: before.kind, source: before.source } : null,
    designation: before && isHeldKind(before.kind) ? { kind: before.kind, since: before.since, source: before.source } : null,
  };
}

/** The designation `d` as the municipality holds it (contract §7 `held`), or undefined. */
export function heldOut(m: Municipality, d: Designation): HeldOut | undefined {
  const h = m.designation;
  if (!h || h.kind !== d.id) return undefined;
  return { since: h.since, source: h.source };
}
