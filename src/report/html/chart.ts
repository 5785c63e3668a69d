import type { CriterionStatus } from '../../core/eligibility/types.js';
import type { Lang } from '../../i18n/lang.js';
import { esc, html, raw, type Safe } from './html.js';

/**
 * A figure against its threshold, drawn as SVG (no script): a bar for the figure, a line at the
 * threshold with 以上/未満 written beside it, the side that passes tinted, and for an おおむね
 * criterion the band just below the threshold hatched (a figure there is borderline). The
 * status is in the bar's colour and, for black-and-white print, in its symbol and words.
 */

export type CompareOp = '>=' | '>' | '<' | '<=';

export interface ChartSpec {
  value: number | null;
  op: CompareOp;
  threshold: number;
  /** おおむね: figures in [bandFrom, threshold) are borderline. */
  bandFrom?: number;
  status: CriterionStatus;
  /** The figure is only a lower bound. */
  atLeast?: boolean;
  format: (n: number) => string;
}

export const STATUS_MARK: Record<CriterionStatus, string> = { pass: '✓', fail: '✗', borderline: '~', 'not-applicable': '–', unknown: '?' };
export const STATUS_WORD: Record<CriterionStatus, { ja: string; en: string }> = {
  pass: { ja: '適合', en: 'pass' },
  fail: { ja: '不適合', en: 'fail' },
  borderline: { ja: '境界', en: 'borderline' },
  'not-applicable': { ja: '対象外', en: 'n/a' },
  unknown: { ja: '不明', en: 'unknown' },
};
const COLOUR: Record<CriterionStatus, string> = { pass: '#007a5a', fail: '#c24e00', borderline: '#b07800', 'not-applicable': '#888', unknown: '#4d4d4d' };

const OP_WORD: Record<CompareOp, { ja: string; en: string }> = {
  '>=': { ja: '以上', en: 'or more' },
  '>': { ja: '超', en: 'more than' },
  '<': { ja: '未満', en: 'less than' },
  '<=': { ja: '以下', en: 'or less' },
};

export function isCompareOp(op: string): op is CompareOp {
  return op === '>=' || op === '>' || op === '<' || op === '<=';
}

/** "200,000 以上" / "200,000 or more" / "less than 0.1". */
export function thresholdText(op: CompareOp, threshold: string, lang: Lang): string {
  const w = OP_WORD[op][lang];
  if (lang === 'ja') return `${threshold} ${w}`;
  return op === '>=' || op === '<=' ? `${threshold} ${w}` : `${w} ${threshold}`;
}

const W = { band: { ja: 'おおむね（境界）', en: 'approximately (borderline)' }, unknown: { ja: '数値なし', en: 'no figure' }, atLeast: { ja: '以上', en: 'at least' } };

/** Rounds for the SVG (short, stable text). */
const r1 = (n: number): string => String(Math.round(n * 10) / 10);

export function thresholdChart(spec: ChartSpec, lang: Lang, id: string): Safe {
  const width = 640;
  const left = 8;
  const right = width - 8;
  const span = right - left;
  const top = 22;
  const barH = 18;
  const banded = spec.bandFrom !== undefined && spec.bandFrom < spec.threshold;
  const height = top + barH + (banded ? 36 : 22);
  const max = Math.max(spec.threshold, spec.value ?? 0, spec.bandFrom ?? 0) * 1.25 || 1;
  const x = (v: number): number => left + (Math.max(0, Math.min(v, max)) / max) * span;
  const tx = x(spec.threshold);
  const above = spec.op === '>=' || spec.op === '>';
  const colour = COLOUR[spec.status];
  const parts: string[] = [];
  // The track, and the side of the threshold that passes, tinted.
  parts.push(`<rect x="${left}" y="${top}" width="${span}" height="${barH}" fill="#f2f2f2" stroke="#ccc"/>`);
  parts.push(above ? `<rect x="${r1(tx)}" y="${top}" width="${r1(right - tx)}" height="${barH}" fill="#e3f2ec"/>` : `<rect x="${left}" y="${top}" width="${r1(tx - left)}" height="${barH}" fill="#e3f2ec"/>`);
  if (banded) {
    const bx = x(spec.bandFrom!);
    parts.push(
      `<defs><pattern id="${id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#b07800" stroke-width="2"/></pattern></defs>`,
      `<rect x="${r1(bx)}" y="${top}" width="${r1(Math.max(1.5, tx - bx))}" height="${barH}" fill="url(#${id}-hatch)" opacity="0.7"/>`,
      `<text x="${r1((bx + tx) / 2)}" y="${top + barH + 30}" text-anchor="middle" font-size="11" fill="#6b4a00">${esc(W.band[lang])}</text>`,
    );
  }
  if (spec.value !== null) {
    const vx = x(spec.value);
    parts.push(`<rect x="${left}" y="${top + 4}" width="${r1(Math.max(1, vx - left))}" height="${barH - 8}" fill="${colour}"/>`);
    const label = `${STATUS_MARK[spec.status]} ${spec.format(spec.value)}${spec.atLeast ? ` (${W.atLeast[lang]})` : ''}`;
    const anchor = vx > width * 0.6 ? 'end' : 'start';
    parts.push(`<text x="${r1(anchor === 'end' ? vx - 2 : vx + 4)}" y="${top - 6}" text-anchor="${anchor}" font-size="12" font-weight="bold" fill="${colour}">${esc(label)}</text>`);
  } else {
    parts.push(`<text x="${left + 6}" y="${top + barH - 5}" font-size="12" fill="${colour}">${esc(`${STATUS_MARK.unknown} ${W.unknown[lang]}`)}</text>`);
  }
  // The threshold line over everything, with its words.
  parts.push(`<line x1="${r1(tx)}" y1="${top - 4}" x2="${r1(tx)}" y2="${top + barH + 4}" stroke="#1a1a1a" stroke-width="2"/>`);
  const tAnchor = tx > width * 0.6 ? 'end' : 'start';
  parts.push(`<text x="${r1(tAnchor === 'end' ? tx - 4 : tx + 4)}" y="${top + barH + 15}" text-anchor="${tAnchor}" font-size="11" fill="#1a1a1a">${esc(thresholdText(spec.op, spec.format(spec.threshold), lang))}</text>`);
  return html`<div class="chart">${raw(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(thresholdText(spec.op, spec.format(spec.threshold), lang))}">`)}${raw(parts.join(''))}</svg></div>`;
}
