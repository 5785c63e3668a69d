import { evaluateAll } from '../../core/eligibility/all.js';
import { designationsFor } from '../../core/eligibility/resolve.js';
import type { EligibilityResult } from '../../core/eligibility/types.js';
import { UserError } from '../../errors.js';
import { packIdentity } from '../../pack/model.js';
import { ELIGIBILITY_FORMATS } from '../../report/formats.js';
import { CachedJsonWriter } from '../../report/json-cached.js';
import { jsonArrayRenderer } from '../../report/stream.js';
import type { RunContext } from '../context.js';
import { chalkFor, emitAll, formatSpecs } from '../emit.js';
import { askedOf, reportTrace } from './eligibility-report.js';
import { list, loadIndex } from './eligibility-input.js';

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
 * contract's document with one result per line, the table and Markdown one line per
 * municipality, the report and the workbook as for named municipalities.
 */
export async function runAll(ctx: RunContext, names: string[], opts: Record<string, unknown>): Promise<number> {
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
  const { trace, comparisons } = reportTrace(specs.some((s) => s.format === 'html' || s.format === 'xlsx'));
  const results = evaluateAll(pack.data, index, request, ctx.opts.asOf, lang, trace);
  const first = results.next();
  const stream = (function* () {
    if (!first.done) yield first.value;
    yield* results;
  })();
  const head = { schemaVersion: 1 as const, rulePack: packIdentity(pack), asOf: ctx.opts.asOf };
  const env = { lang, chalk: chalkFor(ctx), designations: designations.map((d) => ({ id: d.id, name: d.name[lang] })) };
  const plain = chalkFor({ ...ctx, opts: { ...ctx.opts, color: false } });
  const { allMarkdownRenderer, allTableRenderer } = await import('../../report/eligibility-all.js');
  const htmlReport = specs.some((s) => s.format === 'html') ? await import('../../report/html/index.js') : null;
  const xlsxReport = specs.some((s) => s.format === 'xlsx') ? await import('../../report/xlsx/index.js') : null;
  const reportEnv = { lang, head, asked: [askedOf(['--all'], opts, lang)], comparisons };
  await emitAll(
    ctx,
    specs,
    (spec) => {
      const e = spec.file ? { ...env, chalk: plain } : env;
      switch (spec.format) {
        case 'json': {
          // One result per line, as `evaluate` writes its batches, the words every result shares
          // encoded once (report/json-cached.ts): the same bytes as JSON.stringify, in half the time.
          const writer = new CachedJsonWriter();
          return jsonArrayRenderer<EligibilityResult>(head, 'results', undefined, true, JSON.stringify, (r, out) => writer.write(r, out));
        }
        case 'html':
          return htmlReport!.eligibilityHtmlRenderer(reportEnv);
        case 'xlsx':
          return xlsxReport!.eligibilityXlsxRenderer(reportEnv);
        case 'markdown':
          return allMarkdownRenderer(e);
        default:
          return allTableRenderer(e);
      }
    },
    stream,
    ctx.opts.data,
  );
  return 0;
}
