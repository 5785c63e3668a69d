// Builds kouiki: one ESM bundle per command (lazy chunks), the precompiled default rule pack and
// the embedded municipality code list. Run by `npm install` (prepare) and `npm run build`.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
    b.onLoad({ filter: /cli-table3[\\/]src[\\/]cell\.js$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      const patched = src.replace('let content = utils.truncate(this.content, 10, this.truncate);', "let content = '';");
      if (patched === src) throw new Error('cli-table3 changed: update the cell.js patch in scripts/build.mjs');
      return { contents: patched, loader: 'js' };
    });
  },
};

// The CLI: entry + lazily imported chunks (each command's modules load only when it runs).
await build({
  ...common,
  plugins: [fastWidth],
  entryPoints: { cli: join(root, 'src/cli/entry.ts') },
  outdir: dist,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  minifySyntax: true,
  minifyWhitespace: true,
});

// Build-time tools: compile the default pack (validated by the same loader the CLI uses).
await build({ ...common, entryPoints: { 'build-tools': join(root, 'scripts/build-tools.ts') }, outdir: join(dist, '.build') });
const tools = await import(pathToFileURL(join(dist, '.build', 'build-tools.js')).href);
await tools.compileAll({ root, dist });
rmSync(join(dist, '.build'), { recursive: true, force: true });
