// The data build steps, separate from scripts/build.mjs (which calls `compileData`):
//
//   node scripts/build-data.mjs census   regenerate data/census/2020.csv from the xlsx beside it
//                                        (npm run data:census; needs the devDependency exceljs)
//   node scripts/build-data.mjs mergers FILE
//                                        regenerate data/mergers/history.csv from the municipality
//                                        converter's CSV (see data/mergers/README.md)
//   compileData({ root, dist })          compile data/census/*.csv into dist/ (every build)
//
// The TypeScript of each step is bundled by esbuild into a temporary file and run from there,
// the way scripts/build.mjs runs scripts/build-tools.ts.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function load(entry) {
  // Inside the package, so that the step's imports (exceljs, yaml) resolve from node_modules.
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'kouiki-build-data-'));
  try {
    const outfile = join(dir, 'step.mjs');
    await build({ entryPoints: [join(root, entry)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning', absWorkingDir: root });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Compiles the embedded census tables into dist/ (called by scripts/build.mjs). */
export async function compileData({ root: r = root, dist }) {
  const step = await load('scripts/build-data-compile.ts');
  step.compileCensus({ root: r, dist });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const what = process.argv[2];
  if (what === 'census') await (await load('scripts/build-data-census.ts')).main(root);
  else if (what === 'mergers') (await load('scripts/build-data-mergers.ts')).main(root, process.argv[3]);
  else {
    process.stderr.write('usage: node scripts/build-data.mjs census | mergers FILE\n');
    process.exit(2);
  }
}
