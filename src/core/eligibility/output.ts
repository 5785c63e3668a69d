import { where, type EligibilityContext } from './context.js';
import type { SubjectFigures } from './figures.js';
import { publishedAfter } from './census.js';
import type { CensusInfo, Figure, Municipality, NumberFigure } from './model.js';
import { round4 } from './text.js';
import type { CensusOut, CriterionResult, CriterionStatus, DesignationResult, EligibilityResult, FigureOut, HeldOut } from './types.js';

/**
 * The result's shapes, in the JSON contract's key order (§6 `eligibility`), so the output is
 * byte-stable: the municipality block, one row per criterion, a designation's result, the
 * figures block (each figure with its source, or where to get it). Builds objects from what
 * the other stages decided; decides nothing itself.
 */

/** A criterion's outcome before its row is written (criteria.ts decides it). */
export interface Outcome {
  status: CriterionStatus;
  actual: number | string | null;
  atLeast?: boolean;
  note?: string;
  /** The figure compared, whose source, layer and census the row carries. */
  figure?: Figure<unknown> | null;
  /** Its census was published after --as-of. */
  afterAsOf?: boolean;
  alternative?: CriterionResult['alternative'];
  /** The figure rests on a secondary source alone: why. */
  unconfirmed?: string;
}

/** A census figure's census as results show it (null when the figure is not a census figure). */
export function censusOut(c: CensusInfo | undefined, afterAsOf: boolean): CensusOut | undefined {
  if (!c) return undefined;
  const out: CensusOut = { year: c.year, kind: c.kind };
  if (c.basis) out.basis = c.basis;
  if (c.published) out.published = c.published;
  if (afterAsOf) out.afterAsOf = true;
  return out;
}

/** What a criterion's row says besides its outcome (the same for every municipality that day). */
export interface RowWords {
  required: string;
  citation: string;
  name: string;
  effectiveFrom: string | null;
}

/**
 * The result's municipality block: name, merged, code?, prefecture?, kind, in that order. Built
 * as one literal (not extended key by key) so each of the thousands of results in a batch is
 * one object without a separate property store.
 */
export function municipalityOut(m: Municipality, merged: string[]): EligibilityResult['municipality'] {
  const kind = m.kind?.value ?? null;
  if (m.code) {
    return m.prefecture ? { name: m.name, merged, code: m.code, prefecture: m.prefecture, kind } : { name: m.name, merged, code: m.code, kind };
  }
  return m.prefecture ? { name: m.name, merged, prefecture: m.prefecture, kind } : { name: m.name, merged, kind };
}

/**
 * A criterion's row with its keys in the contract's order. The usual key sets are written as
 * whole literals: a key added to an object afterwards goes to a separate property store (40
 * bytes more for each of the tens of thousands of rows of a batch, all kept until the result
 * is returned); rarer sets (a lower bound, a missing figure) are built key by key.
 */
export function criterionOut(id: string, single: Outcome, plan: RowWords, guideline: boolean, note: string | undefined, missing: string | null): CriterionResult {
  const { status, actual } = single;
  const { required, citation, name, effectiveFrom } = plan;
  const figure = actual !== null ? single.figure : undefined;
  if (!figure && !single.atLeast && !missing) {
    if (guideline) {
      if (effectiveFrom) {
        return note === undefined
          ? { id, status, actual, required, citation, name, effectiveFrom, guideline: true }
          : { id, status, actual, required, citation, name, effectiveFrom, guideline: true, note };
      }
      return note === undefined ? { id, status, actual, required, citation, name, guideline: true } : { id, status, actual, required, citation, name, guideline: true, note };
    }
    if (effectiveFrom) {
      return note === undefined ? { id, status, actual, required, citation, name, effectiveFrom } : { id, status, actual, required, citation, name, effectiveFrom, note };
    }
    return note === undefined ? { id, status, actual, required, citation, name } : { id, status, actual, required, citation, name, note };
  }
  const out: CriterionResult = { id, status, actual, required, citation, name };
  if (effectiveFrom) out.effectiveFrom = effectiveFrom;
  if (single.atLeast) out.atLeast = true;
  if (guideline) out.guideline = true;
  if (note !== undefined) out.note = note;
  if (missing) out.missing = missing;
  if (figure) {
    // A row with its figure's source, layer and census (contract §7), after the keys above.
    if (figure.source) out.source = figure.source;
    if (figure.layer) out.layer = figure.layer;
    const census = censusOut(figure.census, single.afterAsOf === true);
    if (census) out.census = census;
    if (single.unconfirmed) out.unconfirmed = single.unconfirmed;
    if (single.alternative) out.alternative = single.alternative;
  }
  return out;
}

const KEY_ORDER: (keyof CriterionResult)[] = ['id', 'status', 'actual', 'required', 'citation', 'name', 'effectiveFrom', 'atLeast', 'guideline', 'replacedBy', 'note', 'missing', 'source', 'layer', 'census', 'unconfirmed', 'alternative'];

/**
 * The criterion with its keys in the contract's order (copied only when they are not already),
 * so the JSON is byte-stable. Rows are built in that order; this puts back in order a row that a
 * special case amended. The check walks KEY_ORDER alongside the object's keys.
 */
function canonical(c: CriterionResult): CriterionResult {
  let j = 0;
  let ordered = true;
  for (const k in c) {
    while (j < KEY_ORDER.length && KEY_ORDER[j] !== k) j++;
    if (j === KEY_ORDER.length || (c as unknown as Record<string, unknown>)[k] === undefined) {
      ordered = false;
      break;
    }
    j++;
  }
  if (ordered) return c;
  const out: Record<string, unknown> = {};
  for (const k of KEY_ORDER) if (c[k] !== undefined) out[k] = c[k];
  return out as unknown as CriterionResult;
}

/**
 * The rows of one designation, filled in order into an array of the most rows it can have
 * (pushing onto an empty array reserves 17 slots, and this runs for every designation of every
 * municipality); the array itself becomes the result's criteria.
 */
export class Rows {
  readonly items: CriterionResult[];
  length = 0;
  /**
   * Whether a key was added to a row after it was built (a special case's note or replacedBy):
   * rows are built with their keys in the contract's order, so only then can the order be off.
   */
  amended = false;
  constructor(capacity: number) {
    this.items = new Array<CriterionResult>(capacity);
  }
  push(out: CriterionResult): void {
    this.items[this.length++] = out;
  }
  at(i: number): CriterionResult {
    return this.items[i]!;
  }
  /** The rows with their keys in the contract's order (the array itself, cut to the rows filled). */
  criteria(): CriterionResult[] {
    const out = this.items;
    out.length = this.length;
    if (this.amended) for (let i = 0; i < out.length; i++) out[i] = canonical(out[i]!);
    return out;
  }
}

/**
 * One designation's result as one literal in the contract's key order (designation, eligible,
 * held?, criteria, name, centralCity?, steps, notes?) rather than keys added one by one: one
 * object per result, no property store.
 */
export function designationOut(
  id: string,
  eligible: boolean | null,
  held: HeldOut | undefined,
  criteria: CriterionResult[],
  name: string,
  centralCity: string | undefined,
  steps: DesignationResult['steps'],
  notes: string[] | undefined,
): DesignationResult {
  let result: DesignationResult;
  if (held) result = centralCity !== undefined ? { designation: id, eligible, held, criteria, name, centralCity, steps } : { designation: id, eligible, held, criteria, name, steps };
  else result = centralCity !== undefined ? { designation: id, eligible, criteria, name, centralCity, steps } : { designation: id, eligible, criteria, name, steps };
  if (notes) result.notes = notes;
  return result;
}

/** The figures block: what the checks read, each with its source (a partner check: the share to the central city only). */
export function figuresOut(ctx: EligibilityContext, figs: SubjectFigures, partner: boolean, reads: Set<string>): FigureOut[] {
  const f = figs.self;
  const m = f.municipality;
  if (partner) return [figureOut(ctx, m, 'commuteShare', f.commuteShare, 'commuteShare', true)];
  // Only the figures the designations checked read (a 定住自立圏 check does not list the share to the metro cores).
  const out: FigureOut[] = [];
  if (reads.has('kind')) out.push(figureOut(ctx, m, 'kind', m.kind, 'kind'));
  if (reads.has('population')) out.push(figureOut(ctx, m, 'population', f.population, 'population'));
  if (reads.has('dayNightRatio')) out.push(figureOut(ctx, m, 'dayNightRatio', f.dayNightRatio, 'dayNightRatio', true));
  if (reads.has('area')) out.push(figureOut(ctx, m, 'area', f.area, 'area'));
  if (reads.has('metroArea')) out.push(figureOut(ctx, m, 'metroArea', m.metroArea, 'metroArea'));
  if (reads.has('metroCoreCommuteShare')) out.push(figureOut(ctx, m, 'metroCoreCommuteShare', f.metroCoreCommuteShare, 'metroCoreCommuteShare', true));
  const t = figs.twin;
  if (t) {
    if (reads.has('twin:population')) out.push(figureOut(ctx, m, `twin:population`, t.population, 'population'));
    if (reads.has('twin:dayNightRatio')) out.push(figureOut(ctx, m, `twin:dayNightRatio`, t.dayNightRatio, 'dayNightRatio', true));
    if (reads.has('twin:metroArea')) out.push(figureOut(ctx, m, `twin:metroArea`, t.municipality.metroArea, 'metroArea'));
  }
  return out;
}

/** One figure of the block: figure, value, source, then derivation (a figure computed) or where (a figure missing). */
function figureOut(ctx: EligibilityContext, m: Municipality, figure: string, f: NumberFigure | Figure<string> | null, whereKey: keyof typeof ctx.index.figureSources, round = false): FigureOut {
  let o: FigureOut;
  if (f) {
    const value = round && typeof f.value === 'number' ? round4(f.value) : f.value;
    o = f.derivation ? { figure, value, source: f.source, derivation: f.derivation } : { figure, value, source: f.source };
    if (f.layer) o.layer = f.layer;
    const census = censusOut(f.census, f.census ? publishedAfter(f.census, ctx.asOf) : false);
    if (census) o.census = census;
    if (f.unconfirmed) o.unconfirmed = f.unconfirmed;
  } else {
    const w = where(ctx, whereKey, m.prefecture);
    o = w ? { figure, value: null, source: null, where: w } : { figure, value: null, source: null };
  }
  ctx.trace?.({ type: 'figure', municipality: m.name, figure, value: o.value, source: o.source, ...(o.derivation ? { derivation: o.derivation } : {}), ...((f as NumberFigure | null)?.atLeast ? { atLeast: true } : {}) });
  return o;
}
