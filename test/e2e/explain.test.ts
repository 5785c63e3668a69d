import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kouiki } from '../helpers/cli.js';
import { expectGolden } from '../helpers/golden.js';

const EXAMPLES = 'examples/kensei-tasks.yaml';

describe('kouiki explain: golden files for the examples', () => {
  // One example per path through the engine: a given category with parties (wildlife), an
  // inferred category (nature), the prefecture taken as a party from the category
  // (bulk-core-city-affairs), a not-allowed of Art. 285 (multi-purpose-with-prefecture), and
  // the prefecture's role with subsidiarity off (small-waterworks).
  for (const id of ['wildlife', 'nature', 'bulk-core-city-affairs', 'multi-purpose-with-prefecture', 'small-waterworks']) {
    it(`${id}: --format json`, () => {
      const r = kouiki(['explain', '--task', EXAMPLES, '--id', id, '-f', 'json', '--lang', 'en', '--as-of', '2026-11-23']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout);
      expect(doc).toMatchObject({ schemaVersion: 1, rulePack: { name: 'kouiki-default' }, asOf: '2026-11-23', explanation: { kind: 'recommendation', task: { id } } });
      expectGolden(`explain/${id}.en.json`, r.stdout);
    });
  }

  it('wildlife as an indented tree and as Markdown (ja), both to files in one run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kouiki-explain-'));
    const r = kouiki(['explain', '--task', EXAMPLES, '--id', 'wildlife', '--lang', 'ja', '--as-of', '2026-11-23', '-f', `text:${join(dir, 'x.txt')}`, '-f', `markdown:${join(dir, 'x.md')}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expectGolden('explain/wildlife.ja.txt', readFileSync(join(dir, 'x.txt'), 'utf8'));
    expectGolden('explain/wildlife.ja.md', readFileSync(join(dir, 'x.md'), 'utf8'));
  });
});

describe('kouiki explain: --as-of on both sides of each dated change', () => {
  const explainJson = (asOf: string, extra: string[] = []) => {
    const r = kouiki(['explain', '--task', EXAMPLES, '--id', 'transport', '-f', 'json', '--lang', 'en', '--as-of', asOf, ...extra]);
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout).explanation;
  };
  const param = (x: { parameters: { id: string }[] }, id: string) => x.parameters.find((p) => p.id === id);
  const inst = (x: { instruments: { instrument: string }[] }, id: string) => x.instruments.find((i) => i.instrument === id) as unknown as { verdict: string; contributions: { rule: string; effect: string; message: string }[] };

  it('2014-10-31: 連携協約 (the only instrument the 県西地域 draft names for regional vitality) is not yet in force — 施行令附則（平成26年政令第345号）第1条', () => {
    const x = explainJson('2014-10-31');
    expect(param(x, 'instruments/cooperation-agreement/inForce')).toMatchObject({ value: 'not-yet', from: null, until: '2014-11-01' });
    expect(inst(x, 'cooperation-agreement').verdict).toBe('not-allowed');
    expect(inst(x, 'cooperation-agreement').contributions).toContainEqual(expect.objectContaining({ rule: 'in-force', effect: '-', message: 'not yet in force on 2014-10-31 (it took effect on 2014-11-01)' }));
    // the pair that crosses into the not-allowed ones is decided by the verdict
    const firstBarred = x.instruments.find((i: { verdict: string }) => i.verdict === 'not-allowed').instrument;
    expect(x.ranking.pairs.find((p: { below: string }) => p.below === firstBarred).by).toBe('verdict');
  });
  it('the days once in doubt (2014-05-30 … 2014-11-29) are settled by the cabinet order: not yet in force, no "?" reason', () => {
    for (const asOf of ['2014-05-30', '2014-10-31']) {
      const x = explainJson(asOf);
      expect(param(x, 'instruments/cooperation-agreement/inForce')).toMatchObject({ value: 'not-yet', until: '2014-11-01' });
      expect(inst(x, 'cooperation-agreement').contributions).not.toContainEqual(expect.objectContaining({ rule: 'in-force', effect: '?' }));
    }
  });
  it('2014-11-01: in force; the trace says since when', () => {
    const x = explainJson('2014-11-01');
    expect(param(x, 'instruments/cooperation-agreement/inForce')).toMatchObject({ value: 'in-force', from: '2014-11-01', until: null });
    expect(inst(x, 'cooperation-agreement').contributions.some((c) => c.rule === 'in-force')).toBe(false);
  });
  it('1995-06-14 / 1995-06-15: 広域連合 and the rule of Art. 291-2 (平成7年政令第237号)', () => {
    const before = explainJson('1995-06-14', ['--state-delegation']);
    expect(inst(before, 'regional-federation').verdict).toBe('not-allowed');
    expect(before.rules.find((r: { rule: string }) => r.rule === 'federation-powers')).toMatchObject({ outcome: 'not-yet-effective', effective: '1995-06-15' });
    const after = explainJson('1995-06-15', ['--state-delegation']);
    expect(inst(after, 'regional-federation').verdict).not.toBe('not-allowed');
    expect(after.rules.find((r: { rule: string }) => r.rule === 'federation-powers').outcome).not.toBe('not-yet-effective');
    expect(param(after, 'rules/federation-powers/effective')).toMatchObject({ value: 'in-force', from: '1995-06-15' });
  });
});

describe('kouiki explain: input and errors', () => {
  it('explains a task given by flags, with the same flags as recommend', () => {
    const r = kouiki(['explain', '--category', 'essential-service', '--retain-authority', '--capacity-gap', '--lang', 'en', '--as-of', '2026-11-23']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Explanation: Essential services (1) — the law in force on 2026-11-23, rule pack kouiki-default 2026.12.1');
    expect(r.stdout).toContain('├─ Ranking (PRIORITY; compared by verdict > subsidiarity > score > priority)');
    expect(r.stdout).toContain('1. Proxy execution of affairs (proxy-execution): recommended 0.95');
  });

  it('a task list of several tasks needs --id; an unknown --id is named with the ids there are (exit 2)', () => {
    const none = kouiki(['explain', '--task', EXAMPLES, '--lang', 'en']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('the file holds 18 tasks; pick the one to explain with --id');
    expect(none.stderr).toContain('ids in the file: wildlife, nature,');
    const bad = kouiki(['explain', '--task', EXAMPLES, '--id', 'wildlfe', '--lang', 'en']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('the file has no task with id "wildlfe"');
  });

  it('the eligibility variant: NAME or eligibility flags with task flags, no --designation, or two designations is exit 2', () => {
    const both = kouiki(['explain', '小田原市', '--designation', 'core-city', '--category', 'wide-area-issue', '--no-retain-authority', '--lang', 'en']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('the flags of a recommendation (--category --no-retain-authority) and of an eligibility result (小田原市 --designation) cannot be combined');
    const none = kouiki(['explain', '小田原市', '--merge', '南足柄市', '--lang', 'en']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('name the designation to explain with --designation ID');
    expect(none.stderr).toContain('every designation at once: kouiki eligibility 小田原市');
    const two = kouiki(['explain', '小田原市', '--designation', 'core-city,cooperation-central-city', '--lang', 'en']);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('explain one designation at a time (not core-city, cooperation-central-city)');
  });

  it('with a custom pack, the JSON names the pack, its version, its base and what it overrides', () => {
    const r = kouiki(['explain', '--rules', 'examples/rule-packs/kanagawa', '--kensei-area', '--capacity-gap', '-f', 'json', '--lang', 'en', '--as-of', '2026-11-23']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.rulePack).toEqual({ name: 'kanagawa-kensei', version: '2026.12.1-kensei.1', base: { name: 'kouiki-default', version: '2026.12.1' }, overrides: ['rules/capacity-gap', 'categories/wide-area-issue'] });
    const forum = doc.explanation.rules.find((x: { rule: string }) => x.rule === 'kensei-forum');
    expect(forum).toMatchObject({ outcome: 'applied', citation: 'the 県西地域 draft (小田原市・南足柄市) 5(4)イ' });
    expect(forum.cases[0].when).toEqual({ op: 'is', fact: 'kenseiArea', actual: true, expected: true, result: 'true' });
  });
});

describe('kouiki explain NAME --designation ID: the eligibility variant', () => {
  const json = (args: string[]) => {
    const r = kouiki(['explain', ...args, '-f', 'json', '--lang', 'en']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return r.stdout;
  };

  it('小田原市 as a 連携中枢都市 (the question of 003): golden JSON', () => {
    const out = json(['小田原市', '--designation', 'cooperation-central-city', '--as-of', '2026-11-23']);
    const x = JSON.parse(out).explanation;
    expect(x).toMatchObject({ kind: 'eligibility', municipality: { name: '小田原市', code: '142069' }, designation: { id: 'cooperation-central-city' }, eligible: false });
    expect(x.criteria.map((c: { id: string; status: string }) => `${c.id}:${c.status}`)).toEqual(['scale:fail', 'day-night-ratio:fail', 'metro-core-commute-share:unknown', 'two-city-centre:not-applicable']);
    expectGolden('explain/odawara-cooperation-central-city.en.json', out);
  });

  it('小田原市 merged with 南足柄市 (--merge): golden JSON, with how the merged figures were derived', () => {
    const out = json(['小田原市', '--merge', '南足柄市', '--designation', 'cooperation-central-city', '--as-of', '2026-11-23']);
    const x = JSON.parse(out).explanation;
    expect(x.municipality.merged).toEqual(['小田原市', '南足柄市']);
    expect(x.derived).toContain('population 229,697 = 小田原市 188,856 + 南足柄市 40,841 (sum)');
    expectGolden('explain/odawara-merged-cooperation-central-city.en.json', out);
  });

  it('the merger as a 中核市 on 2020-03-31, as a tree and as Markdown (ja), both to files in one run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kouiki-explain-'));
    const r = kouiki(['explain', '小田原市', '--merge', '南足柄市', '--designation', 'core-city', '--lang', 'ja', '--as-of', '2020-03-31', '-f', `text:${join(dir, 'x.txt')}`, '-f', `markdown:${join(dir, 'x.md')}`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expectGolden('explain/odawara-merged-core-city.ja.txt', readFileSync(join(dir, 'x.txt'), 'utf8'));
    expectGolden('explain/odawara-merged-core-city.ja.md', readFileSync(join(dir, 'x.md'), 'utf8'));
  });

  it('core-city for 小田原市 (a 施行時特例市) on both sides of 2020-03-31, the end of the route of 附則第3条', () => {
    const open = JSON.parse(json(['小田原市', '--designation', 'core-city', '--as-of', '2020-03-31'])).explanation;
    expect(open.eligible).toBe(true);
    expect(open.exceptions[0]).toMatchObject({ id: 'transitional-special-city', outcome: 'replaced' });
    expect(open.parameters.find((p: { id: string }) => p.id.endsWith('/window'))).toMatchObject({ value: true, from: '2015-04-01', until: '2020-04-01' });
    const closed = JSON.parse(json(['小田原市', '--designation', 'core-city', '--as-of', '2020-04-01'])).explanation;
    expect(closed.eligible).toBe(false);
    expect(closed.exceptions[0]).toMatchObject({ outcome: 'closed' });
    // On 2020-04-01 the 2015 census was the one in force (the 2020 results came out on 2021-11-30).
    expect(closed.criteria.find((c: { id: string }) => c.id === 'population')).toMatchObject({ status: 'fail', actual: 194086, comparison: { threshold: 200000 } });
  });

  it('figures given as flags, and a partner check with --partner-of and --data', () => {
    const flags = JSON.parse(json(['--population', '230000', '--day-night-ratio', '0.97', '--metro-area', 'tokyo', '--metro-core-commute-share', '0.14', '--kind', 'core-city', '--designation', 'cooperation-central-city', '--as-of', '2026-11-23'])).explanation;
    expect(flags.municipality.name).toBe('figures given');
    expect(flags.figures.find((f: { id: string }) => f.id === 'dayNightRatio')).toEqual({ id: 'dayNightRatio', value: 0.97, source: 'command line' });
    expect(flags.criteria.find((c: { id: string }) => c.id === 'metro-core-commute-share')).toMatchObject({ status: 'fail', actual: 0.14, comparison: { op: '<', threshold: 0.1 } });
    const partner = JSON.parse(json(['箱根町', '--partner-of', '小田原市', '--designation', 'cooperation-partner', '--data', 'examples/kensei-commuting.example.yaml', '--as-of', '2026-11-23'])).explanation;
    expect(partner.designation).toMatchObject({ id: 'cooperation-partner', centralCity: '小田原市' });
    expect(partner.figures).toEqual([expect.objectContaining({ id: 'commuteShare', value: 0.25 })]);
  });
});


describe('kouiki explain of a designation the city holds', () => {
  it('鳥取市 (中核市 since 2018-04-01): the result says held, in both languages, and the JSON carries it', () => {
    const en = kouiki(['explain', '鳥取市', '--designation', 'core-city', '--as-of', '2026-11-23', '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.stdout).toMatch(/Result: held \(since 2018-04-01\)\. The law has no de-designation/);
    expect(en.stdout).not.toMatch(/Result: does not meet/);
    const ja = kouiki(['explain', '鳥取市', '--designation', 'core-city', '--as-of', '2026-11-23', '--lang', 'ja']);
    expect(ja.stdout).toContain('結果: 指定済み（2018-04-01）');
    const json = JSON.parse(kouiki(['explain', '鳥取市', '--designation', 'core-city', '--as-of', '2026-11-23', '-f', 'json']).stdout);
    expect(json.explanation?.result?.held?.since ?? json.result?.held?.since).toBe('2018-04-01');
  });
});
