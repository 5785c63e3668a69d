import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { UserError } from '../../errors.js';
import { declareInputs } from '../read.js';
import { decodeEstat } from './decode.js';
import { readEstatTable, type EstatTable } from './table.js';

/**
 * Reads an e-Stat CSV download: its bytes (with the run's size cap, and counted as an input so
 * that no output replaces it), decoded (Shift_JIS or UTF-8), parsed into a table.
 */
export function readEstatFile(path: string, maxBytes: number, cwd: string): EstatTable {
  let fd: number;
  try {
    fd = openSync(resolve(cwd, path), 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(
      code === 'ENOENT' ? { ja: 'ファイルがありません', en: 'no such file' } : { ja: `読めません (${code})`, en: `cannot read (${code})` },
      { position: { file: path }, hint: { ja: 'e-Stat からダウンロードした CSV のパスを指定してください', en: 'give the path of a CSV downloaded from e-Stat' } },
    );
  }
  declareInputs([path], cwd);
  let bytes: Buffer;
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) {
      throw new UserError({ ja: 'ディレクトリです（ファイルではありません）', en: 'is a directory, not a file' }, { position: { file: path }, hint: { ja: 'その中の CSV のパスを指定してください', en: 'give the path of a CSV in it' } });
    }
    if (st.size > maxBytes) {
      throw new UserError(
        { ja: `ファイルが大きすぎます（${st.size} バイト、上限 ${maxBytes}）`, en: `the file is too large (${st.size} bytes; the limit is ${maxBytes})` },
        { position: { file: path }, hint: { ja: '--max-input-size で上限を上げてください（例: --max-input-size 512M）', en: 'raise the limit with --max-input-size (e.g. --max-input-size 512M)' } },
      );
    }
    bytes = Buffer.allocUnsafe(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, bytes, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    bytes = bytes.subarray(0, off);
  } finally {
    closeSync(fd);
  }
  let decoded: ReturnType<typeof decodeEstat> | null = decodeEstat(bytes, path);
  // The bytes are not needed once decoded: let a national table's tens of megabytes go.
  bytes = Buffer.alloc(0);
  const { text, encoding } = decoded;
  decoded = null;
  return readEstatTable(text, path, encoding);
}
