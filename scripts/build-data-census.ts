import ExcelJS from 'exceljs';

/**
 * data/census/major-results-2020.xlsx → data/census/2020.csv: the columns kouiki embeds from
 * e-Stat「令和2年国勢調査 都道府県・市区町村別の主な結果」(statInfId 000032143614), one row per
 * area of the file (Japan, 47 prefectures, 1,741 municipalities, 特別区部, the 175 wards of the
 * designated cities), values exactly as the file gives them.
 *
 * The CSV is committed beside the xlsx so that a change of figures is reviewable as a diff; the
 * build compiles it (not the xlsx) into dist/. test/unit/census-build.test.ts fails when the CSV
 * differs from what this script makes of the xlsx. Columns are found by their headers, never by
 * position, and the ※ (不詳補完値, imputed) mark of each is checked against what the README says:
 * a new edition of the file with another layout fails here rather than shifting a column.
 *
 * Run: npm run data:census
 */

/** One column of the CSV: where it is in the xlsx and whether the file marks it ※ (imputed). */
export interface CensusColumn {
  id: string;
  sheet: 1 | 2;
  /** The header as printed in the file (row 7 of either sheet; line breaks removed). */
  header: string;
  /** For a header printed more than once on the sheet (総数), which occurrence (1-based). */
  occurrence?: number;
  /** The file marks the column ※: 不詳補完値 from the 参考表 (imputed for non-response). */
  imputed: boolean;
  /** The unit printed in row 9. */
  unit: string;
}

export const CENSUS_COLUMNS: readonly CensusColumn[] = [
  { id: 'population', sheet: 1, header: '総数', occurrence: 1, imputed: false, unit: '（人）' },
  { id: 'population2015', sheet: 1, header: '2015年（平成27年）の人口（組替）', imputed: false, unit: '（人）' },
  { id: 'area', sheet: 1, header: '面積（参考）', imputed: false, unit: '（km2）' },
  { id: 'dayWorkers', sheet: 2, header: '通勤者', imputed: true, unit: '（人）' },
  { id: 'dayStudents', sheet: 2, header: '通学者', imputed: true, unit: '（人）' },
  { id: 'daytimePopulation', sheet: 2, header: '昼間人口', imputed: true, unit: '（人）' },
  { id: 'dayNightRatio', sheet: 2, header: '昼夜間人口比率', imputed: true, unit: '' },
  { id: 'outflow', sheet: 2, header: '流出人口', imputed: true, unit: '（人）' },
  { id: 'inflow', sheet: 2, header: '流入人口', imputed: true, unit: '（人）' },
];

/** The leading columns: the area code (5 digits, as the file prints it), names and 市などの別. */
export const CENSUS_KEY_COLUMNS = ['code', 'prefecture', 'name', 'areaType'] as const;

const HEADER_ROW = 7;
const MARK_ROW = 8;
const UNIT_ROW = 9;
const FIRST_DATA_ROW = 10;

type Cell = ExcelJS.CellValue;

function text(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return String(v);
}

const squash = (s: string): string => s.replace(/\s+/g, '');

function findColumn(ws: ExcelJS.Worksheet, col: CensusColumn): number {
  const want = squash(col.header);
  let seen = 0;
  const row = ws.getRow(HEADER_ROW);
  for (let c = 1; c <= ws.columnCount; c++) {
    if (squash(text(row.getCell(c).value)) !== want) continue;
    seen++;
    if (seen === (col.occurrence ?? 1)) return c;
  }
  throw new Error(`${ws.name}: no column headed 「${col.header}」 in row ${HEADER_ROW}: the file's layout changed; update CENSUS_COLUMNS`);
}

function findKeyColumn(ws: ExcelJS.Worksheet, header: string): number {
  const row = ws.getRow(UNIT_ROW);
  for (let c = 1; c <= ws.columnCount; c++) if (squash(text(row.getCell(c).value)) === squash(header)) return c;
  throw new Error(`${ws.name}: no column headed 「${header}」 in row ${UNIT_ROW}`);
}

/** A value as the CSV holds it: numbers as the file stores them, `-` (none) kept as printed. */
function value(v: Cell, where: string): string {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  const s = text(v).trim();
  if (s === '-') return '-';
  throw new Error(`${where}: expected a number or "-", found ${JSON.stringify(v)}`);
}

/** Reads the xlsx and returns the CSV text (LF line ends, a header line, no quoting needed). */
export async function extractMajorResults(xlsxPath: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsxPath);
  const sheets = [wb.worksheets[0], wb.worksheets[1]];
  if (!sheets[0] || !sheets[1] || !/第１面/.test(sheets[0].name) || !/第２面/.test(sheets[1].name)) {
    throw new Error(`${xlsxPath}: expected the sheets 第１面 and 第２面, found ${wb.worksheets.map((w) => w.name).join(', ')}`);
  }
  const [s1, s2] = sheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
  const prefCol = findKeyColumn(s1, '都道府県名');
  const nameCol = findKeyColumn(s1, '都道府県・市区町村名');
  const typeCol = findKeyColumn(s1, '市などの別（地域識別コード）');
  const cols = CENSUS_COLUMNS.map((c) => {
    const ws = c.sheet === 1 ? s1 : s2;
    const n = findColumn(ws, c);
    const marked = text(ws.getRow(MARK_ROW).getCell(n).value).trim() === '※';
    if (marked !== c.imputed) throw new Error(`${ws.name}: 「${c.header}」 is ${marked ? '' : 'not '}marked ※ (imputed) in the file; CENSUS_COLUMNS says otherwise`);
    const unit = squash(text(ws.getRow(UNIT_ROW).getCell(n).value));
    if (unit !== c.unit) throw new Error(`${ws.name}: 「${c.header}」 is in ${unit || 'no unit'}, expected ${c.unit}`);
    return { ...c, ws, n };
  });

  const lines = [[...CENSUS_KEY_COLUMNS, ...CENSUS_COLUMNS.map((c) => c.id)].join(',')];
  for (let r = FIRST_DATA_ROW; r <= s1.rowCount; r++) {
    const row1 = s1.getRow(r);
    const codeName = text(row1.getCell(nameCol).value);
    if (codeName === '') continue;
    const m = /^(\d{5})_(.+)$/.exec(codeName);
    const p = /^\d{2}_(.+)$/.exec(text(row1.getCell(prefCol).value));
    if (!m || !p) throw new Error(`${s1.name} row ${r}: expected 「01100_札幌市」 and 「01_北海道」, found ${codeName}`);
    // The two sheets list the same areas in the same order; check rather than trust it.
    if (text(s2.getRow(r).getCell(nameCol).value) !== codeName) throw new Error(`row ${r}: the sheets disagree (${codeName} / ${text(s2.getRow(r).getCell(nameCol).value)})`);
    const areaType = text(row1.getCell(typeCol).value).trim();
    if (!/^[a0-3]$/.test(areaType)) throw new Error(`${s1.name} row ${r}: 市などの別 ${areaType} is not one of a, 0, 1, 2, 3`);
    const values = cols.map((c) => value(c.ws.getRow(r).getCell(c.n).value, `${c.ws.name} row ${r} 「${c.header}」`));
    lines.push([m[1], p[1], m[2], areaType, ...values].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** npm run data:census: rewrites data/census/2020.csv from the xlsx (atomically). */
export async function main(root: string): Promise<void> {
  const { renameSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const csv = await extractMajorResults(join(root, 'data', 'census', 'major-results-2020.xlsx'));
  const out = join(root, 'data', 'census', '2020.csv');
  writeFileSync(`${out}.tmp`, csv);
  renameSync(`${out}.tmp`, out);
  process.stdout.write(`wrote ${out} (${csv.split('\n').length - 2} areas)\n`);
}
