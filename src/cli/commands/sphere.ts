import { computeSphere } from '../../core/eligibility/sphere.js';
import { packIdentity } from '../../pack/model.js';
import { sphereRenderer, SPHERE_FORMATS } from '../../report/sphere.js';
import { outputWidth } from '../../report/text.js';
import type { RunContext } from '../context.js';
import { chalkFor, emitAll, formatSpecs } from '../emit.js';
import { list, loadIndex, parseFraction } from './eligibility-input.js';

/** `kouiki sphere CITY`: the municipalities whose commuting share to CITY meets a partner guideline. */
export async function run(ctx: RunContext, args: string[], opts: Record<string, unknown>): Promise<number> {
  const { lang } = ctx.opts;
  const min = opts.min !== undefined ? parseFraction(String(opts.min), '--min', 1) : undefined;
  const designations = list(opts.designation);
  const specs = formatSpecs(ctx, SPHERE_FORMATS, 'table');
  const pack = ctx.pack();
  const index = await loadIndex(ctx, opts);
  const result = computeSphere(pack.data, index, { city: args[0]!, ...(min !== undefined ? { min } : {}), ...(designations.length > 0 ? { designations } : {}) }, ctx.opts.asOf, lang);
  const out = ctx.io.stdout as NodeJS.WriteStream;
  const env = {
    lang,
    head: { schemaVersion: 1 as const, rulePack: packIdentity(pack), asOf: ctx.opts.asOf },
    width: outputWidth(ctx.io.stdoutIsTTY, out.columns, ctx.io.env),
    chalk: chalkFor(ctx),
  };
  const plain = chalkFor({ ...ctx, opts: { ...ctx.opts, color: false } });
  const htmlReport = specs.some((s) => s.format === 'html') ? await import('../../report/html/index.js') : null;
  const asked = `sphere ${args[0]}${min !== undefined ? ` --min ${String(opts.min)}` : ''}${designations.length > 0 ? ` --designation ${designations.join(',')}` : ''}`;
  await emitAll(
    ctx,
    specs,
    (spec) => (spec.format === 'html' ? htmlReport!.sphereHtmlRenderer({ lang, head: env.head, asked: [asked] }) : sphereRenderer(spec.format, spec.file ? { ...env, chalk: plain } : env)),
    [result],
    ctx.opts.data,
  );
  return 0;
}
