import { build } from 'esbuild';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/io/paths.js';

// What the everyday commands load at every start (issue 18's start-up targets): the engine and
// the name resolver must not pull in a parser or a schema library through a runtime import. A
// type-only import is fine (esbuild drops it, as the real build does). Caught once: the engine
// imported the affairs *schema* module for one accessor, and every `recommend` built the pack's
// zod schemas (12 ms of a 140 ms start).
const HEAVY = /node_modules[\\/](zod|yaml|js-yaml|exceljs|@inquirer)[\\/]/;

async function runtimeInputs(entry: string): Promise<string[]> {
  const r = await build({ entryPoints: [join(packageRoot(), entry)], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', logLevel: 'silent' });
  return Object.keys(r.metafile.inputs);
}

describe('the modules every start runs stay light', () => {
  for (const entry of ['src/core/recommend/evaluate.ts', 'src/core/recommend/infer.ts', 'src/core/parties/names.ts', 'src/core/eligibility/index.ts', 'src/io/municipal-base.ts']) {
    it(`${entry} bundles without zod, yaml or the prompts`, async () => {
      const heavy = (await runtimeInputs(entry)).filter((f) => HEAVY.test(f));
      expect(heavy).toEqual([]);
    });
  }

  it('the check: a heavy import is reported (the test can fail)', async () => {
    const heavy = (await runtimeInputs('src/pack/affairs-schema.ts')).filter((f) => HEAVY.test(f));
    expect(heavy.length).toBeGreaterThan(0);
  });
});
