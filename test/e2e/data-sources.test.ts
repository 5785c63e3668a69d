import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kouiki, ROOT } from '../helpers/cli.js';
import { expectGolden } from '../helpers/golden.js';

/**
 * `kouiki data sources` through the built binary: the counts of the embedded data (every
 * municipality's population, area and daytime population from e-Stat 000032143614), the
 * unconfirmed figures, the files and their terms of use, and a --data file counted in its layer.
 * One golden file per format and language.
 */

const AS_OF = ['--as-of', '2026-12-04'];
const TOTTORI = join(ROOT, 'test', 'fixtures', 'estat', 'tottori-2020.yaml');

describe('kouiki data sources (built binary)', () => {
  for (const lang of ['en', 'ja'] as const) {
    it(`table (${lang})`, () => {
      const r = kouiki(['data', 'sources', '--lang', lang, ...AS_OF], { env: { COLUMNS: '120' } });
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      expectGolden(`data/sources.${lang}.table.txt`, r.stdout);
    });
  }

  it('markdown (en)', () => {
    const r = kouiki(['data', 'sources', '-f', 'markdown', '--lang', 'en', ...AS_OF]);
    expect(r.code).toBe(0);
    expectGolden('data/sources.en.md', r.stdout);
  });

  it('json: the counts, sources and files; byte-stable', () => {
    const r = kouiki(['data', 'sources', '-f', 'json', ...AS_OF]);
    expect(r.code).toBe(0);
    expectGolden('data/sources.json', r.stdout);
    const doc = JSON.parse(r.stdout) as { coverage: { figures: { figure: string; count: number }[]; unconfirmed: { municipality: string }[] }; files: { file: string; rows?: number }[] };
    const count = (f: string) => doc.coverage.figures.find((x) => x.figure === f)!.count;
    expect([count('population'), count('area'), count('imputedDaytimePopulation'), count('daytimePopulation')]).toEqual([1741, 1741, 1741, 2]);
    expect(doc.coverage.unconfirmed.map((u) => u.municipality)).toEqual(['水戸市', '倉敷市']);
    expect(doc.files.find((f) => f.file === 'data/census/2020.csv')!.rows).toBe(1965);
    expect(kouiki(['data', 'sources', '-f', 'json', ...AS_OF]).stdout).toBe(r.stdout);
  });

  it('a --data file written by data import is counted in the import layer', () => {
    const r = kouiki(['data', 'sources', '--data', TOTTORI, '-f', 'json', ...AS_OF]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { dataFiles: string[]; coverage: { figures: { figure: string; count: number; sources: { layer: string; count: number; source: string }[] }[] } };
    expect(doc.dataFiles).toEqual([TOTTORI]);
    const ws = doc.coverage.figures.find((x) => x.figure === 'workersAndStudents')!;
    expect(ws.count).toBe(19);
    expect(ws.sources[0]).toMatchObject({ layer: 'import', count: 19 });
    expect(ws.sources[0]!.source).toMatch(/0003454527/);
    const pop = doc.coverage.figures.find((x) => x.figure === 'population')!;
    expect(pop.sources.map((s) => [s.layer, s.count])).toEqual([
      ['embedded', 1722],
      ['import', 19],
    ]);
  });

  it('a broken --data file: exit 2 with its line, nothing on stdout', () => {
    const r = kouiki(['data', 'sources', '--data', join(ROOT, 'test', 'fixtures', 'bad-category.yaml'), ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad-category\.yaml/);
  });
});
