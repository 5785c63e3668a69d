import { figuresRead } from '../eligibility/reads.js';
import { fill, type Lang } from '../../i18n/lang.js';
import type { Criterion, Designation, Exception } from '../../pack/designations-schema.js';
import type { PackData } from '../../pack/model.js';
import type { DatedValue } from '../../pack/schema.js';
import { packDesignations } from '../../pack/model.js';
import { formatRef } from '../citation.js';
import { combine, evaluateEligibility, resolveMunicipality, subjectFor, type EligibilityRequest } from '../eligibility/evaluate.js';
import { dayNightRatioOf } from '../eligibility/figures.js';
import { round4 } from '../eligibility/text.js';
import type { MunicipalityIndex } from '../eligibility/index.js';
import type { CriterionResult, CriterionStatus, DesignationResult, TraceEvent } from '../eligibility/types.js';
import { readDated } from './params.js';
import type { CriterionTrace, EligibilityExplanation, ExceptionTrace, ParameterRead } from './types.js';

/**
 * The trace of one eligibility result (`kouiki explain NAME --designation ID`): runs the
 * eligibility engine with its trace hook for one municipality (or merger, or figures) and one
 * designation, and lays out everything the result rests on. Pure and synchronous, like the
 * engine; the CLI resolves the request exactly as `kouiki eligibility` does.
 *
 * Parameter ids are paths into the pack (`designations/core-city/criteria/population/threshold`),
 * the same paths a rule test's `parameter:` case reads.
 */

const W = {
  setting: { ja: 'パックの設定（法令の値ではない）。おおむねの基準を下回っても、その幅の内なら境界（borderline）', en: "the pack's setting (not a legal value): below an おおむね threshold by less than this fraction is borderline" },
  kindsNote: { ja: '比較する団体の種類', en: 'the municipality kinds compared with' },
  standardNote: { ja: '出典が要件と並べて示す基準: 要件を満たし基準に届かなければ注記する', en: 'the standard the source names beside the requirement: met requirement, standard not reached → a note' },
  floorNote: { ja: '出典自身が示す幅: 基準未満でもこれを満たせば境界（borderline）', en: 'a band the source states itself: below the threshold but meeting this is borderline' },
  window: { ja: '特例の期間: {from} から {last} まで', en: 'the period of the special case: {from} through {last}' },
  windowOpen: { ja: '特例の期間: {from} から', en: 'the period of the special case: from {from}' },
  allPass: { ja: 'すべての基準を満たすか対象外', en: 'every criterion passes or is not applicable' },
  withRoute: { ja: '（{by} が {ids} に代わる）', en: ' ({by} stands in for {ids})' },
  fails: { ja: '満たさない基準: {ids}', en: 'not met: {ids}' },
  undecided: { ja: '満たさない基準はないが、未決: {ids}', en: 'nothing fails, but undecided: {ids}' },
  given: { ja: '指定された数値', en: 'figures given' },
} as const;

interface Located {
  c: Criterion;
  e?: Exception;
  path: string;
}

/** Every criterion of the designation with its path in the pack (base criteria first). */
function locate(d: Designation): Map<string, Located> {
  const out = new Map<string, Located>();
  for (const c of d.criteria) out.set(c.id, { c, path: `designations/${d.id}/criteria/${c.id}` });
  for (const e of d.exceptions ?? []) {
    for (const c of e.criteria) if (!out.has(c.id)) out.set(c.id, { c, e, path: `designations/${d.id}/exceptions/${e.id}/criteria/${c.id}` });
  }
  return out;
}

export function explainEligibility(data: PackData, index: MunicipalityIndex, request: EligibilityRequest, asOf: string, lang: Lang): EligibilityExplanation {
  const events: TraceEvent[] = [];
  const results = evaluateEligibility(data, index, request, asOf, lang, (e) => void events.push(e));
  const r = results[0]!;
  const dr = r.designations[0]!;
  const d = packDesignations(data).find((x) => x.id === dr.designation)!;
  const cite = (ref: Parameters<typeof formatRef>[0]): string => formatRef(ref, data, lang);
  const tolerance = data.manifest.settings?.tolerance ?? 0;
  const located = locate(d);
  const exceptionById = new Map((d.exceptions ?? []).map((e) => [e.id, e]));

  // ── the municipality
  const kindFigure = r.figures?.find((f) => f.figure === 'kind');
  const municipality: EligibilityExplanation['municipality'] = { name: r.municipality.name, merged: r.municipality.merged };
  if (r.municipality.code) municipality.code = r.municipality.code;
  if (r.municipality.prefecture) municipality.prefecture = r.municipality.prefecture;
  if (r.municipality.kind !== undefined) municipality.kind = r.municipality.kind;
  if (kindFigure?.source) municipality.source = kindFigure.source;
  if (r.notes && r.notes.length > 0) municipality.notes = r.notes;

  const designation: EligibilityExplanation['designation'] = { id: d.id, name: d.name[lang], citation: cite(d.basis), summary: d.summary[lang] };
  if (dr.centralCity) designation.centralCity = dr.centralCity;
  if (request.twin !== undefined) designation.twin = resolveMunicipality(index, request.twin).name;

  // ── the figures this designation reads
  const critEvents = new Map<string, Extract<TraceEvent, { type: 'criterion' }>>();
  const excEvents = new Map<string, Extract<TraceEvent, { type: 'exception' }>[]>();
  const replaceEvents: Extract<TraceEvent, { type: 'replace' }>[] = [];
  const figureEvents = new Map<string, Extract<TraceEvent, { type: 'figure' }>>();
  const paramEvents: Extract<TraceEvent, { type: 'parameter' }>[] = [];
  for (const e of events) {
    if (e.type === 'criterion') critEvents.set(e.criterion, e);
    else if (e.type === 'exception') excEvents.set(e.exception, [...(excEvents.get(e.exception) ?? []), e]);
    else if (e.type === 'replace') replaceEvents.push(e);
    else if (e.type === 'figure') figureEvents.set(e.figure, e);
    else if (e.type === 'parameter') paramEvents.push(e);
  }
  const used = new Set<string>();
  let readsFormer = false;
  for (const { c } of located.values()) {
    const f = figuresRead(c);
    for (const x of f.self) used.add(x);
    for (const x of f.twin) used.add(`twin:${x}`);
    readsFormer ||= f.former;
  }
  for (const e of d.exceptions ?? []) if (e.applies.kinds) used.add('kind');
  if ((d.notes ?? []).some((n) => n.when === 'in-metro')) used.add('metroArea');
  const figures: EligibilityExplanation['figures'] = [];
  for (const f of r.figures ?? []) {
    if (!used.has(f.figure)) continue;
    const out: EligibilityExplanation['figures'][number] = { id: f.figure, value: f.value, source: f.source };
    if (f.derivation) out.derived = f.derivation;
    if (f.where) out.where = f.where;
    if (figureEvents.get(f.figure)?.atLeast) out.atLeast = true;
    figures.push(out);
  }
  if (readsFormer) {
    // The merged-city rule reads the former municipalities' own figures.
    const subject = subjectFor(index, request.names[0] ?? null, request, lang);
    for (const former of subject.municipality.mergedFrom ?? []) {
      const ratio = dayNightRatioOf(former, lang);
      const pop: EligibilityExplanation['figures'][number] = { id: `former:${former.name}:population`, value: former.population?.value ?? null, source: former.population?.source ?? null };
      const dn: EligibilityExplanation['figures'][number] = { id: `former:${former.name}:dayNightRatio`, value: ratio ? round4(ratio.value) : null, source: ratio?.source ?? null };
      if (ratio?.derivation) dn.derived = ratio.derivation;
      figures.push(pop, dn);
    }
  }

  // ── parameters, in the order of the pack file
  const parameters: ParameterRead[] = [];
  const read = new Set(paramEvents.map((p) => `${p.criterion}|${p.parameter}`));
  const undated = (id: string, value: unknown, citation: string, note: string): ParameterRead => ({ id, value, from: null, until: null, citation, kind: 'law', note, undated: true });
  if (d.inForce) {
    const on = asOf >= d.inForce.from;
    // A start date the reference gives as a year only is applied, but never shown as certain.
    const doubtful = d.inForce.ref.status === 'unconfirmed';
    const start: NonNullable<ParameterRead['history']>[number] = { from: d.inForce.from, value: 'in-force', citation: cite(d.inForce.ref) };
    if (doubtful) start.unconfirmed = true;
    const p: ParameterRead = {
      id: `designations/${d.id}/inForce`,
      value: on ? 'in-force' : 'not-yet',
      from: on && !doubtful ? d.inForce.from : null,
      until: on ? null : d.inForce.from,
      history: [{ from: null, value: 'not-yet' }, start],
      citation: cite(d.inForce.ref),
      kind: 'law',
    };
    if (on && doubtful) p.recordedFrom = d.inForce.from;
    if (d.inForce.note) p.note = d.inForce.note[lang];
    parameters.push(p);
  }
  let readsTolerance = false;
  const criterionParams = (c: Criterion, path: string, evaluated: boolean): void => {
    if (c.kinds && evaluated) parameters.push(undated(`${path}/kinds`, c.kinds, cite(c.ref), W.kindsNote[lang]));
    if (c.threshold && evaluated) parameters.push(readDated(`${path}/threshold`, c.threshold as DatedValue, asOf, data, lang));
    if (c.floor && evaluated) parameters.push(undated(`${path}/floor`, `${c.floor.op} ${c.floor.value}`, cite(c.ref), `${c.floor.words[lang]} — ${W.floorNote[lang]}`));
    if (c.standard && evaluated) parameters.push(undated(`${path}/standard`, c.standard.value, cite(c.ref), `${c.standard.words[lang]} — ${W.standardNote[lang]}`));
    if (c.exemptIf && evaluated) parameters.push(readDated(`${path}/exemptIf/threshold`, c.exemptIf.threshold as DatedValue, asOf, data, lang));
    if (c.approx === 'tolerance' && evaluated) readsTolerance = true;
  };
  for (const c of d.criteria) criterionParams(c, `designations/${d.id}/criteria/${c.id}`, true);
  for (const e of d.exceptions ?? []) {
    const base = `designations/${d.id}/exceptions/${e.id}`;
    if (e.applies.kinds) parameters.push(undated(`${base}/applies/kinds`, e.applies.kinds, cite(e.ref), W.kindsNote[lang]));
    if (e.window) {
      const p = readDated(`${base}/window`, e.window as DatedValue, asOf, data, lang);
      const first = Object.keys(e.window.values).sort()[0]!;
      const span = e.window.until ? fill(W.window[lang], { from: first, last: dayBefore(e.window.until) }) : fill(W.windowOpen[lang], { from: first });
      p.note = p.note ? `${span}; ${p.note}` : span;
      parameters.push(p);
    }
    // A route's own criteria are read only when the route is open to the city.
    for (const c of e.criteria) criterionParams(c, `${base}/criteria/${c.id}`, read.has(`${c.id}|threshold`) || critEvents.has(c.id));
  }
  if (readsTolerance) {
    parameters.push({ id: 'settings/tolerance', value: tolerance, from: null, until: null, citation: 'pack.yaml settings.tolerance', kind: 'setting', note: W.setting[lang] });
  }

  // ── criteria, each with both operands and the comparison
  const paramValue = (id: string): unknown => parameters.find((p) => p.id === id)?.value ?? null;
  const criteria: CriterionTrace[] = dr.criteria.map((cr) => criterionTrace(cr, d, located.get(cr.id), exceptionById.get(cr.id), critEvents.get(cr.id), paramValue, tolerance));

  // ── special cases
  const exceptions: ExceptionTrace[] = (d.exceptions ?? []).map((e) => {
    const evs = excEvents.get(e.id) ?? [];
    const applies = evs.find((x) => x.applies === 'closed' || x.applies === 'unknown')?.applies ?? 'open';
    const reason = evs.find((x) => x.reason)?.reason;
    const routeEvent = evs.find((x) => x.route !== undefined)?.route;
    const own = e.criteria.map((c) => critEvents.get(c.id)?.status).filter((s): s is CriterionStatus => s !== undefined);
    const route: CriterionStatus | undefined = applies === 'closed' ? undefined : (routeEvent ?? (e.criteria.length === 0 ? (applies === 'open' ? 'pass' : 'unknown') : combine(own)));
    const replaced = replaceEvents.filter((x) => x.by === e.id).map((x) => ({ criterion: x.criterion, from: x.from, to: x.to }));
    let outcome: ExceptionTrace['outcome'];
    if (applies === 'closed') outcome = 'closed';
    else if (routeEvent === undefined) outcome = 'not-needed';
    else outcome = routeEvent === 'pass' ? 'replaced' : routeEvent === 'fail' ? 'failed' : 'undecided';
    const out = { id: e.id, name: e.name[lang], replaces: e.replaces, applies } as ExceptionTrace;
    if (reason) out.reason = reason;
    if (route !== undefined) out.route = route;
    out.outcome = outcome;
    out.replaced = replaced;
    out.citation = cite(e.ref);
    if (e.note) out.note = e.note[lang];
    return out;
  });

  return {
    kind: 'eligibility',
    municipality,
    designation,
    ...(r.derived && r.derived.length > 0 ? { derived: r.derived } : {}),
    figures,
    parameters,
    criteria,
    exceptions,
    eligible: dr.eligible,
    because: because(dr, exceptions, lang),
    steps: dr.steps ?? [],
    notes: dr.notes ?? [],
    result: dr,
  };
}

function dayBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

function criterionTrace(
  cr: CriterionResult,
  d: Designation,
  loc: Located | undefined,
  route: Exception | undefined,
  ev: Extract<TraceEvent, { type: 'criterion' }> | undefined,
  paramValue: (id: string) => unknown,
  tolerance: number,
): CriterionTrace {
  const out = { id: cr.id } as CriterionTrace;
  if (cr.name) out.name = cr.name;
  out.status = cr.status;
  if (ev && ev.status !== cr.status) out.statusBefore = ev.status;
  out.actual = cr.actual;
  out.required = cr.required;
  let comparison: CriterionTrace['comparison'];
  if (cr.id === 'in-force' && d.inForce) {
    comparison = { op: '>=', threshold: d.inForce.from, parameter: `designations/${d.id}/inForce` };
  } else if (loc) {
    const { c, path } = loc;
    if (c.test === 'kind-in') comparison = { op: 'in', threshold: c.kinds ?? [], parameter: `${path}/kinds` };
    else if (c.test === 'outside-metro') comparison = { op: '=', threshold: 'none' };
    else if (c.test === 'compare' && c.op) {
      const t = paramValue(`${path}/threshold`);
      comparison = { op: c.op, threshold: typeof t === 'number' ? t : null };
      if (c.approx === 'tolerance') {
        comparison.tolerance = tolerance;
        if (typeof t === 'number') comparison.borderlineAbove = round4(t * (1 - tolerance));
      }
      if (c.floor) comparison.floor = { op: c.floor.op, value: c.floor.value };
      comparison.parameter = `${path}/threshold`;
    }
    if (loc.e) out.exception = loc.e.id;
  } else if (route) {
    // The row of a special case itself (a route without criteria of its own, or one not open).
    out.exception = route.id;
    if (route.applies.kinds && route.criteria.length === 0) comparison = { op: 'in', threshold: route.applies.kinds, parameter: `designations/${d.id}/exceptions/${route.id}/applies/kinds` };
  }
  if (comparison) out.comparison = comparison;
  if (cr.replacedBy) out.replacedBy = cr.replacedBy;
  if (cr.effectiveFrom) out.effectiveFrom = cr.effectiveFrom;
  if (cr.atLeast) out.atLeast = true;
  if (cr.guideline) out.guideline = true;
  out.citation = cr.citation;
  if (cr.note) out.note = cr.note;
  if (cr.missing) out.missing = cr.missing;
  return out;
}

function because(dr: DesignationResult, exceptions: ExceptionTrace[], lang: Lang): string {
  const ids = (xs: CriterionResult[]): string => xs.map((c) => `${c.id} (${c.status})`).join(', ');
  if (dr.eligible === false) return fill(W.fails[lang], { ids: dr.criteria.filter((c) => c.status === 'fail').map((c) => c.id).join(', ') });
  if (dr.eligible === null) return fill(W.undecided[lang], { ids: ids(dr.criteria.filter((c) => c.status === 'unknown' || c.status === 'borderline')) });
  const routes = exceptions.filter((e) => e.outcome === 'replaced');
  return `${W.allPass[lang]}${routes.map((e) => fill(W.withRoute[lang], { by: e.id, ids: e.replaced.map((x) => x.criterion).join(', ') })).join('')}`;
}
