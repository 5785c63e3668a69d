import { closeSync, fchmodSync, fsyncSync, lstatSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { filesRead, realPath } from '../io/read.js';
import { isClosed, writeChunk, type CliIO } from './io.js';

export interface FormatSpec {
  format: string;
  /** Absolute path, or null for stdout. */
  file: string | null;
  /** As the user wrote it (for messages). */
  shown: string | null;
}

/** Parses repeatable `-f FMT[:FILE]` values against the formats a command offers. */
export function parseFormatSpecs(values: string[] | undefined, allowed: readonly string[], fallback: string, cwd: string): FormatSpec[] {
  if (!values || values.length === 0) return [{ format: fallback, file: null, shown: null }];
  const specs = values.map((v) => {
    const i = v.indexOf(':');
    const format = i < 0 ? v : v.slice(0, i);
    const file = i < 0 ? null : v.slice(i + 1);
    if (!allowed.includes(format)) {
      throw new UserError(
        { ja: `不明な出力形式「${format}」（使えるのは ${allowed.join(', ')}）`, en: `unknown format "${format}" (expected one of ${allowed.join(', ')})` },
        { hint: { ja: '-f 形式[:ファイル] の形で指定してください', en: 'use -f FORMAT[:FILE]' } },
      );
    }
    if (file === '') {
      throw new UserError(
        { ja: `-f ${v}: ファイル名がありません`, en: `-f ${v}: the file name is empty` },
        { hint: { ja: `-f ${format}:ファイル と書くか、標準出力なら -f ${format} としてください`, en: `write -f ${format}:FILE, or -f ${format} for standard output` } },
      );
    }
    return { format, file: file === null ? null : resolve(cwd, file), shown: file };
  });
  // Two documents on one stream cannot be told apart (`-f json -f sarif` would be neither valid
  // JSON nor valid SARIF): at most one format goes to stdout, the others need a file.
  const toStdout = specs.filter((s) => s.file === null);
  if (toStdout.length > 1) {
    const [first, second] = [toStdout[0]!.format, toStdout[1]!.format];
    throw new UserError(
      { ja: `標準出力に出せる形式は 1 つだけです（${toStdout.map((s) => s.format).join(', ')} が指定されました）`, en: `only one format can go to standard output (got ${toStdout.map((s) => s.format).join(', ')})` },
      { hint: { ja: `一方はファイルに書き出してください（例: -f ${first} -f ${second}:kouiki.${second}）`, en: `write the others to a file (e.g. -f ${first} -f ${second}:kouiki.${second})` } },
    );
  }
  const targets = new Map<string, string>();
  for (const s of specs) {
    if (s.file === null) continue;
    const real = realPath(s.file);
    const before = targets.get(real);
    if (before !== undefined) {
      throw new UserError(
        before === s.shown
          ? { ja: `出力先 ${s.shown} が 2 回指定されています`, en: `the output file ${s.shown} is named twice` }
          : { ja: `出力先 ${s.shown} が 2 回指定されています（${before} と同じファイル）`, en: `the output file ${s.shown} is named twice (same file as ${before})` },
        { hint: { ja: '形式ごとに別のファイルを指定してください', en: 'give each format its own file' } },
      );
    }
    targets.set(real, s.shown!);
  }
  return specs;
}

/** Temp files of unfinished outputs, removed on failure or interrupt so no partial file is left. */
const pending = new Set<string>();
let onPendingChange: ((count: number) => void) | null = null;

/**
 * Called whenever the number of unfinished output files changes (the process entry installs its
 * signal handlers only while there is something to clean up).
 */
export function setPendingListener(listener: ((count: number) => void) | null): void {
  onPendingChange = listener;
}

/** Unfinished output files right now. */
export function pendingOutputs(): number {
  return pending.size;
}

function addPending(tmp: string): void {
  pending.add(tmp);
  onPendingChange?.(pending.size);
}

function dropPending(tmp: string): void {
  if (pending.delete(tmp)) onPendingChange?.(pending.size);
}

export function removePendingOutputs(): void {
  for (const tmp of pending) {
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
  }
  const had = pending.size > 0;
  pending.clear();
  if (had) onPendingChange?.(0);
}

/** A destination for rendered text: stdout, or a file written atomically (temp file, then rename). */
export interface Sink {
  write(chunk: string | Uint8Array): Promise<void> | void;
  /** The sink is done with a chunk when write returns (so its buffer may be reused). */
  consumesAtOnce?: boolean;
  /** Completes the output (renames the temp file into place). */
  commit(): Promise<void>;
  /** Drops a file output, leaving any old file untouched. */
  abort(): void;
  /** Nobody reads this output any more (stdout closed by its reader). */
  closed(): boolean;
}

/** Refuses a target that is one of the run's inputs: named on the command line, or read so far. */
function refuseInput(target: string, shown: string, io: CliIO, inputs: readonly string[], mayReplace: readonly string[]): void {
  const real = realPath(target);
  if (mayReplace.some((p) => realPath(resolve(io.cwd, p)) === real)) return;
  const named = inputs.some((input) => input !== '-' && realPath(resolve(io.cwd, input)) === real);
  if (named || filesRead().has(real)) {
    throw new UserError(
      { ja: `出力先 ${shown} は入力ファイルです。入力を上書きしないよう中止しました`, en: `refusing to write ${shown}: it is one of the input files` },
      { hint: { ja: '別のファイル名を指定してください', en: 'choose another output file' } },
    );
  }
}

function writeError(shown: string, err: unknown): UserError {
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  return new UserError(
    { ja: `出力ファイルに書き込めません: ${shown} (${code})`, en: `cannot write ${shown} (${code})` },
    { hint: { ja: 'ディスクの空きと書き込み権限を確認してください。元のファイルはそのまま残っています', en: 'check the free space and permissions; any old file is left as it was' } },
  );
}

/**
 * Opens a sink. A file output is written next to its target under a temporary name and renamed
 * only when complete, so an interrupted or failing run leaves the old file intact. Writing to one
 * of the run's input files is refused (checked when the output opens and again before the
 * rename, for inputs read in between), except those in `mayReplace` (a file the user asked to
 * update in place: `wizard --answers F --save F`). An existing target keeps its permissions, and a symbolic
 * link is written through (the file it points at is replaced, the link stays).
 */
export function openSink(spec: FormatSpec, io: CliIO, inputs: readonly string[], options: { mayReplace?: readonly string[] } = {}): Sink {
  const mayReplace = options.mayReplace ?? [];
  if (spec.file === null) {
    return {
      write: (chunk) => writeChunk(io.stdout, chunk),
      commit: async () => {},
      abort: () => {},
      closed: () => isClosed(io.stdout),
    };
  }
  const shown = spec.shown ?? spec.file;
  let target = spec.file;
  let mode: number | undefined;
  try {
    if (lstatSync(target).isSymbolicLink()) target = realPath(target);
    const st = statSync(target);
    if (st.isDirectory()) {
      throw new UserError(
        { ja: `出力先 ${shown} はディレクトリです`, en: `cannot write ${shown}: it is a directory` },
        { hint: { ja: 'ファイル名を指定してください（例: -f json:out/result.json）', en: 'name a file (e.g. -f json:out/result.json)' } },
      );
    }
    mode = st.mode & 0o7777;
  } catch (err) {
    if (err instanceof UserError) throw err;
    /* no such file yet (or a dangling link): it will be created */
  }
  refuseInput(target, shown, io, inputs, mayReplace);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  // Registered before it exists, so a signal can never leave it behind unnoticed.
  addPending(tmp);
  let fd: number;
  try {
    fd = openSync(tmp, 'wx', mode ?? 0o666);
    if (mode !== undefined) fchmodSync(fd, mode);
  } catch (err) {
    dropPending(tmp);
    throw new UserError(
      { ja: `出力ファイルを作れません: ${shown} (${(err as NodeJS.ErrnoException).code})`, en: `cannot write ${shown} (${(err as NodeJS.ErrnoException).code})` },
      { hint: { ja: 'ディレクトリが存在し書き込めるか確認してください', en: 'check that the directory exists and is writable' } },
    );
  }
  let open = true;
  const writeAll = (chunk: string | Uint8Array): void => {
    try {
      if (typeof chunk === 'string') writeSync(fd, chunk);
      else {
        let off = 0;
        while (off < chunk.length) off += writeSync(fd, chunk, off, chunk.length - off);
      }
    } catch (err) {
      throw writeError(shown, err);
    }
  };
  const abort = (): void => {
    if (open) {
      open = false;
      try {
        closeSync(fd);
      } catch {
        /* closed */
      }
    }
    try {
      unlinkSync(tmp);
    } catch {
      /* gone */
    }
    dropPending(tmp);
  };
  return {
    // Callers buffer (cli/emit.ts writes 1 MB chunks), so each chunk goes straight to the file.
    write: writeAll,
    consumesAtOnce: true,
    async commit() {
      refuseInput(target, shown, io, inputs, mayReplace);
      try {
        fsyncSync(fd);
        open = false;
        closeSync(fd);
        renameSync(tmp, target);
      } catch (err) {
        abort();
        throw writeError(shown, err);
      }
      dropPending(tmp);
    },
    abort,
    closed: () => false,
  };
}
