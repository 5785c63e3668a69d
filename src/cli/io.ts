import { isatty } from 'node:tty';
import type { Writable } from 'node:stream';
import { supportsColor } from 'chalk';
import { UserError } from '../errors.js';

/** Where a command reads and writes: the real process, or buffers in tests. */
export interface CliIO {
  stdout: Writable;
  stderr: Writable;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** stdout is a terminal (colour, widths, progress). */
  stdoutIsTTY: boolean;
  stdinIsTTY: boolean;
  /** stderr is a terminal (progress bars). */
  stderrIsTTY?: boolean;
  /** The colour level stdout supports, as chalk detects it (absent: 1 on a terminal, else 0). */
  colorLevel?: () => number;
}

export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    // Opened when first read: most runs never read stdin, and creating the stream costs a few
    // milliseconds of start-up. isatty(0) answers the terminal question without it.
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stdinIsTTY: isatty(0),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    // chalk's detection reads the process's own flags (--color, --no-color), FORCE_COLOR, TERM and CI.
    colorLevel: () => (supportsColor ? supportsColor.level : 0),
  };
}

/**
 * What became of an output stream: closed by the reader (`| head -1`: EPIPE, and the
 * ERR_STREAM_DESTROYED of any write after it) or failed (e.g. ENOSPC on a redirect to a full
 * disk). A closed stream takes no more writes; a failed one makes the run exit 2.
 */
interface StreamState {
  closed: boolean;
  error?: NodeJS.ErrnoException;
}
const states = new WeakMap<object, StreamState>();

const QUIET_CODES = new Set(['EPIPE', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);

/** Records a stream's error: a closed pipe ends its output quietly, anything else is remembered. */
export function noteStreamError(stream: object, err: unknown): void {
  const state = states.get(stream) ?? { closed: false };
  state.closed = true;
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (!state.error && !(code && QUIET_CODES.has(code))) state.error = err as NodeJS.ErrnoException;
  states.set(stream, state);
}

/** The stream was closed by its reader or failed: nothing more is written to it. */
export function isClosed(stream: object): boolean {
  return states.get(stream)?.closed === true;
}

/** The error that made a stream fail (not a closed pipe), if any. */
export function streamFailure(stream: object): NodeJS.ErrnoException | undefined {
  return states.get(stream)?.error;
}

/**
 * Listens for errors on the run's output streams so that a closed pipe never becomes an
 * unhandled 'error' event (a stack trace); returns the function that stops listening.
 */
export function watchStreams(...streams: Writable[]): () => void {
  const offs = streams.map((stream) => {
    const onError = (err: Error): void => noteStreamError(stream, err);
    stream.on('error', onError);
    return () => stream.off('error', onError);
  });
  // A failed write reports its error a tick later: keep listening until then.
  return () => void setImmediate(() => offs.forEach((off) => off()));
}

/**
 * Writes a chunk and waits for the stream to drain when its buffer is full (backpressure).
 * A stream closed by its reader takes no more writes and is never waited on.
 */
export function writeChunk(stream: Writable, chunk: string | Uint8Array): Promise<void> | void {
  if (isClosed(stream)) return;
  let ok: boolean;
  try {
    ok = stream.write(chunk);
  } catch (err) {
    noteStreamError(stream, err);
    return;
  }
  if (ok || isClosed(stream)) return;
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('error', onError);
      stream.off('close', done);
      resolve();
    };
    const onError = (err: Error): void => {
      noteStreamError(stream, err);
      done();
    };
    stream.once('drain', done);
    stream.once('error', onError);
    stream.once('close', done);
  });
}

/** Standard output failed for another reason than a closed pipe (e.g. a full disk behind `>`). */
export function outputFailed(err: NodeJS.ErrnoException): UserError {
  const code = err.code ?? err.message;
  return new UserError(
    { ja: `標準出力に書き込めません (${code})`, en: `cannot write to standard output (${code})` },
    { hint: { ja: 'リダイレクト先のディスクの空きと権限を確認するか、-f 形式:ファイル で書き出してください', en: 'check the space and permissions where the output goes, or write it with -f FORMAT:FILE' } },
  );
}
