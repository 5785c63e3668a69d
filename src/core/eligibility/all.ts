import type { Lang } from '../../i18n/lang.js';
import type { PackData } from '../../pack/model.js';
import { createContext } from './context.js';
import { evaluateSubject } from './evaluate.js';
import type { MunicipalityIndex } from './index.js';
import type { Municipality } from './model.js';
import { centralFor, designationsFor, type EligibilityRequest } from './resolve.js';
import type { EligibilityResult, TraceHook } from './types.js';

/**
 * `kouiki eligibility --all`: every municipality of the data (the code list's and any data
 * file's) against every designation asked for, one result at a time, so that the CLI writes
 * each as it is evaluated instead of holding 1,700 results. The same engine and the same
 * result per municipality as `kouiki eligibility NAME`.
 */

/** Kinds that are not a municipality a designation can be asked of (a data file may list them). */
const NOT_MUNICIPAL = new Set(['prefecture', 'partial-affairs-union', 'regional-federation']);

/** The municipalities `--all` checks, in code order (records outside the code list last, by name). */
export function allMunicipalities(index: MunicipalityIndex): Municipality[] {
  return index.all().filter((m) => !m.kind || !NOT_MUNICIPAL.has(m.kind.value));
}

/**
 * Every municipality against the designations of `request` (the central ones by default; the
 * partner ones towards `partnerOf`, whose city itself is left out). Lazy: the request is checked
 * (unknown designation, missing central city: UserError) when the first result is asked for.
 */
export function* evaluateAll(data: PackData, index: MunicipalityIndex, request: Omit<EligibilityRequest, 'names'>, asOf: string, lang: Lang, trace?: TraceHook): Generator<EligibilityResult> {
  const ctx = createContext(data, index, asOf, lang, trace);
  const full: EligibilityRequest = { ...request, names: [] };
  const designations = designationsFor(data, full);
  const central = centralFor(index, full, designations);
  for (const m of allMunicipalities(index)) {
    const subject = { municipality: m, members: [m], derived: [], twin: null };
    // The central city of a partner check is not its own partner.
    if (central && central.members.some((c) => c.id === m.id)) continue;
    yield evaluateSubject(ctx, subject, designations, central);
  }
}
