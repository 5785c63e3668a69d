// The process entry: fast paths first (no module beyond this file for --version), then the CLI.
import { VERSION } from '../version.js';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${VERSION}\n`);
} else {
  const { runProcess } = await import('./process.js');
  await runProcess(argv);
}
