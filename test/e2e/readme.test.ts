import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kouiki, ROOT } from '../helpers/cli.js';

/** Splits a README command line like a shell would for the simple quoting the README uses. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

interface Example {
  command: string;
  expected: string[];
  partial: boolean;
  /** From a trailing `# exit N` on the command line (kouiki check exits 1 on findings). */
  exit?: number;
}

/** Every ```console block of the README: `$ kouiki ...` then its output; a last line "…" means an excerpt. */
function examples(): Example[] {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const out: Example[] = [];
  for (const m of text.matchAll(/```console\n([\s\S]*?)```/g)) {
    const lines = m[1]!.replace(/\n$/, '').split('\n');
    let command = lines[0]!.replace(/^\$ /, '');
    const exit = /\s+# exit (\d+)$/.exec(command);
    if (exit) command = command.slice(0, exit.index);
    let expected = lines.slice(1);
    const partial = expected[expected.length - 1] === '…';
    if (partial) expected = expected.slice(0, -1);
    out.push(exit ? { command, expected, partial, exit: Number(exit[1]) } : { command, expected, partial });
  }
  return out;
}

describe('README examples run as shown', () => {
  for (const ex of examples()) {
    it(ex.command, () => {
      const argv = words(ex.command);
      expect(argv[0]).toBe('kouiki');
      const r = kouiki(argv.slice(1));
      const isError = ex.expected[0]?.startsWith('kouiki:') ?? false;
      expect(r.code).toBe(ex.exit ?? (isError ? 2 : 0));
      const actual = (isError ? r.stderr : r.stdout).replace(/\n$/, '').split('\n');
      if (ex.partial) expect(actual.slice(0, ex.expected.length)).toEqual(ex.expected);
      else if (ex.expected.length > 0) expect(actual).toEqual(ex.expected);
    });
  }
});
