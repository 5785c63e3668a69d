import { describe, expect, it } from 'vitest';
import { recommend, verdictOf } from '../helpers/engine.js';

const reasonsOf = (r: ReturnType<typeof recommend>, id: string) => r.recommendations.find((x) => x.instrument === id)!.reasons;

describe('not-allowed: only what the law rules out (contract §2)', () => {
  it('連携協約 and 代替執行 did not exist before 平成26年法律第42号 was promulgated (2014-05-30)', () => {
    const r = recommend({ name: 'x', category: 'essential-service' }, { asOf: '2014-01-01' });
    expect(verdictOf(r, 'cooperation-agreement')).toBe('not-allowed');
    expect(verdictOf(r, 'proxy-execution')).toBe('not-allowed');
    const notAllowed = r.recommendations.filter((x) => x.verdict === 'not-allowed').map((x) => x.rank);
    expect(Math.min(...notAllowed)).toBeGreaterThan(r.recommendations.length - notAllowed.length);
    expect(reasonsOf(r, 'proxy-execution').some((x) => x.rule === 'in-force' && x.message.includes('2014-05-30'))).toBe(true);
    expect(r.recommendations.find((x) => x.instrument === 'proxy-execution')!.score).toBe(0);
  });

  it('in the months the cabinet order could have chosen (附則第1条第1号), the in-force date is a "?" reason, not a guess', () => {
    const r = recommend({ name: 'x' }, { asOf: '2014-08-01' });
    expect(verdictOf(r, 'cooperation-agreement')).not.toBe('not-allowed');
    expect(reasonsOf(r, 'cooperation-agreement').some((x) => x.rule === 'in-force' && x.effect === '?')).toBe(true);
    const later = recommend({ name: 'x' }, { asOf: '2014-11-30' });
    expect(reasonsOf(later, 'cooperation-agreement').some((x) => x.rule === 'in-force')).toBe(false);
  });

  it('広域連合 is not allowed before its amendment took effect (1995-06-15)', () => {
    expect(verdictOf(recommend({ name: 'x' }, { asOf: '1995-06-14' }), 'regional-federation')).toBe('not-allowed');
    expect(verdictOf(recommend({ name: 'x' }, { asOf: '1995-06-15' }), 'regional-federation')).not.toBe('not-allowed');
  });

  it('a 複合的一部事務組合 cannot include a prefecture (地方自治法第285条: 市町村及び特別区)', () => {
    const withPref = recommend({ name: 'x', facts: { multipleAffairs: true, includesPrefecture: true } });
    expect(verdictOf(withPref, 'partial-affairs-union')).toBe('not-allowed');
    expect(reasonsOf(withPref, 'partial-affairs-union')[0]!.citation).toContain('285');
    const towns = recommend({ name: 'x', facts: { multipleAffairs: true, includesPrefecture: false } });
    expect(verdictOf(towns, 'partial-affairs-union')).not.toBe('not-allowed');
    const unknown = recommend({ name: 'x', facts: { multipleAffairs: true } });
    expect(verdictOf(unknown, 'partial-affairs-union')).not.toBe('not-allowed');
    expect(reasonsOf(unknown, 'partial-affairs-union').some((x) => x.rule === 'multi-purpose-union-prefecture' && x.effect === '?')).toBe(true);
  });

  it('a 特別区 as a party of a 協議会 is unconfirmed: a "?" reason, never not-allowed', () => {
    const r = recommend({ name: 'x', facts: { parties: [{ name: '千代田区', kind: 'special-ward' }, { name: '甲市', kind: 'city' }] } });
    expect(verdictOf(r, 'council')).not.toBe('not-allowed');
    expect(reasonsOf(r, 'council').some((x) => x.rule === 'party-kinds' && x.effect === '?' && x.message.includes('千代田区'))).toBe(true);
    // 事務の委託 is confirmed open to 特別区 (legal-facts §4, S13): no doubt there.
    expect(reasonsOf(r, 'consignment').some((x) => x.rule === 'party-kinds')).toBe(false);
  });

  it('a 組合 as a party is unconfirmed for the unions themselves', () => {
    const r = recommend({ name: 'x', facts: { parties: [{ name: '西部組合', kind: 'partial-affairs-union' }, { name: '甲町', kind: 'town' }] } });
    expect(reasonsOf(r, 'partial-affairs-union').some((x) => x.rule === 'party-kinds' && x.effect === '?')).toBe(true);
    expect(r.recommendations.every((x) => x.verdict !== 'not-allowed')).toBe(true);
  });
});

describe('fit caps: unsuitable, not not-allowed', () => {
  it('powers from the state: only a 広域連合 can receive them (第291条の2); the others are unsuitable', () => {
    const r = recommend({ name: 'x', facts: { stateDelegation: true } });
    expect(r.recommendations[0]!.instrument).toBe('regional-federation');
    for (const id of ['cooperation-agreement', 'council', 'joint-body', 'consignment', 'proxy-execution', 'partial-affairs-union']) {
      expect(verdictOf(r, id)).toBe('unsuitable');
    }
  });

  it('own legal entity: only 一部事務組合 and 広域連合 have legal personality (legal-facts §0)', () => {
    const r = recommend({ name: 'x', facts: { needsLegalEntity: true } });
    const fit = r.recommendations.filter((x) => x.verdict !== 'unsuitable' && x.verdict !== 'not-allowed').map((x) => x.instrument);
    expect(fit.sort()).toEqual(['partial-affairs-union', 'regional-federation']);
  });

  it('keeping authority: 事務の委託 moves it to the consignee (第252条の14), 代替執行 keeps it (第252条の16の2)', () => {
    const r = recommend({ name: 'x', facts: { retainAuthority: true } });
    expect(verdictOf(r, 'consignment')).toBe('unsuitable');
    expect(verdictOf(r, 'proxy-execution')).not.toBe('unsuitable');
    expect(reasonsOf(r, 'proxy-execution').some((x) => x.rule === 'authority' && x.effect === '+' && x.citation.includes('252-16-2'))).toBe(true);
  });

  it('an unknown fact that could cap an instrument is a "?" reason there, and listed once in unknownFacts', () => {
    const r = recommend({ name: 'x' });
    expect(r.unknownFacts).toContain('needsLegalEntity');
    expect(new Set(r.unknownFacts).size).toBe(r.unknownFacts.length);
    expect(reasonsOf(r, 'consignment').some((x) => x.rule === 'legal-entity' && x.effect === '?')).toBe(true);
    expect(reasonsOf(r, 'consignment').some((x) => x.rule === 'authority' && x.effect === '?')).toBe(true);
    expect(reasonsOf(r, 'partial-affairs-union').some((x) => x.rule === 'legal-entity')).toBe(false);
  });
});

describe('subsidiarity (市町村優先の原則, 000 第1章2)', () => {
  it('municipal-level instruments rank before prefecture-level ones unless municipal effort cannot solve it', () => {
    const facts = { parties: [{ name: '神奈川県', kind: 'prefecture' as const }, { name: '開成町', kind: 'town' as const }], mode: 'delegate-execution' };
    const municipal = recommend({ name: '県の事務の権限移譲', facts: { ...facts, beyondMunicipalEffort: false } });
    const rank = (r: typeof municipal, id: string) => r.recommendations.find((x) => x.instrument === id)!.rank;
    const prefectureRank = rank(municipal, 'ordinance-transfer');
    for (const x of municipal.recommendations) {
      if (x.level === 'municipal' && x.verdict === municipal.recommendations.find((y) => y.instrument === 'ordinance-transfer')!.verdict) {
        expect(x.rank).toBeLessThan(prefectureRank);
      }
    }
    expect(municipal.prefecture).toBeUndefined();
    const beyond = recommend({ name: '県の事務の権限移譲', facts: { ...facts, beyondMunicipalEffort: true } });
    expect(beyond.recommendations[0]!.instrument).toBe('ordinance-transfer');
    expect(beyond.prefecture?.principle.citation).toContain('000');
    expect(beyond.prefecture!.measures.map((m) => m.id)).toContain('consignment');
  });
});

describe('parties and includesPrefecture', () => {
  it('when they disagree the parties win and a note says so (contract §2)', () => {
    const r = recommend({ name: 'x', category: 'wide-area-issue', facts: { mode: 'coordination', includesPrefecture: false, parties: [{ name: '神奈川県', kind: 'prefecture' }, { name: '甲町', kind: 'town' }] } });
    expect(r.notes?.some((n) => n.rule === 'parties')).toBe(true);
    const top = r.recommendations[0]!;
    expect(top.procedure!.some((s) => s.step.includes('Minister'))).toBe(true);
  });
});

describe('doubts are raised only where they apply', () => {
  it('no Art. 285 doubt when the parties show no prefecture, even if bundling is unknown', () => {
    const r = recommend({ name: 'x', facts: { parties: [{ name: 'A町', kind: 'town' }, { name: 'B町', kind: 'town' }] } });
    expect(r.recommendations.find((x) => x.instrument === 'partial-affairs-union')!.reasons.some((x) => x.rule === 'multi-purpose-union-prefecture')).toBe(false);
  });

  it('a parties list answers includesPrefecture: it is not listed as unknown', () => {
    const r = recommend({ name: 'x', facts: { parties: [{ name: 'A町', kind: 'town' }] } });
    expect(r.unknownFacts).not.toContain('includesPrefecture');
    expect(recommend({ name: 'x' }).unknownFacts).toContain('includesPrefecture');
  });
});
