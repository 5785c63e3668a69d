import { evaluateEligibility, subjectFor } from '../../core/eligibility/evaluate.js';
import type { TraceHook } from '../../core/eligibility/types.js';
import type { Comparison } from '../../report/html/eligibility.js';
import { comparisonKey } from '../../report/html/comparison-key.js';
import { packIdentity } from '../../pack/model.js';
import { eligibilityRenderer, ELIGIBILITY_FORMATS } from '../../report/eligibility.js';
import { outputWidth } from '../../report/text.js';
import type { RunContext } from '../context.js';
import { chalkFor, emitAll, formatSpecs } from '../emit.js';
import { loadIndex, requestFromOptions } from './eligibility-input.js';
import { nameResolver } from '../../io/names.js';

/** `kouiki eligibility [NAME...]`: designation checks, merger what-ifs and partner lists. */
export async function run(ctx: RunContext, names: string[], opts: Record<string, unknown>): Promise<number> {
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
  const wantsReport = specs.some((s) => s.format === 'html' || s.format === 'xlsx');
  // The reports draw each figure against its threshold: the comparisons the engine made, from its trace.
  const comparisons = new Map<string, Comparison>();
  let subject = '';
  const trace: TraceHook | undefined = wantsReport
    ? (e) => {
        if (e.type === 'subject') subject = e.municipality;
        else if (e.type === 'parameter' && e.parameter === 'tolerance' && typeof e.value === 'number') comparisons.set(comparisonKey(subject, e.designation, e.criterion), { op: '', threshold: null, tolerance: e.value });
        else if (e.type === 'criterion') {
          const key = comparisonKey(subject, e.designation, e.criterion);
          const tolerance = comparisons.get(key)?.tolerance;
          comparisons.set(key, { op: e.op, threshold: e.right, ...(tolerance !== undefined ? { tolerance } : {}) });
        }
      }
    : undefined;
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

/** What was asked, for the cover of a report: the names and the options as typed. */
function askedOf(names: string[], opts: Record<string, unknown>, lang: 'ja' | 'en'): string {
  const flags: string[] = [];
  for (const [key, flag] of [
    ['merge', '--merge'],
    ['designation', '--designation'],
    ['twin', '--twin'],
    ['partnerOf', '--partner-of'],
    ['population', '--population'],
    ['dayNightRatio', '--day-night-ratio'],
    ['metroArea', '--metro-area'],
    ['metroCoreCommuteShare', '--metro-core-commute-share'],
    ['kind', '--kind'],
  ] as const) {
    const v = opts[key];
    if (v === undefined) continue;
    flags.push(`${flag} ${Array.isArray(v) ? v.join(',') : String(v)}`);
  }
  if (opts.partners === true) flags.push('--partners');
  const who = names.length > 0 ? names.join(lang === 'ja' ? '、' : ', ') : lang === 'ja' ? '数値で与えた市' : 'a city given by its figures';
  const tail = flags.length > 0 ? ` (${flags.join(' ')})` : '';
  return lang === 'ja' ? `${who}の指定要件の判定${tail}` : `designation criteria of ${who}${tail}`;
}
