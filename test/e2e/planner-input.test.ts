// Issue 15, the planner's own words (items 1, 2, 11, 12, 13, 15, 16), through the built binary.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kouiki } from '../helpers/cli.js';

const AS_OF = ['--as-of', '2026-11-23'];
const dir = mkdtempSync(join(tmpdir(), 'kouiki-planner-'));
const write = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const json = (args: string[]): { results: { category: { id: string | null }; unknownFacts: string[]; notes?: { message: string }[]; recommendations: { instrument: string; verdict: string; rank: number }[] }[]; asOf: string } => {
  const r = kouiki([...args, '-f', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};
const verdictOf = (doc: ReturnType<typeof json>, id: string): string => doc.results[0]!.recommendations.find((r) => r.instrument === id)!.verdict;

describe('item 1: parties are checked against the code list and the data, as check does', () => {
  it('a prefecture given as a city is an error naming both kinds (en, ja), not a silent ranking', () => {
    const en = kouiki(['recommend', '--party', '鳥取県:city', '--party', '岩美町:town', '--multiple-affairs', '--needs-legal-entity', '--lang', 'en', ...AS_OF]);
    expect(en.code).toBe(2);
    expect(en.stdout).toBe('');
    expect(en.stderr).toContain('--party 鳥取県:city: "鳥取県" is given as a city (city), but the data has it as a prefecture (prefecture)');
    const ja = kouiki(['recommend', '--party', '鳥取県:city', '--party', '岩美町:town', '--lang', 'ja', ...AS_OF]);
    expect(ja.code).toBe(2);
    expect(ja.stderr).toContain('「鳥取県」の種類が「市」とされていますが、データでは「都道府県」です');
  });

  it('unknown names get the closest names, the other parties’ prefecture first; a 中核市 given as a town is refused', () => {
    const r = kouiki(['recommend', '--party', 'ほげ町:town', '--party', '鳥取市:town', '--party', '岩見町', '--lang', 'en', ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--party ほげ町:town: no body named "ほげ町" in the municipality data');
    expect(r.stderr).toContain('"鳥取市" is given as a town (town), but the data has it as a core city (core-city)');
    expect(r.stderr).toMatch(/--party 岩見町: no body named "岩見町" in the municipality data \(did you mean "岩美町"/);
  });

  it('a kind left out comes from the data; `city` for a 中核市 becomes core-city with a note', () => {
    const doc = json(['recommend', '--party', '鳥取県', '--party', '鳥取市:city', '--party', '岩美町', '--multiple-affairs', '--needs-legal-entity', '--lang', 'en', ...AS_OF]);
    expect(verdictOf(doc, 'partial-affairs-union')).toBe('not-allowed'); // Art. 285: a prefecture in a multi-purpose union
    expect(doc.results[0]!.notes!.map((n) => n.message)).toContain('鳥取市 is a core city in the data, so its kind is taken as core-city, not city');
  });

  it('the same in evaluate, with the position in the task list', () => {
    const file = write('bad-party.yaml', 'tasks:\n  - name: x\n    facts:\n      parties:\n        - { name: 鳥取県, kind: city }\n        - 岩美町\n');
    const r = kouiki(['evaluate', file, '--lang', 'en', ...AS_OF]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad-party\.yaml:5:30: "鳥取県" is given as a city/);
  });
});

describe('item 2: the 47 prefectures are parties by name in check', () => {
  it('a prefecture in a multi-purpose union fires Art. 285 (instrument-allowed), with no inline record', () => {
    const file = write('pref.yaml', 'version: 1\nname: 鳥取の例\nscheme: none\nprojects:\n  - name: ごみ処理と火葬場\n    category: essential-service\n    instrument: partial-affairs-union\n    parties: [鳥取県, 鳥取市, 岩美町]\n    costSharing: 均等割\n    facts: { multipleAffairs: true, needsLegalEntity: true }\n');
    const r = kouiki(['check', file, '--lang', 'en', ...AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('unknown-municipality');
    expect(r.stdout).toMatch(/instrument-allowed/);
    expect(r.stdout).toContain('Art. 285');
    const ja = kouiki(['check', file, '--lang', 'ja', ...AS_OF]);
    expect(ja.stdout).toContain('都道府県は加入できない');
  });
});

describe('item 11: Japanese names for every id', () => {
  it('in flags: category, fact values, party kinds, instruments, designations, kinds — ids in the output', () => {
    const doc = json(['recommend', '--category', '広域的課題', '--mode', '連絡調整のみ', '--setup-urgency', '急ぐ', '--party', '鳥取市:中核市', '--party', '岩美町:町', '--lang', 'en', ...AS_OF]);
    expect(doc.results[0]!.category.id).toBe('wide-area-issue');
    expect(doc.results[0]!.unknownFacts).not.toContain('mode');
    const inst = kouiki(['instruments', '一部事務組合', '--lang', 'en', ...AS_OF]);
    expect(inst.code).toBe(0);
    expect(inst.stdout).toContain('Partial-affairs union');
    const el = kouiki(['eligibility', '倉吉市', '--designation', '中核市', '--kind', '市', '--metro-area', '圏外', '-f', 'json', '--lang', 'en', ...AS_OF]);
    expect(el.code).toBe(0);
    expect(JSON.parse(el.stdout).results[0].designations.map((d: { designation: string }) => d.designation)).toEqual(['core-city']);
  });

  it('a name that matches nothing is refused with the closest ids and their names (en, ja)', () => {
    const en = kouiki(['recommend', '--mode', '連携', '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('--mode: "連携" is not one of the accepted values');
    const ja = kouiki(['instruments', 'proxy-executon', '--lang', 'ja']);
    expect(ja.code).toBe(2);
    expect(ja.stderr).toContain('proxy-execution（事務の代替執行）のことですか？');
  });

  it('in YAML: a task list in Japanese evaluates as the same list in ids, and the wizard saves ids', () => {
    const ja = write('ja-ids.yaml', 'tasks:\n  - name: 図書館\n    category: 広域的課題への取組\n    facts:\n      mode: 連絡調整のみ\n      needsLegalEntity: いいえ\n      parties: [{ name: 鳥取市, kind: 中核市 }, { name: 岩美町, kind: 町 }]\n');
    const ids = write('en-ids.yaml', 'tasks:\n  - name: 図書館\n    category: wide-area-issue\n    facts:\n      mode: coordination\n      needsLegalEntity: false\n      parties: [{ name: 鳥取市, kind: core-city }, { name: 岩美町, kind: town }]\n');
    const a = kouiki(['evaluate', ja, '-f', 'json', '--lang', 'en', ...AS_OF]);
    const b = kouiki(['evaluate', ids, '-f', 'json', '--lang', 'en', ...AS_OF]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const saved = join(dir, 'saved.yaml');
    const w = kouiki(['wizard', '--answers', ja, '--save', saved, '--lang', 'en', ...AS_OF]);
    expect(w.code).toBe(0);
    const text = readFileSync(saved, 'utf8');
    expect(text).toContain('category: wide-area-issue');
    expect(text).toContain('mode: coordination');
    expect(text).toContain('kind: core-city');
    expect(text).not.toMatch(/中核市|連絡調整/);
  });

  it('in a data file: kind and metro area by name', () => {
    const data = write('ja-data.yaml', 'municipalities:\n  - { name: 甲市, prefecture: 鳥取県, kind: 中核市, population: ２１００００, metroArea: 三大都市圏外 }\n');
    const r = kouiki(['eligibility', '甲市', '--data', data, '--designation', 'core-city', '-f', 'json', '--lang', 'en', ...AS_OF]);
    expect(r.code).toBe(0);
    const crit = JSON.parse(r.stdout).results[0].designations[0].criteria;
    expect(crit.find((c: { id: string }) => c.id === 'population').actual).toBe(210000);
  });
});

describe('item 12: dates and numbers as planners write them', () => {
  it('--as-of in 和暦, abbreviated, and with full-width digits', () => {
    for (const [given, iso] of [['令和8年4月1日', '2026-04-01'], ['R8.4.1', '2026-04-01'], ['平成27年4月1日', '2015-04-01'], ['２０２６／４／１', '2026-04-01']] as const) {
      expect(json(['recommend', '--category', 'wide-area-issue', '--as-of', given, '--lang', 'en']).asOf).toBe(iso);
    }
    const bad = kouiki(['recommend', '--as-of', '平成31年5月1日', '--lang', 'en']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--as-of: not a valid date: 平成31年5月1日 (outside the years of that era)');
    expect(bad.stderr).toContain('令和8年4月1日');
    const ja = kouiki(['recommend', '--as-of', 'R8.2.30', '--lang', 'ja']);
    expect(ja.stderr).toContain('（存在しない日付です）');
  });

  it('ratios and shares as percentages; a bare share above 1 says how to write it (en, ja)', () => {
    const pct = kouiki(['eligibility', '--population', '２１０，０００', '--day-night-ratio', '98.96%', '--metro-core-commute-share', '4.5%', '--kind', 'core-city', '--metro-area', 'tokyo', '--designation', 'cooperation-central-city', '-f', 'json', '--lang', 'en', ...AS_OF]);
    expect(pct.code).toBe(0);
    const c = JSON.parse(pct.stdout).results[0].designations[0].criteria;
    expect(c.find((x: { id: string }) => x.id === 'day-night-ratio').actual).toBe(0.9896);
    expect(c.find((x: { id: string }) => x.id === 'metro-core-commute-share').actual).toBe(0.045);
    // The census publishes the day/night ratio as a percentage: 98.96 can only be one.
    const bare = kouiki(['eligibility', '--population', '210000', '--day-night-ratio', '98.96', '--designation', 'cooperation-central-city', '-f', 'json', '--lang', 'en', ...AS_OF]);
    expect(JSON.parse(bare.stdout).results[0].designations[0].criteria.find((x: { id: string }) => x.id === 'day-night-ratio').actual).toBe(0.9896);
    const share = kouiki(['eligibility', '--population', '210000', '--metro-core-commute-share', '12', '--lang', 'en', ...AS_OF]);
    expect(share.code).toBe(2);
    expect(share.stderr).toContain('if 12 is a percentage, write "12%"');
    const ja = kouiki(['eligibility', '--population', '210000', '--metro-core-commute-share', '12', '--lang', 'ja', ...AS_OF]);
    expect(ja.stderr).toContain('12 が百分率なら「12%」と書いてください');
  });

  it('in a data file: 98.96% is 0.9896; a share of 12 is an error at its position', () => {
    const ok = write('pct.yaml', 'municipalities:\n  - { name: 甲市, prefecture: 鳥取県, kind: core-city, population: 210000, dayNightRatio: 98.96%, metroArea: none, metroCoreCommuteShare: "4.5%" }\n');
    const r = kouiki(['eligibility', '甲市', '--data', ok, '--designation', 'cooperation-central-city', '-f', 'json', '--lang', 'en', ...AS_OF]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results[0].designations[0].criteria.find((x: { id: string }) => x.id === 'day-night-ratio').actual).toBe(0.9896);
    const bad = write('pct-bad.yaml', 'municipalities:\n  - name: 甲市\n    prefecture: 鳥取県\n    metroCoreCommuteShare: 12\n');
    const e = kouiki(['eligibility', '甲市', '--data', bad, '--lang', 'en', ...AS_OF]);
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/pct-bad\.yaml:4:28: "metroCoreCommuteShare": expected <= 1; a share is a fraction from 0 to 1: write "12%"/);
  });
});

describe('item 13: names as planners write them', () => {
  it('ヶ/ケ, の/之, without 市町村, a ward of a designated city (with a note)', () => {
    const doc = json(['recommend', '--party', '鶴ケ島市', '--party', '中の条町', '--party', '小田原', '--party', '浜松市中央区', '--category', 'wide-area-issue', '--lang', 'en', ...AS_OF]);
    expect(doc.results[0]!.notes!.map((n) => n.message)).toContain('"浜松市中央区" is a ward (中央区) of 浜松市, so it is taken as 浜松市 (a ward of a designated city is not a local public entity)');
    expect(doc.results[0]!.unknownFacts).not.toContain('crossPrefecture');
    const ja = kouiki(['eligibility', '浜松市中央区', '--designation', 'core-city', '--lang', 'ja', ...AS_OF]);
    expect(ja.code).toBe(0);
    expect(ja.stderr).toContain('「浜松市中央区」は浜松市の区（中央区）のため、浜松市として扱います');
    expect(ja.stdout).toContain('■ 浜松市');
  });

  it('a name shared by several bodies is refused with each of them', () => {
    const r = kouiki(['recommend', '--party', '府中', '--party', '鳥取', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"府中" matches several bodies (東京都府中市, 広島県府中市, 府中町)');
    expect(r.stderr).toContain('"鳥取" matches several bodies (鳥取県, 鳥取市)');
  });
});

describe('item 15: did-you-mean for misspelt keys and ids', () => {
  it('task lists and data files suggest the key meant (en, ja)', () => {
    const tasks = write('keys.yaml', 'tasks:\n  - name: x\n    categroy: wide-area-issue\n    facts: { needLegalEntity: false }\n');
    const en = kouiki(['evaluate', tasks, '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('keys.yaml:3:5: unknown key "categroy" (did you mean "category"?)');
    expect(en.stderr).toContain('keys.yaml:4:14: unknown key "needLegalEntity" (did you mean "needsLegalEntity"?)');
    const data = write('keys-data.yaml', 'municipalities:\n  - { name: 甲市, prefecture: 鳥取県, popluation: 1 }\n');
    const ja = kouiki(['eligibility', '甲市', '--data', data, '--lang', 'ja']);
    expect(ja.code).toBe(2);
    expect(ja.stderr).toContain('不明なキー「popluation」（「population」のことですか？）');
  });

  it('an unknown category or instrument in YAML suggests the closest id', () => {
    const t = write('cat.yaml', 'tasks:\n  - name: x\n    category: wide-area-isue\n');
    const r = kouiki(['evaluate', t, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('(did you mean wide-area-issue (Wide-area issues)?)');
  });

  it('a shortened id or a half-remembered Japanese name on the command line suggests the entry that shares its words (en, ja)', () => {
    const inst = kouiki(['instruments', 'partial-union', '--lang', 'en']);
    expect(inst.code).toBe(2);
    expect(inst.stderr).toContain('did you mean partial-affairs-union (Partial-affairs union)?');
    const cat = kouiki(['recommend', '--category', '行政の効率', '--lang', 'ja', ...AS_OF]);
    expect(cat.code).toBe(2);
    expect(cat.stderr).toContain('administrative-efficiency（県と市を総体的に見た事務効率の向上）のことですか？');
  });
});

describe('item 16: facts derived from the parties the same way in every command', () => {
  it('parties in two prefectures: crossPrefecture in recommend, evaluate, the wizard and check alike', () => {
    const r = json(['recommend', '--party', '小田原市', '--party', '鳥取市', '--category', 'essential-service', '--needs-legal-entity', '--lang', 'en', ...AS_OF]);
    expect(r.results[0]!.unknownFacts).not.toContain('crossPrefecture');
    expect(r.results[0]!.unknownFacts).not.toContain('centralCityStatus');
    const file = write('cross.yaml', 'tasks:\n  - name: x\n    category: essential-service\n    facts: { needsLegalEntity: true, parties: [小田原市, 鳥取市] }\n');
    const e = kouiki(['evaluate', file, '-f', 'json', '--lang', 'en', ...AS_OF]);
    const w = kouiki(['wizard', '--answers', file, '-f', 'json', '--lang', 'en', ...AS_OF]);
    const ranking = (recs: { instrument: string; rank: number; verdict: string }[]): string[] => recs.map((x) => `${x.rank} ${x.instrument} ${x.verdict}`);
    expect(ranking(JSON.parse(e.stdout).results[0].recommendations)).toEqual(ranking(r.results[0]!.recommendations));
    expect(JSON.parse(e.stdout).results[0].unknownFacts).toEqual(r.results[0]!.unknownFacts);
    expect(JSON.parse(w.stdout).results[0]).toEqual(JSON.parse(e.stdout).results[0]);
    // A stated crossPrefecture the parties contradict gives way, and a note says so.
    const c = json(['recommend', '--party', '小田原市', '--party', '鳥取市', '--no-cross-prefecture', '--lang', 'ja', ...AS_OF]);
    expect(c.results[0]!.notes!.map((n) => n.message)).toContain('参加団体は複数の都道府県にまたがるため、「県境を越える」の回答（いいえ）より参加団体を優先しました');
  });
});

describe('item 13: a name merged away is taken as its successor, and said so', () => {
  it('浦和市 is さいたま市 (新設合併 2001-05-01): eligibility answers for さいたま市 with a note on stderr (ja, en); a name the history does not know still fails', () => {
    const ja = kouiki(['eligibility', '浦和市', '--designation', 'designated-city', '--lang', 'ja', '--as-of', '2026-11-23']);
    expect(ja.code).toBe(0);
    expect(ja.stderr).toContain('「浦和市」は2001-05-01にさいたま市となった（新設）ため、さいたま市として扱います');
    expect(ja.stdout.startsWith('■ さいたま市 (埼玉県, 111007, 指定都市)')).toBe(true);
    const en = kouiki(['eligibility', '浦和市', '--designation', 'designated-city', '--lang', 'en', '--as-of', '2026-11-23']);
    expect(en.stderr).toContain('"浦和市" became part of さいたま市 on 2001-05-01 (新設), so it is taken as さいたま市');
    const none = kouiki(['eligibility', 'ほげほげ市', '--lang', 'en']);
    expect(none.code).toBe(2);
  });
});
