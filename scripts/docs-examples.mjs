// The ```console examples of README.md and docs/guide/*.md: how they are found, run and
// refreshed. Used by `npm run docs` (scripts/docs.mjs rewrites them from real output) and by
// test/e2e/readme.test.ts (which fails when one no longer shows what kouiki prints), so the two
// can never disagree on what an example means.
//
// An example is a ```console block whose first line is `$ kouiki ARGS` (run from the repository
// root with the built binary) and whose other lines are what it prints:
// - `$ kouiki ARGS   # exit N`: the run exits N (default 0). Exit 2 shows stderr (a user error),
//   any other code stdout;
// - a last line `…`: the output starts with the lines shown (the rest is cut);
// - a first line `…` too: the lines shown appear together somewhere in the output (an excerpt
//   from further down; it is refreshed from the line it starts with).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'kouiki.cjs');
const CUT = '…';

/** The files whose examples are run: the README and every page of the guide. */
export function exampleFiles() {
  const guide = join(ROOT, 'docs', 'guide');
  let pages = [];
  try {
    pages = readdirSync(guide)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => `docs/guide/${f}`);
  } catch {
    // no guide yet
  }
  return ['README.md', ...pages];
}

/** Splits an example's command line as a shell would, for the simple quoting the docs use. */
export function words(line) {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/**
 * Every example of a Markdown text, with the offsets of its block's body (from the first
 * character after "```console\n" to the closing fence) so that it can be replaced.
 */
export function parseExamples(text) {
  const out = [];
  for (const m of text.matchAll(/^```console\n([\s\S]*?)^```/gm)) {
    const body = m[1];
    const start = m.index + '```console\n'.length;
    const lines = body.replace(/\n$/, '').split('\n');
    const line = /^\$ (.*)$/.exec(lines[0] ?? '');
    if (!line) throw new Error(`a console example must start with "$ kouiki ...": ${lines[0]}`);
    let command = line[1];
    const exit = /\s+# exit (\d+)$/.exec(command);
    if (exit) command = command.slice(0, exit.index);
    let expected = lines.slice(1);
    let mode = 'full';
    if (expected.at(-1) === CUT) {
      expected = expected.slice(0, -1);
      mode = 'head';
      if (expected[0] === CUT) {
        expected = expected.slice(1);
        mode = 'excerpt';
      }
    }
    out.push({ command, exit: exit ? Number(exit[1]) : 0, expected, mode, start, end: start + body.length, line: text.slice(0, m.index).split('\n').length });
  }
  return out;
}

/** Runs `kouiki ARGS` as a planner would: the built binary, no colour, no locale, the repo root. */
export function runCommand(command) {
  const argv = words(command);
  if (argv[0] !== 'kouiki') throw new Error(`an example runs kouiki, not ${argv[0]}: ${command}`);
  const r = spawnSync(process.execPath, [BIN, ...argv.slice(1)], {
    cwd: ROOT,
    input: '',
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LANG: 'C', NO_COLOR: '1' },
    maxBuffer: 256 * 1024 * 1024,
  });
  const code = r.status ?? (r.signal ? 128 : -1);
  const shown = code === 2 ? r.stderr : r.stdout;
  return { code, lines: shown === '' ? [] : shown.replace(/\n$/, '').split('\n') };
}

/** Why the example does not show what the run printed, or null when it does. */
export function mismatch(example, run) {
  if (run.code !== example.exit) return `exits ${run.code}, the example says ${example.exit}`;
  const n = example.expected.length;
  if (example.mode === 'full') return same(run.lines, example.expected) ? null : firstDifference(run.lines, example.expected);
  if (example.mode === 'head') return same(run.lines.slice(0, n), example.expected) ? null : firstDifference(run.lines.slice(0, n), example.expected);
  for (let i = 0; i + n <= run.lines.length; i++) if (same(run.lines.slice(i, i + n), example.expected)) return null;
  return `the excerpt does not appear in the output (it starts: ${example.expected[0]})`;
}

const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

function firstDifference(actual, expected) {
  const i = actual.findIndex((x, k) => x !== expected[k]);
  const at = i === -1 ? actual.length : i;
  return `output line ${at + 1} differs:\n  shown:   ${expected[at] ?? '(no line)'}\n  printed: ${actual[at] ?? '(no line)'}`;
}

/**
 * The block body an example should have for this run: the same command and cut, the real output.
 * An excerpt is refreshed from where its first line is now (null when that line is gone).
 */
export function refreshed(example, run) {
  const n = example.expected.length;
  let lines;
  if (example.mode === 'full') lines = run.lines;
  else if (example.mode === 'head') lines = [...run.lines.slice(0, n), CUT];
  else {
    const at = run.lines.indexOf(example.expected[0]);
    if (at === -1) return null;
    lines = [CUT, ...run.lines.slice(at, at + n), CUT];
  }
  const head = `$ ${example.command}${run.code !== 0 ? `   # exit ${run.code}` : ''}`;
  return `${[head, ...lines].join('\n')}\n`;
}

/** Every example of every file, with its file. */
export function allExamples() {
  return exampleFiles().flatMap((file) => parseExamples(readFileSync(join(ROOT, file), 'utf8')).map((ex) => ({ ...ex, file })));
}
