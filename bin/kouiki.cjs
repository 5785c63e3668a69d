#!/usr/bin/env node
// kouiki's executable. Start-up is most of what kouiki costs in CI (a run checks a few small
// drafts), so this file loads as little as it can:
//
// - `--version`, and the top-level `--help` when it would be rendered 80 columns wide (a pipe or
//   an 80-column terminal), are answered from dist/fast.json, which the build wrote by running
//   the real CLI; nothing else loads.
// - Otherwise it compiles the bundled CLI (dist/kouiki.cjs) with the V8 code cache the build
//   wrote (dist/kouiki.cjs.cache), so the functions a run needs are not compiled again. Node 20
//   has no compile cache of its own (module.enableCompileCache is Node 22.1+). A cache V8
//   rejects (another Node version, other V8 flags) or one from another build is ignored: the
//   bundle is then compiled as usual, only more slowly.
const { mkdirSync, readFileSync, writeFileSync, renameSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

const dist = join(__dirname, '..', 'dist');
const argv = process.argv.slice(2);

function missingBuild() {
  process.stderr.write('kouiki: the build is missing; run `npm install` (or `npm run build`) in the kouiki directory\n');
  process.exitCode = 2;
}

/** --version and the top-level --help, from the build's own rendering of them. */
function fastPath() {
  if (argv.length !== 1) return false;
  const flag = argv[0];
  const version = flag === '--version' || flag === '-V';
  const help = (flag === '--help' || flag === '-h') && (!process.stdout.isTTY || process.stdout.columns === 80);
  if (!version && !help) return false;
  let fast;
  try {
    fast = JSON.parse(readFileSync(join(dist, 'fast.json'), 'utf8'));
  } catch {
    return false;
  }
  if (version) {
    process.stdout.write(`${fast.version}\n`);
    return true;
  }
  // The language as src/i18n/lang.ts defaultLang decides it (no --lang here: argv is one flag).
  const env = process.env;
  const lang = env.KOUIKI_LANG === 'ja' || env.KOUIKI_LANG === 'en' ? env.KOUIKI_LANG : (env.LC_ALL || env.LC_MESSAGES || env.LANG || '').startsWith('ja') ? 'ja' : 'en';
  const text = fast.help?.[lang];
  if (typeof text !== 'string' || text === '') return false;
  process.stdout.write(text);
  return true;
}

/**
 * The caches to try, best first: the one the build made from the runs of this command (a smaller
 * cache is faster to load; dist/cache/COMMAND.cache), then the one made from all commands. The
 * command is the first argument naming one that has a cache; a wrong guess (`--rules check`)
 * costs time, never correctness.
 */
function cacheFiles(file) {
  const named = argv.filter((a) => /^[a-z]+$/.test(a)).map((a) => join(dist, 'cache', `${a}.cache`));
  return [...named, `${file}.cache`];
}

/** The bundle, compiled with the code cache when the cache belongs to this very build. */
function loadBundle() {
  const file = join(dist, 'kouiki.cjs');
  // The build writes the bundle in ASCII (scripts/build.mjs): latin1 reads it without decoding.
  const source = readFileSync(file, 'latin1');
  // The bundle's first line names its build; the cache starts with the same line. V8's own check
  // of a cache against its source looks at the length only.
  const id = source.slice(0, source.indexOf('\n') + 1);
  let cachedData;
  if (!process.env.KOUIKI_BUILD_CODE_CACHE) {
    const head = Buffer.byteLength(id);
    for (const cacheFile of cacheFiles(file)) {
      let cache;
      try {
        cache = readFileSync(cacheFile);
      } catch {
        continue; // not there: try the next, or compile without one
      }
      if (cache.length > head && cache.toString('latin1', 0, head) === id) {
        cachedData = cache.subarray(head);
        break;
      }
    }
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(file), mod, file, dist);
  return { exports: mod.exports, script, file, id };
}

/**
 * The build's step: run the everyday commands in-process (all of them, or those of the command
 * KOUIKI_CODE_CACHE_COMMAND names), then write the cache, and with all of them fast.json.
 */
async function writeCodeCache(bundle) {
  const root = join(dist, '..');
  const only = process.env.KOUIKI_CODE_CACHE_COMMAND || undefined;
  const { help, failures } = await bundle.exports.trainCodeCache(root, only);
  if (failures.length > 0) throw new Error(`the code cache training runs failed:\n${failures.join('\n')}`);
  const data = bundle.script.createCachedData();
  if (only) mkdirSync(join(dist, 'cache'), { recursive: true });
  const cacheFile = only ? join(dist, 'cache', `${only}.cache`) : `${bundle.file}.cache`;
  writeFileSync(`${cacheFile}.tmp`, Buffer.concat([Buffer.from(bundle.id, 'latin1'), data]));
  renameSync(`${cacheFile}.tmp`, cacheFile);
  if (!only) {
    const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
    writeFileSync(join(dist, 'fast.json'), `${JSON.stringify({ version, help })}\n`);
  }
  process.stdout.write(`code cache ${only ?? 'all'}: ${(data.length / 1024).toFixed(0)} KB\n`);
}

// CommonJS, not ESM: an ES module entry loads Node's module loader first (about 6 ms of CPU).
async function start() {
  if (fastPath()) return;
  let bundle;
  try {
    bundle = loadBundle();
  } catch (err) {
    if (err && err.code === 'ENOENT' && String(err.path ?? '').endsWith(join('dist', 'kouiki.cjs'))) return missingBuild();
    throw err;
  }
  if (process.env.KOUIKI_BUILD_CODE_CACHE === '1') await writeCodeCache(bundle);
  else await bundle.exports.runProcess(argv);
}

void start();
