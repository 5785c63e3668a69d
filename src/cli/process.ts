import { processIO } from './io.js';
import { main } from './main.js';
import { removePendingOutputs } from './output.js';

/**
 * Runs the CLI as a process: signals end the run with 130/143 and leave no partial output file;
 * the exit code is set, never forced, so buffered output is flushed first.
 */
export async function runProcess(argv: string[]): Promise<void> {
  const onSignal = (signal: NodeJS.Signals): void => {
    removePendingOutputs();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.exitCode = await main(argv, processIO());
}
