import { readFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { writeCacheFile } from '../io/cache-file.js';
import { distDir } from '../io/paths.js';

/**
 * Loads one of the bundles a format needs (dist/report-html.cjs, dist/report-xlsx.cjs) with a V8
 * code cache, as bin/kouiki.cjs loads the main bundle: in the directory of the main bundle's
 * cache (bin/kouiki.cjs names it through useCacheDir: $XDG_CACHE_HOME/kouiki/v8/<build>-<set-up>),
 * written after the bundle's first load on this machine. The workbook bundle (exceljs) took
 * about 200 ms to compile and run, 30 ms with its cache. A cache that is missing, rejected or
 * cannot be written only costs the time. Only the built CLI calls this (scripts/build.mjs routes
 * `import('…/report/xlsx/index.js')` here); the sources import the modules themselves.
 */

/** CommonJS's own wrapper. */
export const WRAP_HEAD = '(function (exports, require, module, __filename, __dirname) {';
export const WRAP_TAIL = '\n})';

const loaded = new Map<string, unknown>();
let cacheDir: string | null = null;

/** Where the code caches of this build and set-up live (null: none). */
export function useCacheDir(dir: string | null): void {
  cacheDir = dir;
}

/** That directory (null: no caching), for the other caches of this build (the compiled data files of src/io/data-cache.ts). */
export function buildCacheDir(): string | null {
  return cacheDir;
}


export function loadBundle(name: string): unknown {
  const done = loaded.get(name);
  if (done !== undefined) return done;
  const file = join(distDir(), name);
  const cacheFile = cacheDir ? join(cacheDir, `${name}.cache`) : null;
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      /* no cache yet: compiled as usual, and cached below */
    }
  }
  const script = new Script(`${WRAP_HEAD}${readFileSync(file, 'utf8')}${WRAP_TAIL}`, { filename: file, ...(cachedData ? { cachedData } : {}) });
  // A module of Node's own, entered in require's cache: the same instance for any later require,
  // and visible like any required file (a test checks which bundles a run loads).
  const require = createRequire(file);
  const module = new Module(file);
  module.filename = file;
  (script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: unknown, f: string, d: string) => void)(module.exports, require, module, file, distDir());
  module.loaded = true;
  require.cache[file] = module;
  loaded.set(name, module.exports);
  // After its top level ran (exceljs defines its classes), so the cache holds those functions too.
  if (cacheFile && (cachedData === undefined || script.cachedDataRejected)) writeCacheFile(cacheFile, () => script.createCachedData());
  return module.exports;
}
