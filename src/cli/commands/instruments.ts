import { describeInstrument } from '../../core/instruments.js';
import { packIdentity } from '../../pack/model.js';
import { renderDetail, renderMatrix } from '../../report/instruments.js';
import { outputWidth } from '../../report/text.js';
import { vocabularyOf } from '../../core/vocabulary.js';
import { readId } from '../vocab-args.js';
import type { RunContext } from '../context.js';
import { chalkFor, emitAll, formatSpecs } from '../emit.js';

export async function run(ctx: RunContext, args: string[]): Promise<number> {
  const pack = ctx.pack();
  const { lang, asOf } = ctx.opts;
  const head = { schemaVersion: 1 as const, rulePack: packIdentity(pack), asOf };
  const specs = formatSpecs(ctx, ['table', 'json', 'markdown'], 'table');
  const width = outputWidth(ctx.io.stdoutIsTTY, (ctx.io.stdout as NodeJS.WriteStream).columns, ctx.io.env);
  // An instrument by its id or its name (kouiki instruments 一部事務組合).
  const id = args[0] === undefined ? undefined : readId(vocabularyOf(pack.data), 'instrument', args[0], lang === 'ja' ? '制度' : 'instrument');
  let text: (format: string, color: boolean) => string;
  if (id) {
    const inst = pack.data.instruments.find((i) => i.id === id);
    if (!inst) throw new Error(`instrument ${id} resolved but not in the pack`);
    const out = describeInstrument(pack, inst, lang, asOf);
    text = (format, color) => renderDetail(out, format, lang, head, chalkFor({ ...ctx, opts: { ...ctx.opts, color } }), pack.data);
  } else {
    const list = pack.data.instruments.map((i) => describeInstrument(pack, i, lang, asOf));
    text = (format, color) => renderMatrix(list, format, lang, head, width, chalkFor({ ...ctx, opts: { ...ctx.opts, color } }), pack.data);
  }
  await emitAll(ctx, specs, (spec) => ({ begin: () => text(spec.format, spec.file === null && ctx.opts.color), item: () => '', end: () => '' }), [], []);
  return 0;
}
