import { evaluateEligibility, subjectFor } from '../../core/eligibility/evaluate.js';
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
  const index = await loadIndex(ctx);
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
  const results = evaluateEligibility(pack.data, index, request, ctx.opts.asOf, lang);
  const out = ctx.io.stdout as NodeJS.WriteStream;
  const env = {
    lang,
    head: { schemaVersion: 1 as const, rulePack: packIdentity(pack), asOf: ctx.opts.asOf },
    width: outputWidth(ctx.io.stdoutIsTTY, out.columns, ctx.io.env),
    chalk: chalkFor(ctx),
    ...(request.partners
      ? {
          partnersOf: request.names.map((n) => subjectFor(index, n, { ...request, names: [n] }, lang).municipality.name),
          ...(index.figureSources.commuteShare ? { commuteWhere: index.figureSources.commuteShare[lang] } : {}),
        }
      : {}),
  };
  const plain = chalkFor({ ...ctx, opts: { ...ctx.opts, color: false } });
  await emitAll(ctx, specs, (spec) => eligibilityRenderer(spec.format, spec.file ? { ...env, chalk: plain } : env), results, ctx.opts.data);
  return 0;
}
