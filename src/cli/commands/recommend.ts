import { UserError, type SourcePosition } from '../../errors.js';
import { resolveTaskParties } from '../parties.js';
import type { Task } from '../../schemas/task.js';
import type { RunContext } from '../context.js';
import { taskFromFlags } from '../specs/task-flags.js';
import { renderRecommendations } from './recommend-common.js';

/** `kouiki recommend`: one task from flags (over --task FILE); procedure for every recommended instrument. */
export async function run(ctx: RunContext, opts: Record<string, unknown>): Promise<number> {
  const data = ctx.pack().data;
  let base: Task | null = null;
  let at: ((path: (string | number)[]) => SourcePosition) | null = null;
  const inputs: string[] = [];
  if (typeof opts.task === 'string') {
    // The YAML parser and zod load only when a task file is given.
    const { loadTaskList } = await import('../../io/tasks.js');
    const list = await loadTaskList(opts.task, data, ctx.opts.maxInputSize);
    const { tasks } = list;
    if (tasks.length !== 1) {
      throw new UserError(
        { ja: `--task のファイルには課題が ${tasks.length} 件あります（1 件だけにしてください）`, en: `--task: the file holds ${tasks.length} tasks; recommend takes one` },
        { position: { file: opts.task, line: 1, column: 1 }, hint: { ja: '複数の課題は kouiki evaluate で評価してください', en: 'use kouiki evaluate for several tasks' } },
      );
    }
    base = tasks[0]!;
    at = (path) => list.at(['tasks', 0, ...path]);
    inputs.push(opts.task);
  }
  const task = taskFromFlags(opts, data, base, ctx.opts.lang);
  // Parties from --party flags win over the file's (taskFromFlags): their problems name the flag.
  const fromFlags = Array.isArray(opts.party) && opts.party.length > 0;
  const [resolved] = await resolveTaskParties(ctx, [task], () => (at && !fromFlags ? { kind: 'file', at: (_i, path) => at!(path) } : { kind: 'flags' }));
  const from = inputs.length > 0 ? inputs[0]! : ctx.opts.lang === 'ja' ? 'コマンドラインのフラグ' : 'the command-line flags';
  const asked = ctx.opts.lang === 'ja' ? `課題「${task.name}」（${from}）に適した連携制度の推奨` : `recommend cooperation instruments for the task "${task.name}" (from ${from})`;
  return renderRecommendations(ctx, [resolved!], 'recommended', inputs, { asked: [asked], ...(opts.csvHeader === 'ids' ? { csvHeader: 'ids' as const } : {}) });
}
