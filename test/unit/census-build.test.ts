import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractMajorResults } from '../../scripts/build-data-census.js';
import { normalizeCode } from '../../src/core/eligibility/model.js';
import { CENSUS_CSV, COMPILED_CENSUS_FILE, compileCensus, parseCensusCsv } from '../../src/io/municipal-census.js';
import { embeddedBase } from '../../src/io/municipalities.js';
import { distDir, packageRoot } from '../../src/io/paths.js';

/**
 * The embedded national census (data/census/): the committed CSV is exactly what the script makes
 * of the official xlsx, it covers every municipality of the code list, and its figures are the
 * 確定 ones.
 */

const root = packageRoot();
const csvText = readFileSync(join(root, CENSUS_CSV), 'utf8');
const rows = parseCensusCsv(csvText, CENSUS_CSV);
const byName = (pref: string, name: string) => rows.find((r) => r.prefecture === pref && r.name === name)!;

describe('data/census/2020.csv', () => {
  it('is what scripts/build-data-census.ts makes of the xlsx (run `npm run data:census` after replacing the xlsx)', async () => {
    const made = await extractMajorResults(join(root, 'data', 'census', 'major-results-2020.xlsx'));
    expect(made === csvText, 'data/census/2020.csv differs from the xlsx: run npm run data:census').toBe(true);
  }, 60_000);

  it('has Japan, 47 prefectures, 1,741 municipalities (23 special wards among them), 特別区部 and the 175 wards of the 20 designated cities', () => {
    const count = (t: string) => rows.filter((r) => r.areaType === t).length;
    expect(count('a')).toBe(48);
    const specialWards = rows.filter((r) => r.areaType === '0' && r.code.startsWith('131'));
    expect(specialWards).toHaveLength(23);
    expect(count('0') - specialWards.length).toBe(175);
    expect(rows.filter((r) => r.areaType === '1' && r.code !== '13100')).toHaveLength(20);
    expect(count('2') + count('3') + 20 + 23).toBe(1741);
  });

  it('holds the 確定 (final) figures, not the 速報: 小田原市 188,856 (速報 188,986), Japan 126,146,099', () => {
    expect(byName('神奈川県', '小田原市').values.population).toBe('188856');
    expect(byName('全国', '全国').values.population).toBe('126146099');
    // 2015 (組替): 小田原市 194,086, as the prefecture's 2015 figure; 姫路市 535,664 (市町要覧)
    expect(byName('神奈川県', '小田原市').values.population2015).toBe('194086');
    expect(byName('兵庫県', '姫路市').values.population2015).toBe('535664');
    // 倉敷市: the 昼夜間人口比率 of this file is the 不詳補完値 97.98 (a raw table says 98.96)
    expect(byName('岡山県', '倉敷市').values.dayNightRatio).toBe('97.98437');
    // 昼間人口 = 夜間人口 − 流出 + 流入, for every area that has all four
    for (const r of rows) {
      const v = r.values;
      if ([v.population, v.daytimePopulation, v.outflow, v.inflow].some((x) => x === '-')) continue;
      expect(Number(v.population) - Number(v.outflow) + Number(v.inflow), r.name).toBe(Number(v.daytimePopulation));
    }
  });

  it('covers every municipality of the code list but the six 北方領土 villages, under the same name (one variant form)', () => {
    const census = new Map(rows.map((r) => [normalizeCode(r.code), r]));
    const missing: string[] = [];
    // The census prints 高知県 梼原町 in its 旧字体 form 檮原町; the code is the same.
    const variants: Record<string, string> = { '394050': '檮原町' };
    for (const e of embeddedBase().codes) {
      const r = census.get(e.code);
      if (!r) missing.push(`${e.code} ${e.name}`);
      else expect(r.name, e.code).toBe(variants[e.code] ?? e.name);
    }
    expect(missing).toEqual(['016951 色丹村', '016969 泊村', '016977 留夜別村', '016985 留別村', '016993 紗那村', '017001 蘂取村']);
  });

  it('the build\'s compiled copy (dist/census-2020.txt) is what the CSV compiles to', () => {
    const path = join(distDir(), COMPILED_CENSUS_FILE);
    if (!existsSync(path)) return;
    const strip = (t: string) => t.slice(t.indexOf('\n'));
    expect(strip(readFileSync(path, 'latin1'))).toBe(strip(compileCensus(join(root, CENSUS_CSV))));
  });
});
