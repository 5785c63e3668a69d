import { UserError } from '../../errors.js';
import type { Lang } from '../../i18n/lang.js';
import type { PackData } from '../../pack/model.js';
import type { MunicipalityKind } from '../../schemas/kinds.js';
import { evaluateEligibility } from '../eligibility/evaluate.js';
import type { MunicipalityIndex } from '../eligibility/index.js';
import type { DesignationResult } from '../eligibility/types.js';
import type { NameResolver } from '../parties/names.js';

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

/**
 * `resolver`, when given, reads names as planners write them (the prefectures, spelling variants,
 * wards, old names: src/core/parties/names.ts); without it, the index's exact lookup.
 */
export function buildCheckData(index: MunicipalityIndex, data: PackData, asOf: string, lang: Lang, resolver?: NameResolver): CheckData {
  const resolved = new Map<string, Lookup>();
  /** The name the engine knows a variant by (鶴ケ島市 → 鶴ヶ島市; 府中市 of 東京都 → 東京都府中市). */
  const canonical = new Map<string, string>();
  const resolve = (name: string): Lookup => {
    const hit = resolved.get(name);
    if (hit) return hit;
    let out: Lookup;
    if (resolver) {
      const r = resolver.resolve(name);
      if (r.ok) {
        out = { ok: true, municipality: { name: r.body.municipality?.name ?? r.body.name, kind: r.body.kind, prefecture: r.body.prefecture } };
        if (r.body.municipality) canonical.set(name, r.body.municipality.code ?? r.body.label);
      }
      else if (r.reason === 'not-found') out = { ok: false, reason: 'not-found', suggestions: r.suggestions };
      else if (r.reason === 'ambiguous') out = { ok: false, reason: 'ambiguous', candidates: r.candidates };
      else out = { ok: false, reason: 'bad-code' };
    } else {
      const r = index.resolve(name);
      if (r.ok) {
        const m = r.municipality;
        out = { ok: true, municipality: { name: m.name, kind: m.kind?.value ?? null, prefecture: m.prefecture } };
      } else if (r.reason === 'not-found') out = { ok: false, reason: 'not-found', suggestions: r.suggestions };
      else if (r.reason === 'ambiguous') out = { ok: false, reason: 'ambiguous', candidates: r.candidates.map((c) => c.label) };
      else out = { ok: false, reason: 'bad-code' };
    }
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
    designation: (name, designation) => {
      resolve(name);
      return ask(() => evaluateEligibility(data, index, { names: [canonical.get(name) ?? name], designations: [designation] }, asOf, lang)[0]?.designations[0]);
    },
    partner: (partner, central, check) => {
      resolve(partner);
      resolve(central);
      return ask(() => evaluateEligibility(data, index, { names: [canonical.get(partner) ?? partner], partnerOf: canonical.get(central) ?? central, designations: [check] }, asOf, lang)[0]?.designations[0]);
    },
    designationName: (id) => designations.find((d) => d.id === id)?.name[lang] ?? id,
  };
}
