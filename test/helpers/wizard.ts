import { PassThrough } from 'node:stream';
import { expect } from 'vitest';
import { makeContext, type GlobalOptions } from '../../src/cli/context.js';
import type { CliIO } from '../../src/cli/io.js';
import type { Choice, Prompter } from '../../src/cli/wizard/prompts.js';
import type { Lang } from '../../src/i18n/lang.js';
import { defaultPack } from './engine.js';

/**
 * A scripted prompter: each step names the question it expects (text or pattern of the message)
 * and the answer. A select answer is the value, or `{ pick: 'text' }` for the choice whose name
 * contains the text; an input answer goes through the prompt's validation, as typing would.
 */
export type Answer = string | boolean | null | { pick: string } | unknown[];
export interface Step {
  q: string | RegExp;
  a: Answer;
}

export interface Scripted extends Prompter {
  /** Every message asked, in order. */
  asked: string[];
  /** Everything printed between the questions. */
  printed: string[];
  /** Validation errors an input answer met. */
  rejected: string[];
  /** The choices of every select, by message. */
  choices: Map<string, Choice<unknown>[]>;
  done(): void;
}

export function scripted(steps: Step[]): Scripted {
  const queue = [...steps];
  const asked: string[] = [];
  const next = (message: string): Step => {
    asked.push(message);
    const step = queue.shift();
    if (!step) throw new Error(`unexpected question: ${message}\n(asked so far: ${asked.join(' | ')})`);
    const ok = typeof step.q === 'string' ? message.includes(step.q) : step.q.test(message);
    if (!ok) throw new Error(`expected a question like ${String(step.q)}, got: ${message}`);
    return step;
  };
  const p: Scripted = {
    asked,
    printed: [],
    rejected: [],
    choices: new Map(),
    async input(q) {
      const step = next(q.message);
      let values = Array.isArray(step.a) ? (step.a as string[]) : [step.a as string];
      for (const v of values) {
        const typed = v === '' && q.default !== undefined ? q.default : v;
        const check = q.validate ? q.validate(typed) : true;
        if (check === true) return typed;
        p.rejected.push(check);
      }
      values = [];
      throw new Error(`no valid answer for ${q.message}`);
    },
    async select<T>(q: { message: string; choices: Choice<T>[]; default?: T }): Promise<T> {
      const step = next(q.message);
      p.choices.set(q.message, q.choices as Choice<unknown>[]);
      const a = step.a;
      if (a && typeof a === 'object' && 'pick' in a) {
        const c = q.choices.find((x) => x.name.includes((a as { pick: string }).pick));
        if (!c) throw new Error(`no choice "${(a as { pick: string }).pick}" in ${q.message}: ${q.choices.map((x) => x.name).join(' | ')}`);
        return c.value;
      }
      if (a === undefined || a === 'ENTER') return (q.default ?? q.choices[0]!.value) as T;
      const c = q.choices.find((x) => x.value === a);
      if (!c) throw new Error(`no choice with value ${String(a)} in ${q.message}`);
      return c.value;
    },
    async confirm(q) {
      const step = next(q.message);
      return step.a === 'ENTER' ? q.default : (step.a as boolean);
    },
    async checkbox<T>(q: { message: string; choices: (Choice<T> & { checked?: boolean })[] }): Promise<T[]> {
      const step = next(q.message);
      const keep = step.a as string[];
      return q.choices.filter((c) => keep.some((k) => c.name.includes(k))).map((c) => c.value);
    },
    print(text) {
      p.printed.push(text);
    },
    done() {
      expect(queue.map((s) => String(s.q))).toEqual([]);
    },
  };
  return p;
}

export interface Harness {
  ctx: ReturnType<typeof makeContext>;
  stdout(): string;
  stderr(): string;
}

/** A run context on in-memory streams and the default pack (read from rules/), as `main` builds it. */
export function harness(opts: { lang?: Lang; cwd?: string; asOf?: string; format?: string[] } = {}): Harness {
  const out = new PassThrough();
  const err = new PassThrough();
  let o = '';
  let e = '';
  out.on('data', (d: Buffer) => (o += d.toString('utf8')));
  err.on('data', (d: Buffer) => (e += d.toString('utf8')));
  const io: CliIO = { stdout: out, stderr: err, stdin: new PassThrough(), env: {}, cwd: opts.cwd ?? process.cwd(), stdoutIsTTY: false, stdinIsTTY: false };
  const g: GlobalOptions = { lang: opts.lang ?? 'en', data: [], asOf: opts.asOf ?? '2026-11-23', color: false, format: opts.format ?? [], maxInputSize: 1 << 20, quiet: false };
  return { ctx: makeContext(io, g, defaultPack()), stdout: () => o, stderr: () => e };
}
