import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, kouiki, ROOT } from '../helpers/cli.js';

function bigList(n: number): string {
  let out = 'tasks:\n';
  for (let i = 0; i < n; i++) out += `  - { id: t${i}, name: 観光${i}, category: regional-vitality }\n`;
  return out;
}

describe('progress on a terminal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kouiki-progress-'));
  const file = join(dir, 'tasks.yaml');
  writeFileSync(file, bigList(3000));

  it('shows a progress line on a TTY stderr for a long list, and clears it', () => {
    const out = join(dir, 'out.json');
    const cmd = `${process.execPath} ${BIN} evaluate ${file} -f json:${out} --lang en`;
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/evaluating [\d,]+ \/ 3,000/);
    expect(JSON.parse(readFileSync(out, 'utf8')).results).toHaveLength(3000);
  });

  it('never shows it when stderr is not a terminal, or with -q', () => {
    const r = kouiki(['evaluate', file, '-f', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(existsSync(file)).toBe(true);
  });
});
