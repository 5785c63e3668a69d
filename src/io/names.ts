import type { MunicipalityIndex } from '../core/eligibility/index.js';
import type { BaseData } from '../core/eligibility/model.js';
import { NameResolver } from '../core/parties/names.js';
import { compiledBase } from './municipal-base.js';

/**
 * The name resolver of a run (names as planners write them: prefectures, variants, wards, old
 * names) over a municipality index, with the code list's readings for suggestions. One per index.
 */
const resolvers = new WeakMap<MunicipalityIndex, NameResolver>();

export async function nameResolver(index: MunicipalityIndex, base?: BaseData): Promise<NameResolver> {
  const hit = resolvers.get(index);
  if (hit) return hit;
  // The YAML compiler of the embedded data loads only when dist/ is stale.
  const b = base ?? compiledBase() ?? (await import('./municipalities.js')).embeddedBase();
  const r = new NameResolver(index, b.codes);
  resolvers.set(index, r);
  return r;
}

/** The same, for callers that already hold the base (kouiki check builds its index from it). */
export function nameResolverSync(index: MunicipalityIndex, base: BaseData): NameResolver {
  const hit = resolvers.get(index);
  if (hit) return hit;
  const r = new NameResolver(index, base.codes);
  resolvers.set(index, r);
  return r;
}
