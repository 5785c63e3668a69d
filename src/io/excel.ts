import type ExcelJS from 'exceljs';

/**
 * exceljs, loaded on first use. Only the workbook bundle (dist/report-xlsx.cjs: the workbooks
 * and the reader of task lists from workbooks) reaches this module, so a command that touches
 * no workbook never reads exceljs.
 */
export type Excel = typeof ExcelJS;

let excel: Excel | undefined;

/**
 * exceljs's Workbook class alone (lib/doc/workbook): the package's index also loads its
 * streaming reader and writer (unzipper, archiver), which kouiki does not use and which doubled
 * the time to load it (140 ms of 290).
 */
export async function loadExcel(): Promise<Excel> {
  if (!excel) {
    const mod = (await import('exceljs/lib/doc/workbook.js')) as unknown as { default?: Excel['Workbook'] } & Excel['Workbook'];
    excel = { Workbook: mod.default ?? mod } as Excel;
  }
  return excel;
}
