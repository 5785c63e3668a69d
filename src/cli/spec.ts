import type { Command } from 'commander';
import type { Lang, Localized } from '../i18n/lang.js';
import type { Pack } from '../pack/model.js';
import type { RunContext } from './context.js';

/** What a command's option set may depend on: the language and (lazily) the rule pack. */
export interface SpecEnv {
  lang: Lang;
  /** The pack, for commands whose flags come from it (one flag per fact). */
  pack(): Pack;
}

/**
 * A command of the CLI. The spec (name, options, help) is loaded at start-up; the work itself
 * sits behind a dynamic import in `run`, so a command never pays for another's modules.
 */
export interface CommandSpec {
  name: string;
  /** Positional arguments in commander syntax, e.g. `<files...>`. */
  args?: string;
  summary: Localized;
  /** Example command lines shown in `kouiki COMMAND --help`. */
  examples: { cmd: string; what: Localized }[];
  /** Output formats (`-f`), the first being the default; empty when the command has none. */
  formats: readonly string[];
  /** Whether the options depend on the rule pack (fact flags). */
  packOptions?: boolean;
  /** false: the command reads its rule pack as input itself (rules validate|test|…), so none is preloaded. */
  loadsPack?: boolean;
  /** The command needs every other command built in full (their options: `kouiki completion`). */
  allCommands?: boolean;
  configure?(cmd: Command, env: SpecEnv): void;
  /** A command group: these are its actions (`kouiki rules validate`), and `run` is not called. */
  subcommands?: CommandSpec[];
  run(ctx: RunContext, args: string[], opts: Record<string, unknown>): Promise<number>;
}

export const L = (lang: Lang, text: Localized): string => text[lang];
