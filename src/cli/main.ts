import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { ExitSignal, formatUserError, UserError } from '../errors.js';
import { defaultLang, type Lang } from '../i18n/lang.js';
import { obtainPack } from '../rules-tools/obtain.js';
import type { Pack } from '../pack/model.js';
import { makeContext, parseAsOf, parseSize, today, type GlobalOptions } from './context.js';
import { outputFailed, streamFailure, watchStreams, type CliIO } from './io.js';
import { beginRun, declareInputs, DEFAULT_MAX_INPUT_SIZE, noSuchFile } from '../io/read.js';
import { removePendingOutputs } from './output.js';
import { COMMANDS } from './specs/index.js';
import { helpConfiguration, usageHint } from './commander-text.js';
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

function firstCommand(argv: string[]): string | undefined {
  const valued = new Set(['--lang', '--rules', '--data', '--as-of', '-f', '--format', '--config', '--max-input-size']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (valued.has(a)) {
      i++;
      continue;
    }
    if (!a.startsWith('-')) return a;
  }
  return undefined;
}

function addGlobalOptions(cmd: Command, lang: Lang, spec: CommandSpec | null): void {
  const t = (ja: string, en: string): string => (lang === 'ja' ? ja : en);
  cmd.addOption(new Option('--lang <lang>', t('出力の言語（ja|en）。既定は KOUIKI_LANG、LANG が ja なら ja', 'output language (ja|en); default KOUIKI_LANG, else ja when LANG starts with ja')).choices(['ja', 'en']));
  cmd.option('--rules <dir>', t('別のルールパック（ディレクトリ）', 'another rule pack (a directory)'));
  cmd.option('--data <file>', t('市町村データを追加する（繰り返し可）', 'add a municipality data file (repeatable)'), collect);
  cmd.option('--as-of <date>', t('この日に施行されていた法令で判定（YYYY-MM-DD、既定は今日）', 'apply the law in force on this date (YYYY-MM-DD; default today)'));
  cmd.option('--no-color', t('色を付けない（NO_COLOR でも可）', 'no colour (also NO_COLOR)'));
  if (!spec || spec.formats.length > 0) {
    const fmts = spec ? spec.formats.join('|') : 'FMT';
    cmd.option('-f, --format <fmt[:file]>', t(`出力形式[:ファイル]（${fmts}、繰り返し可）`, `output format[:file] (${fmts}; repeatable)`), collect);
  }
  cmd.option('--config <file>', t('設定ファイル（kouiki.config.yaml）', 'configuration file (kouiki.config.yaml)'));
  cmd.option('--max-input-size <bytes>', t('入力ファイルの上限（既定 64MB）', 'largest input file accepted (default 64 MB)'));
  cmd.option('-q, --quiet', t('結果以外を出力しない', 'print nothing but the results'));
}

const JA_COMMANDER: [RegExp, string][] = [
  [/^error: unknown option '(.+?)'/, '不明なオプション $1'],
  [/^error: unknown command '(.+?)'/, '不明なコマンド $1'],
  [/^error: missing required argument '(.+?)'/, '引数 $1 がありません'],
  [/^error: option '(.+?)' argument missing/, 'オプション $1 に値がありません'],
  [/^error: option '(.+?)' argument '(.+?)' is invalid\. Allowed choices are (.+)\./, 'オプション $1 の値 $2 は使えません（使えるのは $3）'],
  [/^error: too many arguments for '(.+?)'\. Expected (\d+) arguments? but got (\d+)\./, '引数が多すぎます（$1 の引数は $2 個まで、指定は $3 個）'],
  [/^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\./, '引数が多すぎます（$1 個まで、指定は $2 個）'],
  [/^error: too many arguments/, '引数が多すぎます'],
  [/^\(Did you mean (.+)\?\)/, '（$1 のことですか？）'],
];

/** commander's messages as kouiki's own: `kouiki: ` first, and in Japanese with --lang ja. */
function translateCommander(text: string, lang: Lang): string {
  return text
    .split('\n')
    .map((line) => {
      const head = line.startsWith('error: ') ? 'kouiki: ' : '';
      if (lang === 'ja') for (const [re, ja] of JA_COMMANDER) if (re.test(line)) return `${head}${line.replace(re, ja).replace(/^error: /, '')}`;
      return head ? `${head}${line.slice('error: '.length)}` : line;
    })
    .join('\n');
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
  const env = {
    lang,
    pack: (): Pack => {
      if (!pack) throw new Error('the rule pack was not loaded for this command');
      return pack;
    },
  };

  const program = new Command('kouiki');
  program
    .description(
      t(
        '広域連携の制度選択を説明可能にする: 地方自治法の連携制度の推奨、指定要件の判定、政策案の CI チェック',
        'explainable choice of Local Autonomy Act cooperation instruments: recommend, check designation eligibility, lint policy drafts in CI',
      ),
    )
    .version(VERSION, '-V, --version', t('バージョンを表示', 'print the version'))
    .helpOption('-h, --help', t('ヘルプを表示', 'show help'))
    .helpCommand(false)
    .configureHelp(helpConfiguration(lang))
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(translateCommander(s, lang)),
    });
  addGlobalOptions(program, lang, null);
  // The command whose command line is being parsed, for the hint after a commander error.
  let active: Command = program;
  const follow = (parent: Command): void => void parent.hook('preSubcommand', (_parent, sub) => void (active = sub));
  follow(program);

  // When the command line names a command, only that one is built in full: the others are
  // there for commander's "did you mean" and are never run (their options, examples and action
  // cost every start-up a few milliseconds). Without one (`kouiki --help`), all are.
  const known = wanted !== undefined && COMMANDS.some((c) => c.name === wanted);
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
    if (spec.configure && (!spec.packOptions || wanted === spec.name)) spec.configure(cmd, env);
    addGlobalOptions(cmd, lang, spec);
    cmd.action(async (...actionArgs: unknown[]) => {
      const command = actionArgs[actionArgs.length - 1] as Command;
      const opts = command.optsWithGlobals() as Record<string, unknown>;
      const positional = command.processedArgs.flatMap((a) => (Array.isArray(a) ? (a as string[]) : a === undefined ? [] : [a as string]));
      const globals = resolveGlobals(opts, lang, io);
      declareInputs([...globals.data, ...(globals.config ? [globals.config] : [])], io.cwd);
      requireInputs(globals, io.cwd);
      // Commands that read a pack as their input (rules validate|test|…) load it themselves.
      if (spec.loadsPack !== false && (!pack || globals.rules !== rulesArg)) pack = await obtainPack(globals.rules);
      exitCode = await spec.run(makeContext(io, globals, pack), positional, opts);
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
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  const g: GlobalOptions = {
    lang,
    data: (opts.data as string[] | undefined) ?? [],
    asOf: opts.asOf ? parseAsOf(String(opts.asOf)) : today(),
    color: opts.color !== false && !noColor && io.stdoutIsTTY,
    format: (opts.format as string[] | undefined) ?? [],
    maxInputSize: opts.maxInputSize ? parseSize(String(opts.maxInputSize)) : DEFAULT_MAX_INPUT_SIZE,
    quiet: opts.quiet === true,
  };
  if (typeof opts.rules === 'string') g.rules = opts.rules;
  if (typeof opts.config === 'string') g.config = opts.config;
  return g;
}
