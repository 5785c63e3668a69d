import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CENSUS_CSV, COMPILED_CENSUS_FILE, compileCensus as compileCensusText } from '../src/io/municipal-census.js';

/**
 * The build's data step (scripts/build-data.mjs `compileData`, called by scripts/build.mjs):
 * data/census/2020.csv → dist/census-2020.txt, the compact form the CLI reads a row at a time.
 * A broken CSV fails the build with its file and line.
 */
export function compileCensus({ root, dist }: { root: string; dist: string }): void {
  writeFileSync(join(dist, COMPILED_CENSUS_FILE), compileCensusText(join(root, CENSUS_CSV)));
}
