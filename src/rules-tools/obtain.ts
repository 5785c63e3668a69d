import { compiledDefaultPack } from './default.js';
import type { Pack } from '../pack/model.js';

/**
 * The pack a command runs on: `--rules DIR`, or the default (precompiled when possible). Its own
 * file so that default.ts (the fast path) and load.ts (the YAML, imported only when needed)
 * do not import each other.
 */
export async function obtainPack(rulesDir?: string): Promise<Pack> {
  if (!rulesDir) {
    const fast = compiledDefaultPack();
    if (fast) return fast;
  }
  const { loadPack } = await import('./load.js');
  return loadPack(rulesDir);
}
