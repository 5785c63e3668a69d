import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { kouiki, ROOT } from '../helpers/cli.js';

/**
 * `kouiki data import` through the built binary, on the real-format fixtures of
 * test/fixtures/estat/ (鳥取県): the data file it writes, the shares computed from it by the
 * eligibility checks (pinned against hand-computed values), and its errors (exit 2, a line).
 */

const FIX = join(ROOT, 'test', 'fixtures', 'estat');
const AS_OF = ['--as-of', '2026-12-04'];
const tmp = (): string => mkdtempSync(join(tmpdir(), 'kouiki-import-'));

interface Rec {
  name: string;
  code: string;
  population?: number;
  imputedDaytimePopulation?: number;
  workersAndStudents?: number;
  census?: { year: number; kind: string };
  imported?: string;
  pastCensus?: { year: number; population: number }[];
  commuting?: { toMetroCores?: number; to: Record<string, number> };
  sources: Record<string, string>;
}

function importTo(files: string[], extra: string[] = []): { code: number; stderr: string; out: string; records: Rec[] } {
  const dir = tmp();
  const out = join(dir, 'tottori.yaml');
  const r = kouiki(['data', 'import', ...files.map((f) => join(FIX, f)), '-o', out, ...AS_OF, ...extra]);
  const records = r.code === 0 ? (parse(readFileSync(out, 'utf8')) as { municipalities: Rec[] }).municipalities : [];
  return { code: r.code, stderr: r.stderr, out, records };
}

describe('kouiki data import (built binary)', () => {
  const all = importTo(['tottori-commuting-2020.csv', 'tottori-population-2020.csv', 'tottori-daytime-2020.csv']);
  const get = (name: string) => all.records.find((m) => m.name === name)!;

  it('writes one record per municipality of 鳥取県, every figure with its source, census and date of import', () => {
    expect(all.code).toBe(0);
    expect(all.records).toHaveLength(19);
    const t = get('鳥取市');
    expect(t).toMatchObject({ code: '312011', census: { year: 2020, kind: '確定' }, imported: '2026-12-04', population: 188465, imputedDaytimePopulation: 193661, workersAndStudents: 104374 });
    expect(t.sources.population).toMatch(/0003445078.*2020年国勢調査、確定.*tottori-population-2020\.csv、kouiki data import 2026-12-04/);
    expect(t.sources.commuting).toMatch(/0003454527.*tottori-commuting-2020\.csv/);
    expect(t.sources.imputedDaytimePopulation).toMatch(/不詳補完値/);
    expect(all.stderr).toMatch(/Shift_JIS, 20 rows\) → 19 municipalities/);
  });

  it('commuting counts: to every other municipality (a designated city whole, each special ward), self left out', () => {
    const iwami = get('岩美町');
    expect(iwami.workersAndStudents).toBe(5682);
    expect(iwami.commuting!.to['鳥取市']).toBe(2564);
    expect(iwami.commuting!.to['岩美町']).toBeUndefined();
    const tottori = get('鳥取市');
    expect(tottori.commuting!.to['大阪市']).toBe(50);
    expect(tottori.commuting!.to['千代田区']).toBe(3);
    expect(Object.keys(tottori.commuting!.to).some((k) => /区$/.test(k) && !['千代田区', '中央区', '港区', '新宿区', '文京区', '江東区', '品川区', '世田谷区', '渋谷区', '中野区', '豊島区', '板橋区', '江戸川区'].includes(k))).toBe(false);
    // the metro cores: the 23 special wards 24, 横浜市 3, 川崎市 2, 名古屋市 3, 京都市 17, 大阪市 50, 神戸市 54
    expect(tottori.commuting!.toMetroCores).toBe(153);
  });

  it('the partner shares computed from the import are the hand-computed ones (岩美町 2,564 / 5,682; 八頭町 4,313 / 8,942)', () => {
    const share = (name: string): number => {
      const r = kouiki(['eligibility', name, '--partner-of', '鳥取市', '--designation', 'settlement-partner', '--data', all.out, '-f', 'json', ...AS_OF]);
      expect(r.code, r.stderr).toBe(0);
      const c = JSON.parse(r.stdout).results[0].designations[0].criteria.find((x: { id: string }) => x.id === 'commute-share');
      return c.actual;
    };
    expect(share('岩美町')).toBe(Math.round((2564 / 5682) * 10000) / 10000);
    expect(share('八頭町')).toBe(Math.round((4313 / 8942) * 10000) / 10000);
  });

  it('criterion C from the counts: 鳥取市 taken as in the 三大都市圏 has 153 / 104,374 to the metro cores', () => {
    const dir = tmp();
    const extra = join(dir, 'metro.yaml');
    writeFileSync(extra, 'version: 1\nmunicipalities:\n  - name: 鳥取市\n    metroArea: tokyo\n    source: "test: a what-if statement"\n');
    const r = kouiki(['eligibility', '鳥取市', '--designation', 'cooperation-central-city', '--data', all.out, '--data', extra, '-f', 'json', ...AS_OF]);
    expect(r.code, r.stderr).toBe(0);
    const c = JSON.parse(r.stdout).results[0].designations[0].criteria.find((x: { id: string }) => x.id === 'metro-core-commute-share');
    expect(c.actual).toBe(Math.round((153 / 104374) * 10000) / 10000);
    expect(c.status).toBe('pass');
  });

  it('population over several survey years: the latest is the population, the earlier ones pastCensus (SSDS A1101, UTF-8 with BOM, CRLF)', () => {
    const r = importTo(['tottori-population-ssds.csv']);
    expect(r.code, r.stderr).toBe(0);
    const t = r.records.find((m) => m.name === '鳥取市')!;
    expect(t.population).toBe(188465);
    expect(t.pastCensus).toEqual([{ year: 2015, population: 193717 }]);
    expect(t.sources.population).toMatch(/速報・確定の別は記載なし/);
  });

  it('the same figure from two files must agree (夜間人口 of the daytime table is the population)', () => {
    const dir = tmp();
    const bad = join(dir, 'pop.csv');
    writeFileSync(bad, readFileSync(join(FIX, 'tottori-population-2020.csv')).toString('latin1').replace('188,465', '188,466'), 'latin1');
    const r = kouiki(['data', 'import', bad, join(FIX, 'tottori-daytime-2020.csv'), '-o', join(dir, 'o.yaml'), ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/population of 鳥取市 differs between two files/);
    expect(existsSync(join(dir, 'o.yaml'))).toBe(false);
  });

  it('a broken CSV: exit 2 with the line, and the old output file is left untouched', () => {
    const dir = tmp();
    const out = join(dir, 'o.yaml');
    writeFileSync(out, 'old\n');
    const broken = join(dir, 'broken.csv');
    // A download cut short inside a cell.
    writeFileSync(broken, `${readFileSync(join(FIX, 'tottori-commuting-2020.csv'), 'utf8').split('\n').slice(0, 40).join('\n')}\n"2020_51","通勤`);
    const r = kouiki(['data', 'import', broken, '-o', out, ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.csv:41: a quote opened on line 41 is never closed/);
    expect(readFileSync(out, 'utf8')).toBe('old\n');
    // A value that is neither a number nor a mark: its line and column.
    writeFileSync(broken, readFileSync(join(FIX, 'tottori-commuting-2020.csv'), 'utf8').replace('"人","104374"', '"人","104,37"'));
    const v = kouiki(['data', 'import', broken, '-o', out, ...AS_OF]);
    expect(v.code).toBe(2);
    expect(v.stderr).toMatch(/broken\.csv:16:\d+: value "104,37" is neither a number nor a mark/);
    expect(readFileSync(out, 'utf8')).toBe('old\n');
  });

  it('a CSV that is not an e-Stat table, and a table of another kind: exit 2, saying what was expected', () => {
    const dir = tmp();
    const plain = join(dir, 'plain.csv');
    writeFileSync(plain, 'name,population\n鳥取市,188465\n');
    const r = kouiki(['data', 'import', plain, ...AS_OF, '--lang', 'ja']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/plain\.csv:3: e-Stat の統計表の CSV ではありません/);
    expect(r.stderr).toMatch(/tab_code, …, area_code/);
    const other = join(dir, 'households.csv');
    writeFileSync(other, '"tab_code","表章項目","area_code","地域","time_code","時間軸","unit","value"\n"01","世帯数","31201","鳥取市","2020000000","2020年","世帯","80000"\n');
    const o = kouiki(['data', 'import', other, ...AS_OF]);
    expect(o.code).toBe(2);
    expect(o.stderr).toMatch(/households\.csv:1: this table cannot be imported: .*世帯数/);
  });

  it('an area code no longer in the code list is reported by name, with its successor and what to do, and kept as a comment', () => {
    const dir = tmp();
    const old = join(dir, 'old.csv'); // made-up values, real codes
    writeFileSync(old, '"tab_code","表章項目","area_code","地域","time_code","時間軸","unit","value"\n"020","人口","31201","鳥取市","2000000000","2000年","人","1000"\n"020","人口","31301","国府町","2000000000","2000年","人","100"\n');
    const r = kouiki(['data', 'import', old, '-o', join(dir, 'o.yaml'), ...AS_OF]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: 国府町 \(313017\) is not in today's code list: it became part of 鳥取県鳥取市 on 2004-11-01 \(編入\)/);
    expect(readFileSync(join(dir, 'o.yaml'), 'utf8')).toMatch(/#   国府町 \(313017\): 人口 2000: 100/);
  });

  it('test/fixtures/estat/tottori-2020.yaml (the example data of the guide) is what the import of the three fixtures writes', () => {
    const files = ['tottori-population-2020.csv', 'tottori-daytime-2020.csv', 'tottori-commuting-2020.csv'].map((f) => `test/fixtures/estat/${f}`);
    const r = kouiki(['data', 'import', ...files, '--as-of', '2026-11-23', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout, 'regenerate it: kouiki data import <the three files> --as-of 2026-11-23 -o test/fixtures/estat/tottori-2020.yaml').toBe(readFileSync(join(FIX, 'tottori-2020.yaml'), 'utf8'));
  });

  it('to stdout when no -o is given', () => {
    const r = kouiki(['data', 'import', join(FIX, 'tottori-population-2020.csv'), ...AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# kouiki data import, 2026-12-04/);
    expect((parse(r.stdout) as { municipalities: unknown[] }).municipalities).toHaveLength(19);
  });
});
