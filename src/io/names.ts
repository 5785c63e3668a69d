import type { MunicipalityIndex } from '../core/eligibility/index.js';
import type { BaseData } from '../core/eligibility/model.js';
import { NameResolver, type HistoryLookup } from '../core/parties/names.js';
import { historyMentions, municipalHistory } from './municipal-history.js';
import { compiledBase } from './municipal-base.js';

/**
 * The name resolver of a run (names as planners write them: prefectures, variants, wards, old
 * names) over a municipality index, with the code list's readings for suggestions. One per index.
 */
const resolvers = new WeakMap<MunicipalityIndex, NameResolver>();

/** Names merged away (浦和市 → さいたま市) through the embedded 廃置分合 table, read only when a name is not in the code list. */
function historyOf(index: MunicipalityIndex): HistoryLookup {
  return (name, prefecture) => {
    if (!historyMentions(name)) return [];
    return municipalHistory(index)
      .lookup(name, prefecture)
      .map((m) => ({ old: { name: m.old.name, prefecture: m.old.prefecture }, date: m.date, kind: m.kind, successors: m.successors.map((x) => ({ name: x.name, prefecture: x.prefecture, code: x.code })) }));
  };
}

export async function nameResolver(index: MunicipalityIndex, base?: BaseData): Promise<NameResolver> {
  const hit = resolvers.get(index);
  if (hit) return hit;
  // The YAML compiler of the embedded data loads only when dist/ is stale.
  const b = base ?? compiledBase() ?? (await import('./municipalities.js')).embeddedBase();
  const r = new NameResolver(index, b.codes, historyOf(index));
  resolvers.set(index, r);
  return r;
}

/** The same, for callers that already hold the base (kouiki check builds its index from it). */
export function nameResolverSync(index: MunicipalityIndex, base: BaseData): NameResolver {
  const hit = resolvers.get(index);
  if (hit) return hit;
  const r = new NameResolver(index, base.codes, historyOf(index));
  resolvers.set(index, r);
  return r;
}
