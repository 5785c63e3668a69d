import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from './cli.js';

/**
 * A copy of a rule pack (default: the embedded rules/, with its tests/) in a temporary
 * directory, with text replacements applied file by file. Every replacement must hit, so a
 * test never silently checks an unchanged pack.
 */
export function copyPack(edits: Record<string, [string, string][]> = {}, from = join(ROOT, 'rules')): string {
  const dir = mkdtempSync(join(tmpdir(), 'kouiki-pack-'));
  cpSync(from, dir, { recursive: true });
  for (const [file, pairs] of Object.entries(edits)) {
    const path = join(dir, file);
    let text = readFileSync(path, 'utf8');
    for (const [a, b] of pairs) {
      expect(text, `${file} should contain ${a}`).toContain(a);
      text = text.replace(a, b);
    }
    writeFileSync(path, text);
  }
  return dir;
}

/** 1-based line of the first occurrence of `needle` in a file. */
export function lineOf(path: string, needle: string): number {
  const lines = readFileSync(path, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  expect(i, `${needle} in ${path}`).toBeGreaterThanOrEqual(0);
  return i + 1;
}
