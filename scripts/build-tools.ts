import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { sha256 } from '../src/io/hash.js';
import { join } from 'node:path';
import { formatUserError, UserError } from '../src/errors.js';
import { COMPILED_PACK_FILE, listPackFiles, loadPackDir, type CompiledPackFile } from '../src/rules-tools/load.js';
import { compiledCitationsFile } from '../src/rules-tools/default.js';
import { COMPILED_DATA_FILE, compileDataFile } from '../src/io/municipalities.js';
import { citationEntries } from '../src/core/citation.js';

/**
 * Compiles what the CLI reads at start-up into JSON: the default rule pack (validated; a broken
 * pack fails the build with file:line:col), keyed to the sizes, mtimes and hashes of its YAML so that an
 * edit to rules/ is noticed at run time; likewise the embedded municipality data.
 */
export async function compileAll({ root, dist }: { root: string; dist: string }): Promise<void> {
  const rulesDir = join(root, 'rules');
  try {
    const { pack } = loadPackDir(rulesDir, { isDefault: true });
    const sources = listPackFiles(rulesDir).map((file) => {
      const path = join(rulesDir, file);
      const st = statSync(path);
      return { file, size: st.size, mtimeMs: st.mtimeMs, sha256: sha256(readFileSync(path)) };
    });
    const out: CompiledPackFile = { format: 1, sources, data: pack.data };
    writeFileSync(join(dist, COMPILED_PACK_FILE), JSON.stringify(out));
    // The citation index too (every reference formatted, one file per language), which each
    // run would otherwise build by walking the whole pack.
    for (const lang of ['ja', 'en'] as const) writeFileSync(join(dist, compiledCitationsFile(lang)), JSON.stringify(citationEntries(pack.data, lang)));
    // The embedded municipality data and the code list of every municipality (read only by the
    // eligibility command): validated like the pack, stale-checked the same way at run time.
    writeFileSync(join(dist, COMPILED_DATA_FILE), JSON.stringify(compileDataFile()));
  } catch (err) {
    if (err instanceof UserError) {
      process.stderr.write(`${formatUserError(err, 'en')}\n`);
      process.exit(2);
    }
    throw err;
  }
}
