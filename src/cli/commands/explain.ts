import { UserError } from '../../errors.js';
import { explainEligibility as traceEligibility } from '../../core/explain/eligibility.js';
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
import { ELIGIBILITY_OPTION_KEYS } from '../specs/eligibility-flags.js';
import { flagName, taskFromFlags } from '../specs/task-flags.js';
import { list, loadIndex, requestFromOptions } from './eligibility-input.js';
import { resolveTaskParties } from '../parties.js';

/**
 * `kouiki explain`: the trace of one recommendation (task flags or `--task FILE`; with a task
 * list of several, `--id` picks one), or of one eligibility result: `kouiki explain NAME
 * --designation ID` with the flags of `kouiki eligibility` (`--merge`, `--twin`,
 * `--partner-of`, figure flags instead of NAME; `--data` as everywhere). A NAME or any
 * eligibility flag selects the eligibility variant; giving task flags with it is an error
 * (exit 2) rather than a silent choice of one of the two.
 */
export async function run(ctx: RunContext, args: string[], opts: Record<string, unknown>): Promise<number> {
  const eligibility = args.length > 0 || ELIGIBILITY_OPTION_KEYS.some((k) => opts[k] !== undefined);
  const explanation = eligibility ? await explainEligibility(ctx, args, opts) : await explainTask(ctx, opts);
  return render(ctx, explanation, typeof opts.task === 'string' ? [opts.task] : ctx.opts.data);
}

/** The task flags given (as the user wrote them), for the error when they meet eligibility flags. */
function taskFlagsGiven(ctx: RunContext, opts: Record<string, unknown>): string[] {
  const keys = ['task', 'id', 'name', 'description', 'category', ...ctx.pack().data.facts.map((f) => (f.type === 'parties' ? 'party' : f.id))];
  return keys.filter((k) => opts[k] !== undefined).map((k) => `--${opts[k] === false ? 'no-' : ''}${flagName(k)}`);
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
  const [task] = await resolveTaskParties(ctx, [taskFromFlags(flags, data, base, ctx.opts.lang)], () => ({ kind: 'flags' }));
  const cp = compilePack(pack, ctx.opts.lang, ctx.opts.asOf);
  return explainRecommendation(cp, task!).explanation;
}

/**
 * The eligibility variant: the request is resolved exactly as `kouiki eligibility` resolves it
 * (eligibility-input.ts), limited to one municipality and one designation.
 */
async function explainEligibility(ctx: RunContext, args: string[], opts: Record<string, unknown>): Promise<Explanation> {
  const given = taskFlagsGiven(ctx, opts);
  if (given.length > 0) {
    const elig = [...(args.length > 0 ? [args[0]!] : []), ...ELIGIBILITY_OPTION_KEYS.filter((k) => opts[k] !== undefined).map((k) => `--${flagName(k)}`)].join(' ');
    throw new UserError(
      {
        ja: `推奨の説明のフラグ（${given.join(' ')}）と指定要件の説明の指定（${elig}）は同時に使えません`,
        en: `the flags of a recommendation (${given.join(' ')}) and of an eligibility result (${elig}) cannot be combined`,
      },
      {
        hint: {
          ja: '推奨の説明は市町村名なしで recommend のフラグを、指定要件の説明は NAME --designation ID と eligibility のフラグを指定してください',
          en: 'explain a recommendation with the flags of recommend and no NAME, or an eligibility result with NAME --designation ID and the flags of eligibility',
        },
      },
    );
  }
  const designations = list(opts.designation === undefined ? [] : [String(opts.designation)]);
  if (designations.length !== 1) {
    throw new UserError(
      designations.length === 0
        ? { ja: '説明する指定を --designation で 1 つ指定してください', en: 'name the designation to explain with --designation ID' }
        : { ja: `説明できる指定は 1 つです（${designations.join(', ')}）`, en: `explain one designation at a time (not ${designations.join(', ')})` },
      { hint: { ja: `例: kouiki explain ${args[0] ?? '小田原市'} --designation core-city（すべての指定の一覧は kouiki eligibility ${args[0] ?? 'NAME'}）`, en: `e.g. kouiki explain ${args[0] ?? '小田原市'} --designation core-city (every designation at once: kouiki eligibility ${args[0] ?? 'NAME'})` } },
    );
  }
  const pack = ctx.pack();
  const request = requestFromOptions(args, { ...opts, designation: designations }, 'explain', pack.data);
  const index = await loadIndex(ctx, opts);
  return traceEligibility(pack.data, index, request, ctx.opts.asOf, ctx.opts.lang);
}

async function render(ctx: RunContext, explanation: Explanation, inputs: string[]): Promise<number> {
  const pack = ctx.pack();
  const specs = formatSpecs(ctx, EXPLAIN_FORMATS, 'text');
  const out = ctx.io.stdout as NodeJS.WriteStream;
  const env = {
    lang: ctx.opts.lang,
    head: { schemaVersion: 1 as const, rulePack: packIdentity(pack), asOf: ctx.opts.asOf },
    width: outputWidth(ctx.io.stdoutIsTTY, out.columns, ctx.io.env),
    data: pack.data,
  };
  const htmlReport = specs.some((s) => s.format === 'html') ? await import('../../report/html/index.js') : null;
  const asked = explanation.kind === 'recommendation'
    ? ctx.opts.lang === 'ja' ? `課題「${explanation.task.name}」の推奨の理由` : `why the instruments rank as they do for "${explanation.task.name}"`
    : ctx.opts.lang === 'ja' ? `${explanation.municipality.name}の${explanation.designation.name}の要件の判定の理由` : `why ${explanation.municipality.name} gets this result for ${explanation.designation.name}`;
  const reportEnv = { lang: ctx.opts.lang, head: env.head, asked: [asked], data: pack.data };
  await emitAll(ctx, specs, (spec) => (spec.format === 'html' ? htmlReport!.explainHtmlRenderer(reportEnv) : explainRenderer(spec.format, env)), [explanation], inputs);
  return 0;
}
