import type { MunicipalityKind } from '../../schemas/kinds.js';
import type { DesignationResult } from '../eligibility/types.js';

/**
 * The seam between `kouiki check` and the municipality data and eligibility engine (issue 3).
 * The check rules see only this interface; `buildCheckData` is the one place that knows how the
 * data is indexed and how the engine is called.
 */

export interface MunicipalityRef {
  name: string;
  kind: MunicipalityKind | null;
  prefecture: string | null;
}

export interface CheckData {
  /** The municipality of that exact name, or null. */
  lookup(name: string): MunicipalityRef | null;
  /** Close names, best first, for "did you mean". */
  suggest(name: string): string[];
  /** A designation check (`cooperation-central-city`, ...) of a municipality, or null when the pack has no such designation. */
  designation(name: string, designation: string): DesignationResult | null;
  /** A partner guideline (`cooperation-partner`, ...) of `partner` towards `central`, or null when the pack has no such check. */
  partner(partner: string, central: string, check: string): DesignationResult | null;
  /** The designation's name in the run's language (e.g. 連携中枢都市). */
  designationName(designation: string): string;
}

/** A record as the placeholder index keeps it (until the eligibility data is wired). */
export interface SimpleRecord {
  name: string;
  kind?: MunicipalityKind | null;
  prefecture?: string | null;
}

/**
 * Builds the check's view of the data. Later records win (inline over `data:` over `--data` over
 * the embedded data), as the eligibility data's own merge does.
 */
export function buildCheckData(records: readonly SimpleRecord[], suggestFn: (name: string, names: string[]) => string[]): CheckData {
  const byName = new Map<string, MunicipalityRef>();
  for (const r of records) byName.set(r.name, { name: r.name, kind: r.kind ?? null, prefecture: r.prefecture ?? null });
  let names: string[] | null = null;
  return {
    lookup: (name) => byName.get(name) ?? null,
    suggest: (name) => suggestFn(name, (names ??= [...byName.keys()])),
    designation: () => null,
    partner: () => null,
    designationName: (id) => id,
  };
}
