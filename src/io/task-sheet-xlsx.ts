import type ExcelJS from 'exceljs';
import { UserError } from '../errors.js';
import type { PackData } from '../pack/model.js';
import type { Task } from '../schemas/task.js';
import { loadExcel } from './excel.js';
import { readInputBytes } from './read.js';
import { cellPosition, tasksFromGrid, type SheetGrid, type SheetValue } from './task-sheet.js';

/**
 * A task list as a workbook (.xlsx): the first sheet whose first row names a "name" column (so a
 * template's explanation sheets are passed over), read by exceljs. A merged cell or a formula in
 * the data is refused at its cell: what a formula shows depends on a calculation kouiki does
 * not make, and a merged cell belongs to several rows at once.
 */
export async function readTaskWorkbook(path: string, data: PackData, maxBytes: number): Promise<Task[]> {
  const bytes = readInputBytes(path, maxBytes);
  const { Workbook } = await loadExcel();
  const wb = new Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new UserError(
      { ja: `Excel ブック（.xlsx）として読めません: ${(err as Error).message.split('\n')[0]}`, en: `not a readable Excel workbook (.xlsx): ${(err as Error).message.split('\n')[0]}` },
      { position: { file: path }, hint: { ja: '.xlsx 形式で保存してください（.xls や .csv は不可。CSV は拡張子 .csv で）', en: 'save it as .xlsx (not .xls; a CSV file needs the .csv extension)' } },
    );
  }
  const sheets = wb.worksheets.filter((ws) => ws.state === 'visible' || ws.state === undefined);
  const grids = sheets.map((ws) => sheetGrid(ws, path));
  const withName = grids.find((g) => g.rows[0]?.some((v) => typeof v === 'string' && /^(name|名称|課題|課題名|task)$/i.test(v.normalize('NFKC').trim())));
  return tasksFromGrid(withName ?? grids[0] ?? { file: path, sheet: 'Sheet1', rows: [] }, data);
}

/** A sheet as rows of plain values, refusing merged cells and formulas. */
export function sheetGrid(ws: ExcelJS.Worksheet, file: string): SheetGrid {
  const grid: SheetGrid = { file, sheet: ws.name, rows: [] };
  const merges = (ws.model as { merges?: string[] }).merges ?? [];
  if (merges.length > 0) {
    const first = merges[0]!.split(':')[0]!;
    throw new UserError(
      { ja: `結合されたセルがあります（${merges.join(', ')}）`, en: `merged cells (${merges.join(', ')})` },
      { position: { file: `${file}:${ws.name}!${first}` }, hint: { ja: 'セルの結合を解除し、各行に値を書いてください', en: 'unmerge the cells and write the value in each row' } },
    );
  }
  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values: SheetValue[] = [];
    row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
      values[colNumber - 1] = cellValue(cell, grid, rowNumber, colNumber - 1);
    });
    for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = null;
    grid.rows[rowNumber - 1] = values;
  });
  for (let i = 0; i < grid.rows.length; i++) if (grid.rows[i] === undefined) grid.rows[i] = [];
  return grid;
}

function cellValue(cell: ExcelJS.Cell, grid: SheetGrid, row: number, col: number): SheetValue {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) {
      throw new UserError(
        { ja: '数式のセルがあります', en: 'a cell holds a formula' },
        { position: { file: cellPosition(grid, row, col) }, hint: { ja: '数式ではなく値を書いてください（コピーして「値として貼り付け」）', en: 'write the value, not a formula (copy, then paste as values)' } },
      );
    }
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('error' in v) return String(v.error);
  }
  return String(v);
}
