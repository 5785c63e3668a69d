// The start-up path of bin/kouiki.cjs (issue 7): the --version / --help fast paths answer exactly
// what the CLI itself prints, and the V8 code cache is an optimisation only: a missing, corrupt
// or foreign cache changes nothing but the time.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kouiki, ROOT } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'kouiki-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the package whose bin/ and dist/ (and `copied`) may be altered; the rest is linked. */
function copyInstall(name: string, copied: string[] = []): string {
  const root = join(dir, name);
  for (const x of ['bin', 'dist', ...copied]) cpSync(join(ROOT, x), join(root, x), { recursive: true });
  for (const x of ['rules', 'data', 'examples', 'schemas', 'package.json', 'node_modules']) if (!copied.includes(x)) symlinkSync(join(ROOT, x), join(root, x));
  return root;
}

function run(root: string, args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'kouiki.cjs'), ...args], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', LANG: 'C', NO_COLOR: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('fast paths', () => {
  it('--version prints the package version', () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
    expect(kouiki(['--version']).stdout).toBe(`${version}\n`);
    expect(kouiki(['-V']).stdout).toBe(`${version}\n`);
  });

  it('the top-level --help is what the CLI renders, in both languages', () => {
    for (const lang of ['en', 'ja']) {
      const slow = kouiki(['--lang', lang, '--help']); // not a fast path: two arguments
      const fast = kouiki(['--help'], { env: { KOUIKI_LANG: lang } });
      expect(fast.code).toBe(0);
      expect(fast.stdout).toBe(slow.stdout);
      expect(kouiki(['-h'], { env: { LANG: lang === 'ja' ? 'ja_JP.UTF-8' : 'C' } }).stdout).toBe(slow.stdout);
    }
    expect(kouiki(['--help']).stdout).toContain('Usage: kouiki [options] [command]');
  });
});

describe('the code cache changes nothing but the time', () => {
  const args = ['check', 'examples/drafts/', '-f', 'json', '--as-of', '2026-11-23'];
  const expected = kouiki(args);

  it('the check of the example drafts runs with the cache (exit 1: the failing draft)', () => {
    expect(expected.code).toBe(1);
    expect(JSON.parse(expected.stdout).summary.errors).toBeGreaterThan(0);
  });

  it('without a cache, with a corrupt one, or with one from another build', () => {
    const caches = (root: string): string[] => [join(root, 'dist', 'kouiki.cjs.cache'), ...readdirSync(join(root, 'dist', 'cache')).map((f) => join(root, 'dist', 'cache', f))];
    expect(caches(ROOT).map((f) => f.slice(ROOT.length))).toContain('/dist/cache/check.cache');
    const none = copyInstall('none');
    for (const f of caches(none)) rmSync(f);
    const corrupt = copyInstall('corrupt');
    const foreign = copyInstall('foreign');
    for (const [root, alter] of [
      // The right build line, then bytes V8 must reject.
      [corrupt, (cache: Buffer, head: number) => Buffer.concat([cache.subarray(0, head), Buffer.alloc(cache.length - head, 0x5a)])],
      // A cache of another build.
      [foreign, (cache: Buffer, head: number) => Buffer.concat([Buffer.from('// kouiki 0.0.0 build 0000000000000000\n'), cache.subarray(head)])],
    ] as const) {
      for (const f of caches(root)) {
        const cache = readFileSync(f);
        writeFileSync(f, alter(cache, cache.indexOf(0x0a) + 1));
      }
    }
    for (const root of [none, corrupt, foreign]) {
      const r = run(root, args);
      expect(r.stderr, root).toBe('');
      expect(r.code, root).toBe(expected.code);
      expect(r.stdout, root).toBe(expected.stdout);
    }
  });

  it('an installed package (files extracted with new mtimes) still uses the compiled pack; an edited rule file does not', () => {
    const installed = copyInstall('installed', ['rules', 'data']);
    const later = new Date(Date.now() + 86_400_000);
    // Every file, at any depth: the rule pack is a tree of small files (rules/instruments/…).
    for (const d of ['rules', 'data']) for (const f of readdirSync(join(installed, d), { recursive: true }) as string[]) if (f.endsWith('.yaml')) utimesSync(join(installed, d, f), later, later);
    // Mark the compiled pack, so the output tells which one was read.
    const compiledFile = join(installed, 'dist', 'default-pack.json');
    const marked = readFileSync(compiledFile, 'utf8').replace('"en":"Cooperation agreement"', '"en":"Cooperation agreement (compiled)"');
    writeFileSync(compiledFile, marked);
    const shown = (root: string): string => run(root, ['instruments', 'cooperation-agreement', '--lang', 'en']).stdout;
    expect(shown(installed)).toContain('Cooperation agreement (compiled)');
    // Same size, other content: the YAML is read again.
    const instruments = join(installed, 'rules', 'instruments', 'cooperation-agreement.yaml');
    const text = readFileSync(instruments, 'utf8');
    writeFileSync(instruments, text.replace('# ', '#_'));
    const after = shown(installed);
    expect(after).not.toContain('(compiled)');
    expect(after).toContain('Cooperation agreement');
  });

  it('a missing build is one line and exit 2', () => {
    const broken = copyInstall('nobuild');
    rmSync(join(broken, 'dist', 'kouiki.cjs'));
    const r = run(broken, ['recommend', '--category', 'wide-area-issue']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('kouiki: the build is missing; run `npm install` (or `npm run build`) in the kouiki directory\n');
  });
});
