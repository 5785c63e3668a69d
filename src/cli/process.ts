import { noteStreamError, processIO } from './io.js';
import { langOf, main, reportInternalError } from './main.js';
import { removePendingOutputs, setPendingListener } from './output.js';

const EXIT_ON: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * Runs the CLI as a process.
 *
 * Signals: while an output file is being written, SIGINT and SIGTERM remove its temporary file
 * (any old file stays as it was) and exit 130/143; the batch yields between chunks, so this
 * happens within a fraction of a second. While there is nothing to clean up (reading and
 * parsing the input, output to stdout only), no handler is installed and the signal's default
 * action ends the process at once, even in the middle of parsing a large file; shells report
 * that as 130/143 too.
 *
 * Output: a reader that goes away (`| head -1`) ends the output quietly (src/cli/io.ts); an
 * error that escapes everything is one line asking for a report, with the stack only under
 * KOUIKI_DEBUG=1. The exit code is set, never forced, so buffered output is flushed first.
 */
export async function runProcess(argv: string[]): Promise<void> {
  const onSignal = (signal: NodeJS.Signals): void => {
    removePendingOutputs();
    process.exit(EXIT_ON[signal as 'SIGINT' | 'SIGTERM'] ?? 130);
  };
  let guarded = false;
  setPendingListener((count) => {
    if (count > 0 && !guarded) {
      guarded = true;
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    } else if (count === 0 && guarded) {
      guarded = false;
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  });
  // Errors of stdout/stderr outside a run (a write still in flight when main returns).
  process.stdout.on('error', (err) => noteStreamError(process.stdout, err));
  process.stderr.on('error', (err) => noteStreamError(process.stderr, err));
  const fatal = (err: unknown): void => {
    removePendingOutputs();
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
