import { EVALUATE_FORMATS } from '../../report/formats.js';
import type { CommandSpec } from '../spec.js';
import { addCsvHeaderFlag } from './task-flags.js';

export const evaluateSpec: CommandSpec = {
  name: 'evaluate',
  args: '<files...>',
  summary: {
    ja: '課題リスト（YAML、又は 1 行 1 課題の .csv / .xlsx）の全課題について連携制度を評価する（- で標準入力）',
    en: 'evaluate every task of a task list (YAML, or a .csv / .xlsx sheet with one task a row; - reads stdin)',
  },
  formats: EVALUATE_FORMATS,
  examples: [
    { cmd: 'kouiki evaluate examples/kensei-tasks.yaml', what: { ja: '県西地域の課題を表で', en: 'the 県西地域 tasks as tables' } },
    { cmd: 'kouiki evaluate tasks.yaml -f json:out.json -f csv:out.csv', what: { ja: 'JSON と CSV を同時にファイルへ', en: 'JSON and CSV files in one run' } },
    { cmd: 'cat tasks.yaml | kouiki evaluate - -f json', what: { ja: '標準入力から', en: 'from standard input' } },
    { cmd: 'kouiki evaluate tasks.xlsx -f html:report.html -f xlsx:result.xlsx', what: { ja: 'Excel の課題リストから、印刷用の報告書と結果のブックを', en: 'from an Excel task list: a printable report and a result workbook' } },
    { cmd: 'kouiki evaluate examples/kensei-tasks.yaml --summary', what: { ja: '課題ごとの第1候補と主な理由だけを 1 つの表で', en: 'only the first choice and key reason of each task, in one table' } },
  ],
  configure: (cmd, env) => {
    cmd.option('--summary', env.lang === 'ja' ? '要約の表だけを出力する（table・markdown）' : 'print the summary table alone (table, markdown)');
    addCsvHeaderFlag(cmd, env.lang);
  },
  run: async (ctx, args, opts) => (await import('../commands/evaluate.js')).run(ctx, args, opts),
};
