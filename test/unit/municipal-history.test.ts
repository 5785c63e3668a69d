import { readFileSync } from 'node:fs';
import { compiledBase } from '../../src/io/municipal-base.js';
import { nameKey } from '../../src/util/jname.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MunicipalHistory, type HistoryRow } from '../../src/core/eligibility/history.js';
import { compileFormedBy, formedByLookup, formedFromCsv, historyMentions, HISTORY_CSV, municipalHistory, parseHistoryCsv, type CompiledFormedBy } from '../../src/io/municipal-history.js';
import { packageRoot } from '../../src/io/paths.js';
import { realIndex } from '../helpers/eligibility.js';

/** The 廃置分合 table (data/mergers/) and the lookup old name → today's municipality. */

const index = realIndex();
const history = municipalHistory(index);
const rows = parseHistoryCsv(readFileSync(join(packageRoot(), HISTORY_CSV), 'utf8'), HISTORY_CSV);
const one = (name: string, pref?: string) => {
  const m = history.lookup(name, pref);
  expect(m, name).toHaveLength(1);
  return m[0]!;
};

describe('data/mergers/history.csv', () => {
  it('every old municipality ends in a municipality of today\'s code list (no broken chain)', () => {
    const broken: string[] = [];
    for (const r of rows) {
      for (const m of history.lookup(r.oldName, r.prefecture)) if (m.successors.length === 0) broken.push(`${r.date} ${r.oldName} (${r.oldCode})`);
    }
    expect([...new Set(broken)]).toEqual([]);
  });
  it('covers 1980-04 to 2019-05: the 平成 mergers (1999-2010) and the last one (栃木市 2014-04-05), with 1,718 municipalities left', () => {
    expect(rows[0]!.date).toBe('1980-04-01');
    expect(rows.filter((r) => r.date >= '1999-04-01' && r.date <= '2010-03-31' && (r.kind === '編入' || r.kind === '新設')).length).toBeGreaterThan(1800);
    expect(rows.filter((r) => r.kind === '編入' || r.kind === '新設').map((r) => r.date).sort().pop()).toBe('2014-04-05');
    expect(index.all().filter((m) => m.inCodeList && m.kind?.value !== 'special-ward').length - 6).toBe(1718);
  });
});

describe('MunicipalHistory.lookup', () => {
  it('浦和市 → さいたま市 (新設 2001-05-01; さいたま市 became a 指定都市 in 2003 with a new code)', () => {
    const m = one('浦和市');
    expect(m).toMatchObject({ date: '2001-05-01', kind: '新設', old: { code: '112046', prefecture: '埼玉県' } });
    expect(m.successors).toEqual([{ code: '111007', name: 'さいたま市', prefecture: '埼玉県' }]);
    expect(m.chain.map((r) => r.kind)).toEqual(['新設', '政令指定都市移行']);
  });
  it('篠山市 → 丹波篠山市 (名称変更 2019-05-01); 篠山町 → 篠山市 (1999) → 丹波篠山市', () => {
    expect(one('篠山市')).toMatchObject({ date: '2019-05-01', kind: '名称変更', successors: [{ code: '282219', name: '丹波篠山市' }] });
    expect(one('篠山町')).toMatchObject({ date: '1999-04-01', kind: '新設', successors: [{ name: '丹波篠山市' }] });
  });
  it('across a prefecture border: 長野県山口村 → 岐阜県中津川市 (編入 2005-02-13)', () => {
    expect(one('山口村', '長野県')).toMatchObject({ date: '2005-02-13', kind: '編入', successors: [{ name: '中津川市', prefecture: '岐阜県' }] });
  });
  it('into a ward: 京北町 → 京都市 (右京区, 2005-04-01)', () => {
    expect(one('京北町')).toMatchObject({ successors: [{ code: '261009', name: '京都市' }] });
  });
  it('split: 上九一色村 → 甲府市 and 富士河口湖町, each with its part', () => {
    const m = one('上九一色村');
    expect(m.successors.map((s) => [s.name, s.part])).toEqual([['甲府市', '大字梯及び古関'], ['富士河口湖町', '大字精進、本栖及び富士ヶ嶺']]);
  });
  it('a name used in several prefectures is returned once per municipality; the prefecture narrows it', () => {
    const all = history.lookup('大宮町');
    expect(all.map((m) => m.old.prefecture).sort()).toEqual(['三重県', '京都府', '茨城県']);
    expect(one('大宮町', '茨城県').successors[0]!.name).toBe('常陸大宮市');
  });
  it('on one day a merger comes before the 市制 of its result (茨城県 大宮町 2004-10-16 → 常陸大宮市)', () => {
    expect(one('美和村', '茨城県')).toMatchObject({ date: '2004-10-16', successors: [{ name: '常陸大宮市' }] });
  });
  it('a name the table does not know: nothing', () => {
    expect(history.lookup('ほげ町')).toEqual([]);
  });
  it('a chain of rows is followed whatever their order in the table (pure, on made-up rows)', () => {
    const r = (date: string, kind: HistoryRow['kind'], oldCode: string, oldName: string, newCode: string, newName: string): HistoryRow => ({ date, kind, prefecture: '甲県', oldCode, oldName, newCode, newName, newCity: '', part: '' });
    const table = [r('2010-01-01', '編入', '000002', '乙町', '000003', '丙市'), r('2005-01-01', '新設', '000001', '甲村', '000002', '乙町')];
    const h = new MunicipalHistory(table, (c) => (c === '000003' ? { name: '丙市', prefecture: '甲県' } : null));
    expect(h.lookup('甲村')[0]!.successors).toEqual([{ code: '000003', name: '丙市', prefecture: '甲県' }]);
    expect(h.lookup('甲村')[0]!.chain.map((x) => x.newName)).toEqual(['乙町', '丙市']);
  });
});

describe('the 合併市 of the table, compiled at build time', () => {
  const csv = readFileSync(join(packageRoot(), HISTORY_CSV), 'utf8');
  it('the compiled form answers as the text does', () => {
    const fromText = formedFromCsv(csv);
    const compiled = JSON.parse(JSON.stringify(compileFormedBy(csv))) as CompiledFormedBy;
    expect(compiled.length).toBe(fromText.size);
    const lookup = formedByLookup(compiled);
    for (const [code, f] of fromText) expect(lookup(code), code).toEqual(f);
    // 秩父市: 2005-04-01 新設 of 秩父市・吉田町・大滝村・荒川村.
    expect(fromText.get('112071')).toMatchObject({ date: '2005-04-01', names: ['秩父市', '吉田町', '大滝村', '荒川村'] });
  });

  it('a name the table does not hold is answered without parsing it', () => {
    expect(historyMentions('浦和市')).toBe(true);
    expect(historyMentions('箱根村')).toBe(false);
    expect(historyMentions('')).toBe(false);
    expect(historyMentions('浦和市,')).toBe(false);
  });
});

describe('the code list as the build compiled it', () => {
  it('carries every name folded as nameKey folds it', () => {
    const base = compiledBase();
    expect(base, 'npm run build writes dist/municipal-data.json').not.toBeNull();
    const folded = base!.codes.filter((c) => c.key !== c.name);
    for (const c of base!.codes) expect(c.key, c.name).toBe(nameKey(c.name));
    // 鶴ヶ島市 and the like are written folded; most names are their own key.
    expect(folded.length).toBeGreaterThan(10);
    expect(folded.length).toBeLessThan(base!.codes.length / 2);
  });
});
