import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The installed package's root (where `rules/`, `data/` and `dist/` live). Found by walking up
 * from this module, so it works the same from the bundle (dist/) and from the sources (tests).
 */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj)) {
      try {
        if ((JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name === 'kouiki') return (root = dir);
      } catch {
        /* not ours; keep walking */
      }
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error('kouiki: cannot find the package root (package.json named "kouiki")');
}

export const defaultRulesDir = (): string => join(packageRoot(), 'rules');
export const distDir = (): string => join(packageRoot(), 'dist');

let installed: boolean | undefined;

/**
 * An installed package (no src/ beside dist/: npm installs only bin, dist, rules, data, examples
 * and schemas) trusts its own dist/: the build compiled rules/ and data/ into it, and nothing
 * edits them after. A checkout with src/ checks dist/ against rules/ and data/ (an edit there
 * is read at the next run without a rebuild).
 */
export function trustsDist(): boolean {
  installed ??= !existsSync(join(packageRoot(), 'src'));
  return installed;
}
