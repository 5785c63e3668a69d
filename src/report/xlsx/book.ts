import type ExcelJS from 'exceljs';
import { displayWidth } from '../width.js';

/**
 * What every kouiki workbook shares: sheets as filterable tables (bold header row, frozen, a
 * filter on every column, widths fitted to the text), the sources on their own sheet, the run's
 * facts (date, rule pack) on an "about" sheet, and bytes that depend on the input only.
 *
 * exceljs is loaded here and only here (with the renderers in this folder), so a command that
 * writes no workbook never reads it.
 */

export { loadExcel, type Excel } from '../../io/excel.js';

export type CellValue = string | number | boolean | Date | null | undefined;

export interface SheetColumn {
  header: string;
  /** Excel number format: '#,##0', '0.00%', 'yyyy-mm-dd'. */
  numFmt?: string;
  /** Long text: wrapped within at most this many characters' width. */
  wrap?: number;
}

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/** A cell's text as Excel shows it, roughly, for the column width. */
function shownWidth(v: CellValue, numFmt: string | undefined): number {
  if (v === null || v === undefined) return 0;
  if (v instanceof Date) return 10;
  if (typeof v === 'number') {
    if (numFmt?.includes('%')) return (v * 100).toFixed(2).length + 1;
    return numFmt?.includes(',') ? Math.round(v).toLocaleString('en').length : String(v).length;
  }
  return Math.max(...String(v).split('\n').map((l) => displayWidth(l)));
}

/** A sheet holding one table: header row bold and frozen, filters on, widths fitted. */
export function tableSheet(wb: ExcelJS.Workbook, name: string, columns: readonly SheetColumn[], rows: readonly (readonly CellValue[])[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  ws.addRow(columns.map((c) => c.header));
  for (const r of rows) ws.addRow(r.map((v) => (v === undefined ? null : v)));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEF2F6' } };
  header.alignment = { vertical: 'middle' };
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    const cap = c.wrap ?? MAX_WIDTH;
    // One pass over the column: its widest text (measured only up to the cap: a string longer
    // than the cap in characters is wider than it anyway) and the cells that must wrap.
    let widest = displayWidth(c.header);
    rows.forEach((r, k) => {
      const v = r[i];
      let w: number;
      let wrap = false;
      if (typeof v === 'string') {
        wrap = v.includes('\n') || v.length > cap;
        w = wrap ? cap : shownWidth(v, c.numFmt);
        if (w > cap) wrap = true;
      } else w = shownWidth(v, c.numFmt);
      if (w > widest) widest = w;
      // Styles only where they change something: exceljs serialises each styled cell's style.
      if (wrap) ws.getCell(k + 2, i + 1).alignment = { wrapText: true, vertical: 'top' };
    });
    col.width = Math.max(MIN_WIDTH, Math.min(widest, cap) + 2);
    if (c.numFmt) col.numFmt = c.numFmt;
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: columns.length } };
  return ws;
}

/** Citations numbered once per workbook, listed on the sources sheet. */
export class Sources {
  private readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  number(citation: string | null | undefined): number | null {
    if (!citation) return null;
    let n = this.index.get(citation);
    if (n === undefined) {
      this.list.push(citation);
      n = this.list.length;
      this.index.set(citation, n);
    }
    return n;
  }

  /** "1, 4" for a cell that points at several sources. */
  numbers(citations: readonly (string | null | undefined)[]): string {
    return [...new Set(citations.map((c) => this.number(c)).filter((n): n is number => n !== null))].join(', ');
  }

  sheet(wb: ExcelJS.Workbook, name: string, headers: [string, string]): void {
    const ws = tableSheet(wb, name, [{ header: headers[0] }, { header: headers[1], wrap: 100 }], this.list.map((c, i) => [i + 1, c]));
    // A public address in a citation is a link (e-Gov, e-Stat): the first one of the text.
    this.list.forEach((c, i) => {
      const url = /https:\/\/[^\s)）」、，,]+/.exec(c)?.[0]?.replace(/[.。]+$/, '');
      if (url) ws.getCell(i + 2, 2).value = { text: c, hyperlink: url };
    });
  }
}

/** YYYY-MM-DD as a date cell (midnight UTC, which Excel shows as that day). */
export function dateCell(iso: string | undefined | null): Date | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

/** The sheet of the run's facts: what was asked, the date, the rule pack. */
export function aboutSheet(wb: ExcelJS.Workbook, name: string, headers: [string, string], rows: readonly [string, CellValue][]): void {
  const ws = tableSheet(wb, name, [{ header: headers[0] }, { header: headers[1], wrap: 100 }], rows);
  rows.forEach(([, v], i) => {
    if (v instanceof Date) ws.getCell(i + 2, 2).numFmt = 'yyyy-mm-dd';
  });
}

/**
 * The workbook's bytes, the same for the same input: the document's dates are the run's date
 * (--as-of), and so are the zip entries' dates, which the zip library (JSZip, through exceljs)
 * would take from the clock: its documented `JSZip.defaults.date` is set for the write.
 */
export async function workbookBytes(wb: ExcelJS.Workbook, asOf: string): Promise<Uint8Array> {
  const date = dateCell(asOf) ?? new Date(Date.UTC(2000, 0, 1));
  wb.creator = 'kouiki';
  wb.lastModifiedBy = 'kouiki';
  wb.created = date;
  wb.modified = date;
  const mod = (await import('jszip')) as unknown as { default?: JSZipStatic } & JSZipStatic;
  const JSZip = mod.default ?? mod;
  const before = JSZip.defaults.date;
  JSZip.defaults.date = date;
  try {
    // Level 1: a few per cent larger than the default level 6, in half the time (pako is JavaScript).
    const written = await wb.xlsx.writeBuffer({ zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } } as ExcelJS.XlsxWriteOptions);
    return new Uint8Array(written as ArrayBuffer);
  } finally {
    JSZip.defaults.date = before;
  }
}

interface JSZipStatic {
  defaults: { date: Date | null };
}
