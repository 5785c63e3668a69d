import { describe, expect, it } from 'vitest';
import { recommend, verdictOf } from '../helpers/engine.js';

const reasonsOf = (r: ReturnType<typeof recommend>, id: string) => r.recommendations.find((x) => x.instrument === id)!.reasons;

describe('not-allowed: only what the law rules out (contract §2)', () => {
  it('連携協約 and 代替執行 took effect on 2014-11-01 (施行令附則（平成26年政令第345号）第1条): not-allowed before, with the day', () => {
    const r = recommend({ name: 'x', category: 'essential-service' }, { asOf: '2014-10-31' });
    expect(verdictOf(r, 'cooperation-agreement')).toBe('not-allowed');
    expect(verdictOf(r, 'proxy-execution')).toBe('not-allowed');
    const notAllowed = r.recommendations.filter((x) => x.verdict === 'not-allowed').map((x) => x.rank);
    expect(Math.min(...notAllowed)).toBeGreaterThan(r.recommendations.length - notAllowed.length);
    expect(reasonsOf(r, 'proxy-execution').some((x) => x.rule === 'in-force' && x.message.includes('2014-11-01'))).toBe(true);
    expect(r.recommendations.find((x) => x.instrument === 'proxy-execution')!.score).toBe(0);
  });

  it('the day is settled: no "?" reason in the months the cabinet order could have chosen, in force from 2014-11-01', () => {
    const r = recommend({ name: 'x' }, { asOf: '2014-08-01' });
    expect(verdictOf(r, 'cooperation-agreement')).toBe('not-allowed');
    expect(reasonsOf(r, 'cooperation-agreement').some((x) => x.rule === 'in-force' && x.effect === '?')).toBe(false);
    const later = recommend({ name: 'x' }, { asOf: '2014-11-01' });
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

  it('a 特別区 may be a party of every 第2編 instrument (第283条第1項): no "?" reason any more', () => {
    const r = recommend({ name: 'x', facts: { parties: [{ name: '千代田区', kind: 'special-ward' }, { name: '甲市', kind: 'city' }] } });
    for (const id of ['cooperation-agreement', 'council', 'joint-body', 'consignment', 'proxy-execution']) {
      expect(reasonsOf(r, id).some((x) => x.rule === 'party-kinds')).toBe(false);
    }
  });

  it('a 組合 may be a party (第292条: the provisions on cities apply mutatis mutandis); only 252-17-2 stays a "?"', () => {
    const r = recommend({ name: 'x', facts: { parties: [{ name: '西部組合', kind: 'partial-affairs-union' }, { name: '甲町', kind: 'town' }] } });
    expect(reasonsOf(r, 'partial-affairs-union').some((x) => x.rule === 'party-kinds')).toBe(false);
    expect(reasonsOf(r, 'council').some((x) => x.rule === 'party-kinds')).toBe(false);
    expect(r.recommendations.every((x) => x.verdict !== 'not-allowed')).toBe(true);
    const powers = recommend({ name: 'x', facts: { stateDelegation: true, parties: [{ name: '西部組合', kind: 'partial-affairs-union' }, { name: '甲県', kind: 'prefecture' }] } });
    expect(reasonsOf(powers, 'ordinance-transfer').some((x) => x.rule === 'party-kinds' && x.effect === '?')).toBe(true);
  });
});

describe('fit caps: unsuitable, not not-allowed', () => {
  it('powers of the state or a prefecture: the instruments that move no power cannot hold them; the routes of 252-17-2 and 291-2 stay open', () => {
    const r = recommend({ name: 'x', facts: { stateDelegation: true } });
    expect(r.recommendations[0]!.instrument).toBe('ordinance-transfer');
    for (const id of ['cooperation-agreement', 'council', 'joint-body']) expect(verdictOf(r, id)).toBe('unsuitable');
    for (const id of ['consignment', 'regional-federation', 'partial-affairs-union']) expect(verdictOf(r, id)).not.toBe('unsuitable');
  });

  it('a prefecture among the parties: 291-2(2) cannot apply, so 252-17-2 ranks above the federation (issue 13 item 1)', () => {
    const r = recommend({ name: 'x', facts: { stateDelegation: true, parties: [{ name: '神奈川県', kind: 'prefecture' }, { name: '小田原市', kind: 'city' }] } });
    const rank = (id: string) => r.recommendations.find((x) => x.instrument === id)!.rank;
    expect(rank('ordinance-transfer')).toBeLessThan(rank('regional-federation'));
  });

  it('the state\'s affairs without a law providing for them: the federation is unsuitable (第291条の2第1項)', () => {
    const r = recommend({ name: 'x', facts: { stateDelegation: true, delegationSource: 'state', delegationStatute: false } });
    expect(verdictOf(r, 'regional-federation')).toBe('unsuitable');
    expect(reasonsOf(r, 'regional-federation').some((x) => x.rule === 'federation-powers' && x.citation.includes('291-2'))).toBe(true);
  });

  it('own legal entity: only the unions are legal persons (第1条の3第3項, 第2条第1項)', () => {
    const r = recommend({ name: 'x', facts: { needsLegalEntity: true } });
    const fit = r.recommendations.filter((x) => x.verdict !== 'unsuitable' && x.verdict !== 'not-allowed').map((x) => x.instrument);
    expect(fit.sort()).toEqual(['partial-affairs-union', 'regional-federation']);
  });

  it('keeping authority: 事務の委託 moves it to the consignee (第252条の14), 代替執行 keeps it (第252条の16の2)', () => {
    const r = recommend({ name: 'x', facts: { retainAuthority: true } });
    expect(verdictOf(r, 'consignment')).toBe('unsuitable');
    expect(verdictOf(r, 'proxy-execution')).not.toBe('unsuitable');
    expect(reasonsOf(r, 'proxy-execution').some((x) => x.rule === 'authority' && x.effect === '+' && x.citation.includes('252-16-4'))).toBe(true);
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

describe('subsidiarity (市町村優先の原則, 地方自治法第2条第3項・第5項)', () => {
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
    expect(beyond.prefecture?.principle.citation).toContain('Art. 2(3)');
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
