#!/usr/bin/env node
// kouiki's executable. Start-up is most of what kouiki costs in CI (a run checks a few small
// drafts), so this file loads as little as it can:
//
// - `--version` (`-v`, `-V`), and the top-level `--help` when it would be rendered 80 columns
//   wide (a pipe or an 80-column terminal), are answered from dist/fast.json, which the build
//   wrote by running the real CLI; nothing else loads.
// - Otherwise it loads the bundled CLI (dist/kouiki.cjs) with a V8 code cache made on this
//   machine, for this Node and these V8 flags, never one shipped in the package:
//   - the bundle: a cache of our own in the user's cache directory ($XDG_CACHE_HOME/kouiki, else
//     ~/.cache/kouiki), one file per command, written after the first run of that command
//     (when V8 has compiled the functions the command needs), keyed by the Node version, the
//     V8 flags and the build. A cache that is missing, rejected or cannot be written costs
//     time, never correctness. (Node 20 has no compile cache of its own.)
//   - Node >= 22.1 also: Node's own compile cache (module.enableCompileCache) for what else is
//     required (the wizard's prompt library); see loadBundle for why not for the bundle.
//   KOUIKI_NO_CACHE=1 (or Node's NODE_DISABLE_COMPILE_CACHE=1) turns both off.
const { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeSync } = require('node:fs');
const Module = require('node:module');
const { isAbsolute, join } = require('node:path');

const dist = join(__dirname, '..', 'dist');
const argv = process.argv.slice(2);
const env = process.env;
const noCache = env.KOUIKI_NO_CACHE === '1' || Boolean(env.NODE_DISABLE_COMPILE_CACHE);

function missingBuild() {
  process.stderr.write('kouiki: the build is missing; run `npm install` (or `npm run build`) in the kouiki directory\n');
  process.exitCode = 2;
}

/** dist/fast.json: the version, the rendered top-level help and the command names (one list, from the build). */
function readFast() {
  try {
    return JSON.parse(readFileSync(join(dist, 'fast.json'), 'utf8'));
  } catch {
    return null;
  }
}

/** --version and the top-level --help, from the build's own rendering of them. */
function fastPath(fast) {
  if (!fast || argv.length !== 1) return false;
  const flag = argv[0];
  const version = flag === '--version' || flag === '-v' || flag === '-V';
  const help = (flag === '--help' || flag === '-h') && (!process.stdout.isTTY || process.stdout.columns === 80);
  if (!version && !help) return false;
  if (version) {
    process.stdout.write(`${fast.version}\n`);
    return true;
  }
  // The language as src/i18n/lang.ts defaultLang decides it (no --lang here: argv is one flag).
  const lang = env.KOUIKI_LANG === 'ja' || env.KOUIKI_LANG === 'en' ? env.KOUIKI_LANG : (env.LC_ALL || env.LC_MESSAGES || env.LANG || '').startsWith('ja') ? 'ja' : 'en';
  const text = fast.help?.[lang];
  if (typeof text !== 'string' || text === '') return false;
  process.stdout.write(text);
  return true;
}

/** $XDG_CACHE_HOME/kouiki (an absolute XDG_CACHE_HOME only, as the spec says), else ~/.cache/kouiki. */
function cacheDir() {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'kouiki');
  const home = require('node:os').homedir();
  return home ? join(home, '.cache', 'kouiki') : null;
}

/**
 * The command a run is for, which names its cache file: the first word on the command line
 * that is one of the commands the build listed in fast.json. A wrong guess (`--rules check`)
 * costs time, never correctness.
 */
function commandOf(fast) {
  const commands = new Set(Array.isArray(fast?.commands) ? fast.commands : []);
  return argv.find((a) => commands.has(a)) ?? 'other';
}

/** The bundle's cache: where it is and which key it has. */
function cacheFor(fast, buildLine) {
  const base = cacheDir();
  if (!base) return null;
  // V8 checks the version and the flags itself (and rejects a cache made under others); keying
  // the directory by them keeps two set-ups from overwriting each other's cache at every run.
  // The directory is named <build>-<set-up>: a new build retires the caches of the old one.
  // The set-up is the Node version and architecture, and a hash of the flags only when there are
  // any: loading node:crypto for the hash costs every run about 5 ms of CPU.
  const build = (/build ([0-9a-f]+)/.exec(buildLine) ?? [])[1] ?? 'unknown';
  const flags = [process.execArgv.join(' '), env.NODE_OPTIONS ?? ''].join('\0');
  const setup = `${process.version}-${process.arch}${flags === '\0' ? '' : `-${require('node:crypto').createHash('sha256').update(flags).digest('hex').slice(0, 12)}`}`;
  const key = `${build}-${setup}`;
  const dir = join(base, 'v8', key);
  return { base: join(base, 'v8'), dir, build, file: join(dir, `${commandOf(fast)}.cache`) };
}

/** Writes the cache after a run; any failure (read-only home, full disk) leaves things as they were. */
function saveCache(cache, script) {
  let fd;
  const tmp = `${cache.file}.${process.pid}.tmp`;
  try {
    mkdirSync(cache.dir, { recursive: true });
    // Opened before the (costly) serialisation: a directory that cannot be written costs nothing more.
    fd = openSync(tmp, 'wx');
    const data = script.createCachedData();
    writeSync(fd, data);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, cache.file);
  } catch {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      /* not there */
    }
    return;
  }
  // Caches of other builds are of no more use: remove them (best effort).
  try {
    for (const d of readdirSync(cache.base)) if (!d.startsWith(`${cache.build}-`)) rmSync(join(cache.base, d), { recursive: true, force: true });
  } catch {
    /* another process may be doing the same */
  }
}

/** The bundle compiled from source with the user's cache, saved after the run when there was none (or V8 rejected it). */
function loadWithOwnCache(fast, file) {
  const { Script } = require('node:vm');
  // The build writes the bundle in ASCII (scripts/build.mjs): latin1 reads it without decoding.
  const source = readFileSync(file, 'latin1');
  const buildLine = source.slice(0, source.indexOf('\n'));
  const cache = noCache ? null : cacheFor(fast, buildLine);
  let cachedData;
  if (cache) {
    try {
      cachedData = readFileSync(cache.file);
    } catch {
      /* none yet */
    }
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, Module.createRequire(file), mod, file, dist);
  const save = cache && (cachedData === undefined || script.cachedDataRejected) ? () => saveCache(cache, script) : null;
  // The report bundles (html, xlsx) keep their caches beside this one.
  mod.exports.useCacheDir?.(cache ? cache.dir : null);
  return { exports: mod.exports, save };
}

function loadBundle(fast) {
  const file = join(dist, 'kouiki.cjs');
  // Node >= 22.1: Node's own compile cache for every module loaded with require (the wizard's
  // prompt library, dist/prompts.cjs). The bundle itself keeps the cache written after its run:
  // Node's holds only what V8 compiles before a module runs, and most of the bundle is compiled
  // lazily (measured on Node 22.23: a check of the example drafts took 214 ms of CPU with Node's
  // cache, 175 ms with the one written after the run, 272 ms with none).
  if (!noCache && typeof Module.enableCompileCache === 'function') {
    const dir = cacheDir();
    try {
      Module.enableCompileCache(dir ? join(dir, 'node-compile-cache') : undefined);
    } catch {
      /* a cache is an optimisation only */
    }
  }
  return loadWithOwnCache(fast, file);
}

// CommonJS, not ESM: an ES module entry loads Node's module loader first (about 6 ms of CPU).
async function start() {
  const fast = readFast();
  if (fastPath(fast)) return;
  let bundle;
  try {
    bundle = loadBundle(fast);
  } catch (err) {
    if (err && err.code === 'ENOENT' && String(err.path ?? '').endsWith(join('dist', 'kouiki.cjs'))) return missingBuild();
    throw err;
  }
  await bundle.exports.runProcess(argv);
  bundle.save?.();
}

void start();
