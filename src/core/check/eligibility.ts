import { UserError } from '../../errors.js';
import type { Lang } from '../../i18n/lang.js';
import type { PackData } from '../../pack/model.js';
import type { MunicipalityKind } from '../../schemas/kinds.js';
import { evaluateEligibility } from '../eligibility/evaluate.js';
import type { MunicipalityIndex } from '../eligibility/index.js';
import type { DesignationResult } from '../eligibility/types.js';

/**
 * The seam between `kouiki check` and the municipality data and eligibility engine (issue 3).
 * The check rules see only the CheckData interface; this module is the one place that knows
 * how the index resolves names and how the engine is asked. Pure: the index is built by the
 * caller (io/check-data.ts) from data already read.
 */

export interface MunicipalityRef {
  name: string;
  kind: MunicipalityKind | null;
  prefecture: string | null;
}

export type Lookup =
  | { ok: true; municipality: MunicipalityRef }
  | { ok: false; reason: 'not-found'; suggestions: string[] }
  | { ok: false; reason: 'ambiguous'; candidates: string[] }
  | { ok: false; reason: 'bad-code' };

export interface CheckData {
  /** A name (`小田原市`, `東京都府中市`) or code as the data resolves it. */
  resolve(name: string): Lookup;
  /** The municipality a name resolves to, or null (not found, ambiguous). */
  lookup(name: string): MunicipalityRef | null;
  /** A designation check (`cooperation-central-city`, ...) of a municipality, or null when it cannot be asked. */
  designation(name: string, designation: string): DesignationResult | null;
  /** A partner guideline (`cooperation-partner`, ...) of `partner` towards `central`, or null when it cannot be asked. */
  partner(partner: string, central: string, check: string): DesignationResult | null;
  /** The designation's name in the run's language (e.g. 連携中枢都市). */
  designationName(designation: string): string;
}

export function buildCheckData(index: MunicipalityIndex, data: PackData, asOf: string, lang: Lang): CheckData {
  const resolved = new Map<string, Lookup>();
  const resolve = (name: string): Lookup => {
    const hit = resolved.get(name);
    if (hit) return hit;
    const r = index.resolve(name);
    let out: Lookup;
    if (r.ok) {
      const m = r.municipality;
      out = { ok: true, municipality: { name: m.name, kind: m.kind?.value ?? null, prefecture: m.prefecture } };
    } else if (r.reason === 'not-found') out = { ok: false, reason: 'not-found', suggestions: r.suggestions };
    else if (r.reason === 'ambiguous') out = { ok: false, reason: 'ambiguous', candidates: r.candidates.map((c) => c.label) };
    else out = { ok: false, reason: 'bad-code' };
    resolved.set(name, out);
    return out;
  };
  /** The engine throws a UserError for what it cannot answer (a name it cannot resolve, an unknown designation). */
  const ask = (f: () => DesignationResult | undefined): DesignationResult | null => {
    try {
      return f() ?? null;
    } catch (err) {
      if (err instanceof UserError) return null;
      throw err;
    }
  };
  const designations = (data.extra.designations as { id: string; name: { ja: string; en: string } }[] | undefined) ?? [];
  return {
    resolve,
    lookup: (name) => {
      const r = resolve(name);
      return r.ok ? r.municipality : null;
    },
    designation: (name, designation) => ask(() => evaluateEligibility(data, index, { names: [name], designations: [designation] }, asOf, lang)[0]?.designations[0]),
    partner: (partner, central, check) => ask(() => evaluateEligibility(data, index, { names: [partner], partnerOf: central, designations: [check] }, asOf, lang)[0]?.designations[0]),
    designationName: (id) => designations.find((d) => d.id === id)?.name[lang] ?? id,
  };
}
