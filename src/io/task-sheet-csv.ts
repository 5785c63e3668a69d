import { parse } from 'csv-parse/sync';
import { UserError } from '../errors.js';
import type { PackData } from '../pack/model.js';
import type { Task } from '../schemas/task.js';
import { decodeUtf8, readInputBytes } from './read.js';
import { tasksFromGrid, type SheetGrid } from './task-sheet.js';

/**
 * A task list as CSV (one task a row, the headers first): UTF-8 with or without a BOM, or
 * Shift_JIS, which is what Excel writes for "CSV" on a Japanese system. Parsed by csv-parse
 * (quoted fields, commas and line breaks inside quotes, CRLF).
 */
export function readTaskCsv(path: string, data: PackData, maxBytes: number): Task[] {
  return tasksFromGrid(csvGrid(readInputBytes(path, maxBytes), path), data);
}

export function csvGrid(bytes: Uint8Array, file: string): SheetGrid {
  let text: string;
  try {
    text = decodeUtf8(bytes, file);
  } catch (err) {
    try {
      text = new TextDecoder('shift_jis', { fatal: true }).decode(bytes);
    } catch {
      throw err;
    }
  }
  return { file, sheet: null, rows: parseCsv(text, file) };
}

export function parseCsv(text: string, file: string): string[][] {
  try {
    return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (err) {
    const e = err as Error & { lines?: number; column?: number };
    throw new UserError(
      { ja: `CSV として読めません: ${e.message}`, en: `not valid CSV: ${e.message}` },
      {
        position: { file, ...(e.lines !== undefined ? { line: e.lines } : {}) },
        hint: { ja: '引用符（"）の対応を確かめてください。値の中の " は "" と書きます', en: 'check the quotes: a " inside a quoted value is written ""' },
      },
    );
  }
}

