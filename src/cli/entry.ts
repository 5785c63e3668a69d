// The process entry: fast paths first (no module beyond this file for --version), then the CLI.
// The version is inlined by the build rather than imported, so --version loads no other chunk.
declare const __KOUIKI_VERSION__: string | undefined;
const VERSION = typeof __KOUIKI_VERSION__ === 'string' ? __KOUIKI_VERSION__ : '0.0.0-dev';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${VERSION}\n`);
} else {
  const { runProcess } = await import('./process.js');
  await runProcess(argv);
}
