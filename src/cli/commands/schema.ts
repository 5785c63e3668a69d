import { UserError } from '../../errors.js';
import { suggest } from '../../util/suggest.js';
import { jsonSchemaFor, schemaId, SCHEMA_KINDS } from '../schema-registry.js';
import type { RunContext } from '../context.js';
import { emitAll, formatSpecs } from '../emit.js';

export async function run(ctx: RunContext, args: string[], opts: Record<string, unknown> = {}): Promise<number> {
  const kinds = Object.keys(SCHEMA_KINDS);
  if (opts.list === true) {
    // One kind a line: the kind, its $id, its title (tab-separated, for scripts and people alike).
    const lines = kinds.map((k) => `${k}\t${schemaId(k)}\t${SCHEMA_KINDS[k]!.title}`);
    const text = `${lines.join('\n')}\n`;
    await emitAll(ctx, formatSpecs(ctx, ['json'], 'json'), () => ({ begin: () => (ctx.opts.format.length > 0 ? `${JSON.stringify(kinds.map((k) => ({ kind: k, $id: schemaId(k), title: SCHEMA_KINDS[k]!.title })), null, 2)}\n` : text), item: () => '', end: () => '' }), [], []);
    return 0;
  }
  const kind = args[0];
  if (kind === undefined) {
    throw new UserError(
      { ja: 'スキーマの種類がありません', en: 'no schema kind given' },
      { hint: { ja: `種類を指定してください（${kinds.join(', ')}）。一覧は kouiki schema --list`, en: `name a kind (${kinds.join(', ')}); kouiki schema --list lists them` } },
    );
  }
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
