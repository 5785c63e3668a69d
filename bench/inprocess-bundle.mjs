// The in-process measurements (bench/run.mjs, bench/elig-only.mjs) run kouiki's sources bundled
// by esbuild from bench/inprocess.ts, inside the repository so the bundle finds the package root
// (rules/) as the CLI does.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/** Builds bench/.build/NAME.mjs from bench/inprocess.ts and imports it. */
export async function inProcessModule(root, name) {
  const entry = join(root, 'bench', '.build', `${name}.mjs`);
  await build({
    entryPoints: [join(root, 'bench', 'inprocess.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: entry,
    logLevel: 'warning',
    banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" },
  });
  return import(pathToFileURL(entry).href);
}
