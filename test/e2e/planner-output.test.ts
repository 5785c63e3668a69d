// Issue 15, what a planner sees (items 6, 7, 8, 9, 14), through the built binary.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/report/text.js';
import { kouiki } from '../helpers/cli.js';

const AS_OF = ['--as-of', '2026-11-23'];
const EXAMPLE = 'examples/kensei-tasks.yaml';
// A URL is never cut (a cut one no longer opens): a line that is only a URL may run past the width.
const widest = (text: string): number => Math.max(...text.split('\n').filter((l) => !/^\s*https?:\/\/\S+$/.test(l)).map((l) => displayWidth(l)));
const at = (columns: number, args: string[]) => kouiki(args, { env: { COLUMNS: String(columns) } });

describe('item 8: the answer first', () => {
  it('evaluate begins with one summary table, then the detail (ja, en)', () => {
    const ja = kouiki(['evaluate', EXAMPLE, '--lang', 'ja', ...AS_OF]);
    expect(ja.code).toBe(0);
    expect(ja.stdout.startsWith('要約\n')).toBe(true);
    const head = ja.stdout.slice(0, ja.stdout.indexOf('課題ごとの詳細'));
    for (const h of ['課題', '分類', '第1候補（判定）', '第2候補（判定）', '主な理由']) expect(head).toContain(h);
    expect(head).toContain('観光の振興');
    expect(ja.stdout.indexOf('課題ごとの詳細')).toBeLessThan(ja.stdout.indexOf('■ 鳥獣被害対策'));
    const en = kouiki(['evaluate', EXAMPLE, '--lang', 'en', ...AS_OF]);
    expect(en.stdout.startsWith('Summary\n')).toBe(true);
    expect(en.stdout).toContain('First choice (verdict)');
  });

  it('--summary prints the summary alone, in a table and in Markdown', () => {
    const full = kouiki(['evaluate', EXAMPLE, '--lang', 'en', ...AS_OF]);
    const s = kouiki(['evaluate', EXAMPLE, '--summary', '--lang', 'en', ...AS_OF]);
    expect(s.code).toBe(0);
    expect(s.stdout).not.toContain('■ ');
    expect(s.stdout.split('\n').length).toBeLessThan(full.stdout.split('\n').length / 5);
    const md = kouiki(['evaluate', EXAMPLE, '--summary', '-f', 'markdown', '--lang', 'ja', ...AS_OF]);
    expect(md.stdout).toMatch(/^## 要約\n\n\| 課題 \| 分類 \| 第1候補（判定） \| 第2候補（判定） \| 主な理由 \|/);
    expect(md.stdout).not.toContain('### ');
  });
});

describe('item 8: eligibility of several cities, the answer first', () => {
  // Every central-city designation asked for, so none is left out as out of reach.
  const ALL = ['--designation', 'designated-city,core-city,cooperation-central-city,settlement-central-city'];
  it('begins with one verdict line per city and designation, then the detail (ja, en)', () => {
    const ja = kouiki(['eligibility', '鳥取市', '倉吉市', '--lang', 'ja', ...AS_OF, ...ALL]);
    expect(ja.code).toBe(0);
    expect(ja.stdout.startsWith('要約\n')).toBe(true);
    const head = ja.stdout.slice(0, ja.stdout.indexOf('市町村ごとの詳細'));
    for (const h of ['市町村', '指定', '判定', '決め手', '鳥取市', '倉吉市', '連携中枢都市']) expect(head).toContain(h);
    // 倉吉市 is a 市, not a 中核市: the 連携中枢都市 scale criterion fails, and the line says which.
    expect(head).toMatch(/✗ 満たさない[^\n]*│[^\n]*不適合: A 規模/);
    expect(head).not.toContain('■ ');
    expect(ja.stdout.indexOf('市町村ごとの詳細')).toBeLessThan(ja.stdout.indexOf('■ 鳥取市'));
    const en = kouiki(['eligibility', '鳥取市', '倉吉市', '--lang', 'en', ...AS_OF, ...ALL]);
    expect(en.stdout.startsWith('Summary\n')).toBe(true);
    expect(en.stdout).toContain('Deciding criteria');
    expect(en.stdout).toContain('Detail by municipality');
  });

  it('one city keeps its detail alone; --summary prints the verdicts alone (table, Markdown); JSON is unchanged', () => {
    const one = kouiki(['eligibility', '鳥取市', '--lang', 'en', ...AS_OF, ...ALL]);
    expect(one.stdout.startsWith('■ 鳥取市')).toBe(true);
    const full = kouiki(['eligibility', '鳥取市', '倉吉市', '米子市', '--lang', 'en', ...AS_OF, ...ALL]);
    const s = kouiki(['eligibility', '鳥取市', '倉吉市', '米子市', '--summary', '--lang', 'en', ...AS_OF, ...ALL]);
    expect(s.code).toBe(0);
    expect(s.stdout).not.toContain('■ ');
    expect(s.stdout).toContain('米子市');
    expect(s.stdout.split('\n').length).toBeLessThan(full.stdout.split('\n').length / 5);
    const md = kouiki(['eligibility', '鳥取市', '倉吉市', '--summary', '-f', 'markdown', '--lang', 'ja', ...AS_OF, ...ALL]);
    expect(md.stdout).toMatch(/^## 要約\n\n\| 市町村 \| 指定 \| 判定 \| 決め手 \|\n\|---\|---\|---\|---\|\n\| 鳥取市 \| 指定都市 \|/);
    // The verdict table (then the sources it rests on).
    expect(md.stdout.split('\n## 出典')[0]!.trim().split('\n')).toHaveLength(4 + 8);
    const json = JSON.parse(kouiki(['eligibility', '鳥取市', '倉吉市', '-f', 'json', ...AS_OF, ...ALL]).stdout);
    expect(json.results).toHaveLength(2);
  });

  it('the summary fits 60, 80 and 120 columns (a line per verdict when a table would not fit)', () => {
    for (const columns of [60, 80, 120]) {
      const r = at(columns, ['eligibility', '鳥取市', '倉吉市', '--summary', '--lang', 'en', ...AS_OF, ...ALL]);
      expect(widest(r.stdout)).toBeLessThanOrEqual(columns);
    }
    const narrow = at(60, ['eligibility', '鳥取市', '倉吉市', '--summary', '--lang', 'en', ...AS_OF, ...ALL]);
    expect(narrow.stdout).not.toContain('┌');
    expect(narrow.stdout.replace(/\n/g, ' ')).toContain('倉吉市 cooperation central city (連携中枢都市): ✗ does not meet — fails: A scale');
  });
});

describe('item 9: ties are shown as ties', () => {
  it('with no facts, the instruments share rank =1, the text says what would separate them, and no procedure is shown (en, ja)', () => {
    const en = kouiki(['recommend', '--lang', 'en', ...AS_OF]);
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/│ =1 +│ Cooperation/);
    expect(en.stdout).toContain('Tied for first: Cooperation agreement, Council');
    expect(en.stdout.replace(/\n/g, ' ')).toMatch(/The facts given do not separate them; these unknown facts would: .*Mode of cooperation \(mode\)/);
    expect(en.stdout).not.toContain('Procedure (');
    const ja = kouiki(['recommend', '--lang', 'ja', ...AS_OF]);
    expect(ja.stdout).toContain('第1位は同順位です: 連携協約、協議会');
    expect(ja.stdout).toContain('与えられた事実ではこれらを区別できません。次の事実が分かれば区別できます:');
    expect(ja.stdout).not.toContain('手続（');
    const doc = JSON.parse(kouiki(['recommend', '-f', 'json', '--lang', 'en', ...AS_OF]).stdout);
    const r = doc.results[0];
    expect(r.recommendations.slice(0, 2).map((x: { rank: number }) => x.rank)).toEqual([1, 1]);
    expect(r.tie.instruments).toContain('cooperation-agreement');
    expect(r.tie.separatedBy).toContain('mode');
  });

  it('the procedure is shown when one instrument leads', () => {
    const r = kouiki(['recommend', '--category', 'wide-area-issue', '--mode', 'delegate-execution', '--lang', 'en', ...AS_OF]);
    expect(r.stdout).toMatch(/│ 1 +│ Consignment/);
    expect(r.stdout).toContain('Procedure (Consignment of affairs):');
    expect(r.stdout).not.toContain('Tied for first');
  });
});

describe('item 7: tables fit the terminal', () => {
  for (const columns of [60, 80, 120]) {
    for (const lang of ['ja', 'en']) {
      it(`recommend, evaluate and instruments fit ${columns} columns (${lang})`, () => {
        for (const args of [
          ['recommend', '--category', 'essential-service', '--retain-authority', '--capacity-gap', '--party', '小田原市', '--party', '箱根町'],
          ['evaluate', EXAMPLE],
          ['instruments'],
        ]) {
          const r = at(columns, [...args, '--lang', lang, ...AS_OF]);
          expect(r.code).toBe(0);
          expect(widest(r.stdout)).toBeLessThanOrEqual(columns);
        }
      });
    }
  }

  it('the criteria tables of eligibility fit 60, 80 and 120 columns: five columns, four (the citation under the requirement), a list (ja, en)', () => {
    for (const lang of ['ja', 'en']) {
      for (const columns of [60, 80, 120]) {
        const r = at(columns, ['eligibility', '倉吉市', '--merge', '三朝町', '--designation', 'core-city,settlement-central-city', '--lang', lang, ...AS_OF]);
        expect(r.code).toBe(0);
        const boxes = r.stdout.split('\n').filter((l) => /^[┌│├└]/.test(l));
        if (columns === 60) expect(boxes).toEqual([]);
        else expect(Math.max(...boxes.map(displayWidth))).toBeLessThanOrEqual(columns);
        // The list and the wide table keep each citation on a line of its own (or whole in its cell).
        if (columns !== 80) expect(r.stdout.replace(/\s+/g, '')).toContain(lang === 'ja' ? '地方自治法第252条の22第1項' : 'LocalAutonomyActArt.252-22(1)');
      }
    }
    expect(at(80, ['eligibility', '倉吉市', '--lang', 'en', ...AS_OF]).stdout).toContain('│ Required [citation]');
    expect(at(120, ['eligibility', '倉吉市', '--lang', 'en', ...AS_OF]).stdout).toMatch(/│ Required +│ Citation/);
    expect(at(60, ['eligibility', '倉吉市', '--designation', 'cooperation-central-city', '--lang', 'en', ...AS_OF]).stdout).toMatch(/^✗ fail A scale/m);
  });

  it('the partner lists fit too: a table from 76 columns, a line per municipality below', () => {
    const partners = ['eligibility', '小田原市', '--partners', '--data', 'examples/kensei-commuting.example.yaml', '--lang', 'ja', ...AS_OF];
    const narrow = at(60, partners);
    expect(widest(narrow.stdout)).toBeLessThanOrEqual(60);
    expect(narrow.stdout).toContain('  中井町 8% - 目安未満（意思があれば参加できる）');
    expect(at(80, partners).stdout).toMatch(/│ 中井町 +│ 8% +│/);
  });

  it('a list layout below the table’s minimum width; English words are not cut', () => {
    const narrow = at(60, ['recommend', '--category', 'essential-service', '--lang', 'en', ...AS_OF]);
    expect(narrow.stdout).not.toContain('┌');
    expect(narrow.stdout).toMatch(/^=?1\. .+ — (recommended|possible) \d\.\d\d$/m);
    const wide = at(120, ['recommend', '--category', 'essential-service', '--lang', 'en', ...AS_OF]);
    expect(wide.stdout).toContain('│ Rank │ Instrument');
    expect(wide.stdout).toContain('Main reasons (citation)');
    const matrix = at(80, ['instruments', '--lang', 'en']);
    expect(matrix.stdout).toContain('Legal personality: ');
    expect(matrix.stdout).not.toMatch(/(^|│ )ersonality/m);
  });

  it('does not begin a line with closing punctuation (行頭禁則)', () => {
    const r = at(60, ['evaluate', EXAMPLE, '--lang', 'ja', ...AS_OF]);
    expect(r.stdout).not.toMatch(/\n\s*[）」、。]/);
  });
});

describe('item 14: CSV that opens in Excel', () => {
  it('a UTF-8 byte order mark and headers in the output language; --csv-header ids keeps the ids', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kouiki-csv-'));
    const ja = kouiki(['evaluate', EXAMPLE, '-f', `csv:${join(dir, 'ja.csv')}`, '--lang', 'ja', ...AS_OF]);
    expect(ja.code).toBe(0);
    const bytes = readFileSync(join(dir, 'ja.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').slice(1).split('\r\n')[0]).toBe('課題ID,課題名,分類,分類は推定,順位,制度ID,制度,判定,点数,理由,根拠,不明な事実');
    const en = kouiki(['evaluate', EXAMPLE, '-f', 'csv', '--lang', 'en', ...AS_OF]);
    expect(en.stdout.startsWith('\ufeffTask ID,Task,Category,')).toBe(true);
    const ids = kouiki(['evaluate', EXAMPLE, '-f', 'csv', '--csv-header', 'ids', '--lang', 'ja', ...AS_OF]);
    expect(ids.stdout.startsWith('task_id,task_name,category,category_inferred,rank,instrument,name,verdict,score,reasons,citations,unknown_facts\r\n')).toBe(true);
    const rec = kouiki(['recommend', '--category', 'essential-service', '-f', 'csv', '--lang', 'en', ...AS_OF]);
    expect(rec.stdout.startsWith('\ufeffTask ID,')).toBe(true);
  });
});

describe('item 6: no output contains an unfilled placeholder', () => {
  const runs: string[][] = [
    ['rules', 'doc'],
    ['recommend'],
    ['recommend', '--category', 'wide-area-issue', '--mode', 'coordination', '--party', '神奈川県', '--party', '小田原市'],
    ['recommend', '--category', 'essential-service', '--needs-legal-entity', '--cross-prefecture', '-f', 'markdown'],
    ['evaluate', EXAMPLE],
    ['evaluate', EXAMPLE, '-f', 'markdown'],
    ['evaluate', EXAMPLE, '-f', 'csv'],
    ['instruments'],
    ['instruments', 'council'],
    ['instruments', 'regional-federation', '-f', 'markdown'],
    ['eligibility', '小田原市'],
    ['eligibility', '小田原市', '--merge', '南足柄市'],
    ['explain', '--category', 'essential-service', '--retain-authority'],
    ['explain', '小田原市', '--designation', 'core-city'],
    ['check', 'examples/drafts/'],
    ['wizard', '--name', '鳥獣被害対策', '--mode', 'coordination'],
    ['recommend', '--as-of', '2014-01-01', '--category', 'essential-service'],
  ];
  for (const lang of ['ja', 'en']) {
    it(`none in ${lang}`, () => {
      for (const args of runs) {
        const r = kouiki([...args, '--lang', lang, ...AS_OF]);
        expect(r.code === 0 || r.code === 1, `${args.join(' ')}: ${r.stderr}`).toBe(true);
        expect(`${r.stdout}${r.stderr}`.match(/\{[A-Za-z]\w*\}/g), `kouiki ${args.join(' ')} --lang ${lang}`).toBeNull();
      }
    });
  }
});

describe('item 18: Japanese that reads naturally', () => {
  // A space between a Japanese word and its particle (「一部事務組合 が 6 位」), or a raw id after an arrow (「→ ordinance-transfer」).
  const SPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー] (が|を|は|に|より|で|と) /u;
  const RAW_ID = /→ `?[a-z]+(-[a-z]+)+/;

  it('evaluate, explain and eligibility in Japanese: no spaced particles, no raw ids in prose', () => {
    const outputs = [
      kouiki(['evaluate', EXAMPLE, '--lang', 'ja', ...AS_OF]).stdout,
      kouiki(['evaluate', EXAMPLE, '-f', 'markdown', '--lang', 'ja', ...AS_OF]).stdout,
      kouiki(['explain', '--category', 'essential-service', '--lang', 'ja', ...AS_OF]).stdout,
      kouiki(['eligibility', '小田原市', '--lang', 'ja', ...AS_OF]).stdout,
      kouiki(['eligibility', '小田原市', '--partners', '--data', 'examples/kensei-commuting.example.yaml', '--lang', 'ja', ...AS_OF]).stdout,
    ];
    for (const out of outputs) {
      expect(out).not.toMatch(SPACED);
      expect(out).not.toMatch(RAW_ID);
    }
    const [table, md, explain, eligibility, partners] = outputs as [string, string, string, string, string];
    expect(partners.startsWith('■ 小田原市への通勤通学割合')).toBe(true);
    // The prefecture's support measures name the instrument they lead to.
    expect(table).toContain('市町村の実状に応じた権限移譲 → 条例による事務処理の特例');
    expect(md).toContain('→ 条例による事務処理の特例');
    expect(explain).toMatch(/\S+が\S+より上: (判定「[^」]+」は「[^」]+」より上位|同じ判定で、点数)|\S+と\S+は同順位/);
    expect(explain).not.toContain('PRIORITY');
    // A criterion's note is introduced by its name, not its id.
    // A criterion's note is introduced by its name, not its id.
    expect(eligibility).toMatch(/^ {2}- B 昼夜間人口比率: 不詳補完値で判定/m);
    expect(eligibility).not.toMatch(/^ {2}- day-night-ratio:/m);
  });

  it('English keeps its wording, and names the instrument too', () => {
    const en = kouiki(['evaluate', EXAMPLE, '--lang', 'en', ...AS_OF]).stdout;
    expect(en).not.toMatch(RAW_ID);
    expect(en).toMatch(/→ [A-Z]/);
    expect(kouiki(['eligibility', '小田原市', '--lang', 'en', ...AS_OF]).stdout).toMatch(/^ {2}- day-night-ratio: /m);
  });
});

describe('item 5: no where-to-get-it hint for a figure nothing reads', () => {
  it('outside the 三大都市圏 the share to the metro cores is said to be not needed; inside or unknown, the hint stays (ja, en, markdown)', () => {
    const outside = kouiki(['eligibility', '鳥取市', '--metro-area', 'none', '--designation', 'cooperation-central-city', '--lang', 'ja', ...AS_OF]);
    expect(outside.code).toBe(0);
    expect(outside.stdout).toContain('三大都市圏の中心への通勤通学割合: 不明 — 判定に使わない（この数値を読む要件は適用されない）');
    expect(outside.stdout).not.toContain('0003454527');
    const en = kouiki(['eligibility', '鳥取市', '--metro-area', '三大都市圏外', '--designation', 'cooperation-central-city', '-f', 'markdown', '--lang', 'en', ...AS_OF]);
    expect(en.stdout).toContain('| commuting share to the metro cores | *unknown* | not needed (the criteria that read it do not apply) |');
    // 金沢市 lies in the 中部圏 (中部圏開発整備法): whether it is inside the 三大都市圏 is unknown.
    const unknown = kouiki(['eligibility', '金沢市', '--designation', 'cooperation-central-city', '--lang', 'en', ...AS_OF]);
    expect(unknown.stdout).toMatch(/commuting share to the metro cores: unknown — where to get it: 2020 census, place of work or schooling tabulation,\s+table 6-1[^]*municipalities of 石川県/);
  });
});

describe('item 12: shares as percentages in tables, fractions in JSON', () => {
  const args = ['eligibility', '--population', '230000', '--day-night-ratio', '98.96%', '--metro-area', 'tokyo', '--metro-core-commute-share', '0.12', '--kind', 'core-city', '--designation', 'cooperation-central-city', ...AS_OF];
  it('the share to the metro cores and its threshold read 12% and < 10%; the day/night ratio stays a ratio (ja, en, markdown)', () => {
    const ja = kouiki([...args, '--lang', 'ja']);
    expect(ja.stdout).toContain('三大都市圏の中心への通勤通学割合: 12% — コマンドライン');
    expect(ja.stdout).toMatch(/│ ✗ 不適合 +│ 12% +│ < 10% +│/);
    expect(ja.stdout).toMatch(/│ ~ 境界 +│ 0\.9896 +│/);
    const md = kouiki([...args, '-f', 'markdown', '--lang', 'en']);
    expect(md.stdout).toMatch(/\| ✗ fail \| 12% \| < 10% \|/);
    const json = JSON.parse(kouiki([...args, '-f', 'json']).stdout);
    const c = json.results[0].designations[0].criteria.find((x: { id: string }) => x.id === 'metro-core-commute-share');
    expect(c).toMatchObject({ actual: 0.12, required: '< 0.1' });
  });

  it('the partner lists show each share as a percentage', () => {
    const r = kouiki(['eligibility', '小田原市', '--partners', '--data', 'examples/kensei-commuting.example.yaml', '--lang', 'en', ...AS_OF]);
    expect(r.stdout).toMatch(/│ 真鶴町 +│ 30% +│ ✓ meets the guideline/);
    expect(r.stdout).toContain('(cooperation-partner): >= 10% (');
  });
});
