import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CommanderError, Option, type Command } from 'commander';
import { ExitSignal, formatUserError, UserError } from '../errors.js';
import { defaultLang, type Lang } from '../i18n/lang.js';
import { obtainPack } from '../rules-tools/obtain.js';
import type { Pack } from '../pack/model.js';
import { makeContext, parseAsOf, parseSize, today, type GlobalOptions } from './context.js';
import { outputFailed, streamFailure, watchStreams, type CliIO } from './io.js';
import { beginRun, declareInputs, DEFAULT_MAX_INPUT_SIZE, noSuchFile } from '../io/read.js';
import { removePendingOutputs } from './output.js';
import { findConfig } from '../io/config-file.js';
import { COMMANDS } from './specs/index.js';
import { helpConfiguration, KouikiCommand, usageHint } from './commander-text.js';
import type { CommandSpec } from './spec.js';
import { VERSION } from '../version.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/**
 * `--lang` must be known before the help texts are built, so it is read ahead of commander.
 * The last occurrence wins, as it does for commander (`kouiki --lang en ... --lang ja` is ja), so
 * the pre-scan and the parsed options never disagree.
 */
function preScan(argv: string[], name: string): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === name) found = argv[++i];
    else if (a.startsWith(`${name}=`)) found = a.slice(name.length + 1);
  }
  return found;
}

/** The command the command line names (`kouiki help check` names check). */
function firstCommand(argv: string[]): string | undefined {
  const valued = new Set(['--lang', '--rules', '--data', '--as-of', '-f', '--format', '--config', '--max-input-size']);
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const a = argv[i]!;
    if (valued.has(a)) {
      i++;
      continue;
    }
    if (!a.startsWith('-')) words.push(a);
  }
  return words[0] === 'help' && words[1] !== undefined ? words[1] : words[0];
}

function addGlobalOptions(cmd: Command, lang: Lang, spec: CommandSpec | null): void {
  const t = (ja: string, en: string): string => (lang === 'ja' ? ja : en);
  cmd.addOption(new Option('--lang <lang>', t('出力の言語（ja|en）。既定は KOUIKI_LANG、LANG が ja なら ja', 'output language (ja|en); default KOUIKI_LANG, else ja when LANG starts with ja')).choices(['ja', 'en']));
  cmd.option('--rules <dir>', t('別のルールパック（ディレクトリ）', 'another rule pack (a directory)'));
  cmd.option('--data <file>', t('市町村データを追加する（繰り返し可）', 'add a municipality data file (repeatable)'), collect);
  cmd.option('--as-of <date>', t('この日に施行されていた法令で判定（YYYY-MM-DD、既定は今日）', 'apply the law in force on this date (YYYY-MM-DD; default today)'));
  // A pair, as ESLint's: without either, chalk's own detection decides (a terminal, FORCE_COLOR,
  // CI); NO_COLOR turns colour off unless FORCE_COLOR or --color asks for it.
  cmd.option('--color', t('色を付ける（端末でなくても。FORCE_COLOR でも可）', 'colour the output, even when not a terminal (also FORCE_COLOR)'));
  cmd.option('--no-color', t('色を付けない（NO_COLOR でも可）', 'no colour (also NO_COLOR)'));
  if (!spec || spec.formats.length > 0) {
    const fmts = spec ? spec.formats.join('|') : 'FMT';
    cmd.option('-f, --format <fmt[:file]>', t(`出力形式[:ファイル]（${fmts}、繰り返し可）`, `output format[:file] (${fmts}; repeatable)`), collect);
  }
  cmd.option('--config <file>', t('設定ファイル（kouiki.config.yaml）', 'configuration file (kouiki.config.yaml)'));
  cmd.option('--max-input-size <bytes>', t('入力ファイルの上限（既定 64MB）', 'largest input file accepted (default 64 MB)'));
  cmd.option('-q, --quiet', t('エラーだけを報告する（check は警告を出さず数えない。他のコマンドは標準エラーに注記や進捗を出さない）', 'report errors only (check: warnings are neither shown nor counted; other commands: no notes or progress on stderr; the report itself is unchanged)'));
}

/**
 * Runs kouiki with the given arguments and returns the exit code (it never calls process.exit,
 * so tests run it in-process and the bin decides how to leave).
 */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const lang = langOf(argv, io.env);
  beginRun(() => io.stdin);
  const unwatch = watchStreams(io.stdout, io.stderr);
  try {
    const code = await runProgram(argv, io, lang);
    const failure = streamFailure(io.stdout);
    if (failure) throw outputFailed(failure);
    return code;
  } catch (err) {
    return handleError(err, io, lang);
  } finally {
    unwatch();
  }
}

async function runProgram(argv: string[], io: CliIO, lang: Lang): Promise<number> {
  const t = (ja: string, en: string): string => (lang === 'ja' ? ja : en);
  let exitCode = 0;
  const rulesArg = preScan(argv, '--rules');
  const wanted = firstCommand(argv);
  // Commands whose flags come from the pack (one per fact) need it before commander is built.
  let pack: Pack | undefined = COMMANDS.some((c) => c.packOptions && c.name === wanted) ? await obtainPack(rulesArg) : undefined;
  // `kouiki completion` lists every command's options, those from the pack included.
  const everything = COMMANDS.some((c) => c.allCommands && c.name === wanted);
  const env = {
    lang,
    pack: (): Pack => {
      if (!pack) throw new Error('the rule pack was not loaded for this command');
      return pack;
    },
  };

  const program = new KouikiCommand('kouiki');
  program.lang = lang;
  program.argvSeen = argv;
  program
    .description(
      t(
        '広域連携の制度選択を説明可能にする: 地方自治法の連携制度の推奨、指定要件の判定、政策案の CI チェック',
        'explainable choice of Local Autonomy Act cooperation instruments: recommend, check designation eligibility, lint policy drafts in CI',
      ),
    )
    .version(VERSION, '-v, --version', t('バージョンを表示', 'print the version'))
    .helpOption('-h, --help', t('ヘルプを表示', 'show help'))
    .helpCommand(t('help [コマンド]', 'help [command]'), t('コマンドのヘルプを表示（kouiki help check）', 'show the help of a command (kouiki help check)'))
    .configureHelp(helpConfiguration(lang))
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
    });
  // -V, as kouiki printed its version before -v (ESLint's flag) was added; not in the help.
  program.addOption(new Option('-V').hideHelp());
  program.on('option:V', () => {
    io.stdout.write(`${VERSION}\n`);
    throw new CommanderError(0, 'commander.version', VERSION);
  });
  addGlobalOptions(program, lang, null);
  // The command whose command line is being parsed, for the hint after a commander error.
  let active: Command = program;
  const follow = (parent: Command): void => void parent.hook('preSubcommand', (_parent, sub) => void (active = sub));
  follow(program);

  // When the command line names a command, only that one is built in full: the others are
  // there for commander's "did you mean" and are never run (their options, examples and action
  // cost every start-up a few milliseconds). Without one (`kouiki --help`), all are.
  const known = wanted !== undefined && !everything && COMMANDS.some((c) => c.name === wanted);
  const register = (parent: Command, spec: CommandSpec): void => {
    if (known && parent === program && spec.name !== wanted) {
      parent.command(spec.args ? `${spec.name} ${spec.args}` : spec.name).description(spec.summary[lang]);
      return;
    }
    const cmd = parent.command(spec.args ? `${spec.name} ${spec.args}` : spec.name);
    cmd.description(spec.summary[lang]).helpOption('-h, --help', t('ヘルプを表示', 'show help'));
    if (spec.examples.length > 0) {
      const lines = spec.examples.map((e) => `  $ ${e.cmd}\n      ${e.what[lang]}`).join('\n');
      cmd.addHelpText('after', `\n${t('例', 'Examples')}:\n${lines}\n`);
    }
    if (spec.subcommands) {
      // A command group (`kouiki rules validate|test|outdated|doc`): the actions are its subcommands.
      cmd.helpCommand(false);
      follow(cmd);
      for (const sub of spec.subcommands) register(cmd, sub);
      return;
    }
    if (spec.configure && (!spec.packOptions || wanted === spec.name || everything)) spec.configure(cmd, env);
    addGlobalOptions(cmd, lang, spec);
    cmd.action(async (...actionArgs: unknown[]) => {
      const command = actionArgs[actionArgs.length - 1] as Command;
      const opts = command.optsWithGlobals() as Record<string, unknown>;
      const positional = command.processedArgs.flatMap((a) => (Array.isArray(a) ? (a as string[]) : a === undefined ? [] : [a as string]));
      const globals = resolveGlobals(opts, lang, io);
      declareInputs([...globals.data, ...(globals.config ? [globals.config] : [])], io.cwd);
      requireInputs(globals, io.cwd);
      await applyProjectSettings(globals, io.cwd);
      // Commands that read a pack as their input (rules validate|test|…) load it themselves.
      if (spec.loadsPack !== false && (!pack || globals.rules !== rulesArg)) pack = await obtainPack(globals.rules);
      exitCode = await spec.run({ ...makeContext(io, globals, pack), commandTree: () => ({ program, specs: COMMANDS }) }, positional, opts);
    });
  };

  for (const spec of COMMANDS) register(program, spec);
  if (argv.length === 0) {
    program.outputHelp();
    return 0;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) io.stderr.write(usageHint(err.code, active, lang));
    throw err;
  }
  return exitCode;
}

/**
 * A `--data` or `--config` file that does not exist stops every command, also one that does not
 * read it (evaluate, instruments): ignoring a mistyped path would hide the mistake. The messages
 * are those of the commands that read the files.
 */
function requireInputs(globals: GlobalOptions, cwd: string): void {
  for (const d of globals.data) if (d !== '-' && !existsSync(resolve(cwd, d))) throw noSuchFile(d);
  if (globals.config !== undefined && !existsSync(resolve(cwd, globals.config))) throw noSuchFile(globals.config, { ja: '設定ファイルが見つかりません', en: 'no such configuration file' });
}

/**
 * The configuration file (--config, else kouiki.config.yaml found upward) names the project's
 * rule pack, data files and ignored drafts for every command: `pack:` is used unless --rules is
 * given; `data:` files are read before any --data.
 */
async function applyProjectSettings(globals: GlobalOptions, cwd: string): Promise<void> {
  const file = globals.config !== undefined ? resolve(cwd, globals.config) : findConfig(cwd);
  if (!file) return;
  // The YAML parser loads only when there is a configuration to read.
  const { readProjectSettings } = await import('../io/config.js');
  const settings = readProjectSettings(file, cwd, globals.maxInputSize);
  if (globals.rules === undefined && settings.pack !== undefined) globals.rules = settings.pack;
  if (settings.data.length > 0) {
    for (const d of settings.data) if (!existsSync(d)) throw noSuchFile(d);
    globals.data = [...settings.data, ...globals.data];
    declareInputs(settings.data, cwd);
  }
  globals.ignored = settings.ignored;
}

function handleError(err: unknown, io: CliIO, lang: Lang): number {
  removePendingOutputs();
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
    // A command group without its action (`kouiki rules`): the help went to stderr; bad usage.
    if (err.code === 'commander.help') return err.exitCode === 0 ? 0 : 2;
    return 2;
  }
  if (err instanceof ExitSignal) return err.exitCode;
  if (err instanceof UserError) {
    io.stderr.write(`${formatUserError(err, lang)}\n`);
    if (io.env.KOUIKI_DEBUG === '1' && err.stack) io.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  if ((err as NodeJS.ErrnoException)?.code === 'EPIPE') return 0;
  reportInternalError(err, io, lang);
  return 2;
}

/**
 * An error nobody foresaw (a bug): one line asking for a report, the stack only with
 * KOUIKI_DEBUG=1. The message is cut to its first line so that nothing multi-line leaks out.
 */
export function reportInternalError(err: unknown, io: Pick<CliIO, 'stderr' | 'env'>, lang: Lang): void {
  let what: string;
  try {
    what = String((err as Error)?.message ?? err).split('\n')[0]!.slice(0, 300);
  } catch {
    what = 'unknown error';
  }
  io.stderr.write(
    lang === 'ja'
      ? `kouiki: 内部エラーが発生しました。お手数ですが再現手順を添えて報告してください: ${what}\n`
      : `kouiki: internal error; please report it with the command that caused it: ${what}\n`,
  );
  if (io.env.KOUIKI_DEBUG === '1' && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
}

/** The language of a run's messages: `--lang`, else KOUIKI_LANG / LANG. */
export function langOf(argv: string[], env: NodeJS.ProcessEnv): Lang {
  const langArg = preScan(argv, '--lang');
  return langArg === 'ja' || langArg === 'en' ? langArg : defaultLang(env);
}

function resolveGlobals(opts: Record<string, unknown>, lang: Lang, io: CliIO): GlobalOptions {
  const colorLevel = resolveColorLevel(opts.color as boolean | undefined, io);
  const g: GlobalOptions = {
    lang,
    data: (opts.data as string[] | undefined) ?? [],
    asOf: opts.asOf ? parseAsOf(String(opts.asOf)) : today(),
    color: colorLevel > 0,
    colorLevel,
    format: (opts.format as string[] | undefined) ?? [],
    maxInputSize: opts.maxInputSize ? parseSize(String(opts.maxInputSize)) : DEFAULT_MAX_INPUT_SIZE,
    quiet: opts.quiet === true,
  };
  if (typeof opts.rules === 'string') g.rules = opts.rules;
  if (typeof opts.config === 'string') g.config = opts.config;
  return g;
}

/**
 * Colour of stdout: `--no-color` off; `--color` on (at least 16 colours, even into a pipe);
 * otherwise NO_COLOR (https://no-color.org) turns it off unless FORCE_COLOR is set, and chalk's
 * own detection decides (FORCE_COLOR, a terminal, TERM, CI), read through io.colorLevel.
 */
export function resolveColorLevel(flag: boolean | undefined, io: Pick<CliIO, 'env' | 'stdoutIsTTY' | 'colorLevel'>): number {
  if (flag === false) return 0;
  const detected = io.colorLevel ? io.colorLevel() : io.stdoutIsTTY ? 1 : 0;
  if (flag === true) return Math.max(1, detected);
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  if (noColor && io.env.FORCE_COLOR === undefined) return 0;
  return detected;
}
