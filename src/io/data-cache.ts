import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MunicipalityRecord } from '../schemas/municipalities.js';
import { writeCacheFile } from './cache-file.js';

/**
 * The compiled form of a large `--data` file: its records as the schema validated them, kept in
 * the user's cache directory under the SHA-256 of the file's text. An imported national
 * origin–destination table is about 10 MB of YAML (1,740 records with 400,000 flows) and takes
 * seconds to parse and check at every run; the same records read back as JSON take a tenth of
 * that. The file's text is still read and hashed at every run, so an edited file is never served
 * from the cache: a changed byte is a new key.
 *
 * The cache lives in the directory of this build's code caches ($XDG_CACHE_HOME/kouiki/v8/
 * <build>-<set-up>/data, see bin/kouiki.cjs), so a new build, whose checks may differ, starts
 * afresh and retires it; KOUIKI_NO_CACHE=1 turns it off with the code caches. A cache file that is
 * missing, unreadable or of another format is ignored; one that cannot be written costs time,
 * never correctness. Positions are kept for each record's name (for the warnings of the index);
 * any other position is found by parsing the text again, only when a message needs it.
 */

/** Files below this size are parsed as they are: the cache would not pay for its read. */
export const CACHE_MIN_CHARS = 1 << 20;
const FORMAT = 1;

export interface CachedData {
  format: typeof FORMAT;
  records: MunicipalityRecord[];
  /** Line and column of each record's `name:` (null when the parse gave none). */
  names: ([number, number] | null)[];
}

/** The cache file for this text, in `dir` (the build's cache directory). */
export function cacheFileFor(dir: string, text: string): string {
  return join(dir, 'data', `${createHash('sha256').update(text).digest('hex')}.json`);
}

/** The cached records, or null (none, unreadable, another format). */
export function readCached(file: string): CachedData | null {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<CachedData> | null;
    if (!v || v.format !== FORMAT || !Array.isArray(v.records) || !Array.isArray(v.names) || v.names.length !== v.records.length) return null;
    return v as CachedData;
  } catch {
    return null;
  }
}

/** Writes the cache file whole or not at all; failures are ignored (io/cache-file.ts). */
export function writeCached(file: string, data: CachedData): void {
  writeCacheFile(file, () => JSON.stringify(data));
}
