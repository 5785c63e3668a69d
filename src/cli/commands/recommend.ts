import { UserError } from '../../errors.js';
import type { Task } from '../../schemas/task.js';
import type { RunContext } from '../context.js';
import { taskFromFlags } from '../specs/task-flags.js';
import { renderRecommendations } from './recommend-common.js';

/** `kouiki recommend`: one task from flags (over --task FILE); procedure for every recommended instrument. */
export async function run(ctx: RunContext, opts: Record<string, unknown>): Promise<number> {
  const data = ctx.pack().data;
  let base: Task | null = null;
  const inputs: string[] = [];
  if (typeof opts.task === 'string') {
    // The YAML parser and zod load only when a task file is given.
    const { loadTaskList } = await import('../../io/tasks.js');
    const { tasks } = await loadTaskList(opts.task, data, ctx.opts.maxInputSize);
    if (tasks.length !== 1) {
      throw new UserError(
        { ja: `--task のファイルには課題が ${tasks.length} 件あります（1 件だけにしてください）`, en: `--task: the file holds ${tasks.length} tasks; recommend takes one` },
        { position: { file: opts.task, line: 1, column: 1 }, hint: { ja: '複数の課題は kouiki evaluate で評価してください', en: 'use kouiki evaluate for several tasks' } },
      );
    }
    base = tasks[0]!;
    inputs.push(opts.task);
  }
  const task = taskFromFlags(opts, data, base, ctx.opts.lang);
  const from = inputs.length > 0 ? inputs[0]! : ctx.opts.lang === 'ja' ? 'コマンドラインのフラグ' : 'the command-line flags';
  const asked = ctx.opts.lang === 'ja' ? `課題「${task.name}」（${from}）に適した連携制度の推奨` : `recommend cooperation instruments for the task "${task.name}" (from ${from})`;
  return renderRecommendations(ctx, [task], 'recommended', inputs, { asked: [asked] });
}
