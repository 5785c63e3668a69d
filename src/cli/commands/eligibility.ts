import { evaluateEligibility, subjectFor } from '../../core/eligibility/evaluate.js';
import { packIdentity } from '../../pack/model.js';
import { eligibilityRenderer, ELIGIBILITY_FORMATS } from '../../report/eligibility.js';
import { outputWidth } from '../../report/text.js';
import type { RunContext } from '../context.js';
import { chalkFor, emitAll, formatSpecs } from '../emit.js';
import { loadIndex, requestFromOptions } from './eligibility-input.js';
import { askedOf, reportTrace } from './eligibility-report.js';

/** `kouiki eligibility [NAME...]`: designation checks, merger what-ifs and partner lists. */
export async function run(ctx: RunContext, names: string[], opts: Record<string, unknown>): Promise<number> {
  if (opts.all === true) return (await import('./eligibility-all.js')).runAll(ctx, names, opts);
  const { lang } = ctx.opts;
  const request = requestFromOptions(names, opts);
  const specs = formatSpecs(ctx, ELIGIBILITY_FORMATS, 'table');
  const pack = ctx.pack();
  const index = await loadIndex(ctx, opts);
  const { trace, comparisons } = reportTrace(specs.some((s) => s.format === 'html' || s.format === 'xlsx'));
  const results = evaluateEligibility(pack.data, index, request, ctx.opts.asOf, lang, trace);
  const htmlReport = specs.some((s) => s.format === 'html') ? await import('../../report/html/index.js') : null;
  const xlsxReport = specs.some((s) => s.format === 'xlsx') ? await import('../../report/xlsx/index.js') : null;
  const partnersOf = request.partners ? names.map((n) => subjectFor(index, n, { ...request, names: [n] }, lang).municipality.name) : undefined;
  const reportEnv = { lang, head: { schemaVersion: 1 as const, rulePack: packIdentity(pack), asOf: ctx.opts.asOf }, asked: [askedOf(names, opts, lang)], comparisons, ...(partnersOf ? { partnersOf } : {}) };
  const out = ctx.io.stdout as NodeJS.WriteStream;
  const env = {
    lang,
    head: { schemaVersion: 1 as const, rulePack: packIdentity(pack), asOf: ctx.opts.asOf },
    width: outputWidth(ctx.io.stdoutIsTTY, out.columns, ctx.io.env),
    chalk: chalkFor(ctx),
    ...(request.partners
      ? {
          partnersOf: partnersOf!,
          ...(index.figureSources.commuteShare ? { commuteWhere: index.figureSources.commuteShare[lang] } : {}),
        }
      : {}),
  };
  const plain = chalkFor({ ...ctx, opts: { ...ctx.opts, color: false } });
  await emitAll(
    ctx,
    specs,
    (spec) =>
      spec.format === 'html'
        ? htmlReport!.eligibilityHtmlRenderer(reportEnv)
        : spec.format === 'xlsx'
          ? xlsxReport!.eligibilityXlsxRenderer(reportEnv)
          : eligibilityRenderer(spec.format, spec.file ? { ...env, chalk: plain } : env),
    results,
    ctx.opts.data,
  );
  return 0;
}
