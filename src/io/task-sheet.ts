import { staticVocabulary } from '../core/vocabulary.js';
import { UserError, type ProblemDetail } from '../errors.js';
import { KIND_LABEL } from '../i18n/kind-labels.js';
import type { Lang, Localized } from '../i18n/lang.js';
import type { PackData } from '../pack/model.js';
import { MUNICIPALITY_KINDS, type MunicipalityKind } from '../schemas/kinds.js';
import { normalizeTasks, taskListSchema, type FactValue, type Party, type RawTask, type Task } from '../schemas/task.js';

/**
 * A task list as a table (a CSV file or a workbook's sheet): one task a row, the first row the
 * headers. The columns are the task's `id`, `name`, `category`, `description` and one per fact
 * of the rule pack, each found by its id or by its name in either language (the names the
 * wizard asks with), so a custom pack's fact is a column too. Every problem points at its cell
 * (`tasks.xlsx:Sheet1!C7`, `tasks.csv:C7`); the whole table is read before any is reported.
 *
 * This module knows no file format: task-sheet-csv.ts and task-sheet-xlsx.ts turn a file into
 * a `SheetGrid`.
 */

export type SheetValue = string | number | boolean | null;

export interface SheetGrid {
  /** As shown in messages: the path the user gave. */
  file: string;
  /** The sheet's name (workbooks), or null (CSV). */
  sheet: string | null;
  /** Row by row from the first (the headers); cells left to right from column A. */
  rows: SheetValue[][];
}

/** What a column holds. */
export type ColumnTarget = { kind: 'id' | 'name' | 'category' | 'description' } | { kind: 'fact'; fact: string };

export interface ColumnDef {
  target: ColumnTarget;
  /** The header a template writes (the fact's name in Japanese output, its id in English). */
  header: Localized;
  /** Every header accepted for it. */
  aliases: string[];
  /** What to write in it. */
  explain: Localized;
  /** Allowed values, for a validation list (categories, yes/no/unknown, an enum's values). */
  choices?: Localized[];
}

const YES: Localized = { ja: 'はい', en: 'yes' };
const NO: Localized = { ja: 'いいえ', en: 'no' };
const UNKNOWN: Localized = { ja: '不明', en: 'unknown' };

/** Cell texts read as "unknown" in any column (an empty cell is unknown too). */
const UNKNOWN_WORDS = new Set(['不明', 'unknown', '?', '？', '-', '－', 'ー', 'n/a', 'na', '未定']);
const TRUE_WORDS = new Set(['はい', 'yes', 'y', 'true', '1', '○', '〇', 'あり', '該当']);
const FALSE_WORDS = new Set(['いいえ', 'no', 'n', 'false', '0', '×', '✕', 'なし', '非該当']);

/** Headers and words compared without case, width, spaces, `_` and `-`. */
export function normalizeWord(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\s_\-‐－ー・]/g, '');
}

/** The columns of a task table for a pack: the task's own four, then one per fact. */
export function taskColumns(data: PackData): ColumnDef[] {
  const cols: ColumnDef[] = [
    {
      target: { kind: 'id' },
      header: { ja: 'ID', en: 'id' },
      aliases: ['id', '課題ID', '番号'],
      explain: { ja: '課題の ID（任意。空なら行の順番）。重複は不可', en: 'the task id (optional; the row position when empty); must be unique' },
    },
    {
      target: { kind: 'name' },
      header: { ja: '名称', en: 'name' },
      aliases: ['name', '名称', '課題', '課題名', 'task'],
      explain: { ja: '課題の名称（必須）', en: 'the task name (required)' },
    },
    {
      target: { kind: 'category' },
      header: { ja: '分類', en: 'category' },
      aliases: ['category', '分類'],
      explain: { ja: '課題の分類（任意。空なら名称・説明から推定）', en: 'the task category (optional; inferred from the name and description when empty)' },
      choices: data.categories.map((c) => ({ ja: c.name.ja, en: c.id })),
    },
    {
      target: { kind: 'description' },
      header: { ja: '説明', en: 'description' },
      aliases: ['description', '説明', '内容'],
      explain: { ja: '課題の説明（任意。分類の推定に使う）', en: 'a free description (optional; used to infer the category)' },
    },
  ];
  for (const f of data.facts) {
    const kebab = f.id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const col: ColumnDef = {
      target: { kind: 'fact', fact: f.id },
      header: { ja: f.label.ja, en: f.id },
      // The id, the flag, the name and the wizard's question, in both languages.
      aliases: [f.id, kebab, f.label.ja, f.label.en, f.question.ja, f.question.en, ...(f.type === 'parties' ? ['parties', '参加団体'] : [])],
      explain: { ja: f.question.ja, en: f.question.en },
    };
    if (f.type === 'boolean') col.choices = [YES, NO, UNKNOWN];
    else if (f.type === 'enum') col.choices = [...f.values!.map((v) => ({ ja: v.label.ja, en: v.id })), UNKNOWN];
    else {
      col.explain = {
        ja: `${f.question.ja}（「名前:種類」を「;」で区切って。種類は ${MUNICIPALITY_KINDS.map((k) => KIND_LABEL[k].ja).join('・')} 又は ${MUNICIPALITY_KINDS.join(', ')}。例: 小田原市:市; 箱根町:町）`,
        en: `${f.question.en} (NAME:KIND separated by ";", KIND one of ${MUNICIPALITY_KINDS.join(', ')}; e.g. 小田原市:city; 箱根町:town)`,
      };
    }
    cols.push(col);
  }
  return cols;
}

/** "C7" for row 7 (1-based) and column index 2 (0-based). */
export function cellRef(row: number, col: number): string {
  let n = col + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return `${letters}${row}`;
}

/** Where a cell is, as a message prefix: `tasks.xlsx:Sheet1!C7` or `tasks.csv:C7`. */
export function cellPosition(grid: Pick<SheetGrid, 'file' | 'sheet'>, row: number, col: number): string {
  return `${grid.file}:${grid.sheet !== null ? `${grid.sheet}!` : ''}${cellRef(row, col)}`;
}

function text(v: SheetValue): string {
  if (v === null) return '';
  return typeof v === 'string' ? v.trim() : String(v);
}

const MAX_PROBLEMS = 50;

/**
 * The tasks of a table. Empty rows are skipped; a row with anything in it needs a name. Every
 * problem of the table is reported at once (the first 50), each at its cell, exit 2.
 */
export function tasksFromGrid(grid: SheetGrid, data: PackData): Task[] {
  const problems: ProblemDetail[] = [];
  const at = (row: number, col: number, message: Localized): void => {
    problems.push({ position: { file: cellPosition(grid, row, col) }, message });
  };
  const columns = taskColumns(data);
  const byAlias = new Map<string, ColumnDef>();
  for (const c of columns) for (const a of c.aliases) byAlias.set(normalizeWord(a), c);
  const header = grid.rows[0] ?? [];
  const width = Math.max(0, ...grid.rows.map((r) => r.length));
  const mapped: (ColumnDef | null)[] = [];
  const seen = new Map<ColumnDef, number>();
  for (let c = 0; c < width; c++) {
    const h = text(header[c] ?? null);
    if (h === '') {
      mapped.push(null);
      const used = grid.rows.slice(1).findIndex((r) => text(r[c] ?? null) !== '');
      if (used >= 0) at(used + 2, c, { ja: 'この列には見出しがありません', en: 'this column has no header' });
      continue;
    }
    const def = byAlias.get(normalizeWord(h)) ?? null;
    if (!def) {
      at(1, c, { ja: `不明な列「${h}」`, en: `unknown column "${h}"` });
      mapped.push(null);
      continue;
    }
    const before = seen.get(def);
    if (before !== undefined) at(1, c, { ja: `列「${h}」が 2 回あります（${cellRef(1, before)} と同じ）`, en: `column "${h}" appears twice (same as ${cellRef(1, before)})` });
    else seen.set(def, c);
    mapped.push(before === undefined ? def : null);
  }
  const nameCol = columns.find((c) => c.target.kind === 'name')!;
  if (!seen.has(nameCol)) {
    throw new UserError(
      grid.rows.length === 0 || width === 0
        ? { ja: '課題の表が空です（1 行目に見出しが必要です）', en: 'the task table is empty (the first row must hold the headers)' }
        : { ja: '課題の表に「名称」（name）の列がありません', en: 'the task table has no "name" column' },
      {
        position: { file: cellPosition(grid, 1, 0) },
        hint: {
          ja: '1 行目を見出しにしてください（名称・分類・説明・事実の名前。kouiki template tasks -f xlsx:tasks.xlsx がひな形を作ります）',
          en: 'the first row holds the headers (name, category, description, the fact ids; kouiki template tasks -f xlsx:tasks.xlsx writes a template)',
        },
      },
    );
  }

  const raw: RawTask[] = [];
  const rowOf: number[] = [];
  const idCells = new Map<string, number>();
  for (let r = 1; r < grid.rows.length; r++) {
    const row = grid.rows[r]!;
    if (row.every((v) => text(v) === '')) continue;
    const rowNo = r + 1;
    const task: RawTask = { name: '' };
    const facts: Record<string, FactValue> = {};
    let hasName = false;
    mapped.forEach((def, c) => {
      if (!def) return;
      const v = row[c] ?? null;
      const t = text(v);
      if (t === '') return;
      const target = def.target;
      switch (target.kind) {
        case 'id': {
          const id = typeof v === 'number' && Number.isInteger(v) ? String(v) : t;
          const before = idCells.get(id);
          if (before !== undefined) at(rowNo, c, { ja: `課題の ID「${id}」が重複しています（${before} 行目と同じ）`, en: `duplicate task id "${id}" (same as row ${before})` });
          else idCells.set(id, rowNo);
          task.id = id;
          return;
        }
        case 'name':
          task.name = t;
          hasName = true;
          return;
        case 'description':
          task.description = t;
          return;
        case 'category': {
          const cat = data.categories.find((x) => [x.id, x.name.ja, x.name.en].some((n) => normalizeWord(n) === normalizeWord(t)));
          if (!cat) at(rowNo, c, { ja: `不明な分類「${t}」（使えるのは ${data.categories.map((x) => x.name.ja).join('、')}）`, en: `unknown category "${t}" (expected one of ${data.categories.map((x) => x.id).join(', ')})` });
          else task.category = cat.id;
          return;
        }
        case 'fact': {
          const f = data.facts.find((x) => x.id === target.fact)!;
          if (UNKNOWN_WORDS.has(t.toLowerCase()) || normalizeWord(t) === '' || UNKNOWN_WORDS.has(normalizeWord(t))) return;
          if (f.type === 'boolean') {
            const b = typeof v === 'boolean' ? v : TRUE_WORDS.has(normalizeWord(t)) ? true : FALSE_WORDS.has(normalizeWord(t)) ? false : null;
            if (b === null) at(rowNo, c, { ja: `「${f.label.ja}」は はい・いいえ・不明 のどれかです: ${t}`, en: `${f.id}: expected yes, no or unknown, not "${t}"` });
            else facts[f.id] = b;
          } else if (f.type === 'enum') {
            const val = f.values!.find((x) => [x.id, x.label.ja, x.label.en].some((n) => normalizeWord(n) === normalizeWord(t)));
            if (!val) at(rowNo, c, { ja: `「${f.label.ja}」の値「${t}」は使えません（${f.values!.map((x) => x.label.ja).join('、')}）`, en: `${f.id}: "${t}" is not one of ${f.values!.map((x) => x.id).join(', ')}` });
            else facts[f.id] = val.id;
          } else {
            const parties = parseParties(t);
            if (typeof parties === 'string') at(rowNo, c, { ja: `参加団体「${parties}」は「名前:種類」ではありません（種類は ${MUNICIPALITY_KINDS.map((k) => KIND_LABEL[k].ja).join('・')}）`, en: `party "${parties}" is not NAME:KIND (KIND one of ${MUNICIPALITY_KINDS.join(', ')})` });
            else facts[f.id] = parties;
          }
          return;
        }
      }
    });
    if (!hasName) at(rowNo, columnOf(mapped, 'name'), { ja: '課題の名称がありません', en: 'the task has no name' });
    if (Object.keys(facts).length > 0) task.facts = facts;
    raw.push(task);
    rowOf.push(rowNo);
  }
  if (problems.length === 0 && raw.length === 0) {
    throw new UserError(
      { ja: '課題の表に課題がありません（2 行目から 1 行に 1 件）', en: 'the task table holds no task (one a row, from row 2)' },
      { position: { file: cellPosition(grid, 2, 0) }, hint: { ja: '見出しの下の行に課題を書いてください', en: 'write the tasks in the rows under the headers' } },
    );
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_PROBLEMS);
    throw new UserError(
      problems.length > shown.length
        ? { ja: `課題の表に問題があります（${problems.length} 件のうち最初の ${shown.length} 件）`, en: `problems in the task table (the first ${shown.length} of ${problems.length})` }
        : { ja: '課題の表に問題があります', en: 'problems in the task table' },
      { details: shown, hint: { ja: '表示されたセルを直してください（列の説明は kouiki template tasks -f xlsx:tasks.xlsx の「列の説明」シート）', en: 'fix the cells shown (the columns are explained on a sheet of kouiki template tasks -f xlsx:tasks.xlsx)' } },
    );
  }
  // The same schema as a YAML task list: what passes here is what `evaluate tasks.yaml` accepts.
  const checked = taskListSchema(data).safeParse({ tasks: raw });
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const row = typeof issue.path[1] === 'number' ? rowOf[issue.path[1]]! : 1;
    throw new UserError({ ja: `課題の表に問題があります: ${issue.message}`, en: `problem in the task table: ${issue.message}` }, { position: { file: cellPosition(grid, row, 0) } });
  }
  return normalizeTasks(checked.data.tasks);
}

function columnOf(mapped: (ColumnDef | null)[], kind: ColumnTarget['kind']): number {
  const i = mapped.findIndex((d) => d?.target.kind === kind);
  return i < 0 ? 0 : i;
}

/** `小田原市:市; 箱根町:town` → parties, or the first piece that is not NAME:KIND. */
export function parseParties(cell: string): Party[] | string {
  const out: Party[] = [];
  for (const piece of cell.split(/[;；\n]/)) {
    const p = piece.trim();
    if (p === '') continue;
    const m = /^(.*\S)\s*[:：]\s*(\S+)$/.exec(p);
    if (!m) return p;
    const kind = kindOf(m[2]!);
    if (!kind) return p;
    out.push({ name: m[1]!.trim(), kind });
  }
  return out.length > 0 ? out : cell;
}

/** A kind by its id or name, through the one table of names (src/core/vocabulary.ts). */
function kindOf(word: string): MunicipalityKind | null {
  const r = staticVocabulary().lookup('kind', word);
  return r.ok ? (r.id as MunicipalityKind) : null;
}

/** The text a cell of a template or an export holds for a fact value (the inverse of the parser). */
export function cellText(value: FactValue | undefined, lang: Lang, data: PackData, fact: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? YES[lang] : NO[lang];
  if (Array.isArray(value)) return value.map((p) => (p.kind ? `${p.name}:${lang === 'ja' ? KIND_LABEL[p.kind].ja : p.kind}` : p.name)).join('; ');
  const f = data.facts.find((x) => x.id === fact);
  const v = f?.values?.find((x) => x.id === value);
  return v && lang === 'ja' ? v.label.ja : value;
}
