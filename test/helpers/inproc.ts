import { Readable, Writable } from 'node:stream';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { ROOT } from './cli.js';

/** A Writable that keeps what is written (optionally failing like a closed pipe after `limit` bytes). */
export class Collector extends Writable {
  chunks: string[] = [];
  bytes = 0;
  constructor(private readonly failAfter: { bytes: number; code: string } | null = null) {
    super({ decodeStrings: false, highWaterMark: 1 << 16 });
  }
  override _write(chunk: string | Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    if (this.failAfter && this.bytes >= this.failAfter.bytes) {
      const err = Object.assign(new Error(`write ${this.failAfter.code}`), { code: this.failAfter.code });
      cb(err);
      return;
    }
    const s = typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    this.chunks.push(s);
    this.bytes += Buffer.byteLength(s);
    cb();
  }
  text(): string {
    return this.chunks.join('');
  }
}

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Wall time of the run in milliseconds. */
  ms: number;
  /**
   * CPU time the run took in this process (user + system, milliseconds): what the input costs,
   * whatever else the machine is doing (a loaded CI box stretches wall time, not this).
   */
  cpuMs: number;
}

export interface InProcessOptions {
  stdin?: string | Uint8Array;
  env?: Record<string, string>;
  cwd?: string;
  stdout?: Collector;
  stderr?: Collector;
  stdoutIsTTY?: boolean;
}

/** Runs `main(argv, io)` in this process with in-memory streams: the fast way to run many cases. */
export async function runInProcess(argv: string[], opts: InProcessOptions = {}): Promise<InProcessResult> {
  const stdout = opts.stdout ?? new Collector();
  const stderr = opts.stderr ?? new Collector();
  const input = opts.stdin === undefined ? [] : [typeof opts.stdin === 'string' ? Buffer.from(opts.stdin) : Buffer.from(opts.stdin)];
  const io: CliIO = {
    stdout,
    stderr,
    stdin: Readable.from(input),
    env: { LANG: 'C', NO_COLOR: '1', ...opts.env },
    cwd: opts.cwd ?? ROOT,
    stdoutIsTTY: opts.stdoutIsTTY ?? false,
    stdinIsTTY: false,
  };
  // Files named on the command line are opened relative to the process's directory, as in the
  // real CLI (where io.cwd is process.cwd()): run there.
  const before = process.cwd();
  if (io.cwd !== before) process.chdir(io.cwd);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let code: number;
  try {
    code = await main(argv, io);
  } finally {
    if (process.cwd() !== before) process.chdir(before);
  }
  const c = process.cpuUsage(c0);
  return { code, stdout: stdout.text(), stderr: stderr.text(), ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
}

/** A stack frame as Node prints it ("    at fn (file:line:col)"). */
export const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\)|\(<anonymous>\))$/m;
const INTERNAL = /internal error|内部エラー|Maximum call stack|TypeError|ReferenceError|RangeError|SyntaxError: /;

/**
 * What every run must look like, whatever it was given: exit 0, 1 or 2; exit 2 says why on
 * stderr; no stack trace, no internal error; at most a second (of CPU time).
 */
export function saneProblems(r: InProcessResult, maxMs = 1000): string[] {
  const out: string[] = [];
  if (![0, 1, 2].includes(r.code)) out.push(`exit code ${r.code}`);
  if (r.code === 2 && r.stderr.trim() === '') out.push('exit 2 without a message');
  if (STACK_FRAME.test(r.stderr) || STACK_FRAME.test(r.stdout)) out.push('a stack trace');
  if (INTERNAL.test(r.stderr)) out.push(`an internal error: ${r.stderr.split('\n').find((l) => INTERNAL.test(l))}`);
  if (r.cpuMs > maxMs) out.push(`took ${Math.round(r.cpuMs)} ms of CPU time (${Math.round(r.ms)} ms wall)`);
  return out;
}
