import type { Criterion, Designation } from '../../pack/designations-schema.js';
import { cite, type EligibilityContext } from './context.js';
import { criterionAbsent, eligibleOf, evaluateCriterion } from './criteria.js';
import { applyExceptions } from './exceptions.js';
import type { SubjectFigures } from './figures.js';
import type { Subject } from './model.js';
import { designationOut, Rows } from './output.js';
import { t2 } from './text.js';
import { heldOut } from './held.js';
import type { CriterionResult, DesignationResult, HeldOut } from './types.js';

/**
 * One designation for one subject (stage 3 of evaluate.ts): whether the scheme is in force that
 * day, every criterion (no short-circuit), the special cases, `eligible` by the contract's rule,
 * the notes that apply to the subject (a designation it already holds, the pack's notes) and
 * the steps that remain.
 */

const W = {
  inForceName: { ja: '制度の施行', en: 'scheme in force' },
  notInForce: { ja: 'この日（{d}）にはまだ制度がない（{from} から）', en: 'the scheme did not exist yet on {d} (from {from})' },
  lapsed: {
    ja: '指定都市は中核市の指定を受けない（中核市が指定都市に指定されると中核市の指定は効力を失う）',
    en: 'a 指定都市 does not hold the 中核市 designation (a 中核市 designated a 指定都市 loses it)',
  },
} as const;

/**
 * One designation's result; partner checks measure to `central`. Every criterion is evaluated
 * (so "why not X?" is always answerable), then the special cases (exceptions.ts).
 */
export function evaluateDesignation(ctx: EligibilityContext, d: Designation, s: Subject, figs: SubjectFigures, central?: Subject): DesignationResult {
  const { lang } = ctx;
  const rows = new Rows(rowCapacity(ctx, d));
  if (d.inForce && ctx.asOf < d.inForce.from) {
    const out: CriterionResult = {
      id: 'in-force',
      status: 'fail',
      actual: ctx.asOf,
      required: `>= ${d.inForce.from}`,
      citation: cite(ctx, d.inForce.ref),
      name: W.inForceName[lang],
      note: t2(lang, W.notInForce, { d: ctx.asOf, from: d.inForce.from }),
    };
    ctx.trace?.({ type: 'parameter', designation: d.id, criterion: 'in-force', parameter: 'in-force', value: d.inForce.from, effectiveFrom: d.inForce.from, citation: out.citation });
    rows.push(out);
  }
  for (const c of d.criteria) {
    const out = evaluateCriterion(ctx, d, c, s, figs, central !== undefined);
    if (out) rows.push(out);
  }
  applyExceptions(ctx, d, s, figs, rows);

  const criteria = rows.criteria();
  const eligible = eligibleOf(criteria);
  ctx.trace?.({ type: 'result', designation: d.id, eligible });
  // A designation already held: nothing remains to be done, and `eligible` reports today's figures.
  const held = heldOut(s.municipality, d);
  return designationOut(d.id, eligible, held, criteria, d.name[lang], central?.municipality.name, held ? [] : stepsOf(ctx, d), notesFor(ctx, d, s, held));
}

/** Notes of the designation that apply to this subject (the array only when there is one). */
function notesFor(ctx: EligibilityContext, d: Designation, s: Subject, held: HeldOut | undefined): string[] | undefined {
  const m = s.municipality;
  let notes: string[] | undefined;
  // (A designation held is said by `held`, not by a note.)
  if (!held && d.id === 'core-city' && m.designation?.kind === 'designated-city') notes = [W.lapsed[ctx.lang]];
  if (d.notes) {
    const inMetro = m.metroArea !== null && m.metroArea.value !== 'none';
    const isMerged = s.members.length > 1 || (m.mergedFrom !== null && m.mergedFrom.length > 0);
    const memberCore = s.members.length > 1 && s.members.some((x) => x.kind?.value === 'core-city');
    for (const n of d.notes) {
      const on = n.when === 'always' || (n.when === 'merged' && isMerged) || (n.when === 'in-metro' && inMetro) || (n.when === 'member-core-city' && memberCore);
      // A new array of the exact length, not push: a pushed array reserves 17 slots, and
      // thousands of results keep theirs.
      if (on) notes = notes === undefined ? [noteText(ctx, n)] : [...notes, noteText(ctx, n)];
    }
  }
  return notes;
}

/** The most rows of each designation on one context's day. */
const capacityMemo = new WeakMap<EligibilityContext, Map<Designation, number>>();

/**
 * The most rows a designation can have on the context's day: the in-force row when the scheme
 * is not yet in force, the criteria in force, and each special case's rows (one when closed).
 * Usually the exact count, so the rows need no copy.
 */
function rowCapacity(ctx: EligibilityContext, d: Designation): number {
  let memo = capacityMemo.get(ctx);
  if (!memo) capacityMemo.set(ctx, (memo = new Map()));
  let n = memo.get(d);
  if (n === undefined) {
    const present = (cs: Criterion[]): number => cs.filter((c) => !criterionAbsent(ctx, c)).length;
    n = (d.inForce && ctx.asOf < d.inForce.from ? 1 : 0) + present(d.criteria);
    for (const e of d.exceptions ?? []) n += Math.max(1, present(e.criteria));
    memo.set(d, n);
  }
  return n;
}

const stepsMemo = new WeakMap<object, { ja?: DesignationResult['steps']; en?: DesignationResult['steps'] }>();

/** A designation's remaining steps: the same for every municipality, so built once (and shared, read-only). */
function stepsOf(ctx: EligibilityContext, d: Designation): DesignationResult['steps'] {
  let m = stepsMemo.get(d);
  if (!m) stepsMemo.set(d, (m = {}));
  return (m[ctx.lang] ??= d.steps.map((st) => ({ step: st.text[ctx.lang], citation: cite(ctx, st.ref) })));
}

const noteMemo = new WeakMap<object, { ja?: string; en?: string }>();

function noteText(ctx: EligibilityContext, n: NonNullable<Designation['notes']>[number]): string {
  let m = noteMemo.get(n);
  if (!m) noteMemo.set(n, (m = {}));
  return (m[ctx.lang] ??= `${n.text[ctx.lang]} [${cite(ctx, n.ref)}]`);
}

