import type { Lang } from '../../i18n/lang.js';
import type { Designation, Exception } from '../../pack/designations-schema.js';
import type { DatedEntry, DatedValue } from '../../pack/schema.js';
import { valueAt } from '../dated.js';
import { cite, memoText, where, type EligibilityContext } from './context.js';
import { combine, evaluateCriterion } from './criteria.js';
import type { SubjectFigures } from './figures.js';
import type { Subject } from './model.js';
import type { Rows } from './output.js';
import { t2 } from './text.js';
import type { CriterionResult, CriterionStatus } from './types.js';

/**
 * Special cases (exceptions, Catala's word): routes that stand in for some of a designation's
 * criteria — whether a route applies (the kinds, a merger, a twin city, a dated window), its own
 * criteria, and what it does to the criteria it replaces. Evaluated beside those criteria, never
 * instead of them: when a route passes, the replaced criterion becomes `not-applicable`
 * (`replacedBy`); when the route is undecided, a failing replaced criterion takes the route's
 * status (unknown or borderline), so `eligible` follows the contract's rule.
 */

const W = {
  closedRoute: { ja: 'この特例は適用されない: {why}', en: 'this special case does not apply: {why}' },
  unknownRoute: { ja: '特例を適用できるか不明（種類が不明）', en: 'unknown whether this special case applies (the kind is unknown)' },
  notNeeded: { ja: '不要（{ids} を自ら満たす）', en: 'not needed ({ids} met on its own)' },
  coveredBy: { ja: '不要（{ids} は特例 {by} で満たされる）', en: 'not needed ({ids} met through the special case {by})' },
  replaced: { ja: '特例 {e} で置き換え（{name}）', en: 'replaced by the special case {e} ({name})' },
  undecidedRoute: { ja: '単独では満たさないが、特例 {e}（{name}）の判定が{status}', en: 'not met on its own, and the special case {e} ({name}) is {status}' },
  routeCriteria: { ja: '特例の要件（適用される場合に評価）', en: "the special case's own criteria (checked when it applies)" },
  windowText: { ja: '{kinds}（{from} から {to} まで）', en: '{kinds} ({from} through {to})' },
  status: {
    unknown: { ja: '不明', en: 'unknown' },
    borderline: { ja: '境界', en: 'borderline' },
  },
} as const;

type RouteApplies = 'open' | 'closed' | 'unknown';

/**
 * Evaluates a designation's special cases after its own criteria (the first `rows.length` rows)
 * and lets a passing (or undecided) route stand in for the criteria it replaces. `raws` keeps
 * the own rows' statuses from before the first replacement (taken only when one happens).
 */
export function applyExceptions(ctx: EligibilityContext, d: Designation, s: Subject, figs: SubjectFigures, rows: Rows): void {
  if (!d.exceptions) return;
  const own = rows.length;
  let raws: CriterionStatus[] | undefined;
  // The rows of each route left undecided, to settle once every route is known (below).
  const undecided: { e: Exception; start: number; end: number }[] = [];
  for (const e of d.exceptions) {
    const start = rows.length;
    const applies = evaluateException(ctx, d, e, s, figs, rows);
    if (applies === 'closed') continue;
    undecided.push({ e, start, end: rows.length });
    if (replacedPass(rows, raws, own, e.replaces)) {
      for (let i = start; i < rows.length; i++) {
        const r = rows.at(i);
        if (r.status !== 'pass') {
          r.status = 'not-applicable';
          r.note = keepFigureNote(exceptionNote(ctx, e), r);
          rows.amended = true;
        }
      }
      continue;
    }
    const status = combineRows(rows, start);
    ctx.trace?.({ type: 'exception', designation: d.id, exception: e.id, applies, route: status });
    for (const id of e.replaces) {
      const i = ownRow(rows, own, id);
      if (i < 0) continue;
      const r = rows.at(i);
      if (r.status === 'pass' || r.status === 'not-applicable') continue;
      const from = r.status;
      raws ??= rows.items.slice(0, own).map((x) => x.status);
      if (status === 'pass') {
        r.status = 'not-applicable';
        r.replacedBy = e.id;
        r.note = keepFigureNote(memoText(ctx, e, 'replaced', replacedText, e, null), r);
        rows.amended = true;
      } else if ((status === 'unknown' || status === 'borderline') && from === 'fail') {
        r.status = status;
        r.note = keepFigureNote(memoText(ctx, e, status === 'unknown' ? 'undecided-unknown' : 'undecided-borderline', undecidedText, e, status), r);
        rows.amended = true;
      }
      if (r.status !== from) ctx.trace?.({ type: 'replace', designation: d.id, criterion: r.id, by: e.id, from, to: r.status });
    }
  }
  // A route left undecided is not needed when another route settled what it stands in for (the
  // 定住自立圏 small-city route once two adjacent cities over 40,000 together stand in for the
  // population): its rows must not keep the result undecided.
  for (const { e, start, end } of undecided) {
    const settledBy = e.replaces.map((id) => ownRow(rows, own, id)).filter((i) => i >= 0).map((i) => rows.at(i));
    if (settledBy.length === 0 || !settledBy.every((r) => (r.status === 'pass' || r.status === 'not-applicable') && r.replacedBy !== e.id)) continue;
    const by = settledBy.map((r) => r.replacedBy).find((x) => x !== undefined);
    if (by === undefined) continue;
    for (let i = start; i < end; i++) {
      const r = rows.at(i);
      if (r.status === 'unknown' || r.status === 'borderline') {
        r.status = 'not-applicable';
        r.note = t2(ctx.lang, W.coveredBy, { ids: e.replaces.join(', '), by });
        rows.amended = true;
      }
    }
  }
}

/**
 * The index of the own row (among the first `own`) with this id, -1 if none (the last such row,
 * as a map from id to row would give). A scan, not a map: a designation has a handful of rows,
 * and this runs for every municipality.
 */
/**
 * A replaced criterion's note: the special case's, then what the figure itself said (a census
 * published after --as-of, the raw and imputed ratios), so that replacing never hides it.
 */
function keepFigureNote(note: string, r: CriterionResult): string {
  return (r.census?.afterAsOf || r.alternative) && r.note ? `${note}; ${r.note}` : note;
}

function ownRow(rows: Rows, own: number, id: string): number {
  for (let i = own - 1; i >= 0; i--) if (rows.at(i).id === id) return i;
  return -1;
}

/** Whether every own row a special case replaces passed (or did not apply) on its own, before any replacement. */
function replacedPass(rows: Rows, raws: CriterionStatus[] | undefined, own: number, ids: string[]): boolean {
  for (const id of ids) {
    const i = ownRow(rows, own, id);
    if (i < 0) continue;
    const raw = raws ? raws[i]! : rows.at(i).status;
    if (raw !== 'pass' && raw !== 'not-applicable') return false;
  }
  return true;
}

/** `combine` of the statuses of a route's own rows (from `start`). */
function combineRows(rows: Rows, start: number): CriterionStatus {
  const statuses: CriterionStatus[] = [];
  for (let i = start; i < rows.length; i++) statuses.push(rows.at(i).status);
  return combine(statuses);
}

/** Evaluates a special case's route, appends its rows to `rows`, and says whether it applies. */
function evaluateException(ctx: EligibilityContext, d: Designation, e: Exception, s: Subject, figs: SubjectFigures, rows: Rows): RouteApplies {
  const { lang } = ctx;
  const m = s.municipality;
  let applies: RouteApplies = 'open';
  let reason: 'kind' | 'merged' | 'twin' | 'before' | 'after' | undefined;
  // The window first: a route that is closed that day is closed for everyone, and the date says
  // why (a city that was a 施行時特例市 is told the route closed on 2020-03-31, not that it is
  // open only to a 施行時特例市).
  let windowEntry: { entry: DatedEntry; from: string } | null = null;
  if (e.window) {
    windowEntry = valueAt(e.window, ctx.asOf);
    if (!windowEntry || windowEntry.entry.value !== true) {
      applies = 'closed';
      reason = ctx.asOf < firstDate(e.window) ? 'before' : 'after';
      windowEntry = null;
    } else {
      ctx.trace?.({ type: 'parameter', designation: d.id, criterion: e.id, parameter: 'window', value: windowText(ctx, e), effectiveFrom: windowEntry.from, citation: cite(ctx, windowEntry.entry.ref) });
    }
  }
  if (applies !== 'closed' && e.applies.kinds) {
    if (!m.kind) applies = 'unknown';
    else if (!e.applies.kinds.includes(m.kind.value)) {
      applies = 'closed';
      reason = 'kind';
    }
  }
  if (applies !== 'closed' && e.applies.merged && !(m.mergedFrom && m.mergedFrom.length > 0)) {
    applies = 'closed';
    reason = 'merged';
  }
  if (applies !== 'closed' && e.applies.twin && !s.twin) {
    applies = 'closed';
    reason = 'twin';
  }
  const why = reason ? (e.closed?.[reason]?.[lang] ?? reason) : undefined;
  if (applies !== 'open' || e.criteria.length === 0) {
    ctx.trace?.({ type: 'exception', designation: d.id, exception: e.id, applies, ...(why ? { reason: why } : {}) });
  }
  if (e.criteria.length === 0 || applies !== 'open') {
    // One row for the route itself: a route without criteria of its own (the 施行時特例市
    // route), or any route that is closed or undecided (its criteria are not evaluated).
    const status: CriterionStatus = applies === 'open' ? 'pass' : applies === 'closed' ? 'not-applicable' : 'unknown';
    const out: CriterionResult = {
      id: e.id,
      status,
      actual: e.applies.kinds ? (m.kind?.value ?? null) : null,
      required: e.criteria.length === 0 ? windowText(ctx, e) : W.routeCriteria[lang],
      citation: cite(ctx, windowEntry?.entry.ref ?? e.ref),
      name: e.name[lang],
    };
    if (why) out.note = memoText(ctx, e, reason!, closedText, why, null);
    else if (applies === 'unknown') {
      out.note = W.unknownRoute[lang];
      const w = where(ctx, 'kind');
      if (w) out.missing = w;
    } else if (e.note) out.note = e.note[lang];
    rows.push(out);
    return applies;
  }
  const start = rows.length;
  for (const c of e.criteria) {
    // A special case's criteria never read the commuting share to a central city.
    const out = evaluateCriterion(ctx, d, c, s, figs, false);
    if (out) rows.push(out);
  }
  if (e.note && rows.length > start) {
    const first = rows.at(start);
    first.note = first.note ? `${first.note}; ${e.note[lang]}` : e.note[lang];
    rows.amended = true;
  }
  return applies;
}

// ───────────────────────────────────────────────────────────────── words (the same for every municipality)

const exceptionNoteMemo = new WeakMap<object, { ja?: string; en?: string }>();

/** "Not needed: the criteria it replaces pass" — the same words for every municipality. */
function exceptionNote(ctx: EligibilityContext, e: Exception): string {
  let m = exceptionNoteMemo.get(e);
  if (!m) exceptionNoteMemo.set(e, (m = {}));
  return (m[ctx.lang] ??= t2(ctx.lang, W.notNeeded, { ids: e.replaces.join(', ') }));
}

const replacedText = (lang: Lang, e: Exception): string => t2(lang, W.replaced, { e: e.id, name: e.name[lang] });
const undecidedText = (lang: Lang, e: Exception, status: 'unknown' | 'borderline'): string => t2(lang, W.undecidedRoute, { e: e.id, name: e.name[lang], status: W.status[status][lang] });
const closedText = (lang: Lang, why: string): string => t2(lang, W.closedRoute, { why });

function buildWindowText(lang: Lang, e: Exception): string {
  const kinds = e.required?.[lang] ?? (e.applies.kinds ?? []).join(', ');
  if (!e.window) return kinds;
  const to = e.window.until ? dayBefore(e.window.until) : '';
  return t2(lang, W.windowText, { kinds, from: firstDate(e.window), to });
}

function windowText(ctx: EligibilityContext, e: Exception): string {
  return memoText(ctx, e, 'window', buildWindowText, e, null);
}

const firstDateMemo = new WeakMap<DatedValue, string>();

/** The earliest effective date of a dated value. */
function firstDate(dated: DatedValue): string {
  let v = firstDateMemo.get(dated);
  if (v === undefined) firstDateMemo.set(dated, (v = Object.keys(dated.values).sort()[0]!));
  return v;
}

/** YYYY-MM-DD of the day before (the last day of a window whose `until` is exclusive). */
const dayBeforeMemo = new Map<string, string>();

export function dayBefore(date: string): string {
  let out = dayBeforeMemo.get(date);
  if (out === undefined) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    out = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
    dayBeforeMemo.set(date, out);
  }
  return out;
}
