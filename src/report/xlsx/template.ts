import type { Lang } from '../../i18n/lang.js';
import type { PackData } from '../../pack/model.js';
import { taskColumns } from '../../io/task-sheet.js';
import { cellRef } from '../../io/task-sheet.js';
import { loadExcel, tableSheet, workbookBytes } from './book.js';

/** Rows of the task sheet that get the validation lists (a template is filled in by hand). */
const ROWS = 500;

const W = {
  tasks: { ja: '課題', en: 'Tasks' },
  columns: { ja: '列の説明', en: 'Columns' },
  lists: { ja: '選択肢', en: 'Lists' },
  column: { ja: '列', en: 'Column' },
  header: { ja: '見出し', en: 'Header' },
  id: { ja: 'ID（英語の見出し）', en: 'id' },
  what: { ja: '書く内容', en: 'What to write' },
  values: { ja: '使える値', en: 'Values' },
  also: { ja: '別名（見出しとして使える）', en: 'Also accepted as the header' },
  bad: { ja: '一覧の値を選ぶか、空欄（不明）にしてください', en: 'pick a value from the list, or leave it empty (unknown)' },
} as const;

/**
 * `kouiki template tasks -f xlsx`: an empty task list. The task sheet has the headers (the
 * facts' names in Japanese output, their ids in English), a drop-down list on every column with
 * fixed values (categories, はい/いいえ/不明, an enum's values), frozen headers and filters; a
 * sheet explains each column; the lists live on a hidden sheet.
 */
export async function taskTemplateWorkbook(data: PackData, lang: Lang, asOf: string): Promise<Uint8Array> {
  const { Workbook } = await loadExcel();
  const wb = new Workbook();
  const columns = taskColumns(data);
  const tasks = tableSheet(wb, W.tasks[lang], columns.map((c) => ({ header: c.header[lang], wrap: 30 })), []);
  columns.forEach((c, i) => {
    tasks.getColumn(i + 1).width = Math.max(tasks.getColumn(i + 1).width ?? 10, c.target.kind === 'description' || c.target.kind === 'name' ? 30 : 14);
  });
  tableSheet(
    wb,
    W.columns[lang],
    [{ header: W.column[lang] }, { header: W.header[lang] }, { header: W.id[lang] }, { header: W.what[lang], wrap: 70 }, { header: W.values[lang], wrap: 50 }, { header: W.also[lang], wrap: 40 }],
    columns.map((c, i) => [
      cellRef(1, i).replace(/\d+$/, ''),
      c.header[lang],
      c.target.kind === 'fact' ? c.target.fact : c.header.en,
      c.explain[lang],
      (c.choices ?? []).map((x) => x[lang]).join(lang === 'ja' ? '、' : ', '),
      [...new Set(c.aliases.filter((a) => a !== c.header[lang]))].join(', '),
    ]),
  );
  const lists = wb.addWorksheet(W.lists[lang], { state: 'hidden' });
  let listCol = 0;
  columns.forEach((c, i) => {
    if (!c.choices) return;
    listCol++;
    const letter = cellRef(1, listCol - 1).replace(/\d+$/, '');
    lists.getCell(1, listCol).value = c.header[lang];
    c.choices.forEach((x, k) => (lists.getCell(k + 2, listCol).value = x[lang]));
    const range = `'${W.lists[lang]}'!$${letter}$2:$${letter}$${c.choices.length + 1}`;
    const col = cellRef(1, i).replace(/\d+$/, '');
    for (let r = 2; r <= ROWS + 1; r++) {
      tasks.getCell(`${col}${r}`).dataValidation = { type: 'list', allowBlank: true, formulae: [range], showErrorMessage: true, errorStyle: 'warning', error: W.bad[lang] };
    }
  });
  return workbookBytes(wb, asOf);
}
