// The start-up path of bin/kouiki.cjs (issues 7, 18): the --version / --help fast paths answer
// exactly what the CLI itself prints, and the V8 code cache, made on the user's machine, is an
// optimisation only: a missing, corrupt or unwritable cache changes nothing but the time.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
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
    expect(kouiki(['-v']).stdout).toBe(`${version}\n`);
    expect(kouiki(['--lang', 'en', '-v']).stdout).toBe(`${version}\n`); // not the fast path
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
  const expected = kouiki(args, { env: { KOUIKI_NO_CACHE: '1' } });
  const withCache = (root: string, cacheHome: string, extra: Record<string, string> = {}): { code: number; stdout: string; stderr: string } => {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'kouiki.cjs'), ...args], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', LANG: 'C', NO_COLOR: '1', XDG_CACHE_HOME: cacheHome, ...extra } });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };
  const cacheFiles = (home: string): string[] => {
    const base = join(home, 'kouiki', 'v8');
    return existsSync(base) ? readdirSync(base).flatMap((k) => readdirSync(join(base, k)).map((f) => join(base, k, f))) : [];
  };

  it('the check of the example drafts (exit 1: the failing draft)', () => {
    expect(expected.code).toBe(1);
    expect(JSON.parse(expected.stdout).summary.errors).toBeGreaterThan(0);
  });

  it('the package ships no code cache: the build writes none', () => {
    const files = readdirSync(join(ROOT, 'dist'), { recursive: true }).map(String);
    expect(files.filter((f) => /cache/i.test(f))).toEqual([]);
  });

  it('written after the first run of a command in $XDG_CACHE_HOME/kouiki, read by the next, rewritten when corrupt', () => {
    const home = join(dir, 'xdg');
    const first = withCache(ROOT, home);
    expect(first.stdout).toBe(expected.stdout);
    const files = cacheFiles(home);
    expect(files.map((f) => f.split('/').pop())).toEqual(['check.cache']);
    const written = statSync(files[0]!).mtimeMs;
    const second = withCache(ROOT, home);
    expect(second.stdout).toBe(expected.stdout);
    expect(statSync(files[0]!).mtimeMs).toBe(written); // accepted: not written again
    // A corrupt cache: V8 rejects it; the run is the same and the cache is written anew.
    writeFileSync(files[0]!, Buffer.alloc(4096, 0x5a));
    const third = withCache(ROOT, home);
    expect(third.stderr).toBe('');
    expect(third.stdout).toBe(expected.stdout);
    expect(readFileSync(files[0]!).subarray(0, 16).equals(Buffer.alloc(16, 0x5a))).toBe(false);
    // Other V8 flags: a directory of their own, beside the first (no cache thrashes the other);
    // a cache of another build is removed when this build writes one.
    expect(withCache(ROOT, home, { NODE_OPTIONS: '--max-old-space-size=512' }).stdout).toBe(expected.stdout);
    expect(readdirSync(join(home, 'kouiki', 'v8')).length).toBe(2);
    mkdirSync(join(home, 'kouiki', 'v8', '0000000000000000-000000000000'));
    rmSync(files[0]!);
    withCache(ROOT, home);
    expect(readdirSync(join(home, 'kouiki', 'v8')).length).toBe(2);
    expect(existsSync(join(home, 'kouiki', 'v8', '0000000000000000-000000000000'))).toBe(false);
  });

  it('a cache directory that cannot be written costs nothing but time', () => {
    // A regular file where the directory should be (root ignores permissions, so no chmod).
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, 'not a directory');
    const r = withCache(ROOT, blocked);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(expected.code);
    expect(r.stdout).toBe(expected.stdout);
    const off = withCache(ROOT, join(dir, 'off'), { KOUIKI_NO_CACHE: '1' });
    expect(off.stdout).toBe(expected.stdout);
    expect(cacheFiles(join(dir, 'off'))).toEqual([]);
  });

  it('an installed package (no src/) trusts its dist/; a checkout notices an edited rule file', () => {
    const installed = copyInstall('installed', ['rules', 'data']);
    const checkout = copyInstall('checkout', ['rules', 'data']);
    symlinkSync(join(ROOT, 'src'), join(checkout, 'src'));
    for (const root of [installed, checkout]) {
      // Mark the compiled pack, so the output tells which one was read.
      const compiledFile = join(root, 'dist', 'default-pack.json');
      writeFileSync(compiledFile, readFileSync(compiledFile, 'utf8').replace('"en":"Cooperation agreement"', '"en":"Cooperation agreement (compiled)"'));
      const instruments = join(root, 'rules', 'instruments', 'cooperation-agreement.yaml');
      writeFileSync(instruments, readFileSync(instruments, 'utf8').replace('# ', '#_'));
    }
    const shown = (root: string): string => run(root, ['instruments', 'cooperation-agreement', '--lang', 'en']).stdout;
    expect(shown(installed)).toContain('Cooperation agreement (compiled)');
    const after = shown(checkout);
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
