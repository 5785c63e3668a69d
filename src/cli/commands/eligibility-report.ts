import type { TraceHook } from '../../core/eligibility/types.js';
import { comparisonKey } from '../../report/html/comparison-key.js';
import type { Comparison } from '../../report/html/eligibility.js';

/** What the HTML report and the workbook of `kouiki eligibility` are told besides the results (shared with --all). */

/**
 * The reports draw each figure against its threshold: the comparisons the engine made, from its
 * trace (no trace, and an empty map, when no report is asked for).
 */
export function reportTrace(wanted: boolean): { trace: TraceHook | undefined; comparisons: Map<string, Comparison> } {
  const comparisons = new Map<string, Comparison>();
  let subject = '';
  const trace: TraceHook | undefined = wanted
    ? (e) => {
        if (e.type === 'subject') subject = e.municipality;
        else if (e.type === 'parameter' && e.parameter === 'tolerance' && typeof e.value === 'number') comparisons.set(comparisonKey(subject, e.designation, e.criterion), { op: '', threshold: null, tolerance: e.value });
        else if (e.type === 'criterion') {
          const key = comparisonKey(subject, e.designation, e.criterion);
          const tolerance = comparisons.get(key)?.tolerance;
          comparisons.set(key, { op: e.op, threshold: e.right, ...(tolerance !== undefined ? { tolerance } : {}) });
        }
      }
    : undefined;
  return { trace, comparisons };
}

/** What was asked, for the cover of a report: the names and the options as typed. */
export function askedOf(names: string[], opts: Record<string, unknown>, lang: 'ja' | 'en'): string {
  const flags: string[] = [];
  for (const [key, flag] of [
    ['merge', '--merge'],
    ['designation', '--designation'],
    ['twin', '--twin'],
    ['partnerOf', '--partner-of'],
    ['population', '--population'],
    ['dayNightRatio', '--day-night-ratio'],
    ['metroArea', '--metro-area'],
    ['metroCoreCommuteShare', '--metro-core-commute-share'],
    ['kind', '--kind'],
  ] as const) {
    const v = opts[key];
    if (v === undefined) continue;
    flags.push(`${flag} ${Array.isArray(v) ? v.join(',') : String(v)}`);
  }
  if (opts.partners === true) flags.push('--partners');
  const who = names.length > 0 ? names.join(lang === 'ja' ? '、' : ', ') : lang === 'ja' ? '数値で与えた市' : 'a city given by its figures';
  const tail = flags.length > 0 ? ` (${flags.join(' ')})` : '';
  return lang === 'ja' ? `${who}の指定要件の判定${tail}` : `designation criteria of ${who}${tail}`;
}
