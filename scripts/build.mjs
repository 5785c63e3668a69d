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

// The CLI: entry + lazily imported chunks (each command's modules load only when it runs).
await build({
  ...common,
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
