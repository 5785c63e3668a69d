import type { Command, Option } from 'commander';

/**
 * What a shell completes, taken from the commander program itself (so a new command or option is
 * completed without a change here) plus the values kouiki knows: ids from the rule pack and
 * municipality names from the data.
 *
 *   words      a fixed list (choices, formats, ids, names)
 *   files      paths
 *   dirs       directories
 *   none       a free value (a number, a date): nothing to offer
 */
export type Values = { words: readonly string[] } | 'files' | 'dirs' | 'none';

export interface CompletionOption {
  /** `-f`, `--format` */
  flags: string[];
  takesValue: boolean;
  values: Values;
  description: string;
}

export interface CompletionNode {
  /** The command words from the program down (`[]` for kouiki itself, `['rules', 'test']`). */
  path: string[];
  subcommands: { name: string; description: string }[];
  options: CompletionOption[];
  /** What the positional arguments are. */
  args: Values;
}

/** The lists the shells draw values from. */
export interface CompletionLists {
  instruments: readonly string[];
  categories: readonly string[];
  designations: readonly string[];
  municipalities: readonly string[];
  schemaKinds: readonly string[];
  /** Each command's output formats, by command path (`check`). */
  formats: ReadonlyMap<string, readonly string[]>;
}

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/**
 * Values of an option that names no choices, by its long flag. An option not listed takes a free
 * value (`--population 250000`).
 */
function optionValues(long: string | undefined, path: string[], lists: CompletionLists): Values {
  switch (long) {
    case '--format':
      return { words: lists.formats.get(path.join(' ')) ?? [] };
    case '--designation':
      return { words: lists.designations };
    case '--merge':
    case '--central-city':
      return { words: lists.municipalities };
    case '--rules':
      return 'dirs';
    case '--data':
    case '--config':
    case '--task':
    case '--answers':
    case '--save':
    case '--output':
      return 'files';
    default:
      return 'none';
  }
}

/**
 * What a command's positional arguments are, by its name. A command not listed (a new one)
 * completes paths, the most common argument of a CLI that reads files.
 */
function argValues(path: string[], lists: CompletionLists, topLevel: readonly string[]): Values {
  const name = path.join(' ');
  switch (name) {
    case 'instruments':
      return { words: lists.instruments };
    case 'eligibility':
    case 'explain':
    case 'sphere':
      return { words: lists.municipalities };
    case 'schema':
      return { words: lists.schemaKinds };
    case 'completion':
      return { words: SHELLS };
    case 'help':
      return { words: topLevel };
    case 'recommend':
    case 'wizard':
      return 'none';
    default:
      return path[0] === 'rules' ? 'dirs' : 'files';
  }
}

function optionOf(o: Option, path: string[], lists: CompletionLists): CompletionOption {
  const flags = [o.short, o.long].filter((f): f is string => typeof f === 'string');
  const takesValue = o.required || o.optional;
  const values: Values = !takesValue ? 'none' : o.argChoices ? { words: o.argChoices } : optionValues(o.long, path, lists);
  return { flags, takesValue, values, description: o.description };
}

/** Every command of the program, depth first, with what each completes. */
export function completionModel(program: Command, lists: CompletionLists): CompletionNode[] {
  const nodes: CompletionNode[] = [];
  const topLevel = program.commands.map((c) => c.name());
  const visit = (cmd: Command, path: string[]): void => {
    const help = cmd.createHelp();
    const subs = help.visibleCommands(cmd).filter((c) => c.name() !== 'help' || path.length === 0);
    const options = help.visibleOptions(cmd).map((o) => optionOf(o, path, lists));
    if (path.length === 0) options.push({ flags: ['-V'], takesValue: false, values: 'none', description: '' });
    nodes.push({
      path,
      subcommands: subs.map((c) => ({ name: c.name(), description: c.description() })),
      options,
      args: path.length === 0 || cmd.commands.length > 0 ? 'none' : argValues(path, lists, topLevel),
    });
    for (const sub of cmd.commands) if (sub.name() !== 'help') visit(sub, [...path, sub.name()]);
  };
  visit(program, []);
  nodes.push({ path: ['help'], subcommands: [], options: [], args: { words: topLevel.filter((n) => n !== 'help') } });
  return nodes;
}
