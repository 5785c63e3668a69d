import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kouiki, ROOT } from '../helpers/cli.js';

const F = 'test/fixtures/check';
const en = ['--lang', 'en', '--as-of', '2026-11-23'];

describe('kouiki check: exit codes and configuration', () => {
  it('warnings alone exit 0; --max-warnings, --fail-on-warn and the config make them fail (exit 1)', () => {
    const base = kouiki(['check', `${F}/warn.yaml`, ...en]);
    expect(base.code).toBe(0);
    expect(base.stdout).toContain('15:15  warning  the central city "甲市" provides this service, but no cost sharing is agreed');
    expect(base.stdout).toContain('✖ 1 problem (0 errors, 1 warning)');

    const max = kouiki(['check', `${F}/warn.yaml`, '--max-warnings', '0', ...en]);
    expect(max.code).toBe(1);
    expect(max.stderr).toBe('kouiki: too many warnings (1; maximum: 0)\n');
    expect(kouiki(['check', `${F}/warn.yaml`, '--max-warnings', '1', ...en]).code).toBe(0);
    expect(kouiki(['check', `${F}/warn.yaml`, '--fail-on-warn', ...en]).code).toBe(1);

    // cfg-strict: reciprocity is an error there, and maxWarnings 0.
    const strict = kouiki(['check', `${F}/warn.yaml`, '--config', `${F}/cfg-strict/kouiki.config.yaml`, ...en]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('15:15  error  ');
    // Found upward from the working directory, like ESLint's.
    const found = kouiki(['check', '../warn.yaml', ...en], { cwd: join(ROOT, F, 'cfg-strict') });
    expect(found.code).toBe(1);
    expect(found.stdout).toContain('../warn.yaml');
  });

  it('a rule set to off is not reported', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kouiki-cfg-'));
    writeFileSync(join(dir, 'kouiki.config.yaml'), 'version: 1\nrules: { reciprocity: off }\n');
    const r = kouiki(['check', join(ROOT, F, 'warn.yaml'), ...en], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('✔ no problems (1 file)\n');
  });

  it('an unknown rule id or severity in the config is exit 2 with its position and a suggestion', () => {
    const r = kouiki(['check', `${F}/warn.yaml`, '--config', `${F}/cfg-unknown/kouiki.config.yaml`, ...en]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${F}/cfg-unknown/kouiki.config.yaml:2:3: unknown key "reciprocty" (did you mean "reciprocity"?)`);
    expect(r.stderr).toContain(`${F}/cfg-unknown/kouiki.config.yaml:3:11: the severity of rule "schema" is one of off, warn, error`);
    expect(kouiki(['check', `${F}/warn.yaml`, '--config', 'nope.yaml', ...en]).code).toBe(2);
  });

  it('a file that cannot be checked is exit 2, while the others are still checked and reported', () => {
    const r = kouiki(['check', `${F}/broken.yaml`, `${F}/warn.yaml`, ...en]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`  ${F}/broken.yaml:3:11: invalid YAML: Nested mappings are not allowed`);
    expect(r.stdout).toContain(`${F}/warn.yaml`);
    const j = JSON.parse(kouiki(['check', `${F}/broken.yaml`, `${F}/warn.yaml`, '-f', 'json', ...en]).stdout);
    expect(j.files.map((f: { path: string }) => f.path)).toEqual([`${F}/warn.yaml`]);
    expect(j.failures).toEqual([{ path: `${F}/broken.yaml`, message: expect.stringContaining('not valid YAML'), line: 3, column: 11 }]);

    const nodata = kouiki(['check', `${F}/nodata.yaml`, ...en]);
    expect(nodata.code).toBe(2);
    expect(nodata.stderr).toContain(`${F}/nodata.yaml:2:7: the data: file does not exist: ${F}/no-such-data.yaml`);
  });

  it('paths: a glob or directory yielding no draft, or a missing path, is exit 2', () => {
    const glob = kouiki(['check', `${F}/**/*.json`, ...en]);
    expect(glob.code).toBe(2);
    expect(glob.stderr).toContain('the pattern matches no policy draft');
    expect(kouiki(['check', `${F}/empty`, ...en]).stderr).toContain('no policy draft found');
    expect(kouiki(['check', `${F}/nope.yaml`, ...en]).code).toBe(2);
    expect(kouiki(['check', `${F}/warn.yaml`, '--max-warnings', 'many', ...en]).code).toBe(2);
    expect(kouiki(['check', `${F}/data.yaml`, ...en]).stderr).toContain('this is a municipality data file, not a policy draft');
  });

  it('directories are searched for drafts (data files and task lists skipped); globs select drafts; suppressions are counted', () => {
    const r = kouiki(['check', `${F}/dir`, '-f', 'json', ...en]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.files.map((f: { path: string }) => f.path)).toEqual([`${F}/dir/sub/nested.yml`, `${F}/dir/uses-data.yaml`]);
    expect(j.summary).toEqual({ files: 2, errors: 0, warnings: 0, suppressed: 1 });
    expect(j.files[0].suppressed[0]).toMatchObject({ rule: 'unknown-municipality', line: 2, reason: '丁村 is added to the data next month' });
    const g = JSON.parse(kouiki(['check', `${F}/**/*.y*ml`, '-f', 'json', ...en]).stdout);
    expect(g.files.map((f: { path: string }) => f.path)).toEqual([`${F}/broken.yaml`, `${F}/dir/sub/nested.yml`, `${F}/dir/uses-data.yaml`, `${F}/nodata.yaml`, `${F}/warn.yaml`].filter((p) => !p.endsWith('broken.yaml') && !p.endsWith('nodata.yaml')));
  });

  it('reads a draft from stdin (-)', () => {
    const r = kouiki(['check', '-', '-f', 'json', ...en], { input: readFileSync(join(ROOT, F, 'warn.yaml'), 'utf8') });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).files[0]).toMatchObject({ path: '<stdin>', warningCount: 1 });
  });
});

describe('kouiki check: outputs', () => {
  it('several -f FMT:FILE at once; files written whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kouiki-out-'));
    const r = kouiki(['check', `${F}/warn.yaml`, '-f', `sarif:${dir}/k.sarif`, '-f', `junit:${dir}/k.xml`, '-f', 'stylish', ...en]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(`${dir}/k.sarif`, 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(`${dir}/k.xml`, 'utf8')).toContain('<testcase name="reciprocity"');
    expect(r.stdout).toContain('✖ 1 problem');
  });

  it('on GitHub Actions (GITHUB_ACTIONS=true, no -f) annotations follow the stylish output, and the job summary gets the table', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kouiki-gh-'));
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const r = kouiki(['check', `${F}/warn.yaml`, ...en], { env: { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toContain('✖ 1 problem (0 errors, 1 warning)');
    expect(lines.filter((l) => l.startsWith('::warning file=test/fixtures/check/warn.yaml,line=15,col=15,endLine=15,endColumn=17,title=kouiki reciprocity::'))).toHaveLength(1);
    expect(lines.at(-1)).toBe('::notice title=kouiki check::✖ 1 problem (0 errors, 1 warning); the full list is in the job summary');
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('# earlier step\n## kouiki check\n')).toBe(true);
    expect(md).toContain('| 15:15 | warning | `reciprocity` |');
    // With -f, only what was asked for.
    expect(kouiki(['check', `${F}/warn.yaml`, '-f', 'json', ...en], { env: { GITHUB_ACTIONS: 'true' } }).stdout).not.toContain('::');
    expect(existsSync(summary)).toBe(true);
  });
});
