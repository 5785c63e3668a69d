import { loadTaskList } from '../../io/tasks.js';
import type { Task } from '../../schemas/task.js';
import type { RunContext } from '../context.js';
import { EVALUATE_FORMATS } from '../../report/formats.js';
import { renderRecommendations } from './recommend-common.js';

/**
 * `kouiki evaluate FILE...`: every file is read and validated before anything is printed (a
 * broken file is exit 2 with no partial output); the results then stream out.
 */
export async function run(ctx: RunContext, files: string[]): Promise<number> {
  const data = ctx.pack().data;
  const lists: Task[][] = [];
  for (const file of files) {
    // A spreadsheet (one task a row) by its extension; anything else is YAML (also stdin).
    if (/\.xlsx$/i.test(file)) lists.push(await (await import('../../report/xlsx/index.js')).readTaskWorkbook(file, data, ctx.opts.maxInputSize));
    else if (/\.csv$/i.test(file)) lists.push((await import('../../io/task-sheet-csv.js')).readTaskCsv(file, data, ctx.opts.maxInputSize));
    else lists.push((await loadTaskList(file, data, ctx.opts.maxInputSize)).tasks);
  }
  const all = lists.length === 1 ? lists[0]! : lists.flat();
  const shown = files.map((f) => (f === '-' ? (ctx.opts.lang === 'ja' ? '標準入力' : 'standard input') : f)).join(', ');
  const asked = ctx.opts.lang === 'ja' ? `課題リスト ${shown} の課題 ${all.length} 件について、適した連携制度を評価` : `evaluate the cooperation instruments for the ${all.length} task(s) of ${shown}`;
  return renderRecommendations(ctx, all, 'top', files, { formats: EVALUATE_FORMATS, asked: [asked] });
}
