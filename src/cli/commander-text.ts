import { Command, CommanderError, Help, type Argument, type ErrorOptions, type HelpConfiguration, type Option } from 'commander';
import { UserError } from '../errors.js';
import type { Lang, Localized } from '../i18n/lang.js';
import { suggest } from '../util/suggest.js';
import { CLUSTER, displayWidth } from '../report/width.js';

/**
 * commander writes its help headings and option notes in English ("Usage:", "(choices: ...)");
 * with --lang ja the whole help is Japanese, so these are replaced. Option names, argument
 * placeholders and choice values stay as they are: they are what the user types.
 */
const JA_TITLES: Readonly<Record<string, string>> = {
  'Usage:': '使い方:',
  'Arguments:': '引数:',
  'Options:': 'オプション:',
  'Global Options:': '共通オプション:',
  'Commands:': 'コマンド:',
};

/** A command's usage (`[options] <files...>`) in Japanese, built from its parts as commander's own usage() is. */
function jaUsage(cmd: Command): string {
  const args = cmd.registeredArguments.map((a) => {
    const name = `${a.name()}${a.variadic ? '...' : ''}`;
    return a.required ? `<${name}>` : `[${name}]`;
  });
  return [...(cmd.options.length > 0 || cmd.commands.length > 0 ? ['[オプション]'] : []), ...(cmd.commands.length > 0 ? ['[コマンド]'] : []), ...args].join(' ');
}

function jaNotes(description: string, notes: string[]): string {
  if (notes.length === 0) return description;
  const extra = `（${notes.join('、')}）`;
  return `${description}${extra}`;
}

/** Characters a Japanese line does not start with (closing brackets and punctuation). */
const NO_LINE_START = new Set([...'、。，．）」』】〕〉》：；？！ー・…']);
/** Characters a Japanese line does not end with (opening brackets): they move to the next line. */
const NO_LINE_END = new Set([...'（「『【〔〈《']);

/** White space, an ASCII word, or one character (a grapheme cluster). */
const WRAP_TOKEN = new RegExp(`\\s+|[\\x21-\\x7e]+|${CLUSTER.source}`, 'gu');

/**
 * Wraps help text to a width in columns. commander breaks only at spaces, which Japanese text
 * rarely has: here a line may also break between two kana or kanji, never inside an ASCII word
 * (an option, an id, a path) and never before closing punctuation.
 */
export function wrapJa(text: string, width: number): string {
  return text
    .split(/\r?\n/)
    .map((line) => {
      const indent = /^\s*/.exec(line)![0];
      const tokens = line.slice(indent.length).match(WRAP_TOKEN) ?? [];
      const lines: string[] = [];
      let parts: string[] = [indent];
      const used = (): number => displayWidth(parts.join(''));
      for (const tok of tokens) {
        const isSpace = /^\s+$/.test(tok);
        if (isSpace && lines.length > 0 && parts.join('').trim() === '') continue; // no space at a line's start
        if (isSpace || used() + displayWidth(tok) <= width || parts.join('').trim() === '') {
          parts.push(tok);
          continue;
        }
        // Break before tok; closing punctuation takes the character before it along, and an
        // opening bracket at the end of the line moves down with what it opens.
        const carry: string[] = [];
        while (parts.length > 2 && (NO_LINE_START.has((carry[0] ?? tok)[0]!) || NO_LINE_END.has(parts.at(-1)!.at(-1)!))) carry.unshift(parts.pop()!);
        lines.push(parts.join('').trimEnd());
        parts = ['', ...carry, tok];
      }
      lines.push(parts.join('').trimEnd());
      return lines.join('\n');
    })
    .join('\n');
}

const choicesNote = (choices: readonly string[]): string => `選択肢: ${choices.map((c) => JSON.stringify(c)).join(', ')}`;

/** The help configuration for a language (commander's own texts for en). */
export function helpConfiguration(lang: Lang): HelpConfiguration {
  if (lang !== 'ja') return {};
  return {
    // Kana and kanji take two columns: commander counts one, which misaligns the columns.
    displayWidth(str: string): number {
      return displayWidth(str);
    },
    boxWrap(this: Help, str: string, width: number): string {
      return width < this.minWidthToWrap ? str : wrapJa(str, width);
    },
    styleTitle(str: string): string {
      return JA_TITLES[str] ?? str;
    },
    commandUsage(cmd: Command): string {
      const names: string[] = [];
      for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
      return `${names.join(' ')} ${jaUsage(cmd)}`;
    },
    subcommandTerm(cmd: Command): string {
      const usage = jaUsage(cmd);
      return usage ? `${cmd.name()} ${usage}` : cmd.name();
    },
    // Mirrors commander's optionDescription (which notes appear when), in Japanese.
    optionDescription(option: Option): string {
      const notes: string[] = [];
      if (option.argChoices) notes.push(choicesNote(option.argChoices));
      const showDefault = option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean');
      if (option.defaultValue !== undefined && showDefault) notes.push(`既定: ${option.defaultValueDescription || JSON.stringify(option.defaultValue)}`);
      if (option.presetArg !== undefined && option.optional) notes.push(`値を省略すると: ${JSON.stringify(option.presetArg)}`);
      if (option.envVar !== undefined) notes.push(`環境変数: ${option.envVar}`);
      return jaNotes(option.description, notes);
    },
    argumentDescription(argument: Argument): string {
      const notes: string[] = [];
      if (argument.argChoices) notes.push(choicesNote(argument.argChoices));
      if (argument.defaultValue !== undefined) notes.push(`既定: ${argument.defaultValueDescription || JSON.stringify(argument.defaultValue)}`);
      return jaNotes(argument.description, notes);
    },
  };
}

/** commander's error codes for a bad command line (not help or version). */
const USAGE_ERRORS = new Set([
  'commander.unknownOption',
  'commander.unknownCommand',
  'commander.missingArgument',
  'commander.optionMissingArgument',
  'commander.missingMandatoryOptionValue',
  'commander.invalidArgument',
  'commander.excessArguments',
  'commander.conflictingOption',
]);

/**
 * The "how to fix it" line after a commander error, as kouiki's own errors have one: the help
 * of the command that could not parse its command line (`kouiki rules test --help`), or the
 * list of commands when the command itself is unknown.
 */
export function usageHint(code: string, command: Command, lang: Lang): string {
  if (!USAGE_ERRORS.has(code)) return '';
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  const path = names.join(' ');
  if (code === 'commander.unknownCommand') {
    return lang === 'ja' ? `  対処: コマンドの一覧は ${path} --help にあります\n` : `  fix: ${path} --help lists the commands\n`;
  }
  return lang === 'ja' ? `  対処: 使い方は ${path} --help を参照してください\n` : `  fix: see ${path} --help for the usage\n`;
}

/** `kouiki rules test`: the names from the program down to a command. */
function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

const say = (lang: Lang, text: Localized): string => text[lang];

/** The long flags a command accepts (its own and its parents'), for "did you mean". */
function knownFlags(cmd: Command): string[] {
  const flags: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) for (const o of c.createHelp().visibleOptions(c)) if (o.long) flags.push(o.long);
  return flags;
}

function allOptions(cmd: Command): Option[] {
  const out: Option[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) out.push(...c.options);
  return out;
}

function findOption(cmd: Command, token: string): Option | undefined {
  const flag = token.includes('=') ? token.slice(0, token.indexOf('=')) : token;
  for (let c: Command | null = cmd; c; c = c.parent) {
    const o = c.options.find((x) => x.long === flag || x.short === flag);
    if (o) return o;
  }
  return undefined;
}

/**
 * commander's command-line errors in the language of the run, composed from the error's code and
 * the command's own model (its arguments, options and the words it could not place), not from
 * commander's English text: commander has no API for its messages' language (its issue #1801).
 * Returns null for a code kouiki does not expect (commander's English is shown then).
 */
export function commanderMessage(cmd: Command, code: string | undefined, message: string, argv: readonly string[], lang: Lang): string | null {
  const args: readonly string[] = cmd.args;
  switch (code) {
    case 'commander.unknownOption': {
      const flag = args.find((a) => a.length > 1 && a.startsWith('-') && a !== '--') ?? '?';
      const near = flag.startsWith('--') ? suggest(flag.split('=')[0]!, knownFlags(cmd)) : undefined;
      const line = say(lang, { ja: `不明なオプション ${flag}`, en: `unknown option '${flag}'` });
      return near ? `${line}\n${say(lang, { ja: `（${near} のことですか？）`, en: `(Did you mean ${near}?)` })}` : line;
    }
    case 'commander.unknownCommand': {
      const name = args[0] ?? '';
      const near = suggest(name, cmd.createHelp().visibleCommands(cmd).map((c) => c.name()));
      const line = say(lang, { ja: `不明なコマンド ${name}`, en: `unknown command '${name}'` });
      return near ? `${line}\n${say(lang, { ja: `（${near} のことですか？）`, en: `(Did you mean ${near}?)` })}` : line;
    }
    case 'commander.missingArgument': {
      const missing = cmd.registeredArguments.find((a, i) => a.required && args[i] == null);
      const name = missing?.name() ?? '';
      return say(lang, { ja: `引数 ${name} がありません`, en: `missing required argument '${name}'` });
    }
    case 'commander.optionMissingArgument': {
      // Which option: the one whose flags commander's message names (a lookup of kouiki's own
      // option names, not a reading of the English); else the last word of the command line.
      const option = allOptions(cmd).find((o) => message.includes(`'${o.flags}'`)) ?? findOption(cmd, argv[argv.length - 1] ?? '');
      const flags = option?.flags ?? argv[argv.length - 1] ?? '';
      return say(lang, { ja: `オプション ${flags} に値がありません`, en: `option '${flags}' argument missing` });
    }
    case 'commander.excessArguments': {
      const expected = cmd.registeredArguments.length;
      const got = args.length;
      if (cmd.parent) {
        return say(lang, { ja: `引数が多すぎます（${cmd.name()} の引数は ${expected} 個まで、指定は ${got} 個）`, en: `too many arguments for '${cmd.name()}'. Expected ${expected} argument${expected === 1 ? '' : 's'} but got ${got}.` });
      }
      return say(lang, { ja: `引数が多すぎます（${expected} 個まで、指定は ${got} 個）`, en: `too many arguments. Expected ${expected} argument${expected === 1 ? '' : 's'} but got ${got}.` });
    }
    default:
      return null;
  }
}

/** A value commander's parser refused (a choice not on the list): kouiki's own error, exit 2. */
function invalidValue(cmd: Command, option: Option, value: string, detail: string): UserError {
  const path = commandPath(cmd);
  const choices = option.argChoices;
  return new UserError(
    choices
      ? { ja: `オプション ${option.flags} の値 ${value} は使えません（使えるのは ${choices.join(', ')}）`, en: `option '${option.flags}' argument '${value}' is invalid. Allowed choices are ${choices.join(', ')}.` }
      : { ja: `オプション ${option.flags} の値 ${value} は使えません: ${detail}`, en: `option '${option.flags}' argument '${value}' is invalid. ${detail}` },
    { hint: { ja: `使い方は ${path} --help を参照してください`, en: `see ${path} --help for the usage` } },
  );
}

/**
 * kouiki's commands: commander's Command with its messages in the language of the run, through
 * commander's public extension points: createCommand (every subcommand is one of these),
 * addOption (a parser's refusal becomes kouiki's own error) and error (the message of a
 * command-line error, written by configureOutput's writeErr).
 */
export class KouikiCommand extends Command {
  lang: Lang = 'en';
  /** The command line being parsed (the option whose value is missing ends it). */
  argvSeen: readonly string[] = [];

  override createCommand(name?: string): KouikiCommand {
    const cmd = new KouikiCommand(name);
    cmd.lang = this.lang;
    cmd.argvSeen = this.argvSeen;
    return cmd;
  }

  override addOption(option: Option): this {
    const parse = option.parseArg;
    if (parse) {
      option.parseArg = <T>(value: string, previous: T): T => {
        try {
          return parse.call(option, value, previous) as T;
        } catch (err) {
          if (err instanceof CommanderError && err.code === 'commander.invalidArgument') throw invalidValue(this, option, value, err.message);
          throw err;
        }
      };
    }
    return super.addOption(option);
  }

  override error(message: string, options?: ErrorOptions): never {
    const own = commanderMessage(this, options?.code, message, rootOf(this).argvSeen, this.lang);
    return super.error(`kouiki: ${own ?? message.replace(/^error: /, '')}`, options);
  }
}

function rootOf(cmd: KouikiCommand): KouikiCommand {
  let c: Command = cmd;
  while (c.parent) c = c.parent;
  return c as KouikiCommand;
}
