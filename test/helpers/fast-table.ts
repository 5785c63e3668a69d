// Vitest setup: give cli-table3 the same two fixes the build gives the bundle (scripts/build.mjs),
// so in-process runs of table output are as fast as the binary's: kouiki's display-width
// function instead of string-width@4, and no debug-only truncation in Cell#draw. Without them a
// table of a few tasks takes seconds in-process.
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { displayWidth } from '../../src/report/width.js';

const require = createRequire(import.meta.url);
const tableMain = require.resolve('cli-table3');
const tableRequire = createRequire(tableMain);
const cache = require.cache as Record<string, unknown>;

const widthPath = tableRequire.resolve('string-width');
if (!cache[widthPath]) {
  const m = new Module(widthPath);
  m.filename = widthPath;
  m.exports = displayWidth;
  m.loaded = true;
  cache[widthPath] = m;
}

const cellPath = tableRequire.resolve('./src/cell.js');
if (!cache[cellPath]) {
  const src = readFileSync(cellPath, 'utf8');
  const patched = src.replace('let content = utils.truncate(this.content, 10, this.truncate);', "let content = '';");
  if (patched === src) throw new Error('cli-table3 changed: update test/helpers/fast-table.ts (and scripts/build.mjs)');
  const m = new Module(cellPath) as Module & { _compile(code: string, file: string): void; paths: string[] };
  m.filename = cellPath;
  m.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(cellPath));
  m._compile(patched, cellPath);
  m.loaded = true;
  cache[cellPath] = m;
}
