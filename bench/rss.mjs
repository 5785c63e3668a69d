// Runs the kouiki CLI in this process and reports its peak memory (max RSS, KB) on fd 3, so the
// benchmark can measure memory without relying on /usr/bin/time.
import { writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

const [, , root, ...args] = process.argv;
const bin = join(root, 'bin', 'kouiki.cjs');
process.argv = [process.argv[0], bin, ...args];
process.on('exit', () => {
  try {
    writeSync(3, String(process.resourceUsage().maxRSS));
  } catch {
    /* fd 3 not open */
  }
});
await import(pathToFileURL(bin).href);
