import { UserError } from '../../errors.js';
import { explainRecommendation } from '../../core/explain/recommend.js';
import type { Explanation } from '../../core/explain/types.js';
import { compilePack } from '../../core/recommend/compile.js';
import { loadTaskList } from '../../io/tasks.js';
import { packIdentity } from '../../pack/model.js';
import { EXPLAIN_FORMATS, explainRenderer } from '../../report/explain.js';
import { outputWidth } from '../../report/text.js';
import type { Task } from '../../schemas/task.js';
import type { RunContext } from '../context.js';
import { emitAll, formatSpecs } from '../emit.js';
import { taskFromFlags } from '../specs/task-flags.js';

/**
 * `kouiki explain`: the trace of one recommendation (task flags or `--task FILE`; with a task
 * list of several, `--id` picks one). `kouiki explain NAME --designation ID` is the eligibility
 * variant: see explainEligibility below.
 */
export async function run(ctx: RunContext, args: string[], opts: Record<string, unknown>): Promise<number> {
  const explanation = args.length > 0 || opts.designation !== undefined ? await explainEligibility(ctx, args, opts) : await explainTask(ctx, opts);
  return render(ctx, explanation, typeof opts.task === 'string' ? [opts.task] : []);
}

async function explainTask(ctx: RunContext, opts: Record<string, unknown>): Promise<Explanation> {
  const pack = ctx.pack();
  const data = pack.data;
  let base: Task | null = null;
  const flags = { ...opts };
  if (typeof opts.task === 'string') {
    const { tasks } = await loadTaskList(opts.task, data, ctx.opts.maxInputSize);
    if (tasks.length === 1) base = tasks[0]!;
    else {
      const id = typeof opts.id === 'string' ? opts.id : undefined;
      base = id === undefined ? null : (tasks.find((t) => t.id === id) ?? null);
      if (!base) {
        const ids = tasks.map((t) => t.id).join(', ');
        throw new UserError(
          id === undefined
            ? { ja: `--task のファイルには課題が ${tasks.length} 件あります。説明する課題を --id で選んでください`, en: `--task: the file holds ${tasks.length} tasks; pick the one to explain with --id` }
            : { ja: `--task のファイルに id「${id}」の課題はありません`, en: `--task: the file has no task with id "${id}"` },
          { position: { file: opts.task, line: 1, column: 1 }, hint: { ja: `使える id: ${ids}`, en: `ids in the file: ${ids}` } },
        );
      }
      delete flags.id;
    }
  }
  const task = taskFromFlags(flags, data, base, ctx.opts.lang);
  const cp = compilePack(pack, ctx.opts.lang, ctx.opts.asOf);
  return explainRecommendation(cp, task).explanation;
}

/**
 * The eligibility variant, `kouiki explain NAME --designation ID` (issue 3). To wire it: resolve
 * the municipality and figures exactly as `kouiki eligibility` does, call
 * `evaluateEligibility(..., trace)` for the one designation, and return an
 * `EligibilityExplanation` (src/core/explain/types.ts); the renderers (text tree, Markdown,
 * JSON) already handle it (src/core/explain/tree.ts `eligibilityTree`).
 */
async function explainEligibility(_ctx: RunContext, args: string[], opts: Record<string, unknown>): Promise<Explanation> {
  throw new UserError(
    {
      ja: `指定要件の説明（kouiki explain ${args[0] ?? 'NAME'} --designation ${String(opts.designation ?? 'ID')}）はこのビルドではまだ使えません`,
      en: `explaining an eligibility result (kouiki explain ${args[0] ?? 'NAME'} --designation ${String(opts.designation ?? 'ID')}) is not available in this build yet`,
    },
    { hint: { ja: '推奨の説明は市町村名なしで、recommend と同じフラグで', en: 'to explain a recommendation, give no name and the flags of recommend' } },
  );
}

async function render(ctx: RunContext, explanation: Explanation, inputs: string[]): Promise<number> {
  const pack = ctx.pack();
  const specs = formatSpecs(ctx, EXPLAIN_FORMATS, 'text');
  const out = ctx.io.stdout as NodeJS.WriteStream;
  const env = {
    lang: ctx.opts.lang,
    head: { schemaVersion: 1 as const, rulePack: packIdentity(pack), asOf: ctx.opts.asOf },
    width: outputWidth(ctx.io.stdoutIsTTY, out.columns, ctx.io.env),
  };
  await emitAll(ctx, specs, (spec) => explainRenderer(spec.format, env), [explanation], inputs);
  return 0;
}
