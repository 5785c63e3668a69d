// Builds kouiki: the CLI bundle and its V8 code cache, the precompiled default rule pack and the
// embedded municipality code list. Run by `npm install` (prepare) and `npm run build`.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { Script } from 'node:vm';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  define: { __KOUIKI_VERSION__: JSON.stringify(pkg.version) },
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __kouikiCreateRequire } from 'node:module'; const require = __kouikiCreateRequire(import.meta.url);" },
};

// cli-table3 measures every cell line with string-width@4, which compiles a large emoji regex
// per call; give it kouiki's own width function (src/report/width.ts) instead.
const fastWidth = {
  name: 'fast-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, (args) =>
      args.importer.includes(`${'node_modules'}/cli-table3/`) ? { path: 'string-width', namespace: 'kouiki-width' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'kouiki-width' }, () => ({
      contents: `module.exports = require(${JSON.stringify(join(root, 'src/report/width.ts'))}).displayWidth;`,
      loader: 'js',
      resolveDir: root,
    }));
    // Cell#draw truncates the whole cell to 10 columns, one character at a time, on every line it
    // draws, only to feed a debug log that is off: quadratic in the cell's length. Skip it.
    // Commander requires child_process at load, for executable subcommands kouiki does not have:
    // loading it cost every run a couple of milliseconds. Require it when a spawn happens.
    b.onLoad({ filter: /commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      const patched = src.replace("const childProcess = require('node:child_process');", "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };");
      if (patched === src) throw new Error('commander changed: update the child_process patch in scripts/build.mjs');
      return { contents: patched, loader: 'js' };
    });
    b.onLoad({ filter: /cli-table3[\\/]src[\\/]cell\.js$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      const patched = src.replace('let content = utils.truncate(this.content, 10, this.truncate);', "let content = '';");
      if (patched === src) throw new Error('cli-table3 changed: update the cell.js patch in scripts/build.mjs');
      return { contents: patched, loader: 'js' };
    });
  },
};

// The CLI: one CommonJS bundle, loaded by bin/kouiki.cjs with a V8 code cache (see there). Each
// command's modules are still evaluated only when it runs: esbuild wraps every dynamically
// imported module in a lazy initialiser, and turns `import()` into those calls (a vm.Script has
// no ES module loader behind it). The wizard's prompt library is a bundle of its own
// (dist/prompts.cjs), read from disk only when the wizard asks a question.
const promptsExternal = {
  name: 'prompts-external',
  setup(b) {
    b.onResolve({ filter: /^@inquirer\/prompts$/ }, () => ({ path: './prompts.cjs', external: true }));
  },
};
// The HTML reports and the workbooks (with exceljs, 1.5 MB) are bundles of their own too
// (dist/report-html.cjs, dist/report-xlsx.cjs): a run that asks for neither never reads them.
const REPORT_BUNDLES = [
  { entry: 'src/report/html/index.ts', out: 'report-html.cjs' },
  { entry: 'src/report/xlsx/index.ts', out: 'report-xlsx.cjs' },
];
// Loaded through src/cli/lazy-bundle.ts, with a code cache of their own (written below).
const reportsExternal = {
  name: 'reports-external',
  setup(b) {
    b.onResolve({ filter: /[\\/]report[\\/](html|xlsx)[\\/]index\.js$/ }, (args) => {
      const target = join(args.resolveDir, args.path).replace(/\.js$/, '.ts');
      const bundle = REPORT_BUNDLES.find((x) => join(root, x.entry) === target);
      return bundle ? { path: bundle.out, namespace: 'kouiki-report-bundle' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'kouiki-report-bundle' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(join(root, 'src/cli/lazy-bundle.ts'))}).loadBundle(${JSON.stringify(args.path)});`,
      loader: 'js',
      resolveDir: root,
    }));
  },
};
const cjs = {
  ...common,
  format: 'cjs',
  banner: { js: '' },
  // The bundle runs as CommonJS: `import.meta.url` is its own file's URL.
  define: { ...common.define, 'import.meta.url': '__kouikiFileUrl' },
  inject: [join(root, 'scripts/cjs-file-url.js')],
  supported: { 'dynamic-import': false },
  minifySyntax: true,
  minifyWhitespace: true,
};
await build({ ...cjs, plugins: [fastWidth, promptsExternal, reportsExternal], entryPoints: [join(root, 'src/cli/bundle.ts')], outfile: join(dist, 'kouiki.cjs') });
for (const x of REPORT_BUNDLES) await build({ ...cjs, entryPoints: [join(root, x.entry)], outfile: join(dist, x.out) });
// Their code caches: compiled with CommonJS's wrapper exactly as src/cli/lazy-bundle.ts does, run
// (their top level: exceljs defines its classes), then cached. A Node that rejects the cache
// compiles the bundle as usual.
mkdirSync(join(dist, 'cache'), { recursive: true });
for (const x of REPORT_BUNDLES) {
  const file = join(dist, x.out);
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'utf8')}\n})`, { filename: file });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(file), mod, file, dist);
  writeFileSync(join(dist, 'cache', `${x.out}.cache`), script.createCachedData());
}
await build({ ...cjs, entryPoints: [join(root, 'node_modules/@inquirer/prompts')], outfile: join(dist, 'prompts.cjs') });
// The first line names the build: bin/kouiki.cjs uses a code cache only with the bundle it was
// made from (V8 itself compares a cache with its source by length).
const bundlePath = join(dist, 'kouiki.cjs');
const bundle = readFileSync(bundlePath, 'utf8');
if (/\bimport\(/.test(bundle.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, ''))) throw new Error('dist/kouiki.cjs still contains import(): a vm.Script cannot run it');
// esbuild escapes non-ASCII text in strings but not in regular expression literals; escape the
// rest too (\uXXXX means the same there), so the bundle is ASCII and bin/kouiki.cjs reads it as
// latin1, which skips UTF-8 decoding (about 1.5 ms of every start).
const ascii = bundle.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const buildId = createHash('sha256').update(ascii).digest('hex').slice(0, 16);
writeFileSync(bundlePath, `// kouiki ${pkg.version} build ${buildId}\n${ascii}`);

// Build-time tools: compile the default pack (validated by the same loader the CLI uses).
await build({ ...common, entryPoints: { 'build-tools': join(root, 'scripts/build-tools.ts') }, outdir: join(dist, '.build') });
const tools = await import(pathToFileURL(join(dist, '.build', 'build-tools.js')).href);
await tools.compileAll({ root, dist });
rmSync(join(dist, '.build'), { recursive: true, force: true });

// The code caches and fast.json (version, top-level help): bin/kouiki.cjs runs the everyday
// commands in one process (src/cli/code-cache-training.ts) and writes a cache from all of them,
// plus one per command from that command's runs only (smaller, so faster to load: 7 ms of CPU
// off a check of the example drafts), two processes at a time. After the pack and the data are
// compiled, since the runs read them. stdout is a pipe, so the help is rendered at commander's
// 80 columns, the width the fast path serves it for.
const COMMANDS = ['recommend', 'evaluate', 'check', 'eligibility', 'sphere', 'instruments', 'explain', 'rules', 'schema'];
const bin = join(root, 'bin', 'kouiki.cjs');
const train = (command) =>
  new Promise((resolveRun, rejectRun) => {
    const child = spawn(process.execPath, [bin], {
      cwd: root,
      env: { ...process.env, KOUIKI_BUILD_CODE_CACHE: '1', KOUIKI_CODE_CACHE_COMMAND: command ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', rejectRun);
    child.on('close', (code) => (code === 0 ? resolveRun() : rejectRun(new Error(`writing the code cache ${command ?? 'all'} failed:\n${err}`))));
  });
const queue = [undefined, ...COMMANDS];
await Promise.all([0, 1].map(async () => {
  while (queue.length > 0) await train(queue.shift());
}));
