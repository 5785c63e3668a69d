// An unexpected internal error (issue 8; contract §5): exit 2 with a one-line request to report
// it, the stack only with KOUIKI_DEBUG=1, and no output file left behind. The fault is injected by
// replacing the engine with one that throws.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runInProcess, STACK_FRAME } from '../helpers/inproc.js';

vi.mock('../../src/core/recommend/evaluate.js', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  evaluateTask: () => {
    throw new TypeError("Cannot read properties of undefined (reading 'x')\n    at fake (src/x.ts:1:1)");
  },
}));

const tasks = 'tasks:\n  - name: 観光\n  - name: 交通\n';

describe('an unexpected internal error', () => {
  it('exits 2 with one line asking for a report, and leaves no output file', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kouiki-fault-')), 'fault.json');
    const r = await runInProcess(['evaluate', '-', '-f', `json:${out}`, '--lang', 'en'], { stdin: tasks });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("kouiki: internal error; please report it with the command that caused it: Cannot read properties of undefined (reading 'x')\n");
    expect(existsSync(out)).toBe(false);
  });

  it('in Japanese too', async () => {
    const r = await runInProcess(['evaluate', '-', '--lang', 'ja'], { stdin: tasks });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kouiki: 内部エラーが発生しました。お手数ですが再現手順を添えて報告してください: Cannot read properties of undefined \(reading 'x'\)\n$/);
  });

  it('KOUIKI_DEBUG=1 adds the stack', async () => {
    const r = await runInProcess(['evaluate', '-', '--lang', 'en'], { stdin: tasks, env: { KOUIKI_DEBUG: '1' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(STACK_FRAME);
  });
});
