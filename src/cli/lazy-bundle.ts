import { readFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { distDir } from '../io/paths.js';

/**
 * Loads one of the bundles a format needs (dist/report-html.cjs, dist/report-xlsx.cjs) with the
 * V8 code cache the build wrote for it (dist/cache/NAME.cache), as bin/kouiki.cjs loads the main
 * bundle: the workbook bundle (exceljs) took about 200 ms to compile and run, 30 ms with its
 * cache. A cache V8 rejects (another Node, another build) only costs the time. Only the built
 * CLI calls this (scripts/build.mjs routes `import('…/report/xlsx/index.js')` here); the sources
 * import the modules themselves.
 */

/** CommonJS's own wrapper; scripts/build.mjs compiles the same text when it writes the cache. */
export const WRAP_HEAD = '(function (exports, require, module, __filename, __dirname) {';
export const WRAP_TAIL = '\n})';

const loaded = new Map<string, unknown>();

export function loadBundle(name: string): unknown {
  const done = loaded.get(name);
  if (done !== undefined) return done;
  const file = join(distDir(), name);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(join(distDir(), 'cache', `${name}.cache`));
  } catch {
    /* no cache: compiled as usual */
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
  return module.exports;
}
