import { Help, type Argument, type Command, type HelpConfiguration, type Option } from 'commander';
import type { Lang } from '../i18n/lang.js';
import { displayWidth } from '../report/width.js';

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

const jaUsage = (usage: string): string => usage.replace(/\[options\]/g, '[オプション]').replace(/\[command\]/g, '[コマンド]');

function jaNotes(description: string, notes: string[]): string {
  if (notes.length === 0) return description;
  const extra = `（${notes.join('、')}）`;
  return `${description}${extra}`;
}

/** Characters a Japanese line does not start with (closing brackets and punctuation). */
const NO_LINE_START = new Set([...'、。，．）」』】〕〉》：；？！ー・…']);
/** Characters a Japanese line does not end with (opening brackets): they move to the next line. */
const NO_LINE_END = new Set([...'（「『【〔〈《']);

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
      const tokens = line.slice(indent.length).match(/\s+|[\x21-\x7e]+|./gsu) ?? [];
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
  const base = Help.prototype;
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
    commandUsage(this: Help, cmd: Command): string {
      return jaUsage(base.commandUsage.call(this, cmd));
    },
    subcommandTerm(this: Help, cmd: Command): string {
      return jaUsage(base.subcommandTerm.call(this, cmd));
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
