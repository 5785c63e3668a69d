import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citationEntries, citationIndex } from '../../src/core/citation.js';
import { compiledDefaultPack, type CompiledPackFile } from '../../src/rules-tools/default.js';

// The build stores the default pack's citation index (both languages) in dist/default-pack.json,
// so a run does not walk and format the whole pack: it must be the index the pack itself gives.
describe('the citation index compiled into dist/default-pack.json', () => {
  const file = JSON.parse(readFileSync(join(__dirname, '..', '..', 'dist', 'default-pack.json'), 'utf8')) as CompiledPackFile;

  it('is the index computed from the compiled data, in both languages', () => {
    expect(file.citations).toBeDefined();
    expect(file.citations).toEqual(citationEntries(file.data));
    expect(file.citations!.en.length).toBeGreaterThan(100);
  });

  it('is the one the compiled default pack answers with', () => {
    const pack = compiledDefaultPack();
    expect(pack).not.toBeNull();
    expect([...citationIndex(pack!.data, 'ja')]).toEqual(file.citations!.ja);
    expect([...citationIndex(pack!.data, 'en')]).toEqual(file.citations!.en);
  });
});
