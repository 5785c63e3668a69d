import { UserError } from '../../errors.js';
import { loadMunicipalities } from '../../io/load-municipalities.js';
import { suggest } from '../../util/suggest.js';
import { SCHEMA_KINDS } from '../schema-registry.js';
import { bashScript } from '../completion/bash.js';
import { fishScript } from '../completion/fish.js';
import { completionModel, SHELLS, type CompletionLists, type Shell } from '../completion/model.js';
import { zshScript } from '../completion/zsh.js';
import type { RunContext, SpecFormats } from '../context.js';

/** Each command's formats by its path (`rules test`), from the command specs. */
function formatsByPath(specs: readonly SpecFormats[]): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  const visit = (spec: SpecFormats, path: string[]): void => {
    const p = [...path, spec.name];
    if (spec.formats.length > 0) out.set(p.join(' '), spec.formats);
    for (const sub of spec.subcommands ?? []) visit(sub, p);
  };
  for (const spec of specs) visit(spec, []);
  return out;
}

/**
 * `kouiki completion bash|zsh|fish`: the script for the shell, from the program's commands and
 * options (ctx.commandTree) and the values of this installation: the rule pack's instrument, category
 * and designation ids, and the municipality names of the data (the embedded data and any --data).
 */
export async function run(ctx: RunContext, args: string[]): Promise<number> {
  const shell = args[0]!;
  if (!(SHELLS as readonly string[]).includes(shell)) {
    const close = suggest(shell, SHELLS);
    throw new UserError(
      { ja: `このシェルの補完はありません: ${shell}`, en: `no completion for the shell "${shell}"` },
      { hint: { ja: `${close ? `「${close}」のことですか？ ` : ''}使えるのは ${SHELLS.join(', ')}`, en: `${close ? `did you mean "${close}"? ` : ''}known: ${SHELLS.join(', ')}` } },
    );
  }
  const tree = ctx.commandTree?.();
  if (!tree) throw new Error('the completion command needs the command tree (RunContext.commandTree)');
  const { program } = tree;
  const data = ctx.pack().data;
  const designations = ((data.extra.designations as { id: string }[] | undefined) ?? []).map((d) => d.id);
  const index = await loadMunicipalities(ctx.opts.data, { maxBytes: ctx.opts.maxInputSize });
  const lists: CompletionLists = {
    instruments: data.instruments.map((i) => i.id),
    categories: data.categories.map((c) => c.id),
    designations,
    // Code-point order, so the same data gives the same script; a name with a space could not be one shell word.
    municipalities: [...new Set(index.names())].filter((n) => !/\s/.test(n)).sort(),
    schemaKinds: Object.keys(SCHEMA_KINDS),
    formats: formatsByPath(tree.specs),
  };
  const nodes = completionModel(program, lists);
  const shared = [{ name: 'municipalities', words: lists.municipalities }];
  const render: Record<Shell, () => string> = {
    bash: () => bashScript(nodes, shared),
    zsh: () => zshScript(nodes, shared),
    fish: () => fishScript(nodes, shared),
  };
  ctx.io.stdout.write(render[shell as Shell]());
  return 0;
}
