// Fuzz suite, part 2 (issue 8): every command, in-process through main(argv, io), with mutated
// input on stdin, damaged bytes, random flags and broken rule packs. Whatever it is given,
// kouiki answers with exit 0, 1 or 2 and a message: never an unhandled exception, a stack trace
// or an internal error, never more than a second per input. Part 1 is parsers.test.ts.
import fc from 'fast-check';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess, saneProblems } from '../helpers/inproc.js';
import { byteMutation, mutatedDoc } from './arbitraries.js';
import { argvFor, COMMAND_FUZZ, vocabularyOf, type CommandVocabulary } from './commands.js';
import { FORMATS } from './formats.js';
import { count, counts, expectPrototypesIntact, makeSandbox, MAX_MS, params, share, timeoutFor, TOTAL_RUNS } from './harness.js';

/** This file's part of the budget. */
const PART = 0.5;

let sandbox: string;
beforeAll(async () => {
  sandbox = makeSandbox();
  // Warm up: the first run of each command loads its modules; that is not the input's doing.
  for (const f of FORMATS) for (const argv of f.argv) await runInProcess(argv, { stdin: f.seeds()[0] ?? '', cwd: sandbox });
  for (const c of COMMAND_FUZZ) await runInProcess([c.name, '--help'], { cwd: sandbox });
});
afterAll(() => {
  rmSync(sandbox, { recursive: true, force: true });
  console.log(`fuzz (cli): ${[...counts.values()].reduce((a, b) => a + b, 0)} generated cases (${[...counts].map(([k, v]) => `${k} ${v}`).join(', ')})`);
});

const readers = FORMATS.filter((f) => f.argv.length > 0 && f.seeds().length > 0);

/** `@file` in a command line: the input written to a file in the sandbox. */
function withFile(argv: string[], input: string | Buffer): string[] {
  if (!argv.includes('@file')) return argv;
  writeFileSync(join(sandbox, 'fuzz-input.yaml'), input);
  return argv.map((a) => (a === '@file' ? 'fuzz-input.yaml' : a));
}

describe('fuzz: every command that reads a format, in-process through main()', () => {
  for (const format of readers) {
    it(`${format.name}: mutated text on stdin → exit 0/1/2 with a message, no stack, < 1 s`, async () => {
      await fc.assert(
        fc.asyncProperty(mutatedDoc(format.seeds(), format.bigSeeds()), fc.constantFrom(...format.argv), async (text, argv) => {
          count(`main ${format.name}`);
          const r = await runInProcess(withFile(argv, text), { stdin: text, cwd: sandbox });
          expect(saneProblems(r, MAX_MS), `${argv.join(' ')}\n${r.stderr}`).toEqual([]);
          expectPrototypesIntact();
        }),
        params(share((PART * 0.4) / readers.length)),
      );
    }, timeoutFor(share((PART * 0.4) / readers.length), 40));

    it(`${format.name}: damaged bytes (invalid UTF-8, BOM, NUL, UTF-16, cut characters) → exit 0/1/2 with a message`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...format.seeds(), ...format.bigSeeds()), fc.array(byteMutation, { minLength: 1, maxLength: 3 }), fc.constantFrom(...format.argv), async (seed, muts, argv) => {
          count(`bytes ${format.name}`);
          const bytes = muts.reduce<Buffer>((b, m) => m(b), Buffer.from(seed, 'utf8'));
          const r = await runInProcess(withFile(argv, bytes), { stdin: bytes, cwd: sandbox });
          expect(saneProblems(r, MAX_MS), `${argv.join(' ')}\n${r.stderr}`).toEqual([]);
          if (r.code === 2 && /not valid UTF-8|UTF-8 として/.test(r.stderr)) expect(r.stderr).toMatch(/(<stdin>|fuzz-input\.yaml):\d+:\d+: /);
        }),
        params(share((PART * 0.1) / readers.length)),
      );
    }, timeoutFor(share((PART * 0.1) / readers.length), 40));
  }
});

/** A command's share of the budget: 42% of this file's part, split by weight. */
const argvShare = (cmd: (typeof COMMAND_FUZZ)[number]): number => (PART * 0.42 * (cmd.weight ?? 1)) / COMMAND_FUZZ.reduce((a, c) => a + (c.weight ?? 1), 0);

describe('fuzz: every command with random flags, in-process', () => {
  for (const cmd of COMMAND_FUZZ) {
    it(`${cmd.name}: any flags and arguments → exit 0/1/2 with a message, no stack, < 1 s`, async () => {
      const vocab: CommandVocabulary = await vocabularyOf(cmd.name);
      expect(vocab.flags.length, `no flags found in kouiki ${cmd.name} --help`).toBeGreaterThan(3);
      await fc.assert(
        fc.asyncProperty(argvFor(cmd, vocab), mutatedDoc(FORMATS[0]!.seeds()), async (argv, stdin) => {
          count(`argv ${cmd.name}`);
          const r = await runInProcess(argv, { stdin, cwd: sandbox });
          expect(saneProblems(r, MAX_MS), `kouiki ${argv.map((a) => JSON.stringify(a)).join(' ')}\n${r.stderr}`).toEqual([]);
          expectPrototypesIntact();
        }),
        params(share(argvShare(cmd))),
      );
    }, timeoutFor(share(argvShare(cmd)), 60));
  }
});

describe('fuzz: rule pack directories (--rules DIR), in-process', () => {
  it('an extending pack with a mutated file → exit 0/2 with a message', async () => {
    const packFormats = FORMATS.filter((f) => f.name.startsWith('rules/') && f.seeds().length > 0);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...packFormats).chain((f) => fc.tuple(fc.constant(f), mutatedDoc(f.seeds()))), async ([format, text]) => {
        count('packdir');
        const dir = join(sandbox, `pack-${n++}`);
        mkdirSync(dir);
        const fileName = format.name.slice('rules/'.length);
        if (fileName !== 'pack.yaml') writeFileSync(join(dir, 'pack.yaml'), 'version: 1\nname: fuzz\npackVersion: 0.0.1\nextends: default\ntitle: { ja: 試験, en: test }\nreviewed: 2026-11-23\n');
        mkdirSync(dirname(join(dir, fileName)), { recursive: true });
        writeFileSync(join(dir, fileName), text);
        const r = await runInProcess(['evaluate', '../tasks.yaml', '--rules', '.', '-f', 'json'], { cwd: dir });
        expect(saneProblems(r, MAX_MS), r.stderr).toEqual([]);
        expectPrototypesIntact();
        rmSync(dir, { recursive: true, force: true });
      }),
      params(share(PART * 0.08)),
    );
  }, timeoutFor(share(PART * 0.08), 60));
});

it('ran its share of the generated cases (with parsers.test.ts: at least 10,000 in npm test)', () => {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThanOrEqual(Math.floor(TOTAL_RUNS * PART) - 50);
});
