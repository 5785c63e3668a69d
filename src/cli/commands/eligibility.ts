import type { MunicipalityIndex } from '../../core/eligibility/index.js';
import { inPrefecture } from '../../core/eligibility/context.js';
import { evaluateEligibility, subjectFor } from '../../core/eligibility/evaluate.js';
import { packIdentity } from '../../pack/model.js';
import { eligibilityRenderer, ELIGIBILITY_FORMATS } from '../../report/eligibility.js';
import { outputWidth } from '../../report/text.js';
import type { RunContext } from '../context.js';
import { chalkFor, emitAll, formatSpecs } from '../emit.js';
import { loadIndex, requestFromOptions } from './eligibility-input.js';
import { nameResolver } from '../../io/names.js';
import { askedOf, reportTrace } from './eligibility-report.js';

/** `kouiki eligibility [NAME...]`: designation checks, merger what-ifs and partner lists. */
export async function run(ctx: RunContext, names: string[], opts: Record<string, unknown>): Promise<number> {
  if (opts.all === true) return (await import('./eligibility-all.js')).runAll(ctx, names, opts);
  const { lang } = ctx.opts;
  const request = requestFromOptions(names, opts, 'eligibility', ctx.pack().data);
  const specs = formatSpecs(ctx, ELIGIBILITY_FORMATS, 'table');
  const pack = ctx.pack();
  const index = await loadIndex(ctx, opts);
  // Names as planners write them (鶴ケ島市, 小田原, 浜松市中央区): the engine is given the
  // municipality each one means; a name that does not resolve goes as written, for the engine's message.
  const resolver = await nameResolver(index);
  const canonical = (n: string): string => {
    const r = resolver.resolve(n);
    if (!r.ok || !r.body.municipality) return n;
    if (r.body.note && !ctx.opts.quiet) ctx.io.stderr.write(`kouiki: ${r.body.note[lang]}\n`);
    return r.body.municipality.code ?? r.body.label;
  };
  request.names = request.names.map(canonical);
  if (request.merge) request.merge = request.merge.map(canonical);
  if (request.twin !== undefined) request.twin = canonical(request.twin);
  if (request.partnerOf !== undefined) request.partnerOf = canonical(request.partnerOf);
  const { trace, comparisons } = reportTrace(specs.some((s) => s.format === 'html' || s.format === 'xlsx'));
  const results = evaluateEligibility(pack.data, index, request, ctx.opts.asOf, lang, trace);
  const htmlReport = specs.some((s) => s.format === 'html') ? await import('../../report/html/index.js') : null;
  const xlsxReport = specs.some((s) => s.format === 'xlsx') ? await import('../../report/xlsx/index.js') : null;
  const partnersOf = request.partners ? request.names.map((n) => subjectFor(index, n, { ...request, names: [n] }, lang).municipality.name) : undefined;
  const reportEnv = { lang, head: { schemaVersion: 1 as const, rulePack: packIdentity(pack), asOf: ctx.opts.asOf }, asked: [askedOf(names, opts, lang)], data: pack.data, comparisons, ...(partnersOf ? { partnersOf } : {}) };
  const out = ctx.io.stdout as NodeJS.WriteStream;
  const env = {
    lang,
    head: { schemaVersion: 1 as const, rulePack: packIdentity(pack), asOf: ctx.opts.asOf },
    width: outputWidth(ctx.io.stdoutIsTTY, out.columns, ctx.io.env),
    chalk: chalkFor(ctx),
    data: pack.data,
    // The answer first: several municipalities begin with one verdict line per city and
    // designation; --summary prints those lines alone.
    ...(request.partners ? {} : opts.summary === true ? { summary: 'only' as const } : results.length > 1 ? { summary: 'first' as const } : {}),
    ...(request.partners
      ? {
          partnersOf: partnersOf!,
          ...(index.figureSources.commuteShare ? { commuteWhere: inPrefecture(index.figureSources.commuteShare[lang], prefectureOf(index, partnersOf!), lang) } : {}),
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

/** The one prefecture of the cities asked about (their own census table is the one to download), else none. */
function prefectureOf(index: MunicipalityIndex, names: string[]): string | null {
  const prefectures = new Set(names.map((n) => index.resolve(n)).map((r) => (r.ok ? r.municipality.prefecture : null)));
  return prefectures.size === 1 ? [...prefectures][0]! : null;
}
