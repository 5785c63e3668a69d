// Safe output (issue 8), in-process: atomic files under failure, closed and failing stdout,
// and internal errors reported in one line.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunContext } from '../../src/cli/context.js';
import { emitAll, formatSpecs } from '../../src/cli/emit.js';
import { pendingOutputs } from '../../src/cli/output.js';
import { defaultPack } from '../helpers/engine.js';
import { Collector, runInProcess, STACK_FRAME } from '../helpers/inproc.js';

const dir = mkdtempSync(join(tmpdir(), 'kouiki-output-'));
const tasks = (n: number): string => `tasks:\n${Array.from({ length: n }, (_, i) => `  - { name: 課題${i}, category: wide-area-issue }\n`).join('')}`;

function ctxWith(format: string[], stdout = new Collector()): RunContext {
  return {
    io: { stdout, stderr: new Collector(), stdin: process.stdin, env: {}, cwd: dir, stdoutIsTTY: false, stdinIsTTY: false },
    opts: { lang: 'en', data: [], asOf: '2026-11-23', color: false, format, maxInputSize: 1 << 20, quiet: false },
    pack: () => defaultPack(),
  };
}

describe('atomic file outputs', () => {
  it('a renderer that fails half-way leaves every old file intact and no temporary file', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.csv');
    writeFileSync(a, 'old a');
    writeFileSync(b, 'old b');
    const ctx = ctxWith([`json:${a}`, `csv:${b}`]);
    const renderer = () => ({
      begin: () => 'begin\n',
      item: (_r: number, i: number) => {
        if (i === 5000) throw new Error('renderer fault');
        return 'x'.repeat(100);
      },
      end: () => 'end\n',
    });
    await expect(emitAll(ctx, formatSpecs(ctx, ['json', 'csv'], 'json'), renderer, Array.from({ length: 10_000 }, (_, i) => i), [])).rejects.toThrow('renderer fault');
    expect(readFileSync(a, 'utf8')).toBe('old a');
    expect(readFileSync(b, 'utf8')).toBe('old b');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(pendingOutputs()).toBe(0);
  });

  it('a complete run replaces the file in one step', async () => {
    const a = join(dir, 'c.json');
    writeFileSync(a, 'old');
    const ctx = ctxWith([`json:${a}`]);
    await emitAll(ctx, formatSpecs(ctx, ['json'], 'json'), () => ({ begin: () => '[', item: (r: number, i: number) => `${i ? ',' : ''}${r}`, end: () => ']' }), [1, 2, 3], []);
    expect(readFileSync(a, 'utf8')).toBe('[1,2,3]');
    expect(pendingOutputs()).toBe(0);
  });
});

describe('standard output closed or failing', () => {
  it('stdout closed by its reader (EPIPE): exit 0, nothing on stderr, and the batch stops early', async () => {
    const input = tasks(4000);
    const full = await runInProcess(['evaluate', '-', '-f', 'json'], { stdin: input });
    expect(full.code).toBe(0);
    const closed = await runInProcess(['evaluate', '-', '-f', 'json'], { stdin: input, stdout: new Collector({ bytes: 1, code: 'EPIPE' }) });
    expect(closed.code).toBe(0);
    expect(closed.stderr).toBe('');
    // Parsing is the same; evaluating and rendering 4,000 tasks for nobody is skipped.
    expect(closed.ms).toBeLessThan(full.ms * 0.8);
  });

  it('a file output still completes when stdout is closed', async () => {
    const out = join(dir, 'with-closed-stdout.json');
    const r = await runInProcess(['evaluate', '-', '-f', 'csv', '-f', `json:${out}`], { stdin: tasks(600), stdout: new Collector({ bytes: 1, code: 'EPIPE' }) });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).results).toHaveLength(600);
  });

  it('stdout failing otherwise (a full disk behind >) is exit 2 with a message, not a silent truncation', async () => {
    const r = await runInProcess(['evaluate', '-', '-f', 'json', '--lang', 'en'], { stdin: tasks(600), stdout: new Collector({ bytes: 1000, code: 'ENOSPC' }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('kouiki: cannot write to standard output (ENOSPC)');
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it('stderr closed as well: still no crash', async () => {
    const r = await runInProcess(['evaluate', 'no-such-file.yaml'], { stderr: new Collector({ bytes: 0, code: 'EPIPE' }) });
    expect(r.code).toBe(2);
  });
});

describe('user errors', () => {
  it('never show a stack unless KOUIKI_DEBUG=1', async () => {
    const r = await runInProcess(['evaluate', 'no-such-file.yaml', '--lang', 'en']);
    expect(r.stderr).toBe('no-such-file.yaml: no such file\n  fix: check the path\n');
    const d = await runInProcess(['evaluate', 'no-such-file.yaml', '--lang', 'en'], { env: { KOUIKI_DEBUG: '1' } });
    expect(d.stderr).toMatch(STACK_FRAME);
  });
});
