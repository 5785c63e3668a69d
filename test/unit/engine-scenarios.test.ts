import { describe, expect, it } from 'vitest';
import { rankOf, recommend, verdictOf } from '../helpers/engine.js';

const CORE = ['cooperation-agreement', 'council', 'joint-body', 'consignment', 'proxy-execution', 'partial-affairs-union', 'regional-federation'];

describe('the four scenarios of issue 2', () => {
  it('legal entity + prefecture + the state\'s affairs under a law → regional-federation first (Art. 291-2(1), (4))', () => {
    const r = recommend({
      name: '広域観光・防災の広域連合',
      facts: { needsLegalEntity: true, stateDelegation: true, delegationSource: 'state', delegationStatute: true, parties: [{ name: '甲県', kind: 'prefecture' }, { name: '甲市', kind: 'city' }, { name: '乙町', kind: 'town' }] },
    });
    expect(r.recommendations[0]!.instrument).toBe('regional-federation');
    expect(verdictOf(r, 'partial-affairs-union')).toBe('unsuitable');
  });

  it('a joint waste plant of towns → partial-affairs-union first', () => {
    const r = recommend({
      name: 'ごみ処理施設の共同整備・運営',
      category: 'essential-service',
      facts: { mode: 'joint-operation', facilityBurden: 'high', frequency: 'regular', parties: [{ name: 'A町', kind: 'town' }, { name: 'B町', kind: 'town' }] },
    });
    expect(r.recommendations[0]!.instrument).toBe('partial-affairs-union');
  });

  it('a shared review board → joint-body first', () => {
    const r = recommend({ name: '介護認定審査会の共同設置', facts: { mode: 'joint-organ', frequency: 'regular' } });
    expect(r.recommendations[0]!.instrument).toBe('joint-body');
  });

  it('a small town that keeps authority and lacks specialists → proxy-execution above consignment', () => {
    const r = recommend({ name: '専門的な事務', facts: { retainAuthority: true, capacityGap: true } });
    expect(rankOf(r, 'proxy-execution')).toBeLessThan(rankOf(r, 'consignment'));
    expect(verdictOf(r, 'consignment')).toBe('unsuitable');
  });
});

describe('category → the instruments the sources name (the 県西地域 draft §5; national guidance beside it), no other fact given', () => {
  const named: Record<string, string[]> = {
    'wide-area-issue': ['cooperation-agreement', 'council', 'consignment'],
    'regional-vitality': ['cooperation-agreement'],
    // the draft's three, and the 一部事務組合 of 総務省's white paper (sanitation, fire)
    'essential-service': ['joint-body', 'consignment', 'proxy-execution', 'partial-affairs-union'],
    'core-city-service': ['consignment', 'proxy-execution'],
    'administrative-efficiency': ['joint-body', 'consignment'],
  };
  for (const [category, ids] of Object.entries(named)) {
    it(`${category}: ${ids.join(', ')} rank above every other core instrument`, () => {
      const r = recommend({ name: 'x', category });
      const worstNamed = Math.max(...ids.map((id) => rankOf(r, id)));
      for (const id of ids) expect(['recommended', 'possible']).toContain(verdictOf(r, id));
      for (const other of CORE.filter((c) => !ids.includes(c))) expect(rankOf(r, other)).toBeGreaterThan(worstNamed);
    });
  }
});
