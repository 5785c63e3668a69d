import { isatty } from 'node:tty';
import { noteStreamError, processIO } from './io.js';
import { langOf, main, reportInternalError } from './main.js';
import { removePendingOutputs, setPendingListener } from './output.js';

const EXIT_ON: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
const SIGNALS = Object.keys(EXIT_ON) as NodeJS.Signals[];

/**
 * Runs the CLI as a process.
 *
 * Signals: while there is something to undo — an output file being written, or the terminal in
 * raw mode for a prompt (the wizard) — SIGINT, SIGTERM and SIGHUP remove the temporary file (any
 * old file stays as it was), give the terminal back (cooked mode, cursor shown) and exit
 * 130/143/129; the batch yields between chunks, so this happens within a fraction of a second.
 * While there is nothing to undo (reading and parsing the input, output to stdout only), no
 * handler is installed and the signal's default action ends the process at once, even in the
 * middle of parsing a large file; shells report that as 130/143 too.
 *
 * Output: a reader that goes away (`| head -1`) ends the output quietly (src/cli/io.ts); an
 * error that escapes everything is one line asking for a report, with the stack only under
 * KOUIKI_DEBUG=1. The exit code is set, never forced, so buffered output is flushed first.
 */
export async function runProcess(argv: string[]): Promise<void> {
  let pending = 0;
  let raw = false;
  let guarded = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    removePendingOutputs();
    restoreTerminal();
    process.exit(EXIT_ON[signal] ?? 130);
  };
  const update = (): void => {
    const want = pending > 0 || raw;
    if (want === guarded) return;
    guarded = want;
    for (const s of SIGNALS) {
      if (want) process.on(s, onSignal);
      else process.off(s, onSignal);
    }
  };
  setPendingListener((count) => {
    pending = count;
    update();
  });
  // Prompt libraries put the terminal in raw mode through stdin.setRawMode; follow it, so that a
  // signal during a question (kill, a closed terminal, a CI timeout) never leaves the terminal
  // without echo and with the cursor hidden.
  // Only a terminal has a raw mode; isatty(0) asks without opening process.stdin (see io.ts).
  const stdin = isatty(0) ? (process.stdin as NodeJS.ReadStream) : null;
  if (stdin?.isTTY && typeof stdin.setRawMode === 'function') {
    const setRawMode = stdin.setRawMode.bind(stdin);
    stdin.setRawMode = (mode: boolean): NodeJS.ReadStream => {
      const r = setRawMode(mode);
      raw = mode;
      update();
      return r;
    };
  }
  process.on('exit', restoreTerminal);
  // Errors of stdout/stderr outside a run (a write still in flight when main returns).
  process.stdout.on('error', (err) => noteStreamError(process.stdout, err));
  process.stderr.on('error', (err) => noteStreamError(process.stderr, err));
  const fatal = (err: unknown): void => {
    removePendingOutputs();
    restoreTerminal();
    try {
      reportInternalError(err, { stderr: process.stderr, env: process.env }, langOf(argv, process.env));
    } finally {
      process.exit(2);
    }
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  process.exitCode = await main(argv, processIO());
}

/** Cooked mode and a visible cursor again, if a prompt had taken the terminal. */
function restoreTerminal(): void {
  if (!isatty(0)) return;
  const stdin = process.stdin as NodeJS.ReadStream;
  if (!stdin.isTTY || !stdin.isRaw) return;
  try {
    stdin.setRawMode(false);
    if (process.stdout.isTTY) process.stdout.write('\u001b[?25h');
  } catch {
    /* the terminal is gone */
  }
}
