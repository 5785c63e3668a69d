import { evaluateAll } from '../../core/eligibility/all.js';
import { evaluateEligibility, subjectFor } from '../../core/eligibility/evaluate.js';
import { designationsFor } from '../../core/eligibility/resolve.js';
import { UserError } from '../../errors.js';
import { packIdentity } from '../../pack/model.js';
import { eligibilityRenderer, ELIGIBILITY_FORMATS } from '../../report/eligibility.js';
import { CachedJsonWriter } from '../../report/json-cached.js';
import { jsonArrayRenderer } from '../../report/stream.js';
import { outputWidth } from '../../report/text.js';
import type { EligibilityResult } from '../../core/eligibility/types.js';
import type { RunContext } from '../context.js';
import { chalkFor, emitAll, formatSpecs } from '../emit.js';
import { list, loadIndex, requestFromOptions } from './eligibility-input.js';

/** `kouiki eligibility [NAME...]`: designation checks, merger what-ifs and partner lists. */
export async function run(ctx: RunContext, names: string[], opts: Record<string, unknown>): Promise<number> {
  if (opts.all === true) return runAll(ctx, names, opts);
  const { lang } = ctx.opts;
  const request = requestFromOptions(names, opts);
  const specs = formatSpecs(ctx, ELIGIBILITY_FORMATS, 'table');
  const pack = ctx.pack();
  const index = await loadIndex(ctx);
  const results = evaluateEligibility(pack.data, index, request, ctx.opts.asOf, lang);
  const out = ctx.io.stdout as NodeJS.WriteStream;
  const env = {
    lang,
    head: { schemaVersion: 1 as const, rulePack: packIdentity(pack), asOf: ctx.opts.asOf },
    width: outputWidth(ctx.io.stdoutIsTTY, out.columns, ctx.io.env),
    chalk: chalkFor(ctx),
    ...(request.partners
      ? {
          partnersOf: names.map((n) => subjectFor(index, n, { ...request, names: [n] }, lang).municipality.name),
          ...(index.figureSources.commuteShare ? { commuteWhere: index.figureSources.commuteShare[lang] } : {}),
        }
      : {}),
  };
  const plain = chalkFor({ ...ctx, opts: { ...ctx.opts, color: false } });
  await emitAll(ctx, specs, (spec) => eligibilityRenderer(spec.format, spec.file ? { ...env, chalk: plain } : env), results, ctx.opts.data);
  return 0;
}

/** The flags that describe one municipality: meaningless with --all. */
const ONE_MUNICIPALITY = ['merge', 'twin', 'partners', 'population', 'dayNightRatio', 'metroArea', 'metroCoreCommuteShare', 'kind'] as const;
const FLAG: Record<(typeof ONE_MUNICIPALITY)[number], string> = {
  merge: '--merge',
  twin: '--twin',
  partners: '--partners',
  population: '--population',
  dayNightRatio: '--day-night-ratio',
  metroArea: '--metro-area',
  metroCoreCommuteShare: '--metro-core-commute-share',
  kind: '--kind',
};

/**
 * `kouiki eligibility --all`: every municipality of the data against every designation (or
 * those of --designation; the partner ones towards --partner-of), streamed: JSON as the
 * contract's document with one result per municipality, the table and Markdown as one line each.
 */
async function runAll(ctx: RunContext, names: string[], opts: Record<string, unknown>): Promise<number> {
  const hint = { ja: '`kouiki eligibility --help` の例を参照してください', en: 'see the examples of `kouiki eligibility --help`' };
  if (names.length > 0) {
    throw new UserError({ ja: `--all と市町村名（${names.join('、')}）は同時に指定できません`, en: `--all checks every municipality; drop the names (${names.join(', ')})` }, { hint });
  }
  const clash = ONE_MUNICIPALITY.find((k) => opts[k] !== undefined);
  if (clash) throw new UserError({ ja: `--all と ${FLAG[clash]} は同時に使えません`, en: `--all cannot be combined with ${FLAG[clash]}` }, { hint });
  const { lang } = ctx.opts;
  const designationIds = list(opts.designation);
  const request = { ...(designationIds.length > 0 ? { designations: designationIds } : {}), ...(typeof opts.partnerOf === 'string' ? { partnerOf: opts.partnerOf } : {}) };
  const specs = formatSpecs(ctx, ELIGIBILITY_FORMATS, 'table');
  const pack = ctx.pack();
  const index = await loadIndex(ctx);
  // Checked before any output: an unknown designation or a missing --partner-of is exit 2 with nothing written.
  const designations = designationsFor(pack.data, { names: [], ...request });
  const results = evaluateAll(pack.data, index, request, ctx.opts.asOf, lang);
  const first = results.next();
  const stream = (function* () {
    if (!first.done) yield first.value;
    yield* results;
  })();
  const head = { schemaVersion: 1 as const, rulePack: packIdentity(pack), asOf: ctx.opts.asOf };
  const env = { lang, chalk: chalkFor(ctx), designations: designations.map((d) => ({ id: d.id, name: d.name[lang] })) };
  const plain = chalkFor({ ...ctx, opts: { ...ctx.opts, color: false } });
  const { allMarkdownRenderer, allTableRenderer } = await import('../../report/eligibility-all.js');
  await emitAll(
    ctx,
    specs,
    (spec) => {
      const e = spec.file ? { ...env, chalk: plain } : env;
      // One result per line, as `evaluate` writes its batches, the words every result shares
      // encoded once (report/json-cached.ts): the same bytes as JSON.stringify, in half the time.
      if (spec.format === 'json') {
        const writer = new CachedJsonWriter();
        return jsonArrayRenderer<EligibilityResult>(head, 'results', undefined, true, JSON.stringify, (r, out) => writer.write(r, out));
      }
      return spec.format === 'markdown' ? allMarkdownRenderer(e) : allTableRenderer(e);
    },
    stream,
    ctx.opts.data,
  );
  return 0;
}
