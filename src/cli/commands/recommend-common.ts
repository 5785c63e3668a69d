import { compilePack, type CompiledPack } from '../../core/recommend/compile.js';
import type { TaskResult, ProcedureScope } from '../../core/recommend/types.js';
import { evaluateTask } from '../../core/recommend/evaluate.js';
import { packIdentity } from '../../pack/model.js';
import { recommendRenderer } from '../../report/recommend.js';
import { RECOMMEND_FORMATS } from '../../report/formats.js';
import { withSources } from '../../report/sources.js';
import type { StreamRenderer } from '../../report/stream.js';
import { outputWidth } from '../../report/text.js';
import type { Task } from '../../schemas/task.js';
import type { RunContext } from '../context.js';
import { chalkFor, emitAll, formatSpecs, progressLine } from '../emit.js';

/** Evaluates tasks lazily (one at a time, as the renderers pull them). */
export function* evaluateAll(cp: CompiledPack, tasks: Iterable<Task>, procedure: ProcedureScope): Generator<TaskResult> {
  const opts = { procedure };
  for (const t of tasks) yield evaluateTask(cp, t, opts);
}

/** Shared by recommend and evaluate: compile the pack, evaluate, render every requested format. */
export async function renderRecommendations(
  ctx: RunContext,
  tasks: readonly Task[],
  procedure: ProcedureScope,
  inputs: readonly string[],
  options: { formats?: readonly string[]; asked?: string[]; summary?: 'first' | 'only'; csvHeader?: 'labels' | 'ids' } = {},
): Promise<number> {
  const pack = ctx.pack();
  const cp = compilePack(pack, ctx.opts.lang, ctx.opts.asOf);
  const specs = formatSpecs(ctx, options.formats ?? RECOMMEND_FORMATS, 'table');
  const out = ctx.io.stdout as NodeJS.WriteStream;
  const env = {
    lang: ctx.opts.lang,
    head: { schemaVersion: 1 as const, rulePack: packIdentity(pack), asOf: ctx.opts.asOf },
    width: outputWidth(ctx.io.stdoutIsTTY, out.columns, ctx.io.env),
    chalk: chalkFor(ctx),
    data: pack.data,
    compactJson: procedure === 'top',
    ...(options.summary ? { summary: options.summary } : {}),
    ...(options.csvHeader ? { csvHeader: options.csvHeader } : {}),
  };
  const progress = progressLine(ctx, tasks.length);
  // The table pulls in the table package: load it only when a table is asked for.
  const table = specs.some((s) => s.format === 'table') ? await import('../../report/recommend-table.js') : null;
  // The report and the workbook load only when asked for (start-up of every other run).
  const htmlReport = specs.some((s) => s.format === 'html') ? await import('../../report/html/index.js') : null;
  const xlsxReport = specs.some((s) => s.format === 'xlsx') ? await import('../../report/xlsx/index.js') : null;
  const plain = { ...env, chalk: chalkFor({ ...ctx, opts: { ...ctx.opts, color: false } }) };
  const reportEnv = { lang: ctx.opts.lang, head: env.head, data: pack.data, asked: options.asked ?? [], single: procedure === 'recommended' };
  const special = (format: string): StreamRenderer<TaskResult> | null =>
    format === 'html' ? htmlReport!.tasksHtmlRenderer(reportEnv) : format === 'xlsx' ? xlsxReport!.tasksXlsxRenderer(reportEnv) : null;
  try {
    await emitAll(
      ctx,
      specs,
      (spec) => {
        const e = spec.file ? plain : env;
        return special(spec.format) ?? (spec.format === 'table' ? withSources(table!.tableRenderer(e), 'text', e.data, e.lang) : recommendRenderer(spec.format, e));
      },
      evaluateAll(cp, tasks, procedure),
      inputs,
      progress.update,
    );
  } finally {
    progress.done();
  }
  return 0;
}
