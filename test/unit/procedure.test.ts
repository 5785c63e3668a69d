import { describe, expect, it } from 'vitest';
import { compilePack } from '../../src/core/recommend/compile.js';
import { renderProcedure } from '../../src/core/recommend/procedure.js';
import { defaultPack, recommend } from '../helpers/engine.js';

function steps(id: string, ctx: { prefectureParty: boolean | null; crossPrefecture?: boolean | null; councilKind?: string | null }, lang: 'ja' | 'en' = 'ja') {
  const cp = compilePack(defaultPack(), lang, '2026-11-23');
  return renderProcedure(cp, cp.byId.get(id)!, { crossPrefecture: null, councilKind: null, ...ctx });
}

describe('procedures differ by instrument (Local Autonomy Act Arts. 252-2 to 252-16-4, 284–291-13)', () => {
  it('連携協約 has no 規約: its steps are 協議, 議決 (252-2③), 告示 and 届出 (252-2②)', () => {
    const s = steps('cooperation-agreement', { prefectureParty: false });
    expect(s.map((x) => x.citation)).toEqual([
      '地方自治法第252条の2第1項',
      '地方自治法第252条の2第3項',
      '地方自治法第252条の2第2項',
      '地方自治法第252条の2第2項',
      '地方自治法第252条の2第6項',
    ]);
    expect(s.some((x) => /規約を定め/.test(x.step))).toBe(false);
  });

  it('a 連絡調整 協議会 needs no 議会の議決 (第252条の2の2第3項ただし書); the other kinds do', () => {
    const liaison = steps('council', { prefectureParty: false, councilKind: 'liaison' });
    expect(liaison.some((x) => x.citation === '地方自治法第252条の2の2第3項ただし書' && x.step.includes('不要'))).toBe(true);
    expect(liaison.some((x) => x.step.startsWith('各団体の議会の議決を経る'))).toBe(false);
    const management = steps('council', { prefectureParty: false, councilKind: 'management' });
    expect(management.some((x) => x.step.startsWith('各団体の議会の議決を経る') && x.citation === '地方自治法第252条の2の2第3項')).toBe(true);
    const unknown = steps('council', { prefectureParty: false, councilKind: null });
    expect(unknown.some((x) => x.step.includes('連絡調整協議会の場合は不要'))).toBe(true);
  });

  it('届出 goes to the 総務大臣 when a 都道府県 is a party, else to the governor; both named when unknown', () => {
    expect(steps('consignment', { prefectureParty: true }).some((x) => x.step === '総務大臣に届け出る')).toBe(true);
    expect(steps('consignment', { prefectureParty: false }).some((x) => x.step === '都道府県知事に届け出る')).toBe(true);
    expect(steps('consignment', { prefectureParty: null }).some((x) => x.step.includes('総務大臣') && x.step.includes('都道府県知事'))).toBe(true);
  });

  it('一部事務組合 and 広域連合 need 許可 (第284条第2項・第3項); across prefectures the Minister hears the governors (第293条)', () => {
    expect(steps('partial-affairs-union', { prefectureParty: false }).some((x) => x.step === '都道府県知事の許可を得る' && x.citation === '地方自治法第284条第2項')).toBe(true);
    expect(steps('partial-affairs-union', { prefectureParty: true }).some((x) => x.step === '総務大臣の許可を得る')).toBe(true);
    expect(steps('partial-affairs-union', { prefectureParty: false, crossPrefecture: true }).some((x) => x.step.includes('第293条'))).toBe(true);
    expect(steps('regional-federation', { prefectureParty: true }).some((x) => x.step.startsWith('総務大臣の許可を得る') && x.citation === '地方自治法第284条第3項、第284条第4項')).toBe(true);
  });

  it('the council resolutions the statute settles are plain steps, no longer unconfirmed (第290条, 第291条の11)', () => {
    const s = steps('partial-affairs-union', { prefectureParty: false });
    const resolution = s.find((x) => x.citation.startsWith('地方自治法第290条'))!;
    expect(resolution.status).toBeUndefined();
    expect(resolution.step).not.toContain('未確認');
    const fed = steps('regional-federation', { prefectureParty: false }).find((x) => x.citation.startsWith('地方自治法第291条の11'))!;
    expect(fed.status).toBeUndefined();
  });

  it('a 広域連合 draws up its 広域計画 promptly by its assembly\'s resolution (第291条の7第1項)', () => {
    const plan = steps('regional-federation', { prefectureParty: false }).at(-1)!;
    expect(plan.citation).toBe('地方自治法第291条の7第1項、第284条第3項、第291条の7第4項');
    expect(plan.step).toContain('速やかに');
  });

  it('administrative-efficiency: the prefecture consigns its 中核市 affairs, so the 届出 goes to the 総務大臣 (the 県西地域 draft, 5(3)イ(イ))', () => {
    // 機関等の共同設置 and 事務の委託 tie for first (a tie is no choice, so no procedure by default): ask for every procedure.
    const r = recommend({ name: 'x', category: 'administrative-efficiency' }, { lang: 'ja', procedure: 'all' });
    const top = r.recommendations[0]!;
    expect(['joint-body', 'consignment']).toContain(top.instrument);
    expect(top.procedure!.some((x) => x.step === '総務大臣に届け出る')).toBe(true);
    expect(r.notes?.some((n) => n.rule === 'prefecture-party')).toBe(true);
  });
});
