import { checkParties } from '../core/parties/check.js';
import type { NameResolver } from '../core/parties/names.js';
import { UserError, type ProblemDetail, type SourcePosition } from '../errors.js';
import { loadMunicipalities } from '../io/load-municipalities.js';
import { nameResolver } from '../io/names.js';
import type { Party, Task } from '../schemas/task.js';
import type { RunContext } from './context.js';

/**
 * The parties of tasks checked against the municipality data before anything is evaluated
 * (recommend, evaluate, the wizard, explain): a name nobody knows or a kind that contradicts the
 * data stops the run (exit 2) with every problem at its place; kinds left out come from the data.
 * The index loads only when some task names parties.
 */

/** Where a task's parties were written: a file (with the path of a task inside it), or `--party` flags. */
export type PartySource = { kind: 'file'; at: (taskIndex: number, path: (string | number)[]) => SourcePosition } | { kind: 'flags' };

let resolverOfRun: Promise<NameResolver> | null = null;
let resolverData: readonly string[] | null = null;

/** The name resolver of this run's data (the embedded data with the `--data` files). */
export function runResolver(ctx: RunContext): Promise<NameResolver> {
  if (!resolverOfRun || resolverData !== ctx.opts.data) {
    resolverData = ctx.opts.data;
    resolverOfRun = loadMunicipalities(ctx.opts.data, { maxBytes: ctx.opts.maxInputSize }).then((index) => nameResolver(index));
  }
  return resolverOfRun;
}

function partiesOf(t: Task): Party[] | null {
  const p = t.facts.parties;
  return Array.isArray(p) && p.length > 0 ? p : null;
}

export async function resolveTaskParties(ctx: RunContext, tasks: readonly Task[], source: (taskIndex: number) => PartySource): Promise<Task[]> {
  if (!tasks.some(partiesOf)) return [...tasks];
  const resolver = await runResolver(ctx);
  const details: ProblemDetail[] = [];
  const out = tasks.map((t, i) => {
    const parties = partiesOf(t);
    if (!parties) return t;
    const checked = checkParties(resolver, parties);
    const src = source(i);
    for (const p of checked.problems) {
      if (src.kind === 'file') details.push({ position: src.at(i, ['facts', 'parties', p.index, parties[p.index]!.kind === undefined ? 'name' : p.key]), message: p.message });
      else {
        const given = parties[p.index]!;
        const flag = `--party ${given.name}${given.kind ? `:${given.kind}` : ''}`;
        details.push({ message: { ja: `${flag}: ${p.message.ja}`, en: `${flag}: ${p.message.en}` } });
      }
    }
    const task: Task = { ...t, facts: { ...t.facts, parties: checked.parties } };
    if (checked.notes.length > 0) task.notes = [...(t.notes ?? []), ...checked.notes];
    return task;
  });
  if (details.length > 0) {
    throw new UserError(
      { ja: '参加団体を確認できません', en: 'the parties could not be checked' },
      {
        details,
        hint: {
          ja: '市町村・都道府県は正式な名称で（同名の団体は都道府県名を付けて）書き、種類は省くとデータから補います。組合・広域連合は種類 partial-affairs-union / regional-federation を付けてください',
          en: 'write municipalities and prefectures by their official names (with the prefecture where two share a name); leave the kind out to take it from the data; give a union or federation its kind (partial-affairs-union, regional-federation)',
        },
      },
    );
  }
  return out;
}
