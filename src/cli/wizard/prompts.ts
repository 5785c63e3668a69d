import { styleText } from 'node:util';
import { ExitSignal } from '../../errors.js';
import type { Lang } from '../../i18n/lang.js';
import type { CliIO } from '../io.js';

/**
 * Every question the wizard asks goes through this interface (as changesets keeps all its
 * prompts in one module), so tests can script a whole session, and @inquirer/prompts is loaded
 * only here, only when the wizard runs on a terminal.
 */
export interface Choice<T> {
  value: T;
  name: string;
  /** Shown under the list while the choice is highlighted. */
  description?: string;
}

export interface Prompter {
  input(q: { message: string; default?: string; validate?: (value: string) => true | string }): Promise<string>;
  select<T>(q: { message: string; choices: Choice<T>[]; default?: T }): Promise<T>;
  confirm(q: { message: string; default: boolean }): Promise<boolean>;
  checkbox<T>(q: { message: string; choices: (Choice<T> & { checked?: boolean })[] }): Promise<T[]>;
  /** Text between the questions (notes, the result). */
  print(text: string): void;
}

/**
 * The terminal prompter: @inquirer/prompts on the CLI's own streams. Ctrl+C inside a prompt
 * (the terminal is in raw mode, so no SIGINT arrives) rejects with ExitPromptError; inquirer has
 * already restored the terminal (cooked mode, cursor shown), and the run ends with 130.
 */
export async function terminalPrompter(io: CliIO, lang: Lang): Promise<Prompter> {
  const inquirer = await import('@inquirer/prompts');
  const context = { input: io.stdin, output: io.stdout };
  // inquirer's own words (key tips, yes/no) in Japanese too; y/n stay accepted in both languages.
  const tips = lang === 'ja' ? { theme: { style: { keysHelpTip: jaKeysHelpTip } } } : {};
  const yesNo =
    lang === 'ja'
      ? { transformer: (v: boolean) => (v ? 'はい' : 'いいえ'), theme: { keywords: { yes: 'yes', no: 'no', error: () => 'y（はい）か n（いいえ）で答えてください' } } }
      : {};
  const guard = async <T>(p: Promise<T>): Promise<T> => {
    try {
      return await p;
    } catch (err) {
      if (err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError')) {
        io.stdout.write('\n');
        throw new ExitSignal(130);
      }
      throw err;
    }
  };
  return {
    input: (q) => guard(inquirer.input({ message: q.message, ...(q.default !== undefined ? { default: q.default } : {}), ...(q.validate ? { validate: q.validate } : {}) }, context)),
    select: <T>(q: { message: string; choices: Choice<T>[]; default?: T }) =>
      guard(inquirer.select<T>({ message: q.message, choices: q.choices, pageSize: 12, ...tips, ...(q.default !== undefined ? { default: q.default } : {}) }, context)),
    confirm: (q) => guard(inquirer.confirm({ message: q.message, default: q.default, ...yesNo }, context)),
    checkbox: <T>(q: { message: string; choices: (Choice<T> & { checked?: boolean })[] }) =>
      guard(inquirer.checkbox<T>({ message: q.message, choices: q.choices, pageSize: 12, ...tips }, context)),
    print: (text) => void io.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  };
}

const JA_KEY_ACTIONS: Record<string, string> = {
  '↑↓ navigate': '移動',
  '⏎ select': '決定',
  'space select': '選択',
  'a all': '全て',
  'i invert': '反転',
  '⏎ submit': '確定',
};

/** The key tips under a list ("↑↓ navigate • ⏎ select") in Japanese. */
function jaKeysHelpTip(keys: [key: string, action: string][]): string {
  return keys.map(([key, action]) => `${styleText('bold', key)} ${styleText('dim', JA_KEY_ACTIONS[`${key} ${action}`] ?? action)}`).join(styleText('dim', ' • '));
}
