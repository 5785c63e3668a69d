import { describe, expect, it } from 'vitest';
import { kouiki } from '../helpers/cli.js';
import { expectGolden } from '../helpers/golden.js';

const AS_OF = ['--as-of', '2026-11-23'];
const json = (args: string[]) => {
  const r = kouiki(['recommend', ...AS_OF, '-f', 'json', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};

describe('kouiki recommend (built binary)', () => {
  it('answers the contract example with procedures for every recommended instrument', () => {
    const r = kouiki(['recommend', '--category', 'essential-service', '--retain-authority', '--capacity-gap', ...AS_OF, '--lang', 'ja']);
    expect(r.code).toBe(0);
    expectGolden('recommend/essential.ja.table.txt', r.stdout);
    const doc = json(['--category', 'essential-service', '--retain-authority', '--capacity-gap']);
    expectGolden('recommend/essential.en.json', `${JSON.stringify(doc, null, 2)}\n`);
    const first = doc.results[0].recommendations[0];
    expect(first.instrument).toBe('proxy-execution');
    for (const rec of doc.results[0].recommendations) if (rec.verdict === 'recommended') expect(rec.procedure.length).toBeGreaterThan(0);
  });

  it('ranks regional-federation first for a legal entity with the prefecture and powers from the state', () => {
    const doc = json(['--needs-legal-entity', '--state-delegation', '--party', '神奈川県:prefecture', '--party', '小田原市:transitional-special-city']);
    expect(doc.results[0].recommendations[0].instrument).toBe('regional-federation');
  });

  // Issue 13 item 1. Art. 291-2② lets a prefecture ask a federation to take on its affairs
  // 「都道府県の加入しない広域連合」 only: with the prefecture a party, its affairs reach a
  // federation by 291-2① (a statute) or not at all, while Art. 252-17-2 (条例による事務処理の特例)
  // hands them to the city by ordinance. Before, the federation ranked first on stateDelegation alone.
  it('ranks ordinance-transfer above regional-federation for a prefecture and a city taking on prefectural affairs', () => {
    const doc = json(['--party', '神奈川県:prefecture', '--party', '小田原市:city', '--state-delegation']);
    const recs = doc.results[0].recommendations;
    const rank = (id: string) => recs.find((x: { instrument: string }) => x.instrument === id).rank;
    expect(recs[0].instrument).toBe('ordinance-transfer');
    expect(rank('ordinance-transfer')).toBeLessThan(rank('regional-federation'));
    const fed = recs.find((x: { instrument: string }) => x.instrument === 'regional-federation');
    expect(JSON.stringify(fed.reasons)).toContain('291-2');
    // The route is a fact asked, not guessed: its source and statute are unknown until given.
    expect(doc.results[0].unknownFacts).toEqual(expect.arrayContaining(['delegationSource']));
  });

  it('a federation without the prefecture may take on prefectural affairs it asks of it (291-2②)', () => {
    const doc = json(['--needs-legal-entity', '--state-delegation', '--delegation-source', 'prefecture', '--party', '小田原市', '--party', '箱根町']);
    const fed = doc.results[0].recommendations.find((x: { instrument: string }) => x.instrument === 'regional-federation');
    expect(fed.verdict).not.toBe('not-allowed');
    expect(doc.results[0].recommendations[0].instrument).toBe('regional-federation');
  });

  it('ranks partial-affairs-union first for a joint waste plant of towns only', () => {
    const doc = json(['--name', 'ごみ処理施設の共同運営', '--category', 'essential-service', '--facility-burden', 'high', '--mode', 'joint-operation', '--party', '箱根町:town', '--party', '真鶴町:town']);
    expect(doc.results[0].recommendations[0].instrument).toBe('partial-affairs-union');
  });

  it('ranks joint-body first for a shared review board', () => {
    const doc = json(['--name', '介護認定審査会', '--mode', 'joint-organ']);
    expect(doc.results[0].recommendations[0].instrument).toBe('joint-body');
  });

  it('ranks proxy-execution above consignment for a small town that keeps authority and lacks specialists', () => {
    const doc = json(['--retain-authority', '--capacity-gap', '--party', '真鶴町:town']);
    const recs = doc.results[0].recommendations;
    const rank = (id: string) => recs.find((x: { instrument: string }) => x.instrument === id).rank;
    expect(rank('proxy-execution')).toBeLessThan(rank('consignment'));
  });

  it('--no-FLAG sets a fact to false, and --as-of applies the law of that day', () => {
    const doc = json(['--no-needs-legal-entity', '--as-of', '2014-01-01']);
    expect(doc.asOf).toBe('2014-01-01');
    expect(doc.results[0].unknownFacts).not.toContain('needsLegalEntity');
    const verdict = (id: string) => doc.results[0].recommendations.find((x: { instrument: string }) => x.instrument === id).verdict;
    expect(verdict('cooperation-agreement')).toBe('not-allowed');
    expect(verdict('proxy-execution')).toBe('not-allowed');
  });

  it('rejects a bad --as-of, a bad --party and a bad choice with exit 2', () => {
    expect(kouiki(['recommend', '--as-of', '2014-02-30']).code).toBe(2);
    const p = kouiki(['recommend', '--party', '甲市', '--lang', 'en']);
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/--party 甲市: no body named "甲市" in the municipality data/);
    const k = kouiki(['recommend', '--party', '小田原市:metropolis', '--lang', 'en']);
    expect(k.code).toBe(2);
    expect(k.stderr).toMatch(/--party 小田原市:metropolis: "metropolis" is not one of the accepted values/);
    const c = kouiki(['recommend', '--mode', 'merge', '--lang', 'en']);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/--mode: "merge" is not one of the accepted values/);
    expect(c.stderr).toMatch(/use one of coordination \(coordination only\)/);
  });

  it('prints help with examples and the version', () => {
    const h = kouiki(['recommend', '--help', '--lang', 'en']);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/--needs-legal-entity/);
    expect(h.stdout).toMatch(/Examples:/);
    const v = kouiki(['--version']);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('kouiki instruments', () => {
  it('prints the comparison matrix and one instrument in full', () => {
    const m = kouiki(['instruments', '--lang', 'ja', ...AS_OF]);
    expect(m.code).toBe(0);
    expectGolden('instruments/matrix.ja.txt', m.stdout);
    const d = kouiki(['instruments', 'proxy-execution', '--lang', 'ja', ...AS_OF]);
    expect(d.code).toBe(0);
    expectGolden('instruments/proxy-execution.ja.txt', d.stdout);
    const j = JSON.parse(kouiki(['instruments', 'proxy-execution', '-f', 'json', ...AS_OF]).stdout);
    expect(j.instrument.properties.authority.value).toBe('requester');
    expect(j.instrument.properties.charter.citation).toContain('252-16-3');
  });

  // Issue 14 item 1: every citation names a public source a reader can open.
  it('prints the full reference of every source it cites, with e-Gov article addresses', () => {
    const d = kouiki(['instruments', 'regional-federation', '--lang', 'en', ...AS_OF]);
    expect(d.code).toBe(0);
    expect(d.stdout).toMatch(/Sources/);
    expect(d.stdout).toContain('Local Autonomy Act');
    expect(d.stdout).toContain('昭和22年法律第67号');
    expect(d.stdout).toContain('https://laws.e-gov.go.jp/law/322AC0000000067#Mp-Pa_3-Ch_3-Se_3-At_291_2');
    const j = JSON.parse(kouiki(['instruments', 'regional-federation', '-f', 'json', ...AS_OF]).stdout);
    expect(j.sources.map((s: { id: string }) => s.id)).toContain('lac');
    for (const s of j.sources) {
      expect(s.title).toBeTruthy();
      expect(s.url ?? s.copy).toMatch(/^https?:\/\//);
    }
  });

  it('suggests the closest id for an unknown one', () => {
    const r = kouiki(['instruments', 'proxy-executon', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/did you mean proxy-execution \(Proxy execution of affairs\)/);
  });
});
