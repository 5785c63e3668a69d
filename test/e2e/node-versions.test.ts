// kouiki on Node 22 and 24, the recommended versions (Node 20, which this machine runs, reached
// its end of life on 2026-04-30; engines stays >= 20.12). The binaries come from the npm
// registry's `node` package (npx -p node@22), which ships them prebuilt; each command's output
// must be the same as on Node 20, with the code cache written and read on that Node too.
// KOUIKI_NODE_VERSIONS=skip skips this file where the registry cannot be reached (say so).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';

const VERSIONS = ['22', '24'];
const skip = process.env.KOUIKI_NODE_VERSIONS === 'skip';
const dir = mkdtempSync(join(tmpdir(), 'kouiki-node-versions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function nodeBinary(major: string): string {
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  return execFileSync(npx, ['--yes', '-p', `node@${major}`, 'node', '-p', 'process.execPath'], { encoding: 'utf8', timeout: 300_000, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

const COMMANDS: { args: string[]; code: number }[] = [
  { args: ['--version'], code: 0 },
  { args: ['--lang', 'en', '--help'], code: 0 },
  { args: ['recommend', '--category', 'wide-area-issue', '-f', 'json'], code: 0 },
  { args: ['evaluate', 'examples/kensei-tasks.yaml', '-f', 'json'], code: 0 },
  { args: ['evaluate', 'examples/kensei-tasks.yaml'], code: 0 },
  { args: ['check', 'examples/drafts/', '-f', 'json'], code: 1 },
  { args: ['check', 'examples/drafts/', '-f', 'sarif'], code: 1 },
  { args: ['eligibility', '小田原市', '--merge', '南足柄市', '-f', 'json'], code: 0 },
  { args: ['instruments'], code: 0 },
  { args: ['explain', '--category', 'essential-service'], code: 0 },
  { args: ['rules', 'test'], code: 0 },
  { args: ['completion', 'bash'], code: 0 },
];

function run(node: string, args: string[], cache: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(node, [BIN, ...args, '--as-of', '2026-11-23'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: dir, XDG_CACHE_HOME: cache, LANG: 'C', NO_COLOR: '1', COLUMNS: '120' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(skip).each(VERSIONS)('Node %s', (major) => {
  let node = '';
  const cache = join(dir, `cache-${major}`);

  it(`is obtained from the npm registry (npx -p node@${major})`, () => {
    node = nodeBinary(major);
    expect(existsSync(node)).toBe(true);
    expect(execFileSync(node, ['--version'], { encoding: 'utf8' })).toMatch(new RegExp(`^v${major}\\.`));
  }, 300_000);

  it('every command prints what it prints on Node 20, with and then from the code cache', () => {
    expect(node).not.toBe('');
    for (const { args, code } of COMMANDS) {
      const here = run(process.execPath, args, join(dir, 'cache-20'));
      const first = run(node, args, cache);
      const second = run(node, args, cache);
      for (const r of [first, second]) {
        expect(r.stderr, args.join(' ')).toBe('');
        expect(r.code, args.join(' ')).toBe(code);
        expect(r.stdout, args.join(' ')).toBe(here.stdout);
      }
    }
    const written = readdirSync(join(cache, 'kouiki', 'v8')).flatMap((d) => readdirSync(join(cache, 'kouiki', 'v8', d)));
    expect(written).toEqual(expect.arrayContaining(['check.cache', 'recommend.cache']));
    // Node's own compile cache is on as well (module.enableCompileCache, Node >= 22.1).
    expect(existsSync(join(cache, 'kouiki', 'node-compile-cache'))).toBe(true);
  }, 300_000);
});
