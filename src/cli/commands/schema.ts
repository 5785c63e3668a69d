import { UserError } from '../../errors.js';
import { suggest } from '../../util/suggest.js';
import { jsonSchemaFor, SCHEMA_KINDS } from '../schema-registry.js';
import type { RunContext } from '../context.js';
import { emitAll, formatSpecs } from '../emit.js';

export async function run(ctx: RunContext, args: string[]): Promise<number> {
  const kind = args[0]!;
  const kinds = Object.keys(SCHEMA_KINDS);
  if (!Object.hasOwn(SCHEMA_KINDS, kind)) {
    const close = suggest(kind, kinds);
    throw new UserError(
      { ja: `不明なスキーマの種類「${kind}」`, en: `unknown schema kind "${kind}"` },
      { hint: { ja: `${close ? `「${close}」のことですか？ ` : ''}使えるのは ${kinds.join(', ')}`, en: `${close ? `did you mean "${close}"? ` : ''}known: ${kinds.join(', ')}` } },
    );
  }
  const text = `${JSON.stringify(jsonSchemaFor(kind, ctx.pack().data), null, 2)}\n`;
  await emitAll(ctx, formatSpecs(ctx, ['json'], 'json'), () => ({ begin: () => text, item: () => '', end: () => '' }), [], []);
  return 0;
}
