import { loadTaskList } from '../../io/tasks.js';
import type { Task } from '../../schemas/task.js';
import type { RunContext } from '../context.js';
import { EVALUATE_FORMATS } from '../../report/formats.js';
import { renderRecommendations } from './recommend-common.js';
import { resolveTaskParties, type PartySource } from '../parties.js';

/** The most tasks whose output begins with the summary table (see below). */
export const SUMMARY_FIRST_MAX = 500;

/**
 * `kouiki evaluate FILE...`: every file is read and validated before anything is printed (a
 * broken file is exit 2 with no partial output); the results then stream out.
 */
export async function run(ctx: RunContext, files: string[], opts: Record<string, unknown> = {}): Promise<number> {
  const data = ctx.pack().data;
  const lists: Task[][] = [];
  const where: PartySource[] = [];
  for (const file of files) {
    // A spreadsheet (one task a row) by its extension; anything else is YAML (also stdin).
    if (/\.xlsx$/i.test(file) || /\.csv$/i.test(file)) {
      const tasks = /\.xlsx$/i.test(file)
        ? await (await import('../../report/xlsx/index.js')).readTaskWorkbook(file, data, ctx.opts.maxInputSize)
        : (await import('../../io/task-sheet-csv.js')).readTaskCsv(file, data, ctx.opts.maxInputSize);
      lists.push(tasks);
      // A sheet's problems name the file (its rows are not YAML paths).
      tasks.forEach(() => where.push({ kind: 'file', at: () => ({ file }) }));
      continue;
    }
    const list = await loadTaskList(file, data, ctx.opts.maxInputSize);
    lists.push(list.tasks);
    list.tasks.forEach((_t, i) => where.push({ kind: 'file', at: (_k, path) => list.at(['tasks', i, ...path]) }));
  }
  const read = lists.length === 1 ? lists[0]! : lists.flat();
  // Every party is checked against the data before anything is printed (exit 2 on a problem).
  const all = await resolveTaskParties(ctx, read, (i) => where[i]!);
  const shown = files.map((f) => (f === '-' ? (ctx.opts.lang === 'ja' ? '標準入力' : 'standard input') : f)).join(', ');
  const asked = ctx.opts.lang === 'ja' ? `課題リスト ${shown} の課題${all.length}件について、適した連携制度を評価` : `evaluate the cooperation instruments for the ${all.length} task(s) of ${shown}`;
  // The answer first: a summary table before the detail of several tasks; --summary alone.
  // Up to SUMMARY_FIRST_MAX tasks: the summary must wait for every result, so the detail is held
  // back; a batch larger than that streams its detail as before (a summary of thousands of rows
  // is no overview, and holding it back would keep the whole output in memory and keep
  // `| head` waiting). --summary gives the summary of any batch.
  const summary = opts.summary === true ? 'only' : all.length > 1 && all.length <= SUMMARY_FIRST_MAX ? 'first' : undefined;
  return renderRecommendations(ctx, all, 'top', files, { formats: EVALUATE_FORMATS, asked: [asked], ...(summary ? { summary } : {}), ...(opts.csvHeader === 'ids' ? { csvHeader: 'ids' as const } : {}) });
}
