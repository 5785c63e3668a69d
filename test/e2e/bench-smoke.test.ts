import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

describe('npm run bench (smoke: tiny inputs, one run each)', () => {
  it('runs every target and writes its results file', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kouiki-bench-smoke-')), 'results.json');
    const r = spawnSync(process.execPath, [join(ROOT, 'bench', 'run.mjs')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, BENCH_SCALE: 'tiny', BENCH_RUNS: '1', BENCH_OUT: out },
      timeout: 120_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.scale).toBe('tiny');
    const names = doc.results.map((x: { name: string }) => x.name).join('\n');
    expect(names).toMatch(/--version/);
    expect(names).toMatch(/engine in-process/);
    expect(names).toMatch(/kouiki sphere CITY/);
    expect(names).toMatch(/eligibility --all -f json/);
    for (const x of doc.results) expect(typeof x.median).toBe('number');
  }, 120_000);
});
