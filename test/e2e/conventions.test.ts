// The conventions of the CLI ecosystem kouiki's users already run (ESLint, conftest), end to end
// on the built binary (issue 18): colour (FORCE_COLOR, --color/--no-color, NO_COLOR), -q as
// ESLint's, one format on stdout, repository-relative paths in the CI formats, the
// configuration's pack:/data:/ignores:, `kouiki help CMD` and -v.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { kouiki, ROOT } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'kouiki-conventions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const WARN = join(ROOT, 'test/fixtures/check/warn.yaml');
const EN = ['--lang', 'en', '--as-of', '2026-11-23'];
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[\d+m/;

describe('colour', () => {
  // The helper sets NO_COLOR=1; each case states the environment it means.
  const run = (args: string[], env: Record<string, string>) => kouiki(['check', WARN, ...EN, ...args], { env: { NO_COLOR: '', ...env } });

  it('into a pipe: none by default; FORCE_COLOR and --color turn it on; --no-color and FORCE_COLOR=0 off', () => {
    expect(run([], {}).stdout).not.toMatch(ANSI);
    expect(run([], { FORCE_COLOR: '1' }).stdout).toMatch(ANSI);
    expect(run(['--color'], {}).stdout).toMatch(ANSI);
    expect(run(['--no-color'], { FORCE_COLOR: '1' }).stdout).not.toMatch(ANSI);
    expect(run([], { FORCE_COLOR: '0' }).stdout).not.toMatch(ANSI);
  });

  it('NO_COLOR turns it off unless FORCE_COLOR or --color asks for it', () => {
    expect(run([], { NO_COLOR: '1' }).stdout).not.toMatch(ANSI);
    expect(run([], { NO_COLOR: '1', FORCE_COLOR: '1' }).stdout).toMatch(ANSI);
    expect(run(['--color'], { NO_COLOR: '1' }).stdout).toMatch(ANSI);
  });

  it('a file output never has colour', () => {
    const out = join(dir, 'stylish.txt');
    run(['-f', `stylish:${out}`, '--color'], { FORCE_COLOR: '3' });
    expect(readFileSync(out, 'utf8')).not.toMatch(ANSI);
  });
});

describe('-q/--quiet reports errors only, as ESLint does', () => {
  it('a draft with one warning: reported without -q; with -q no warning is shown, counted or failed on', () => {
    const loud = kouiki(['check', WARN, ...EN, '-f', 'json', '--max-warnings', '0']);
    expect(loud.code).toBe(1);
    expect(JSON.parse(loud.stdout).summary.warnings).toBe(1);
    const quiet = kouiki(['check', WARN, ...EN, '-f', 'json', '--max-warnings', '0', '-q']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(JSON.parse(quiet.stdout).summary).toMatchObject({ errors: 0, warnings: 0 });
    expect(kouiki(['check', WARN, ...EN, '--quiet', '--fail-on-warn']).code).toBe(0);
  });

  it('errors are still reported with -q', () => {
    const r = kouiki(['check', join(ROOT, 'examples/drafts/kensei-failing.yaml'), ...EN, '-q', '-f', 'json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.summary.errors).toBeGreaterThan(0);
    expect(j.summary.warnings).toBe(0);
  });
});

describe('one format on standard output', () => {
  it('-f json -f sarif is refused (exit 2) and says to give one a file; with a file both are written', () => {
    const r = kouiki(['check', WARN, ...EN, '-f', 'json', '-f', 'sarif']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('only one format can go to standard output (got json, sarif)');
    expect(r.stderr).toContain('fix: write the others to a file (e.g. -f json -f sarif:kouiki.sarif)');
    const sarif = join(dir, 'one.sarif');
    const ok = kouiki(['check', WARN, ...EN, '-f', 'json', '-f', `sarif:${sarif}`]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).summary.warnings).toBe(1);
    expect(JSON.parse(readFileSync(sarif, 'utf8')).version).toBe('2.1.0');
  });

  it('also for the other commands (evaluate)', () => {
    const r = kouiki(['evaluate', join(ROOT, 'examples/kensei-tasks.yaml'), ...EN, '-f', 'json', '-f', 'csv']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });
});

describe('paths in SARIF, JUnit and annotations are relative to the repository root', () => {
  // A repository with the draft two levels down; kouiki runs in a subdirectory of it.
  const repo = join(dir, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  mkdirSync(join(repo, 'plans', 'drafts'), { recursive: true });
  cpSync(WARN, join(repo, 'plans', 'drafts', 'warn.yaml'));
  const cwd = join(repo, 'plans');
  const draft = 'drafts/warn.yaml';

  it('git top level: the path from the root, not from the working directory', () => {
    const sarif = JSON.parse(kouiki(['check', draft, ...EN, '-f', 'sarif'], { cwd }).stdout);
    const run = sarif.runs[0];
    expect(run.results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'plans/drafts/warn.yaml', uriBaseId: '%SRCROOT%' });
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`${pathToFileURL(repo).href}/`);
    expect(kouiki(['check', draft, ...EN, '-f', 'github'], { cwd }).stdout).toContain('::warning file=plans/drafts/warn.yaml,line=');
    const junit = kouiki(['check', draft, ...EN, '-f', 'junit'], { cwd }).stdout;
    expect(junit).toContain('<testsuite name="plans/drafts/warn.yaml"');
    // The human formats keep the path as the user typed it.
    expect(kouiki(['check', draft, ...EN], { cwd }).stdout).toContain(`${draft}\n`);
  });

  it('GITHUB_WORKSPACE wins over the git top level', () => {
    const github = kouiki(['check', draft, ...EN, '-f', 'github'], { cwd, env: { GITHUB_WORKSPACE: cwd } }).stdout;
    expect(github).toContain('::warning file=drafts/warn.yaml,line=');
  });

  it('a file outside the root is named by its absolute path (a file: URI in SARIF)', () => {
    const sarif = JSON.parse(kouiki(['check', WARN, ...EN, '-f', 'sarif'], { cwd }).stdout);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: pathToFileURL(WARN).href });
  });
});

describe('the configuration file names the pack, the data and the ignored drafts', () => {
  const project = join(dir, 'project');
  mkdirSync(join(project, 'drafts', 'old'), { recursive: true });
  mkdirSync(join(project, 'config'), { recursive: true });
  cpSync(WARN, join(project, 'drafts', 'warn.yaml'));
  cpSync(join(ROOT, 'examples/drafts/kensei-failing.yaml'), join(project, 'drafts', 'old', 'failing.yaml'));
  // A pack that extends the default and renames an instrument, so the output tells it was used.
  mkdirSync(join(project, 'pack'));
  writeFileSync(join(project, 'pack', 'pack.yaml'), 'version: 1\nname: project-pack\npackVersion: 1.0.0\ntitle: { ja: 試験, en: test }\nreviewed: 2026-11-23\nextends: default\n');
  writeFileSync(join(project, 'config', 'figures.yaml'), 'version: 1\nmunicipalities:\n  - { name: 甲市, prefecture: 甲県, new: true, kind: city, population: 210000, dayNightRatio: 1.02 }\n');
  writeFileSync(join(project, 'kouiki.config.yaml'), 'pack: pack\ndata: config/figures.yaml\nignores: ["drafts/old/**"]\nrules:\n  reciprocity: error\n');

  it('pack: is the rule pack (as --rules; --rules wins)', () => {
    const j = JSON.parse(kouiki(['recommend', '--category', 'wide-area-issue', ...EN, '-f', 'json'], { cwd: project }).stdout);
    expect(j.rulePack.name).toBe('project-pack');
    const own = JSON.parse(kouiki(['recommend', '--category', 'wide-area-issue', ...EN, '-f', 'json', '--rules', join(ROOT, 'rules')], { cwd: project }).stdout);
    expect(own.rulePack.name).not.toBe('project-pack');
  });

  it('data: files are read (relative to the configuration file)', () => {
    const r = kouiki(['eligibility', '甲市', ...EN, '-f', 'json'], { cwd: join(project, 'drafts') });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).results[0].municipality.name).toBe('甲市');
  });

  it('ignores: drafts a directory search finds are skipped; the rest of the file applies as before', () => {
    const r = kouiki(['check', 'drafts', ...EN, '-f', 'json'], { cwd: project });
    const j = JSON.parse(r.stdout);
    expect(j.files.map((f: { path: string }) => f.path)).toEqual(['drafts/warn.yaml']);
    // rules: reciprocity: error made the warning an error.
    expect(j.summary).toMatchObject({ errors: 1, warnings: 0 });
    expect(r.code).toBe(1);
  });

  it('a value of the wrong type is an error at its line (exit 2)', () => {
    const bad = join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'kouiki.config.yaml'), 'ignores: drafts/old\n');
    const r = kouiki(['instruments', ...EN], { cwd: bad });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('kouiki.config.yaml:1:10: "ignores" is a list of patterns (strings)');
  });
});

describe('kouiki help CMD and -v', () => {
  it('help CMD prints the command help (exit 0), as CMD --help does', () => {
    const viaHelp = kouiki(['help', 'check', '--lang', 'en']);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toBe(kouiki(['check', '--help', '--lang', 'en']).stdout);
    expect(kouiki(['help', 'rules']).stdout).toContain('validate');
    expect(kouiki(['--lang', 'ja', 'help', 'check']).stdout).toContain('使い方: kouiki check');
  });

  it('-v and --version print the version, as -V always did', () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
    for (const flag of ['-v', '--version', '-V']) expect(kouiki([flag, '--lang', 'en']).stdout).toBe(`${version}\n`);
    expect(kouiki(['--help']).stdout).toContain('-v, --version');
  });
});
