import { Chalk, type ChalkInstance } from 'chalk';
import type { RunContext } from './context.js';
import { openSink, parseFormatSpecs, type FormatSpec, type Sink } from './output.js';
import { UserError } from '../errors.js';
import { ByteBuffer } from '../report/byte-buffer.js';
import { BINARY_FORMATS } from '../report/formats.js';
import type { StreamRenderer } from '../report/stream.js';

/**
 * The batch yields to the event loop (where a signal is handled, and a closed pipe noticed)
 * after CHUNK results or YIELD_MS milliseconds, whichever comes first, so Ctrl+C is handled
 * within a fraction of a second however long each result takes to compute and render.
 */
const CHUNK = 256;
const YIELD_MS = 25;

export function chalkFor(ctx: RunContext): ChalkInstance {
  return new Chalk({ level: ctx.opts.color ? ((ctx.opts.colorLevel ?? 1) as 0 | 1 | 2 | 3) : 0 });
}

export function formatSpecs(ctx: RunContext, allowed: readonly string[], fallback: string): FormatSpec[] {
  const specs = parseFormatSpecs(ctx.opts.format, allowed, fallback, ctx.io.cwd);
  for (const s of specs) if (s.file === null && BINARY_FORMATS.includes(s.format) && ctx.io.stdoutIsTTY) throw binaryToTerminal(s.format);
  return specs;
}

/** A workbook is bytes: on a terminal they would be noise, so a file (or a pipe) is asked for. */
function binaryToTerminal(format: string): UserError {
  return new UserError(
    { ja: `-f ${format} の出力はバイナリです。端末には表示できません`, en: `-f ${format} writes a binary file; it cannot go to the terminal` },
    { hint: { ja: `ファイル名を指定してください（例: -f ${format}:result.${format}）。パイプやリダイレクトなら標準出力にも書けます`, en: `name a file (e.g. -f ${format}:result.${format}), or redirect standard output` } },
  );
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
    let lastYield = nowMs();
    for (const r of results) {
      for (const o of outs) {
        if (o.renderer.itemTo) o.renderer.itemTo(r, count, o.bytes);
        else o.bytes.put(o.renderer.item(r, count));
      }
      if (outs.some((o) => o.bytes.ready())) await drain();
      count++;
      if (++since >= CHUNK || ((since & 7) === 0 && nowMs() - lastYield >= YIELD_MS)) {
        since = 0;
        progress?.(count);
        await new Promise<void>((resolve) => setImmediate(resolve));
        lastYield = nowMs();
        // Every reader is gone (`| head -1`, no file output): stop instead of working for nobody.
        if (outs.every((o) => o.sink.closed())) break;
      }
    }
    for (const o of outs) {
      o.bytes.put(o.renderer.end(count));
      if (o.renderer.finish) o.bytes.bytes(await o.renderer.finish(count));
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

/**
 * A monotonic clock in milliseconds. Not performance.now(): its first use loads Node's perf_hooks
 * modules, a cost every run of every command paid for this one comparison.
 */
function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
