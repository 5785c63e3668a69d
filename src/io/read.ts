import { closeSync, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';

export const DEFAULT_MAX_INPUT_SIZE = 64 * 1024 * 1024;

/**
 * The run in progress: the stream `-` reads (the CLI's own stdin, a buffer in tests) and every
 * file read so far, so that no output ever replaces one of the run's inputs (src/cli/output.ts).
 */
let runStdin: (() => NodeJS.ReadableStream) | null = null;
const readPaths = new Set<string>();

/**
 * Starts a run: `-` reads the stream `stdin` gives from now on, and the list of files read is
 * emptied. A function, so that a run that never reads `-` never opens the process's stdin
 * (creating process.stdin costs a few milliseconds of every start-up).
 */
export function beginRun(stdin: (() => NodeJS.ReadableStream) | null): void {
  runStdin = stdin;
  readPaths.clear();
}

/** Real paths of the files read since beginRun (any command, any format: tasks, data, pack, config). */
export function filesRead(): ReadonlySet<string> {
  return readPaths;
}

/**
 * Files the command line names as inputs (`--data`, `--config`), counted as read even when the
 * command does not use them: an output never replaces a file the user gave as an input.
 */
export function declareInputs(paths: readonly string[], cwd: string): void {
  for (const p of paths) if (p !== '-') readPaths.add(realPath(resolve(cwd, p)));
}

/** The canonical path of a file (symlinks resolved), or the absolute path when it does not exist. */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

export interface InputText {
  /** The name shown in messages: the path as the user gave it, or `<stdin>`. */
  file: string;
  text: string;
}

/** Reads a file the user named, refusing it before any parsing when it is over the size cap. */
export function readInputFile(path: string, maxBytes = DEFAULT_MAX_INPUT_SIZE): InputText {
  return { file: path, text: decodeUtf8(readInputBytes(path, maxBytes), path) };
}

/** The bytes of a file the user named (a workbook, a CSV in another encoding), with the same checks. */
export function readInputBytes(path: string, maxBytes = DEFAULT_MAX_INPUT_SIZE): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw openError(path, err);
  }
  try {
    const st = fstatSync(fd);
    readPaths.add(realPath(path));
    if (st.isDirectory()) {
      throw new UserError(
        { ja: 'ディレクトリです（ファイルではありません）', en: 'is a directory, not a file' },
        { position: { file: path }, hint: { ja: 'その中のファイルのパスを指定してください', en: 'give the path of a file in it' } },
      );
    }
    if (st.size > maxBytes) throw tooLarge(path, maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    // Read until EOF rather than trusting st.size: the file may be a FIFO or still growing.
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(Math.max(st.size + 1, 65536), 16 * 1024 * 1024));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw tooLarge(path, maxBytes);
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  } finally {
    closeSync(fd);
  }
}

/** Reads all of standard input (`-`), with the same size cap and UTF-8 check as a file. */
export async function readStdin(maxBytes = DEFAULT_MAX_INPUT_SIZE, stream: NodeJS.ReadableStream = runStdin?.() ?? process.stdin): Promise<InputText> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += b.length;
    if (total > maxBytes) throw tooLarge('<stdin>', maxBytes);
    chunks.push(b);
  }
  return { file: '<stdin>', text: decodeUtf8(Buffer.concat(chunks), '<stdin>') };
}

export async function readInput(pathOrDash: string, maxBytes = DEFAULT_MAX_INPUT_SIZE): Promise<InputText> {
  return pathOrDash === '-' ? readStdin(maxBytes) : readInputFile(pathOrDash, maxBytes);
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes UTF-8 strictly (a BOM is dropped); an invalid byte is reported at its line and column. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, at));
    const lines = before.split('\n');
    const line = lines.length;
    const column = lines[lines.length - 1]!.length + 1;
    throw new UserError(
      {
        ja: `UTF-8 として読めないバイトがあります (バイト位置 ${at})`,
        en: `the file is not valid UTF-8 (invalid byte at offset ${at})`,
      },
      {
        position: { file, line, column },
        hint: { ja: 'ファイルを UTF-8 で保存し直してください（Shift_JIS などは不可）', en: 'save the file as UTF-8 (Shift_JIS and other encodings are not read)' },
      },
    );
  }
  // More byte order marks at the start of a line (files joined with `cat`, each saved with one):
  // invisible in editors, they would become part of a key ("\ufeffname"). Dropped, so lines and
  // columns are those an editor shows.
  return text.includes('\ufeff') ? text.replace(/(^|\n)\ufeff+/g, '$1') : text;
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n = 0;
    let min = 0;
    if (c < 0x80) { i++; continue; }
    else if (c >= 0xc2 && c <= 0xdf) { n = 1; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { n = 2; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { n = 3; min = 0x10000; }
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}

function tooLarge(file: string, maxBytes: number): UserError {
  return new UserError(
    {
      ja: `入力が大きすぎます (上限 ${maxBytes} バイト)`,
      en: `the input is larger than the limit of ${maxBytes} bytes`,
    },
    {
      position: { file },
      hint: { ja: '--max-input-size で上限を上げるか、ファイルを分割してください', en: 'raise the limit with --max-input-size, or split the file' },
    },
  );
}

/** A file named on the command line or in an input that does not exist. */
export function noSuchFile(path: string, what: { ja: string; en: string } = { ja: 'ファイルが見つかりません', en: 'no such file' }): UserError {
  return new UserError(what, { position: { file: path }, hint: { ja: 'パスを確認してください', en: 'check the path' } });
}

function openError(path: string, err: unknown): UserError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return noSuchFile(path);
  if (code === 'EACCES' || code === 'EPERM') {
    return new UserError(
      { ja: 'ファイルを読む権限がありません', en: 'permission denied (the file cannot be read)' },
      { position: { file: path }, hint: { ja: 'ファイルの読み取り権限を確認してください（ls -l）', en: "check the file's read permission (ls -l)" } },
    );
  }
  return new UserError(
    { ja: `ファイルを開けません (${code ?? 'error'})`, en: `cannot open the file (${code ?? 'error'})` },
    { position: { file: path }, hint: { ja: 'パスが読み取れる通常のファイルを指しているか確認してください', en: 'check that the path names a regular file that can be read' } },
  );
}
