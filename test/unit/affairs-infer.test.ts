import { describe, expect, it } from 'vitest';
import { findAffairs, inferCategory } from '../../src/core/recommend/infer.js';
import { packAffairs } from '../../src/pack/affairs.js';
import type { PackData } from '../../src/pack/model.js';
import { defaultPack } from '../helpers/engine.js';

const data = defaultPack().data;
const ids = (text: string): string[] => findAffairs(data, text).map((h) => h.id);

describe('the affairs list (rules/affairs/) and the matcher', () => {
  it('lists the affairs planners name most, each with a category the pack defines and a source it declares', () => {
    const affairs = packAffairs(data);
    for (const id of ['library', 'tax-delinquency', 'waste', 'fire', 'ambulance', 'care-certification', 'disability-support-level', 'crematorium', 'sewerage', 'water-supply', 'tourism', 'migration']) {
      expect(affairs.map((a) => a.id)).toContain(id);
    }
    const categories = new Set(data.categories.map((c) => c.id));
    for (const a of affairs) {
      expect(categories.has(a.category), a.id).toBe(true);
      expect(Object.hasOwn(data.manifest.sources ?? {}, a.ref.source), a.id).toBe(true);
    }
  });

  it('takes the longest word first: 下水道 is sewerage and never also water supply; 上水道 is water supply', () => {
    expect(ids('下水道の維持管理')).toEqual(['sewerage']);
    expect(ids('上水道と下水道')).toEqual(['water-supply', 'sewerage']);
    expect(ids('簡易水道の更新')).toEqual(['water-supply']);
    expect(findAffairs(data, '障害支援区分認定審査会の共同設置')[0]!.word).toBe('障害支援区分認定審査会');
    // 救急業務 is one match, of the ambulance affair (its longest word), not 救急 as well.
    expect(findAffairs(data, '救急業務の委託').map((h) => [h.id, h.word])).toEqual([['ambulance', '救急業務']]);
    // English words match whatever their case; "wastewater" is sewerage, not waste.
    expect(ids('Wastewater treatment')).toEqual(['sewerage']);
  });

  it('a word found once is kept once: one hit per affair, the longest of its words', () => {
    expect(findAffairs(data, 'ごみ処理とごみ収集').map((h) => h.word)).toEqual(['ごみ処理']);
  });

  it('decides by the affairs first, naming the affair and its source; falls back to the keywords when none is found', () => {
    const inf = inferCategory(data, '図書館の相互利用', undefined, 'ja')!;
    expect(inf).toMatchObject({ id: 'regional-vitality', basis: 'affairs', tied: [] });
    expect(inf.evidence).toEqual(['図書館の相互利用 (name) → 図書館（相互利用・相互貸借） [図書館法第3条第4号]']);
    // 維持が困難 is a keyword of essential-service, not an affair's word.
    expect(inferCategory(data, '維持が困難な事務', undefined)).toMatchObject({ id: 'essential-service', basis: 'keywords', affairs: [] });
    expect(inferCategory(data, 'x', undefined)).toBeNull();
  });

  it('affairs outweigh keywords: 図書館 decides even where the keywords of another category are more numerous', () => {
    // 施設, 維持が困難 are essential-service keywords; the affair (library) decides.
    expect(inferCategory(data, '図書館', '施設の維持が困難')!.id).toBe('regional-vitality');
  });

  it('the category with more affairs wins; affairs of different categories in equal number are a tie, chosen by pack order', () => {
    const tie = inferCategory(data, '図書館と消防', undefined)!;
    expect(tie.id).toBe('regional-vitality'); // before essential-service in the pack's order
    expect(tie.tied).toEqual(['essential-service']);
    const more = inferCategory(data, '図書館と消防と救急', undefined)!;
    expect(more).toMatchObject({ id: 'essential-service', tied: [] });
    expect(more.affairs.map((h) => h.id)).toEqual(['fire', 'ambulance']);
  });

  it('the name decides before the description', () => {
    expect(inferCategory(data, '鳥獣被害対策', 'ごみの不法投棄も扱う')!.id).toBe('wide-area-issue');
    expect(inferCategory(data, '共同事業', 'ごみの不法投棄')!).toMatchObject({ id: 'essential-service', evidence: [expect.stringMatching(/^ごみ \(description\) → /)] });
  });

  it('a pack without affairs infers from the keywords alone, as before', () => {
    const bare: PackData = { ...data, extra: { ...data.extra, affairs: [] } };
    expect(inferCategory(bare, '図書館', undefined)).toBeNull();
    expect(inferCategory(bare, '消防', undefined)).toMatchObject({ id: 'essential-service', basis: 'keywords', evidence: ['消防 (name)'] });
  });
});
