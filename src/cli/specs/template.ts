import type { CommandSpec } from '../spec.js';

const tasksSpec: CommandSpec = {
  name: 'tasks',
  summary: {
    ja: '空の課題リストを書き出す（表計算ソフトで記入し kouiki evaluate FILE で評価）: 見出し、分類と事実の選択肢、各列の説明',
    en: 'write an empty task list for a spreadsheet (fill it in, then kouiki evaluate FILE): the headers, drop-down lists for the categories and facts, a sheet explaining each column',
  },
  formats: ['xlsx', 'csv'],
  examples: [
    { cmd: 'kouiki template tasks -f xlsx:tasks.xlsx', what: { ja: 'Excel のひな形（選択肢と列の説明付き）', en: 'an Excel template (with drop-down lists and the columns explained)' } },
    { cmd: 'kouiki template tasks -f csv:tasks.csv --lang en', what: { ja: '英語の見出し（事実の id）の CSV', en: 'a CSV file with the English headers (the fact ids)' } },
    { cmd: 'kouiki evaluate tasks.xlsx -f xlsx:result.xlsx', what: { ja: '記入した表を評価し、結果もブックで', en: 'evaluate the filled-in sheet, the result as a workbook too' } },
  ],
  run: async (ctx) => (await import('../commands/template.js')).tasks(ctx),
};

export const templateSpec: CommandSpec = {
  name: 'template',
  summary: {
    ja: 'ひな形を書き出す: tasks（表計算ソフト用の課題リスト）',
    en: 'write a template: tasks (a task list for a spreadsheet)',
  },
  formats: [],
  examples: [{ cmd: 'kouiki template tasks -f xlsx:tasks.xlsx', what: { ja: 'Excel の課題リストのひな形', en: 'an Excel task list template' } }],
  subcommands: [tasksSpec],
  run: async () => 2,
};
