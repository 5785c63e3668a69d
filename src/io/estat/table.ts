import { UserError } from '../../errors.js';
import { readCsv } from './csv.js';
import type { Encoding } from './decode.js';

/**
 * An e-Stat statistics table in its CSV layout: the layout of the API 3.0 (getSimpleStatsData,
 * `sectionHeaderFlg` 1 or 2) and of a statistics table's download with codes, as e-Stat writes it:
 *
 *   "RESULT"                              ← a header block (optional): key, value, ...
 *   "STATUS","0"
 *   "TABLE_INF","0003445078"
 *   "STATISTICS_NAME","令和2年国勢調査 人口等基本集計 ..."
 *   "TITLE","001","男女別人口－全国，都道府県，市区町村..."
 *   "VALUE"
 *   "tab_code","表章項目","cat01_code","男女","area_code","地域","time_code","時間軸","unit","value","annotation"
 *   "020","人口","0","総数","14206","小田原市","2020000000","2020年","人","188,856",""
 *
 * Columns are found by their names, never by position: each `X_code` column (`tab_code`,
 * `cat01_code` ..., `area_code`, `time_code`; also `Xコード` as the table view may name it) is a
 * dimension, the column after it its label; then `unit`, `value`, `annotation` (`単位`, `値`, `注釈`).
 * Rows are kept dictionary-encoded (a category id per dimension, a number per row), so that a
 * national origin–destination table of millions of rows stays small.
 */

export interface EstatHeader {
  tableId?: string;
  statName?: string;
  statisticsName?: string;
  title?: string;
  surveyDate?: string;
  openDate?: string;
  totalNumber?: number;
  fromNumber?: number;
  toNumber?: number;
  nextKey?: string;
  /** Everything of the block, key → the cells after it (joined). */
  all: Record<string, string>;
}

export interface Category {
  code: string;
  name: string;
}

export interface Dimension {
  /** `tab`, `cat01`, `area`, `time`, or the label of a `Xコード` column. */
  id: string;
  /** The header of its label column (e.g. 男女, 地域, 従業地・通学地). */
  label: string;
  categories: Category[];
}

/**
 * How a cell of `value` was written: a number; `-` (皆無 or 該当数値なし: none); `…`, `...`, `x`,
 * `***` (秘匿 or not available); empty.
 */
export const Mark = { Number: 0, Dash: 1, Secret: 2, Empty: 3 } as const;
export type Mark = (typeof Mark)[keyof typeof Mark];

export interface EstatTable {
  file: string;
  encoding: Encoding;
  header: EstatHeader;
  /** The line of the column header. */
  headerLine: number;
  dims: Dimension[];
  /** Index of the area dimension in `dims`, and of the time dimension (-1 when absent). */
  area: number;
  time: number;
  rowCount: number;
  /** rowCount × dims.length category indices. */
  cats: Int32Array;
  values: Float64Array;
  marks: Uint8Array;
  units: string[];
  /** Per row, an index into `units`. */
  unitOf: Uint16Array;
  lines: Int32Array;
}

const HEADER_KEYS = new Set([
  'RESULT', 'STATUS', 'ERROR_MSG', 'DATE', 'PARAMETER', 'LANG', 'STATS_DATA_ID', 'DATA_FORMAT', 'START_POSITION', 'LIMIT', 'METAGET_FLG', 'CNT_GET_FLG',
  'EXPLANATION_GET_FLG', 'ANNOTATION_GET_FLG', 'SECTION_HEADER_FLG', 'REPLACE_SP_CHARS', 'RESULT_INF', 'TOTAL_NUMBER', 'FROM_NUMBER', 'TO_NUMBER', 'NEXT_KEY',
  'TABLE_INF', 'STAT_NAME', 'GOV_ORG', 'STATISTICS_NAME', 'TITLE', 'CYCLE', 'SURVEY_DATE', 'OPEN_DATE', 'SMALL_AREA', 'COLLECT_AREA', 'MAIN_CATEGORY',
  'SUB_CATEGORY', 'OVERALL_TOTAL_NUMBER', 'UPDATED_DATE', 'STATISTICS_NAME_SPEC', 'TITLE_SPEC', 'DESCRIPTION', 'CLASS_INF', 'CLASS_OBJ', 'NOTE', 'VALUE',
  'ANNOTATION', 'TABULATION_CATEGORY', 'TABULATION_SUB_CATEGORY1', 'DATA_INF', 'NARROWING_COND', 'CD_TAB', 'CD_AREA', 'CD_TIME',
]);

const isCodeHeader = (h: string): boolean => /_code$/i.test(h) || /\s*コード$/.test(h);
const VALUE = /^(value|値)$/i;
const UNIT = /^(unit|単位)$/i;
const ANNOTATION = /^(annotation|注釈|注記)$/i;

/** Parses the value of a cell: a number (thousands separators allowed) or a mark. */
export function parseValue(raw: string): { value: number; mark: Mark | -1 } {
  const s = raw.trim();
  if (s === '') return { value: Number.NaN, mark: Mark.Empty };
  if (s === '-' || s === '－' || s === '‐' || s === '―') return { value: Number.NaN, mark: Mark.Dash };
  const plain = s.includes(',') ? s.replace(/,/g, '') : s;
  if (/^-?\d+(\.\d+)?$/.test(plain) && (s === plain || /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s))) return { value: Number(plain), mark: Mark.Number };
  if (/^(…+|\.{2,}|x+|X+|\*+|χ|ｘ|Ｘ)$/.test(s)) return { value: Number.NaN, mark: Mark.Secret };
  return { value: Number.NaN, mark: -1 };
}

function notEstat(file: string, line: number, found: string): UserError {
  return new UserError(
    { ja: `e-Stat の統計表の CSV ではありません（${line} 行目までに列名の行がない: ${found}）`, en: `not an e-Stat statistics table CSV (no column header by line ${line}; found: ${found})` },
    {
      position: { file, line },
      hint: {
        ja: '列名の行（tab_code, …, area_code, 地域, time_code, …, unit, value）を含む CSV を指定してください。e-Stat の統計表の「ダウンロード」でコードを出力するか、API の getSimpleStatsData で取得した CSV',
        en: 'give a CSV with the column header (tab_code, ..., area_code, 地域, time_code, ..., unit, value): e-Stat\'s table download with codes, or the API\'s getSimpleStatsData',
      },
    },
  );
}

export function readEstatTable(text: string, file: string, encoding: Encoding): EstatTable {
  const header: EstatHeader = { all: {} };
  let headerLine = 0;
  let columns: string[] | null = null;
  let seen = 0;
  const preview: string[] = [];
  // Dimension columns: [codeCol, nameCol] per dimension; built from the column header.
  let dimCols: [number, number][] = [];
  let dims: Dimension[] = [];
  let valueCol = -1;
  let unitCol = -1;
  // Category interning per dimension: code → index (and its name checked, a code named two ways
  // being two categories): no string is built per row.
  let intern: Map<string, number>[] = [];
  let internByName: Map<string, number>[] = [];
  let cap = 1024;
  let cats = new Int32Array(0);
  let values = new Float64Array(cap);
  let marks = new Uint8Array(cap);
  let unitOf = new Uint16Array(cap);
  let lines = new Int32Array(cap);
  const units: string[] = [];
  const unitIndex = new Map<string, number>();
  let rowCount = 0;

  readCsv(text, file, function readRow(cells, line) {
    if (columns === null) {
      if (cells.length === 1 && cells[0] === '') return;
      seen++;
      const key = cells[0]!.trim();
      if (cells.some((c) => VALUE.test(c.trim())) && cells.some((c) => isCodeHeader(c.trim()))) {
        columns = cells.map((c) => own(c.trim()));
        headerLine = line;
        ({ dimCols, dims, valueCol, unitCol } = layout(columns, file, line));
        intern = dims.map(() => new Map());
        internByName = dims.map(() => new Map());
        cats = new Int32Array(cap * dims.length);
        return;
      }
      if (HEADER_KEYS.has(key)) {
        header.all[key] = own(cells.slice(1).map((c) => c.trim()).filter((c) => c !== '').join(' '));
        return;
      }
      if (preview.length < 3) preview.push(cells.join(',').slice(0, 60));
      if (seen > 200) throw notEstat(file, line, preview.join(' / '));
      return;
    }
    if (cells.length === 1 && cells[0] === '') return;
    if (cells.length !== columns.length) {
      throw new UserError(
        { ja: `列の数が ${cells.length} です（列名の行 ${headerLine} 行目は ${columns.length} 列）`, en: `${cells.length} cells, but the column header (line ${headerLine}) has ${columns.length}` },
        { position: { file, line }, hint: { ja: 'CSV が壊れているか、別の表が続いています。e-Stat からダウンロードし直してください', en: 'the CSV is broken or another table follows; download it again from e-Stat' } },
      );
    }
    if (rowCount === cap) {
      cap *= 2;
      const grow = <T extends Int32Array | Float64Array | Uint8Array | Uint16Array>(a: T, n: number): T => {
        const b = new (a.constructor as new (n: number) => T)(n);
        b.set(a);
        return b;
      };
      cats = grow(cats, cap * dims.length);
      values = grow(values, cap);
      marks = grow(marks, cap);
      unitOf = grow(unitOf, cap);
      lines = grow(lines, cap);
    }
    for (let d = 0; d < dims.length; d++) {
      const [cc, nc] = dimCols[d]!;
      const code = cells[cc]!;
      const name = nc >= 0 ? cells[nc]! : code;
      const cats_ = dims[d]!.categories;
      let id = intern[d]!.get(code);
      if (id === undefined || cats_[id]!.name !== name) {
        // A new code, or a code seen with another name (rare): keyed by both.
        const key = `${code}\u0000${name}`;
        const other = internByName[d]!.get(key);
        if (other !== undefined) id = other;
        else {
          id = cats_.length;
          cats_.push({ code: own(code.trim()), name: own(name.trim()) });
          internByName[d]!.set(key, id);
          if (!intern[d]!.has(code)) intern[d]!.set(code, id);
        }
      }
      cats[rowCount * dims.length + d] = id;
    }
    const v = parseValue(cells[valueCol]!);
    if (v.mark === -1) {
      throw new UserError(
        { ja: `value「${cells[valueCol]}」は数でも記号（- … x ***）でもありません`, en: `value "${cells[valueCol]}" is neither a number nor a mark (- … x ***)` },
        { position: { file, line, column: columnOf(cells, valueCol) }, hint: { ja: '数（桁区切りのカンマは可）、- （該当なし）、… （秘匿）のいずれかのはずです', en: 'expected a number (thousands separators allowed), - (none) or … (secret)' } },
      );
    }
    values[rowCount] = v.value;
    marks[rowCount] = v.mark;
    const unit = unitCol >= 0 ? cells[unitCol]! : '';
    let u = unitIndex.get(unit);
    if (u === undefined) {
      u = units.length;
      units.push(own(unit.trim()));
      unitIndex.set(unit, u);
    }
    unitOf[rowCount] = u;
    lines[rowCount] = line;
    rowCount++;
  }, { reuse: true });

  if (columns === null) throw notEstat(file, seen + 1, preview.join(' / ') || (text.trim() === '' ? '(empty)' : '(nothing)'));
  const status = header.all.STATUS;
  if (status !== undefined && status !== '0' && status !== '1' && status !== '2') {
    throw new UserError(
      { ja: `e-Stat API がエラーを返した結果のファイルです（STATUS ${status}: ${header.all.ERROR_MSG ?? ''}）`, en: `this file is an e-Stat API error (STATUS ${status}: ${header.all.ERROR_MSG ?? ''})` },
      { position: { file }, hint: { ja: 'API の条件を直して取得し直してください', en: 'fix the API request and fetch the table again' } },
    );
  }
  const a = header.all;
  if (a.TABLE_INF) header.tableId = a.TABLE_INF.split(' ')[0];
  if (a.STAT_NAME) header.statName = a.STAT_NAME;
  if (a.STATISTICS_NAME) header.statisticsName = a.STATISTICS_NAME;
  if (a.TITLE) header.title = a.TITLE.replace(/^[\d-]+\s+/, '');
  if (a.SURVEY_DATE) header.surveyDate = a.SURVEY_DATE;
  if (a.OPEN_DATE) header.openDate = a.OPEN_DATE;
  if (a.TOTAL_NUMBER) header.totalNumber = Number(a.TOTAL_NUMBER);
  if (a.FROM_NUMBER) header.fromNumber = Number(a.FROM_NUMBER);
  if (a.TO_NUMBER) header.toNumber = Number(a.TO_NUMBER);
  if (a.NEXT_KEY) header.nextKey = a.NEXT_KEY;
  const area = dims.findIndex((d) => d.id === 'area');
  const time = dims.findIndex((d) => d.id === 'time');
  return {
    file,
    encoding,
    header,
    headerLine,
    dims,
    area: area >= 0 ? area : dims.findIndex((d) => /地域|常住地/.test(d.label) || /地域|常住地/.test(d.id)),
    time: time >= 0 ? time : dims.findIndex((d) => /時間軸|調査年|年次/.test(d.label) || /時間軸|調査年|年次/.test(d.id)),
    rowCount,
    cats: cats.subarray(0, rowCount * dims.length),
    values: values.subarray(0, rowCount),
    marks: marks.subarray(0, rowCount),
    units,
    unitOf: unitOf.subarray(0, rowCount),
    lines: lines.subarray(0, rowCount),
  };
}

/**
 * A copy of a string cut from the file's text: V8 keeps the whole text alive for a slice of it,
 * and a national table's text is over a hundred megabytes. The few strings the table keeps
 * (categories, units) are copied, so the text can go once it is read.
 */
function own(s: string): string {
  return s.length === 0 ? '' : Buffer.from(s, 'utf8').toString('utf8');
}

/** UTF-16 column of a cell in its line (for positions in messages). */
function columnOf(cells: string[], index: number): number {
  let col = 1;
  for (let i = 0; i < index; i++) col += cells[i]!.length + 1;
  return col;
}

function layout(columns: string[], file: string, line: number): { dimCols: [number, number][]; dims: Dimension[]; valueCol: number; unitCol: number } {
  const valueCol = columns.findIndex((c) => VALUE.test(c));
  const unitCol = columns.findIndex((c) => UNIT.test(c));
  const special = (i: number): boolean => i === valueCol || i === unitCol || ANNOTATION.test(columns[i] ?? '') || isCodeHeader(columns[i] ?? '');
  const dimCols: [number, number][] = [];
  const dims: Dimension[] = [];
  columns.forEach((h, i) => {
    if (!isCodeHeader(h)) return;
    let id: string;
    let nameCol: number;
    if (/_code$/i.test(h)) {
      id = h.replace(/_code$/i, '').toLowerCase();
      nameCol = i + 1 < columns.length && !special(i + 1) ? i + 1 : -1;
    } else {
      // The table view's 「地域 コード」 beside 「地域」.
      const base = h.replace(/\s*コード$/, '');
      id = base;
      const named = columns.findIndex((c, j) => j !== i && c === base);
      nameCol = named >= 0 ? named : i + 1 < columns.length && !special(i + 1) ? i + 1 : -1;
    }
    dimCols.push([i, nameCol]);
    dims.push({ id, label: nameCol >= 0 ? columns[nameCol]! : id, categories: [] });
  });
  if (!dims.some((d) => d.id === 'area' || /地域|常住地/.test(d.label))) {
    throw new UserError(
      { ja: `${line} 行目の列名に area_code（地域）がありません。市区町村別の表ではありません`, en: `the column header (line ${line}) has no area_code: not a table by municipality` },
      { position: { file, line }, hint: { ja: '地域（市区町村）を表側に含む表をダウンロードしてください', en: 'download a table with the municipalities (地域) as a dimension' } },
    );
  }
  return { dimCols, dims, valueCol, unitCol };
}
