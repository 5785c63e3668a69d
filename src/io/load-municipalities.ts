import type { MunicipalityIndex, DataLayer, LayerOptions } from '../core/eligibility/index.js';
import type { BaseData } from '../core/eligibility/model.js';
import { buildIndex, compiledBase } from './municipal-base.js';

/**
 * The embedded data with `--data` files laid over it, in the order given. The YAML parser and
 * the schemas (./municipalities.ts) load only when there are files to read or the build is
 * stale. Its own file so that municipal-base.ts (the light part) and municipalities.ts do not
 * import each other. With `warnings`, a record whose name the code list does not know is reported
 * there; with `strict`, it is an error. With `cacheDir`, a large data file is read from its
 * compiled form when this build has seen the same text (./data-cache.ts).
 */
export async function loadMunicipalities(files: readonly string[], opts: { maxBytes: number; base?: BaseData; cacheDir?: string | null } & LayerOptions): Promise<MunicipalityIndex> {
  let base = opts.base ?? compiledBase();
  const layers: DataLayer[] = [];
  if (!base || files.length > 0) {
    const heavy = await import('./municipalities.js');
    base ??= heavy.embeddedBase();
    for (const f of files) layers.push(await heavy.readDataFile(f, opts.maxBytes, opts.cacheDir));
  }
  return buildIndex(base!, layers, { ...(opts.strict ? { strict: true } : {}), ...(opts.warnings ? { warnings: opts.warnings } : {}) });
}
