import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Finding the configuration file, the light part (no YAML parser, no zod): every command looks
 * for one at start-up; reading it (./config.ts) loads the parser only when there is one.
 */
export const CONFIG_FILE_NAMES = ['kouiki.config.yaml', 'kouiki.config.yml'] as const;

/** kouiki.config.yaml in the directory or the nearest one above it; null when there is none. */
export function findConfig(cwd: string): string | null {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const p = join(dir, name);
      if (existsSync(p) && statSync(p).isFile()) return p;
    }
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}
