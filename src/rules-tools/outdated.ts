import type { ParsedYaml } from '../io/yaml.js';
import { positionIn } from './compose.js';

/** A value due for review (`kouiki rules outdated`). */
export interface ReviewItem {
  file: string;
  line: number;
  /** What the value is: `instruments/consignment`, `rules/authority`, `pack`, a dated value's path. */
  label: string;
  reviewed: string;
  /** reviewed + the pack's review interval. */
  due: string;
  /** `due`: the due date has come; `changed`: a dated change took effect after the last review. */
  reason: 'due' | 'changed';
  /** For `changed`: the effective date of the change. */
  changedOn?: string;
}

export const DEFAULT_REVIEW_MONTHS = 12;

/** YYYY-MM-DD plus whole months; the day is kept, or the month's last day when it has fewer. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Every mapping with a `reviewed:` date in the pack's files: it is due for review `everyMonths`
 * after that date, and listed when `asOf` is on or after the due date. A dated value (`values:`
 * keyed by date) is listed too when one of its changes took effect after it was last reviewed
 * and on or before `asOf`: the value in force is one nobody has checked since it changed.
 */
export function reviewItems(files: Map<string, ParsedYaml>, everyMonths: number, asOf: string): ReviewItem[] {
  const out: ReviewItem[] = [];
  for (const [file, parsed] of files) {
    const visit = (value: unknown, path: (string | number)[], label: string[]): void => {
      if (Array.isArray(value)) {
        value.forEach((v, i) => {
          const id = (v as { id?: unknown } | null)?.id;
          visit(v, [...path, i], [...label, typeof id === 'string' ? id : String(i)]);
        });
        return;
      }
      if (value === null || typeof value !== 'object') return;
      const obj = value as Record<string, unknown>;
      const reviewed = obj.reviewed;
      if (typeof reviewed === 'string' && DATE.test(reviewed)) {
        // The line of the value's own `reviewed:`, or of the default it inherits.
        const pos = positionIn(parsed, [...path, 'reviewed']);
        const name = label.length > 0 ? label.join('/') : file === 'pack.yaml' ? 'pack' : file;
        const due = addMonths(reviewed, everyMonths);
        const base = { file: pos.file, line: pos.line ?? 1, label: name, reviewed, due };
        if (asOf >= due) out.push({ ...base, reason: 'due' });
        const values = obj.values;
        if (values !== null && typeof values === 'object' && !Array.isArray(values)) {
          const changes = Object.keys(values).filter((d) => DATE.test(d) && d > reviewed && d <= asOf).sort();
          const last = changes[changes.length - 1];
          if (last) out.push({ ...base, reason: 'changed', changedOn: last });
        }
      }
      for (const [k, v] of Object.entries(obj)) if (k !== 'values') visit(v, [...path, k], [...label, k]);
    };
    visit(parsed.value, [], []);
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}
