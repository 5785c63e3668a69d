/**
 * Designation eligibility — the engine behind `kouiki eligibility`, `kouiki check`
 * (central-city-eligibility, partner-commuting) and `kouiki explain`. This file runs the stages
 * in order; each stage is a file of its own:
 *
 *   1. resolve.ts      the request → subjects (municipalities, a merger via merge.ts, figures
 *                      given as flags, the twin, the central city) and the designations
 *   2. figures.ts      every figure the checks read, computed once per subject (commuting
 *                      shares via commuting.ts)
 *   3. designation.ts  each designation: criteria.ts for each criterion, exceptions.ts for the
 *                      special cases
 *   4. output.ts       the result in the contract's key order, with the figures block
 *
 *   (context.ts: the evaluation's pack, index, day, language and trace; text.ts: numbers and
 *   words; model.ts / index.ts: the municipality data and its layers; types.ts: the results.)
 *
 * API (pure and synchronous: no I/O, no clock, no printing):
 *
 *   evaluateEligibility(pack, index, request, asOf, lang, trace?) → EligibilityResult[]
 *     pack     PackData (designations.yaml lands in pack.extra.designations; settings.tolerance)
 *     index    MunicipalityIndex: every municipality of Japan by name/code with the embedded
 *              figures and any data files laid over it (src/io/load-municipalities.ts
 *              `loadMunicipalities` builds it; `buildIndex` from already-parsed layers)
 *     request  { names, figures?, merge?, twin?, partnerOf?, partners?, designations? }
 *     asOf     YYYY-MM-DD: the criteria in force that day (dated thresholds, windows, schemes)
 *     lang     labels, requirements and notes in 'ja' or 'en' (ids stay English)
 *     trace    optional hook receiving TraceEvent (figures with sources, parameters with their
 *              effective dates, comparisons with both operands, exceptions, replacements)
 *   Throws UserError (exit 2) for a name not found (with suggestions), an ambiguous name, a
 *   merge with itself or with an unknown municipality, an unknown designation id.
 *
 *   createContext(pack, index, asOf, lang, trace?) → EligibilityContext
 *   subjectFor(index, name, request, lang) → Subject                  the lookup and merger
 *   evaluateSubject(ctx, subject, designations, central?) → EligibilityResult   one subject
 *   resolveMunicipality(index, name) → Municipality                   the lookup, throwing
 *
 *   For a draft (`kouiki check`): parse it, `layerFromParsed(parsed, ['municipalities'], file)`
 *   (src/io/municipalities.ts), then `new MunicipalityIndex(embeddedBase())` and
 *   `index.applyLayer(layer)`, which returns positioned problems instead of throwing.
 *
 * Every criterion is evaluated (no short-circuit), so "why not X?" is always answerable.
 */
import type { Lang } from '../../i18n/lang.js';
import type { Designation } from '../../pack/designations-schema.js';
import type { PackData } from '../../pack/model.js';
import { commutersByShare } from './commuting.js';
import { criterionAbsent } from './criteria.js';
import { createContext, type EligibilityContext } from './context.js';
import { evaluateDesignation } from './designation.js';
import { subjectFigures } from './figures.js';
import type { MunicipalityIndex } from './index.js';
import type { Subject } from './model.js';
import { figuresOut, municipalityOut } from './output.js';
import { assertNotCentral, centralFor, designationsFor, partnerDesignationsFor, subjectFor, type EligibilityRequest } from './resolve.js';
import { withinReach } from './reach.js';
import { designationReads } from './reads.js';
import type { EligibilityResult, TraceHook } from './types.js';

// The engine's public face: what the CLI, `check` and `explain` import.
export { combine, roundKeeping, STATUS_ORDER } from './criteria.js';
export { createContext, type EligibilityContext } from './context.js';
export { dayBefore } from './exceptions.js';
export type { Subject } from './model.js';
export { resolveMunicipality, subjectFor, type EligibilityRequest, type FigureOverrides } from './resolve.js';

/**
 * Evaluates a request: each named municipality (or the merger, or the figures given) against
 * each designation, or — with `partners` — every municipality in the data that commutes to it.
 */
export function evaluateEligibility(data: PackData, index: MunicipalityIndex, request: EligibilityRequest, asOf: string, lang: Lang, trace?: TraceHook): EligibilityResult[] {
  const ctx = createContext(data, index, asOf, lang, trace);
  const names: (string | null)[] = request.names.length > 0 ? request.names : [null];
  const results: EligibilityResult[] = [];
  if (request.partners) {
    const partnerDesignations = partnerDesignationsFor(data, request);
    for (const name of names) {
      const central = subjectFor(index, name, { ...request, figures: undefined }, lang, asOf);
      for (const p of commutersByShare(ctx, central)) {
        results.push(evaluateSubject(ctx, { municipality: p, members: [p], derived: [], twin: null }, partnerDesignations, central));
      }
    }
    return results;
  }
  const designations = designationsFor(data, request);
  const central = centralFor(index, request, designations);
  // Without --designation: the designations within each city's reach (reach.ts), the others named.
  const reach = !(request.designations && request.designations.length > 0);
  for (const name of names) {
    const subject = subjectFor(index, name, request, lang, asOf);
    if (central) assertNotCentral(subject, central);
    results.push(evaluateSubject(ctx, subject, designations, central, reach));
  }
  return results;
}

/**
 * One subject against the given designations (partner ones measured to `central`); with
 * `reach`, only those within its reach, in the order to report them (reach.ts). The figures
 * block lists what the designations checked read.
 */
export function evaluateSubject(ctx: EligibilityContext, s: Subject, designations: Designation[], central?: Subject, reach = false): EligibilityResult {
  const m = s.municipality;
  const merged = s.members.map((x) => x.name);
  ctx.trace?.({ type: 'subject', municipality: m.name, merged, asOf: ctx.asOf });
  const figs = subjectFigures(ctx, s, central);
  const r = reach ? withinReach(ctx, designations, s) : { checked: designations, notChecked: [] };
  const reads = new Set<string>();
  for (const d of r.checked) for (const id of designationReads(d, (c) => !criterionAbsent(ctx, c))) reads.add(id);
  const result: EligibilityResult = {
    municipality: municipalityOut(m, merged),
    designations: r.checked.map((d) => evaluateDesignation(ctx, d, s, figs, central)),
  };
  if (r.notChecked.length > 0) result.notChecked = r.notChecked;
  result.figures = figuresOut(ctx, figs, central !== undefined, reads);
  if (s.derived.length > 0) result.derived = s.derived;
  if (m.notes.length > 0) result.notes = [...m.notes];
  return result;
}
