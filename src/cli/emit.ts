import { Chalk, type ChalkInstance } from 'chalk';
import type { RunContext } from './context.js';
import { openSink, parseFormatSpecs, type FormatSpec, type Sink } from './output.js';
import type { StreamRenderer } from '../report/stream.js';

/**
 * The batch yields to the event loop (where a signal is handled, and a closed pipe noticed)
 * after CHUNK results or YIELD_MS milliseconds, whichever comes first, so Ctrl+C is handled
 * within a fraction of a second however long each result takes to compute and render.
 */
const CHUNK = 256;
const YIELD_MS = 25;

export function chalkFor(ctx: RunContext): ChalkInstance {
  return new Chalk({ level: ctx.opts.color ? 1 : 0 });
}

export function formatSpecs(ctx: RunContext, allowed: readonly string[], fallback: string): FormatSpec[] {
  return parseFormatSpecs(ctx.opts.format, allowed, fallback, ctx.io.cwd);
}

/**
 * Renders a stream of results in every requested format at once: each format has its own
 * renderer and sink; text is buffered and written with backpressure; files are committed only
 * when everything was written (and dropped on any error).
 */
export async function emitAll<R>(
  ctx: RunContext,
  specs: FormatSpec[],
  makeRenderer: (spec: FormatSpec) => StreamRenderer<R>,
  results: Iterable<R>,
  inputs: readonly string[],
  progress?: (done: number) => void,
): Promise<number> {
  const outs: { renderer: StreamRenderer<R>; sink: Sink; bytes: ByteBuffer }[] = [];
  const drain = async (): Promise<void> => {
    for (const o of outs) for (const chunk of o.bytes.take()) await o.sink.write(chunk);
  };
  try {
    for (const spec of specs) {
      const sink = openSink(spec, ctx.io, inputs);
      outs.push({ renderer: makeRenderer(spec), sink, bytes: new ByteBuffer(sink.consumesAtOnce === true) });
    }
    for (const o of outs) o.bytes.put(o.renderer.begin());
    let count = 0;
    let since = 0;
    let lastYield = performance.now();
    for (const r of results) {
      for (const o of outs) {
        if (o.renderer.itemTo) o.renderer.itemTo(r, count, o.bytes.put);
        else o.bytes.put(o.renderer.item(r, count));
      }
      if (outs.some((o) => o.bytes.ready())) await drain();
      count++;
      if (++since >= CHUNK || ((since & 7) === 0 && performance.now() - lastYield >= YIELD_MS)) {
        since = 0;
        progress?.(count);
        await new Promise<void>((resolve) => setImmediate(resolve));
        lastYield = performance.now();
        // Every reader is gone (`| head -1`, no file output): stop instead of working for nobody.
        if (outs.every((o) => o.sink.closed())) break;
      }
    }
    for (const o of outs) {
      o.bytes.put(o.renderer.end(count));
      o.bytes.flush();
    }
    await drain();
    for (const o of outs) await o.sink.commit();
    return count;
  } catch (err) {
    for (const o of outs) o.sink.abort();
    throw err;
  }
}

const CAPACITY = 1 << 20;

/**
 * Text encoded straight into UTF-8 byte buffers, piece by piece. Encoding many short flat
 * strings is much cheaper than concatenating them and letting the stream flatten and encode a
 * large string (that had cost more than rendering the JSON of a 100,000-task batch). A full
 * buffer is queued for the sink; a sink that consumes the bytes at once (a file written with
 * writeSync) lets the buffer be reused, others (a pipe) get a fresh one.
 */
class ByteBuffer {
  private buf: Buffer = Buffer.allocUnsafe(CAPACITY);
  private pos = 0;
  private queued: Uint8Array[] = [];
  private readonly pool: Buffer[] = [];

  constructor(private readonly reuse: boolean) {}

  /** Pieces gathered into a short string first: one encode call per few kilobytes, not per piece. */
  private acc = '';

  readonly put = (piece: string): void => {
    this.acc += piece;
    if (this.acc.length >= 8192) this.encode();
  };

  private encode(): void {
    const text = this.acc;
    if (text.length === 0) return;
    this.acc = '';
    // 3 bytes per UTF-16 unit is the most UTF-8 can take (a surrogate pair: 4 bytes for 2 units).
    if (this.pos + text.length * 3 > CAPACITY) {
      this.queueCurrent();
      if (text.length * 3 > CAPACITY) {
        this.queued.push(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.pos += this.buf.write(text, this.pos, 'utf8');
  }

  /** Queues what was written so far. */
  flush(): void {
    this.encode();
    this.queueCurrent();
  }

  private queueCurrent(): void {
    if (this.pos === 0) return;
    this.queued.push(this.buf.subarray(0, this.pos));
    this.buf = (this.reuse && this.pool.pop()) || Buffer.allocUnsafe(CAPACITY);
    this.pos = 0;
  }

  /** Whether full buffers are waiting for the sink. */
  ready(): boolean {
    return this.queued.length > 0;
  }

  /** The queued chunks, handed to the sink (and their buffers back to the pool once written). */
  *take(): Generator<Uint8Array> {
    while (this.queued.length > 0) {
      const chunk = this.queued.shift()!;
      yield chunk;
      if (this.reuse && chunk.buffer.byteLength === CAPACITY) this.pool.push(Buffer.from(chunk.buffer, chunk.byteOffset, CAPACITY));
    }
  }
}

/**
 * A progress line on stderr for long batches, only on a terminal and without -q (CI logs and
 * pipes never see it). Returns the update function and a `done` that clears the line.
 */
export function progressLine(ctx: RunContext, total: number, minimum = 2000): { update?: (n: number) => void; done: () => void } {
  if (!ctx.io.stderrIsTTY || ctx.opts.quiet || total < minimum) return { done: () => {} };
  const label = ctx.opts.lang === 'ja' ? '評価中' : 'evaluating';
  const fmt = (n: number): string => n.toLocaleString('en');
  let last = 0;
  return {
    update: (n) => {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      ctx.io.stderr.write(`\r${label} ${fmt(n)} / ${fmt(total)} (${Math.floor((n / total) * 100)}%)`);
    },
    done: () => void ctx.io.stderr.write('\r\u001b[2K'),
  };
}
