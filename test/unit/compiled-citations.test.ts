import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citationEntries, citationIndex, type CitationEntries } from '../../src/core/citation.js';
import { compiledCitationsFile, compiledDefaultPack, type CompiledPackFile } from '../../src/rules-tools/default.js';

// The build stores the default pack's citation index (one file per language beside
// dist/default-pack.json), so a run does not walk and format the whole pack: it must be the
// index the pack itself gives.
describe('the citation index compiled into dist/', () => {
  const dist = join(__dirname, '..', '..', 'dist');
  const file = JSON.parse(readFileSync(join(dist, 'default-pack.json'), 'utf8')) as CompiledPackFile;
  const stored = (lang: 'ja' | 'en'): CitationEntries => JSON.parse(readFileSync(join(dist, compiledCitationsFile(lang)), 'utf8')) as CitationEntries;

  it('is the index computed from the compiled data, in both languages', () => {
    for (const lang of ['ja', 'en'] as const) {
      expect(stored(lang)).toEqual(citationEntries(file.data, lang));
      expect(stored(lang).length).toBeGreaterThan(100);
    }
  });

  it('is the one the compiled default pack answers with', () => {
    const pack = compiledDefaultPack();
    expect(pack).not.toBeNull();
    expect([...citationIndex(pack!.data, 'ja')]).toEqual(stored('ja'));
    expect([...citationIndex(pack!.data, 'en')]).toEqual(stored('en'));
  });
});
