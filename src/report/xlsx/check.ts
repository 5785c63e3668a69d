import { severityLabel, type CheckRun } from '../check/model.js';
import type { StreamRenderer } from '../stream.js';
import { aboutSheet, loadExcel, Sources, tableSheet, workbookBytes } from './book.js';
import { aboutRows, type XlsxEnv } from './tasks.js';
import { SHEET, T } from './words.js';

export interface CheckXlsxEnv extends XlsxEnv {
  sourceLines?: (path: string) => readonly string[] | null;
}

/**
 * check as a workbook: a summary sheet (a row per file: errors, warnings, suppressed), a detail
 * sheet (a row per finding, with its line, column and the offending line of the draft), the
 * sources and the run's facts.
 */
export async function checkWorkbook(run: CheckRun, env: CheckXlsxEnv): Promise<Uint8Array> {
  const { lang } = env;
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  const sources = new Sources();
  tableSheet(
    wb,
    SHEET.summary[lang],
    [{ header: T.file[lang] }, { header: T.errors[lang] }, { header: T.warnings[lang] }, { header: T.suppressed[lang] }],
    [...run.files.map((f) => [f.path, f.errorCount, f.warningCount, f.suppressed.length]), ...run.failures.map((f) => [f.path, null, null, null])],
  );
  tableSheet(
    wb,
    SHEET.detail[lang],
    [{ header: T.file[lang] }, { header: T.line[lang] }, { header: T.column[lang] }, { header: T.severity[lang] }, { header: T.rule[lang] }, { header: T.message[lang], wrap: 70 }, { header: T.text[lang], wrap: 50 }, { header: T.sourceNo[lang] }],
    [
      ...run.files.flatMap((f) => {
        const lines = env.sourceLines?.(f.path) ?? null;
        return f.diagnostics.map((d) => [f.path, d.line, d.column, severityLabel(d.severity, lang), d.rule, d.message, lines?.[d.line - 1]?.trim() ?? '', sources.numbers([d.citation])]);
      }),
      ...run.failures.map((x) => [x.path, x.line ?? null, x.column ?? null, severityLabel('error', lang), '', x.message, '', '']),
    ],
  );
  sources.sheet(wb, SHEET.sources[lang], [T.sourceNo[lang], T.source[lang]]);
  aboutSheet(wb, SHEET.about[lang], [T.item[lang], T.value[lang]], aboutRows(env));
  return workbookBytes(wb, env.head.asOf);
}

export function checkXlsxRenderer(run: CheckRun, env: CheckXlsxEnv): StreamRenderer<never> {
  return { begin: () => '', item: () => '', end: () => '', finish: () => checkWorkbook(run, env) };
}
