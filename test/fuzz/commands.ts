// The commands the fuzz suite runs with random flags: one entry per command (registry.test.ts
// fails when `kouiki --help` lists a command that has none). A command's flags are read from its
// own `--help`, so a new flag is fuzzed without anyone listing it; the entry only says what its
// positional arguments look like.
import fc from 'fast-check';
import { hostileString } from './arbitraries.js';
import { runInProcess } from '../helpers/inproc.js';

export interface FuzzCommand {
  name: string;
  /** Positional arguments (file names are relative to the sandbox directory the runs use). */
  positional: fc.Arbitrary<string[]>;
  /** Share of the flag-fuzz budget relative to other commands (default 1): lower for slow ones. */
  weight?: number;
}

/**
 * Files in the sandbox directory (the fuzz test creates them there: copies of the examples and
 * rules, a few broken files). Every path is relative, so whatever a command writes stays inside.
 */
export const SANDBOX_FILES = ['tasks.yaml', 'one-task.yaml', 'broken.yaml', 'empty.yaml', 'bom.yaml', 'latin1.yaml', 'data.yaml', 'draft.yaml', 'failing.yaml', 'kouiki.config.yaml', 'rules', 'rules-ext', 'kanagawa', 'missing.yaml', 'dir', '-'];

const file = fc.constantFrom(...SANDBOX_FILES);
const word = fc.oneof(fc.constantFrom('cooperation-agreement', 'council', 'proxy-execution', 'tasks', 'rules', 'draft', 'config', 'municipalities', 'rule-tests', 'x'), hostileString(12));
/** Municipality names: in the embedded data, in data.yaml, unknown, or hostile. */
const place = fc.oneof(fc.constantFrom('小田原市', '南足柄市', '箱根町', '横浜市', '甲市', '東京都', '特別区', '小田原', 'toString', '__proto__'), hostileString(8));
const packDir = fc.constantFrom('rules', 'rules-ext', 'kanagawa', 'dir', 'missing', '.', 'tasks.yaml');

export const COMMAND_FUZZ: FuzzCommand[] = [
  { name: 'recommend', positional: fc.constant([]) },
  { name: 'evaluate', positional: fc.array(file, { minLength: 1, maxLength: 3 }) },
  { name: 'instruments', positional: fc.array(word, { maxLength: 1 }) },
  { name: 'schema', positional: fc.array(word, { maxLength: 2 }) },
  { name: 'wizard', positional: fc.constant([]) },
  { name: 'check', positional: fc.array(fc.oneof(file, fc.constantFrom('draft.yaml', 'failing.yaml', 'drafts', 'drafts/*.yaml', '**/*.yaml', '[', '*', '.')), { minLength: 1, maxLength: 3 }) },
  { name: 'eligibility', positional: fc.array(place, { maxLength: 3 }) },
  { name: 'sphere', positional: fc.array(place, { maxLength: 2 }) },
  { name: 'explain', positional: fc.array(place, { maxLength: 1 }) },
  { name: 'data import', positional: fc.array(file, { minLength: 1, maxLength: 2 }), weight: 0.3 },
  { name: 'data sources', positional: fc.constant([]), weight: 0.2 },
  { name: 'rules validate', positional: fc.array(packDir, { maxLength: 1 }), weight: 0.1 },
  { name: 'rules test', positional: fc.array(packDir, { maxLength: 1 }), weight: 0.1 },
  { name: 'rules outdated', positional: fc.array(packDir, { maxLength: 1 }), weight: 0.1 },
  { name: 'rules doc', positional: fc.array(packDir, { maxLength: 1 }), weight: 0.1 },
  { name: 'template tasks', positional: fc.constant([]), weight: 0.3 },
  { name: 'completion', positional: fc.array(fc.oneof(word, fc.constantFrom('bash', 'zsh', 'fish')), { maxLength: 2 }), weight: 0.2 },
];

export interface FlagInfo {
  flag: string;
  takesValue: boolean;
}

export interface CommandVocabulary {
  flags: FlagInfo[];
  /** Values the help offers (choices), for plausible flag values. */
  choices: string[];
}

/** Reads a command's flags and choices from its `--help` (run in-process). */
export async function vocabularyOf(command: string): Promise<CommandVocabulary> {
  const { stdout } = await runInProcess([...command.split(' '), '--help', '--lang', 'en'], { env: { COLUMNS: '400' } });
  const flags: FlagInfo[] = [];
  for (const m of stdout.matchAll(/^ {2}(?:(-\w), )?(--[\w-]+)( <[^>]+>| \[[^\]]+\])?/gm)) {
    flags.push({ flag: m[2]!, takesValue: Boolean(m[3]) });
    if (m[1]) flags.push({ flag: m[1], takesValue: Boolean(m[3]) });
  }
  const choices = [...stdout.matchAll(/choices: ([^)]*)\)/g)].flatMap((m) => [...m[1]!.matchAll(/"([^"]*)"/g)].map((x) => x[1]!));
  return { flags, choices };
}

const FORMATS = ['table', 'json', 'csv', 'markdown', 'stylish', 'sarif', 'junit', 'github', 'yaml', ''];

/** A value for a flag: plausible (a choice, a date, a size, a file) or hostile. */
export function flagValue(vocab: CommandVocabulary, flag: string): fc.Arbitrary<string> {
  if (flag === '-f' || flag === '--format') {
    return fc.oneof(fc.constantFrom(...FORMATS), fc.tuple(fc.constantFrom(...FORMATS), fc.constantFrom('out.json', 'out/x.csv', 'tasks.yaml', 'dir', '', 'rules/pack.yaml', 'a:b')).map(([f, p]) => `${f}:${p}`));
  }
  if (flag === '--as-of') return fc.oneof(fc.constantFrom('2014-01-01', '2014-05-30', '2026-11-23', '1947-05-03', '2024-02-29', '2023-02-29', '0000-01-01', '9999-12-31', '2014-1-1', 'today'), hostileString(12));
  if (flag === '--max-input-size') return fc.oneof(fc.constantFrom('0', '1', '10', '1k', '64M', '1G', '99999999999999999999999', '-1', '1.5M', 'abc', ''), fc.nat().map(String));
  if (flag === '--lang') return fc.constantFrom('ja', 'en', 'fr', '', 'JA');
  if (flag === '--rules' || flag === '--data' || flag === '--config' || flag === '--task' || flag === '--answers' || flag === '--save') return fc.oneof(file, hostileString(8));
  if (flag === '--merge' || flag === '--partner-of' || flag === '--twin') return fc.oneof(place, fc.array(place, { minLength: 2, maxLength: 3 }).map((a) => a.join(',')));
  if (flag === '--max-warnings') return fc.oneof(fc.constantFrom('0', '-1', '-2', '10', '1e3', 'x', ''), fc.integer().map(String));
  if (flag === '--population' || flag === '--day-night-ratio' || flag === '--metro-core-commute-share' || flag === '--min') return fc.oneof(fc.constantFrom('0', '1', '0.5', '200000', '-1', '1e400', 'NaN', '0x10', '1,000', '２０万', ''), fc.double().map(String), fc.nat().map(String));
  if (flag === '--party') return fc.oneof(fc.tuple(hostileString(8), fc.constantFrom('city', 'town', 'prefecture', 'special-ward', 'x', '')).map(([n, k]) => `${n}:${k}`), hostileString(10));
  const pool = vocab.choices.length > 0 ? fc.constantFrom(...vocab.choices) : fc.constant('x');
  return fc.oneof({ weight: 3, arbitrary: pool }, { weight: 2, arbitrary: hostileString(16) }, { weight: 1, arbitrary: fc.constantFrom('0', '-1', '1e9', 'NaN', 'true', '--', '-') });
}

/** A random command line for one command: its flags in any order, with or without values. */
export function argvFor(cmd: FuzzCommand, vocab: CommandVocabulary): fc.Arbitrary<string[]> {
  const flagArb = fc.constantFrom(...vocab.flags).chain((f) =>
    fc.oneof(
      { weight: 6, arbitrary: f.takesValue ? flagValue(vocab, f.flag).map((v) => [f.flag, v]) : fc.constant([f.flag]) },
      { weight: 1, arbitrary: f.takesValue ? flagValue(vocab, f.flag).map((v) => [`${f.flag}=${v}`]) : fc.constant([`${f.flag}=x`]) },
      { weight: 1, arbitrary: fc.constant([f.flag]) },
    ),
  );
  return fc
    .tuple(cmd.positional, fc.array(flagArb, { maxLength: 6 }), fc.array(fc.oneof(hostileString(6), fc.constantFrom('--', '-', '--unknown', '-z')), { maxLength: 1 }), fc.nat())
    .map(([pos, flags, junk, seed]) => {
      const parts = [...flags.flat()];
      // Positional arguments anywhere among the flags (commander allows that); junk rarely.
      const at = parts.length === 0 ? 0 : seed % (parts.length + 1);
      const args = [...cmd.name.split(' '), ...parts.slice(0, at), ...pos, ...parts.slice(at)];
      return seed % 7 === 0 ? [...args, ...junk] : args;
    });
}
