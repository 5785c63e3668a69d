// The GitHub Action (action.yml): its run steps are executed here as a runner would, with
// GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP and GITHUB_WORKSPACE pointing at temporary
// files, and the built binary standing in for the kouiki the action installs (KOUIKI_BIN).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};
const steps = action.runs.steps;
const check = steps.find((s) => s.id === 'check')!;
const last = steps[steps.length - 1]!;

const dir = mkdtempSync(join(tmpdir(), 'kouiki-action-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs one step's `run` text with bash, its env: resolved from the inputs given (else their defaults). */
function runStep(step: Step, inputs: Record<string, string>, name: string, over: Record<string, string> = {}): { code: number; stdout: string; stderr: string; output: string; summary: string } {
  const files = { output: join(dir, `${name}.output`), summary: join(dir, `${name}.summary.md`) };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const value = (expr: string): string =>
    expr.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, k: string) => inputs[k] ?? action.inputs[k]!.default).replace(/\$\{\{\s*github\.action_path\s*\}\}/g, ROOT);
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    LANG: 'C',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: ROOT,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: dir,
    KOUIKI_BIN: BIN,
    ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, value(v)])),
    ...over,
  };
  const r = spawnSync('bash', ['-e', '-c', step.run!], { cwd: ROOT, env, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, output: readFileSync(files.output, 'utf8'), summary: readFileSync(files.summary, 'utf8') };
}

describe('action.yml', () => {
  it('is a composite action: Node (22 by default), the check, the SARIF upload when asked, then the exit code', () => {
    expect(action.runs.using).toBe('composite');
    expect(steps[0]!.uses).toMatch(/^actions\/setup-node@v\d+$/);
    expect(steps[0]!.with!['node-version']).toBe('${{ inputs.node-version }}');
    expect(action.inputs['node-version']!.default).toBe('22');
    expect(check.run).toBe('bash "$KOUIKI_ACTION_PATH/scripts/action-check.sh"');
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))!;
    expect(upload.if).toContain("inputs.upload-sarif == 'true'");
    expect(upload.with!.sarif_file).toBe('${{ steps.check.outputs.sarif-file }}');
    expect(action.outputs['exit-code']!.value).toBe('${{ steps.check.outputs.exit-code }}');
  });

  it('the check step: annotations in the log, the Markdown report in the job summary, SARIF with paths from the workspace', () => {
    const sarif = join(dir, 'kouiki.sarif');
    const r = runStep(check, { paths: 'examples/drafts', 'upload-sarif': 'true', 'sarif-file': sarif, args: '--lang en --as-of 2026-11-23' }, 'findings');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0); // the step succeeds; the last step fails the job
    expect(r.output).toBe(`exit-code=1\nsarif-file=${sarif}\n`);
    expect(r.stdout).toMatch(/^::error file=examples\/drafts\/kensei-failing\.yaml,line=\d+,col=\d+/m);
    expect(r.summary).toContain('### examples/drafts/kensei-failing.yaml');
    expect(r.summary.match(/^## kouiki check$/gm)).toHaveLength(1); // written once, not twice
    const doc = JSON.parse(readFileSync(sarif, 'utf8'));
    expect(doc.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/^examples\/drafts\//);
  });

  it('a clean draft: exit code 0 and no SARIF unless asked', () => {
    const r = runStep(check, { paths: 'examples/drafts/kensei-clean.yaml', format: 'stylish', args: '--lang en --as-of 2026-11-23' }, 'clean');
    expect(r.code).toBe(0);
    expect(r.output).toBe('exit-code=0\nsarif-file=\n');
    expect(r.stdout).toContain('✔');
    expect(r.summary).not.toBe('');
  });

  it('a kouiki that cannot be installed or started is exit code 2 (could not check), never 1 (findings)', () => {
    const r = runStep(check, { paths: 'examples/drafts/kensei-clean.yaml', format: 'stylish', args: '--lang en' }, 'broken', { KOUIKI_BIN: join(dir, 'no-such-kouiki.cjs') });
    expect(r.code).toBe(0);
    expect(r.output).toBe('exit-code=2\nsarif-file=\n');
    expect(r.stdout).toContain('::error title=kouiki::kouiki could not be installed or started');
  });

  it('the last step fails the job with the exit code, and only then', () => {
    expect(last.if).toContain("steps.check.outputs.exit-code != '0'");
    const fail = spawnSync('bash', ['-e', '-c', last.run!], { env: { PATH: process.env.PATH ?? '', KOUIKI_EXIT: '1' }, encoding: 'utf8' });
    expect(fail.status).toBe(1);
    expect(fail.stdout).toBe('kouiki check exited 1\n');
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string; pass_filenames: boolean; args: string[] }[];
  const hook = hooks.find((h) => h.id === 'kouiki-check')!;

  it('defines kouiki-check, run by node when a YAML file is staged', () => {
    expect(hook.language).toBe('node');
    expect(hook.entry).toBe('kouiki check');
    expect(hook.pass_filenames).toBe(false);
    expect(new RegExp(hook.files).test('drafts/a.yaml')).toBe(true);
    expect(new RegExp(hook.files).test('drafts/a.yml')).toBe(true);
    expect(new RegExp(hook.files).test('README.md')).toBe(false);
  });

  it('the entry with its default args, as pre-commit runs it at the top of a repository: drafts only', () => {
    // A repository with a draft, a task list and a CI file: only the draft is checked.
    const repo = join(dir, 'hooked');
    for (const [f, from] of [['plans/kensei.yaml', 'examples/drafts/kensei-clean.yaml'], ['tasks.yaml', 'examples/kensei-tasks.yaml']] as const) {
      const target = join(repo, f);
      mkdirSync(join(target, '..'), { recursive: true });
      writeFileSync(target, readFileSync(join(ROOT, from)));
    }
    mkdirSync(join(repo, '.github', 'workflows'), { recursive: true });
    writeFileSync(join(repo, '.github', 'workflows', 'ci.yml'), 'on: push\njobs: {}\n');
    const [, ...words] = hook.entry.split(' ');
    const r = spawnSync(process.execPath, [BIN, ...words, ...hook.args, '-f', 'json', '--as-of', '2026-11-23'], { cwd: repo, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', LANG: 'C', NO_COLOR: '1' } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).files.map((f: { path: string }) => f.path)).toEqual(['plans/kensei.yaml']);
  });
});
