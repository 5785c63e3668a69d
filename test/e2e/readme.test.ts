// Every ```console example of README.md and docs/guide/*.md runs as shown: the built binary,
// from the repository root, prints what the example says (scripts/docs-examples.mjs defines an
// example and its excerpts). `npm run docs` (or `npm run docs:examples`) refreshes them all.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allExamples, exampleFiles, mismatch, parseExamples, refreshed, ROOT, runCommand } from '../../scripts/docs-examples.mjs';

const FIX = 'the example no longer shows what kouiki prints: if the new output is right, run `npm run docs:examples` (or `npm run docs`) and review the diff';

describe('the console examples of the README and the guide run as shown', () => {
  for (const ex of allExamples()) {
    it(`${ex.file}:${ex.line}: $ ${ex.command}`, () => {
      const problem = mismatch(ex, runCommand(ex.command));
      expect(problem, `${ex.file}:${ex.line}: ${FIX}`).toBeNull();
    });
  }
});

describe('the examples tooling', () => {
  it('covers the README and every guide page, and each of them has examples', () => {
    const files = exampleFiles();
    expect(files[0]).toBe('README.md');
    expect(files.filter((f) => f.startsWith('docs/guide/')).length).toBeGreaterThanOrEqual(5);
    for (const f of files) expect(parseExamples(readFileSync(join(ROOT, f), 'utf8')).length, f).toBeGreaterThan(0);
  });

  it('the README stays a front door: under 15 KB (the long material belongs in docs/guide/)', () => {
    expect(readFileSync(join(ROOT, 'README.md')).length).toBeLessThan(15 * 1024);
  });

  it('reads exit codes, cuts and excerpts, and refreshes a changed output in place', () => {
    const text = ['```console', '$ kouiki rules validate --lang en', 'stale line', '```', '', '```console', '$ kouiki instruments consignmnet --lang en   # exit 2', 'kouiki: old message', '…', '```', ''].join('\n');
    const [full, head] = parseExamples(text);
    expect(full).toMatchObject({ command: 'kouiki rules validate --lang en', exit: 0, mode: 'full', expected: ['stale line'] });
    expect(head).toMatchObject({ command: 'kouiki instruments consignmnet --lang en', exit: 2, mode: 'head', expected: ['kouiki: old message'] });
    const run = runCommand(full!.command);
    expect(mismatch(full!, run)).toMatch(/output line 1 differs/);
    const body = refreshed(full!, run)!;
    expect(mismatch(parseExamples(`\`\`\`console\n${body}\`\`\`\n`)[0]!, run)).toBeNull();
    const err = runCommand(head!.command);
    expect(err.code).toBe(2);
    expect(refreshed(head!, err)).toBe(`$ kouiki instruments consignmnet --lang en   # exit 2\n${err.lines[0]}\n…\n`);
  });

  it('finds an excerpt from further down, and says when its first line is gone', () => {
    const run = { code: 0, lines: ['a', 'b', 'c', 'd'] };
    const [ex] = parseExamples('```console\n$ kouiki x\n…\nb\nc\n…\n```\n');
    expect(ex!.mode).toBe('excerpt');
    expect(mismatch(ex!, run)).toBeNull();
    expect(mismatch(ex!, { code: 0, lines: ['a', 'c', 'b'] })).toMatch(/does not appear/);
    expect(refreshed(ex!, { code: 0, lines: ['b', 'x'] })).toBe('$ kouiki x\n…\nb\nx\n…\n');
    expect(refreshed(ex!, { code: 0, lines: ['z'] })).toBeNull();
    expect(mismatch(ex!, { code: 1, lines: ['b', 'c'] })).toMatch(/exits 1/);
  });
});
