import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes a file of one of kouiki's caches (a bundle's V8 code cache, a compiled data file) whole
 * or not at all: into a temporary file of this process, renamed over the target. The content is
 * made only once the temporary file is open, so a directory that cannot be written costs nothing
 * more (serialising a code cache or a large data file is the costly part). Any failure (a
 * read-only home, a full disk, a file where the directory should be) leaves things as they were:
 * a cache costs time when it is missing, never correctness.
 */
export function writeCacheFile(file: string, content: () => string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  let fd: number | undefined;
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    fd = openSync(tmp, 'wx');
    writeFileSync(fd, content());
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
  } catch {
    if (fd !== undefined) closeSync(fd);
    try {
      rmSync(tmp, { force: true });
    } catch {
      // Nothing to remove where nothing could be made.
    }
  }
}
