import { EVALUATE_FORMATS } from '../../report/formats.js';
import type { CommandSpec } from '../spec.js';

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
  ],
  run: async (ctx, args) => (await import('../commands/evaluate.js')).run(ctx, args),
};
