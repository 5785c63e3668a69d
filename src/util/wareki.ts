/**
 * Dates as planners write them: `2026-04-01`, `2026/4/1`, `2026年4月1日`, and 和暦 — `令和8年4月1日`,
 * `令和元年5月1日`, `R8.4.1`, `H27/4/1`, `平成27年4月1日` — with full-width digits and separators
 * alike. The result is the ISO date (`YYYY-MM-DD`) or why the text is not one.
 *
 * The eras' first days are those of the 元号 each began (the day after the 崩御 or the
 * 退位): an era date before its era's first day, or after the next era began, is not a date
 * (`平成31年5月1日` is 令和元年5月1日 and is refused rather than silently moved). 明治 is read
 * from 明治6年 (1873), when Japan took the Gregorian calendar: earlier 明治 dates are lunisolar.
 */

export interface Era {
  /** The name (令和) and its one-letter abbreviation (R). */
  name: string;
  letter: string;
  /** First day, ISO. */
  start: string;
}

/** Newest first. */
export const ERAS: readonly Era[] = [
  { name: '令和', letter: 'R', start: '2019-05-01' },
  { name: '平成', letter: 'H', start: '1989-01-08' },
  { name: '昭和', letter: 'S', start: '1926-12-25' },
  { name: '大正', letter: 'T', start: '1912-07-30' },
  { name: '明治', letter: 'M', start: '1873-01-01' },
];

export type DateParse = { ok: true; iso: string; era?: string } | { ok: false; why: 'format' | 'calendar' | 'era-range' };

/** Full-width digits, letters and punctuation as ASCII (NFKC leaves kanji alone). */
export function halfWidth(s: string): string {
  return s.normalize('NFKC');
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

function realDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || y < 1 || y > 9999) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  dt.setUTCFullYear(y);
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

const SEP = '[-/.・]';
const WESTERN = new RegExp(`^(\\d{4})(?:${SEP}(\\d{1,2})${SEP}(\\d{1,2})|年(\\d{1,2})月(\\d{1,2})日?)$`);
const ERA_RE = new RegExp(`^(令和|平成|昭和|大正|明治|[RHSTMrhstm])\\.?(\\d{1,2}|元)(?:${SEP}(\\d{1,2})${SEP}(\\d{1,2})|年(\\d{1,2})月(\\d{1,2})日?)$`);

/** Parses one date in any of the accepted forms (see the module comment). */
export function parseDate(input: string): DateParse {
  const s = halfWidth(input).trim().replace(/\s+/g, '');
  let m = WESTERN.exec(s);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2] ?? m[4]);
    const d = Number(m[3] ?? m[5]);
    if (!realDate(y, mo, d)) return { ok: false, why: 'calendar' };
    return { ok: true, iso: `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}` };
  }
  m = ERA_RE.exec(s);
  if (!m) return { ok: false, why: 'format' };
  const tag = m[1]!;
  const era = ERAS.find((e) => e.name === tag || e.letter === tag.toUpperCase())!;
  const n = m[2] === '元' ? 1 : Number(m[2]);
  const mo = Number(m[3] ?? m[5]);
  const d = Number(m[4] ?? m[6]);
  if (n < 1) return { ok: false, why: 'era-range' };
  const y = Number(era.start.slice(0, 4)) + n - 1;
  if (!realDate(y, mo, d)) return { ok: false, why: 'calendar' };
  const iso = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}`;
  const next = ERAS[ERAS.indexOf(era) - 1];
  if (iso < era.start || (next && iso >= next.start)) return { ok: false, why: 'era-range' };
  return { ok: true, iso, era: era.name };
}

/** The 和暦 of an ISO date (`令和8年4月1日`, `令和元年5月1日`), or null before 明治6年. */
export function toWareki(iso: string): string | null {
  for (const e of ERAS) {
    if (iso >= e.start) {
      const n = Number(iso.slice(0, 4)) - Number(e.start.slice(0, 4)) + 1;
      return `${e.name}${n === 1 ? '元' : n}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
    }
  }
  return null;
}
