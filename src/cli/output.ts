import { closeSync, fsyncSync, openSync, realpathSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { writeChunk, type CliIO } from './io.js';

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
  return values.map((v) => {
    const i = v.indexOf(':');
    const format = i < 0 ? v : v.slice(0, i);
    const file = i < 0 ? null : v.slice(i + 1);
    if (!allowed.includes(format)) {
      throw new UserError(
        { ja: `不明な出力形式「${format}」（使えるのは ${allowed.join(', ')}）`, en: `unknown format "${format}" (expected one of ${allowed.join(', ')})` },
        { hint: { ja: '-f 形式[:ファイル] の形で指定してください', en: 'use -f FORMAT[:FILE]' } },
      );
    }
    if (file === '') throw new UserError({ ja: `-f ${v}: ファイル名がありません`, en: `-f ${v}: the file name is empty` });
    return { format, file: file === null ? null : resolve(cwd, file), shown: file };
  });
}

/** Temp files of unfinished outputs, removed on failure or interrupt so no partial file is left. */
const pending = new Set<string>();

export function removePendingOutputs(): void {
  for (const tmp of pending) {
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
  }
  pending.clear();
}

/** A destination for rendered text: stdout, or a file written atomically (temp file, then rename). */
export interface Sink {
  write(chunk: string): Promise<void> | void;
  /** Completes the output (renames the temp file into place). */
  commit(): Promise<void>;
  /** Drops a file output, leaving any old file untouched. */
  abort(): void;
}

/**
 * Opens a sink. A file output is written next to its target under a temporary name and renamed
 * only when complete, so an interrupted or failing run leaves the old file intact. Writing to one
 * of the run's input files is refused.
 */
export function openSink(spec: FormatSpec, io: CliIO, inputs: readonly string[]): Sink {
  if (spec.file === null) {
    return {
      write: (chunk) => writeChunk(io.stdout, chunk),
      commit: async () => {},
      abort: () => {},
    };
  }
  const target = spec.file;
  const real = safeRealpath(target);
  for (const input of inputs) {
    if (input === '-') continue;
    if (safeRealpath(resolve(io.cwd, input)) === real) {
      throw new UserError(
        { ja: `出力先 ${spec.shown} は入力ファイルです。入力を上書きしないよう中止しました`, en: `refusing to write ${spec.shown}: it is one of the input files` },
        { hint: { ja: '別のファイル名を指定してください', en: 'choose another output file' } },
      );
    }
  }
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, 'wx');
  } catch (err) {
    throw new UserError(
      { ja: `出力ファイルを作れません: ${spec.shown} (${(err as NodeJS.ErrnoException).code})`, en: `cannot write ${spec.shown} (${(err as NodeJS.ErrnoException).code})` },
      { hint: { ja: 'ディレクトリが存在し書き込めるか確認してください', en: 'check that the directory exists and is writable' } },
    );
  }
  pending.add(tmp);
  let buffer = '';
  const flush = (): void => {
    if (buffer) {
      writeSync(fd, buffer);
      buffer = '';
    }
  };
  return {
    write(chunk) {
      buffer += chunk;
      if (buffer.length > 1 << 16) flush();
    },
    async commit() {
      flush();
      fsyncSync(fd);
      closeSync(fd);
      renameSync(tmp, target);
      pending.delete(tmp);
    },
    abort() {
      try {
        closeSync(fd);
      } catch {
        /* closed */
      }
      try {
        unlinkSync(tmp);
      } catch {
        /* gone */
      }
      pending.delete(tmp);
    },
  };
}

function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}
