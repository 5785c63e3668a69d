import { citationResolver } from '../../core/citation.js';
import type { EligibilityResult } from '../../core/eligibility/types.js';
import { idLabel } from '../../i18n/kind-labels.js';
import type { StreamRenderer } from '../stream.js';
import { comparisonKey } from '../html/comparison-key.js';
import { HELD_BELOW } from '../held-words.js';
import { aboutSheet, dateCell, loadExcel, Sources, tableSheet, workbookBytes, type CellValue } from './book.js';
import { aboutRows, type XlsxEnv } from './tasks.js';
import { SHEET, T } from './words.js';

export interface EligibilityXlsxEnv extends XlsxEnv {
  comparisons?: ReadonlyMap<string, { op: string; threshold: number | string | null }>;
}

/** Criteria and figures that are shares or ratios: shown as percentages (98.96%). */
const PERCENT_CRITERIA = new Set(['day-night-ratio', 'metro-core-commute-share', 'commute-share', 'merged-city-day-night-ratio']);
const PERCENT_FIGURES = new Set(['dayNightRatio', 'metroCoreCommuteShare', 'commuteShare']);

const STATUS = {
  pass: { ja: '✓ 適合', en: '✓ pass' },
  fail: { ja: '✗ 不適合', en: '✗ fail' },
  borderline: { ja: '~ 境界', en: '~ borderline' },
  'not-applicable': { ja: '– 対象外', en: '– n/a' },
  unknown: { ja: '? 不明', en: '? unknown' },
} as const;

const ELIGIBLE = {
  true: { ja: '✓ 要件を満たす（数値上）', en: '✓ meets the criteria (on the figures)' },
  false: { ja: '✗ 要件を満たさない', en: '✗ does not meet the criteria' },
  null: { ja: '? 判定できない', en: '? undecided' },
} as const;

/**
 * eligibility as a workbook: a summary sheet (a row per municipality and designation), a detail
 * sheet (a row per criterion: the figure, the threshold, the status, the date the threshold took
 * effect), the figures with their sources, the sources, the run's facts. A share or ratio is a
 * number formatted as a percentage, so a planner can compute with it.
 */
export async function eligibilityWorkbook(results: readonly EligibilityResult[], env: EligibilityXlsxEnv): Promise<Uint8Array> {
  const { lang } = env;
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  const sources = new Sources(env.data ? citationResolver(env.data, lang) : undefined);
  const kind = (k: string | null | undefined): string => (k ? (idLabel(k)?.[lang] ?? k) : '');
  // A designation already held is said to be held (the law has no de-designation), never "does not meet".
  const verdict = (d: EligibilityResult['designations'][number]): string =>
    d.held ? (lang === 'ja' ? `✓ 指定済み（${d.held.since ?? '指定日不明'}）` : `✓ held (since ${d.held.since ?? 'a day not given'})`) : ELIGIBLE[String(d.eligible) as 'true' | 'false' | 'null'][lang];
  const summary = results.flatMap((r) =>
    r.designations.map((d) => [r.municipality.name, r.municipality.prefecture ?? '', kind(r.municipality.kind), d.designation, d.name ?? d.designation, verdict(d), d.centralCity ?? '']),
  );
  tableSheet(
    wb,
    SHEET.summary[lang],
    [{ header: T.municipality[lang] }, { header: T.prefecture[lang] }, { header: T.kind[lang] }, { header: T.designationId[lang] }, { header: T.designation[lang], wrap: 30 }, { header: T.eligible[lang] }, { header: lang === 'ja' ? '中心市' : 'Central city' }],
    summary,
  );
  const ws = tableSheet(
    wb,
    SHEET.detail[lang],
    [
      { header: T.municipality[lang] },
      { header: T.designationId[lang] },
      { header: T.criterionId[lang] },
      { header: T.criterion[lang], wrap: 40 },
      { header: T.status[lang] },
      { header: T.actual[lang] },
      { header: T.threshold[lang] },
      { header: T.required[lang], wrap: 30 },
      { header: T.effectiveFrom[lang], numFmt: 'yyyy-mm-dd' },
      { header: T.note[lang], wrap: 60 },
      { header: T.sourceNo[lang] },
    ],
    results.flatMap((r) =>
      r.designations.flatMap((d) =>
        d.criteria.map((c): CellValue[] => {
          const cmp = env.comparisons?.get(comparisonKey(r.municipality.name, d.designation, c.id));
          const actual: CellValue = typeof c.actual === 'number' ? c.actual : c.actual === null ? null : kind(c.actual) || c.actual;
          return [
            r.municipality.name,
            d.designation,
            c.id,
            c.name ?? c.id,
            d.held && c.status === 'fail' ? `${HELD_BELOW.mark} ${HELD_BELOW[lang]}` : STATUS[c.status][lang],
            actual,
            typeof cmp?.threshold === 'number' ? cmp.threshold : null,
            c.required,
            dateCell(c.effectiveFrom),
            [c.note, c.missing].filter(Boolean).join('\n'),
            sources.numbers([c.citation]),
          ];
        }),
      ),
    ),
  );
  // Numbers by what they are: shares and ratios as percentages, counts with thousands separators.
  let row = 2;
  for (const r of results) {
    for (const d of r.designations) {
      for (const c of d.criteria) {
        const fmt = PERCENT_CRITERIA.has(c.id) ? '0.00%' : '#,##0';
        for (const col of [6, 7]) if (typeof ws.getCell(row, col).value === 'number') ws.getCell(row, col).numFmt = fmt;
        row++;
      }
    }
  }
  const figures = tableSheet(
    wb,
    SHEET.figures[lang],
    [{ header: T.municipality[lang] }, { header: T.figure[lang] }, { header: T.value[lang] }, { header: T.where[lang], wrap: 60 }, { header: T.sourceNo[lang] }],
    results.flatMap((r) =>
      (r.figures ?? []).map((f): CellValue[] => [r.municipality.name, f.figure, typeof f.value === 'number' ? f.value : f.value === null ? null : kind(f.value) || f.value, f.value === null ? (f.where ?? '') : '', sources.numbers([f.source])]),
    ),
  );
  let frow = 2;
  for (const r of results) {
    for (const f of r.figures ?? []) {
      if (typeof f.value === 'number') figures.getCell(frow, 3).numFmt = PERCENT_FIGURES.has(f.figure) ? '0.00%' : '#,##0';
      frow++;
    }
  }
  sources.sheet(wb, SHEET.sources[lang], [T.sourceNo[lang], T.source[lang], T.reference[lang]]);
  aboutSheet(wb, SHEET.about[lang], [T.item[lang], T.value[lang]], aboutRows(env));
  return workbookBytes(wb, env.head.asOf);
}

export function eligibilityXlsxRenderer(env: EligibilityXlsxEnv): StreamRenderer<EligibilityResult> {
  const all: EligibilityResult[] = [];
  return {
    begin: () => '',
    item(r) {
      all.push(r);
      return '';
    },
    end: () => '',
    finish: () => eligibilityWorkbook(all, env),
  };
}
