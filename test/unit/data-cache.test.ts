import fc from 'fast-check';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheFileFor, readCached, writeCached, type CachedData } from '../../src/io/data-cache.js';

/** The compiled form of large --data files (src/io/data-cache.ts). */

const tmp = (): string => mkdtempSync(join(tmpdir(), 'kouiki-data-cache-'));
const DATA: CachedData = { format: 1, records: [{ name: '鳥取市', workersAndStudents: 104374, source: 'test' }], names: [[3, 11]] };

describe('data cache', () => {
  it('writes whole files and reads them back; the key is the text itself (one changed character: another file)', () => {
    const dir = tmp();
    const file = cacheFileFor(dir, 'version: 1\n');
    expect(cacheFileFor(dir, 'version: 1\n')).toBe(file);
    expect(cacheFileFor(dir, 'version: 2\n')).not.toBe(file);
    expect(readCached(file)).toBeNull();
    writeCached(file, DATA);
    expect(readCached(file)).toEqual(DATA);
    // No temporary file is left beside it.
    expect(readdirSync(join(dir, 'data'))).toEqual([file.split('/').pop()]);
  });

  it('a file of another format, or with a position list that does not match its records, is ignored', () => {
    const dir = tmp();
    const file = cacheFileFor(dir, 'x');
    writeCached(file, { ...DATA, format: 2 } as unknown as CachedData);
    expect(readCached(file)).toBeNull();
    writeCached(file, { ...DATA, names: [] });
    expect(readCached(file)).toBeNull();
  });

  it('a directory that cannot be written is no error (the run goes on without the cache)', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'data'), 'a file where the directory should be');
    const file = cacheFileFor(dir, 'x');
    expect(() => writeCached(file, DATA)).not.toThrow();
    expect(existsSync(file)).toBe(false);
  });

  it('property: whatever a cache file holds, reading it gives null or a well-formed entry, never an exception', () => {
    const dir = tmp();
    const file = join(dir, 'c.json');
    const content = fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.record({ format: fc.constantFrom(1, 2, '1'), records: fc.array(fc.jsonValue(), { maxLength: 3 }), names: fc.array(fc.constantFrom(null, [1, 1]), { maxLength: 3 }) }).map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(content, (text) => {
        writeFileSync(file, text);
        const v = readCached(file);
        if (v !== null) {
          expect(v.format).toBe(1);
          expect(v.names.length).toBe(v.records.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
