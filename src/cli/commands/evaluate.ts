import { loadTaskList } from '../../io/tasks.js';
import type { Task } from '../../schemas/task.js';
import type { RunContext } from '../context.js';
import { renderRecommendations } from './recommend-common.js';
import { resolveTaskParties, type PartySource } from '../parties.js';

/**
 * `kouiki evaluate FILE...`: every file is read and validated before anything is printed (a
 * broken file is exit 2 with no partial output); the results then stream out.
 */
export async function run(ctx: RunContext, files: string[], opts: Record<string, unknown> = {}): Promise<number> {
  const data = ctx.pack().data;
  const lists: Task[][] = [];
  const where: PartySource[] = [];
  for (const file of files) {
    const list = await loadTaskList(file, data, ctx.opts.maxInputSize);
    lists.push(list.tasks);
    list.tasks.forEach((_t, i) => where.push({ kind: 'file', at: (_k, path) => list.at(['tasks', i, ...path]) }));
  }
  const read = lists.length === 1 ? lists[0]! : lists.flat();
  // Every party is checked against the data before anything is printed (exit 2 on a problem).
  const all = await resolveTaskParties(ctx, read, (i) => where[i]!);
  // The answer first: a summary table before the detail of several tasks; --summary alone.
  const summary = opts.summary === true ? 'only' : all.length > 1 ? 'first' : undefined;
  return renderRecommendations(ctx, all, 'top', files, { ...(summary ? { summary } : {}), ...(opts.csvHeader === 'ids' ? { csvHeader: 'ids' as const } : {}) });
}
