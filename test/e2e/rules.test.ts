import { describe, expect, it } from 'vitest';
import { kouiki } from '../helpers/cli.js';
import { copyPack, lineOf } from '../helpers/pack-copy.js';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';

const KANAGAWA = 'examples/rule-packs/kanagawa';
const lastLine = (s: string): string => s.trimEnd().split('\n').at(-1)!;

describe('kouiki rules test', () => {
  it('passes on the default pack, ending with exactly "N passed, 0 failed"', () => {
    const r = kouiki(['rules', 'test', '--lang', 'en']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(lastLine(r.stdout)).toMatch(/^\d+ passed, 0 failed$/);
    expect(r.stdout).toContain('✓ 連携協約 has no 規約 — it is an agreement itself (legal-facts §1; S16, S17)');
  });

  it('fails (exit 1) on a copy of the pack whose legal fact and thresholds were changed, naming each failed case with file:line', () => {
    // a legal fact (連携協約 has no 規約), the recommendation band, and the 中核市 population
    // threshold of Art. 252-22(1) (200,000 from 2015-04-01) raised to 250,000
    const dir = copyPack({
      'instruments/cooperation-agreement.yaml': [['    short: { ja: "規約なし", en: "no 規約" }\n    value: false\n', '    short: { ja: "規約なし", en: "no 規約" }\n    value: true\n']],
      'pack.yaml': [['  recommendedAt: 0.7\n', '  recommendedAt: 0.95\n']],
      'designations/core-city.yaml': [['        2015-04-01:\n          value: 200000\n', '        2015-04-01:\n          value: 250000\n']],
    });
    const r = kouiki(['rules', 'test', dir, '--lang', 'en', '-q']);
    expect(r.code).toBe(1);
    const m = /^(\d+) passed, (\d+) failed$/.exec(lastLine(r.stdout))!;
    expect(Number(m[2])).toBe(6);
    const file = join(dir, 'tests', 'instruments', 'cooperation-agreement.yaml');
    expect(r.stdout).toContain(`✗ 連携協約 has no 規約 — it is an agreement itself (legal-facts §1; S16, S17) (${file}:${lineOf(file, '連携協約 has no 規約')})\n    charter.value: expected false, got true`);
    const elig = join(dir, 'tests', 'designations', 'core-city.yaml');
    expect(r.stdout).toContain(
      `✗ 中核市 — from 2015-04-01 a city of exactly 200,000 passes (以上; Art. 252-22(1) as amended by 平成26年法律第42号, 附則第1条第2号) (${elig}:${lineOf(elig, 'from 2015-04-01 a city of exactly 200,000 passes')})\n` +
        '    eligible: expected true, got false (population: fail)\n    criterion population: expected pass, got fail (200000 vs >= 250,000)',
    );
    expect(r.stdout).toContain('✗ 小田原市 and 南足柄市 as a new city (新設合併, the default) — 229,697 meets 200,000');
    expect(r.stdout).not.toContain('✓');
  });

  it('--filter runs the cases whose name matches; none matching is exit 2; JSON lists each case', () => {
    const r = kouiki(['rules', 'test', '--filter', '連絡調整', '-f', 'json', '--lang', 'en']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.failed).toBe(0);
    expect(doc.results.length).toBe(doc.summary.passed);
    expect(doc.results.every((x: { name: string; status: string }) => x.name.includes('連絡調整') && x.status === 'passed')).toBe(true);
    const none = kouiki(['rules', 'test', '--filter', 'no such case', '--lang', 'en']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no case matches --filter "no such case"');
  });

  it('a prefecture pack passes its own cases and, with --with-default-tests, the default pack’s', () => {
    const own = kouiki(['rules', 'test', KANAGAWA, '--lang', 'en']);
    expect(own.code).toBe(0);
    expect(lastLine(own.stdout)).toBe('5 passed, 0 failed');
    const all = kouiki(['rules', 'test', KANAGAWA, '--with-default-tests', '--lang', 'en', '-q']);
    expect(all.code).toBe(0);
    expect(lastLine(all.stdout)).toMatch(/^\d+ passed, 0 failed$/);
  });
});

describe('kouiki rules validate', () => {
  it('the default pack and the example pack are clean (exit 0)', () => {
    const r = kouiki(['rules', 'validate', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('✓ rules: no problems (kouiki-default 2026.11.1)\n');
    const k = kouiki(['rules', 'validate', KANAGAWA, '--lang', 'ja']);
    expect(k.code).toBe(0);
    expect(k.stdout).toBe('✓ examples/rule-packs/kanagawa: 問題はありません（kanagawa-kensei 2026.11.1-kensei.1）\n');
  });

  it('lists every problem as file:line:col and exits 1', () => {
    const dir = copyPack({
      'recommend/workload.yaml': [['      - if: low\n', '      - if: [low, high]\n']],
      'categories/regional-vitality.yaml': [['instruments: [cooperation-agreement]\n', 'instruments: [cooperation-agreemnt]\n']],
    });
    const r = kouiki(['rules', 'validate', dir, '--lang', 'en']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^${dir}/categories/regional-vitality\\.yaml:${lineOf(join(dir, 'categories/regional-vitality.yaml'), 'cooperation-agreemnt')}:\\d+: unknown instrument "cooperation-agreemnt"`)),
      expect.stringMatching(new RegExp(`^${dir}/recommend/workload\\.yaml:${lineOf(join(dir, 'recommend/workload.yaml'), '- if: [low, high]')}:\\d+: cases 1 and 2 can both hold`)),
      `✖ 2 problems in ${dir}`,
    ]);
    const json = JSON.parse(kouiki(['rules', 'validate', dir, '-f', 'json', '--lang', 'en']).stdout);
    expect(json.summary.problems).toBe(2);
    expect(json.problems[0]).toMatchObject({ file: `${dir}/categories/regional-vitality.yaml`, line: expect.any(Number), column: expect.any(Number), message: expect.stringContaining('unknown instrument') });
  });

  it('checks the test files too', () => {
    const dir = copyPack({ 'tests/categories.yaml': [['    expect: { instruments: [cooperation-agreement, council, consignment], source: "003", section: "5(2)イ(ア)" }\n', '']] });
    const r = kouiki(['rules', 'validate', dir, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('has no expectations (expect:)');
  });

  it('exit 2 when the pack cannot be read (invalid YAML, no directory)', () => {
    const dir = copyPack({ 'facts/index.yaml': [['version: 1\n', 'version: 1\nx: [\n']] });
    const r = kouiki(['rules', 'validate', dir, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/facts\/index\.yaml:\d+:\d+: invalid YAML/);
    expect(kouiki(['rules', 'validate', '/nonexistent/pack', '--lang', 'en']).code).toBe(2);
  });
});

describe('kouiki rules outdated', () => {
  it('nothing is due on the day the pack was reviewed; a year later every value is, as file:line', () => {
    const now = kouiki(['rules', 'outdated', '--as-of', '2026-11-23', '--lang', 'en']);
    expect(now.code).toBe(0);
    expect(now.stdout).toBe('✓ rules: nothing due for review on 2026-11-23 (every 12 months)\n');
    const later = kouiki(['rules', 'outdated', '--as-of', '2027-12-04', '--lang', 'en']);
    expect(later.code).toBe(0);
    const lines = later.stdout.trimEnd().split('\n');
    const instrument = 'rules/instruments/cooperation-agreement.yaml';
    expect(lines).toContain(`${instrument}:${lineOf(instrument, 'reviewed: 2026-11-23')}: instruments/cooperation-agreement — reviewed 2026-11-23, due 2027-11-23`);
    // A value that inherits its review date from the file's defaults: the line of the default.
    const designation = 'rules/designations/core-city.yaml';
    const defaults = lineOf(designation, 'defaults: { reviewed: 2026-12-04 }');
    expect(lines).toContain(`${designation}:${defaults}: designations/core-city/criteria/population/threshold — reviewed 2026-12-04, due 2027-12-04`);
    expect(lines).toContain(`${designation}:${defaults}: designations/core-city — reviewed 2026-12-04, due 2027-12-04`);
    expect(lines.every((l, i) => i === lines.length - 1 || /^rules\/[a-z/-]+\.yaml:\d+: \S+ — reviewed \d{4}-\d{2}-\d{2}, due \d{4}-\d{2}-\d{2}$/.test(l))).toBe(true);
    expect(lastLine(later.stdout)).toMatch(/^\d+ values due for review on 2027-12-04 \(every 12 months\)$/);
  });
});

describe('kouiki rules doc', () => {
  it('prints the pack beside the law: citations linked to their source, S# to the fact sheet’s URLs', () => {
    const r = kouiki(['rules', 'doc', '--lang', 'en']);
    expect(r.code).toBe(0);
    const md = r.stdout;
    expect(md.startsWith('# kouiki default rule pack (Local Autonomy Act cooperation instruments)\n')).toBe(true);
    expect(md).toContain('### Cooperation agreement (`cooperation-agreement`)');
    expect(md).toContain('| charter | `false` | no 規約; the agreement itself | legal-facts.md §1 (via [S16](https://www-pref-yamaguchi-lg-jp.cache.yimg.jp/soshiki/31/15053.html), [S17](');
    expect(md).toContain('[Local Autonomy Act Art. 252-2(3)](https://laws.e-gov.go.jp/law/322AC0000000067) (via [S2](https://iuris.jp/');
    expect(md).toContain('### `authority` — Where authority sits');
    expect(md).toContain('- Hit policy: unique');
    expect(md).toContain('| 1 | all(multipleAffairs = true; prefectureParty = true) | Partial-affairs union (`partial-affairs-union`) | -, cap not-allowed |');
    expect(md).toMatch(/\n- S2: <https:\/\/iuris\.jp\//);
  });
  it('merges a custom pack with its base and says what it overrides', () => {
    const r = kouiki(['rules', 'doc', KANAGAWA, '--lang', 'ja']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('- 拡張元: `kouiki-default` 2026.11.1; 置き換え: `rules/capacity-gap`, `categories/wide-area-issue`');
    expect(r.stdout).toContain('### `kensei-forum` — 神奈川県西部広域行政協議会');
  });
});

describe('kouiki schema rule-tests', () => {
  it('the committed schemas/rule-tests.schema.json is what the CLI prints', () => {
    const r = kouiki(['schema', 'rule-tests']);
    expect(r.code).toBe(0);
    expect(readFileSync('schemas/rule-tests.schema.json', 'utf8')).toBe(r.stdout);
  });
});

describe('kouiki rules (the group)', () => {
  it('without an action prints its help to stderr and exits 2; --help lists the actions', () => {
    const r = kouiki(['rules', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('validate [options] [dir]');
    const h = kouiki(['rules', '--help']);
    expect(h.code).toBe(0);
    for (const a of ['validate', 'test', 'outdated', 'doc']) expect(h.stdout).toMatch(new RegExp(`\\n  ${a} \\[options\\] \\[dir\\]`));
  });
});

describe('custom rule packs (--rules DIR) on every command', () => {
  it('a pack that replaces a default item without naming it stops the run with the position and exit 2', () => {
    const dir = copyPack({ 'pack.yaml': [['  - rules/capacity-gap ', '  - rules/frequency ']] }, KANAGAWA);
    const r = kouiki(['recommend', '--rules', dir, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot load the rule pack at ${dir}`);
    expect(r.stderr).toMatch(/recommend\/capacity-gap\.yaml:\d+:\d+: rules\/capacity-gap is already defined by the default pack/);
    expect(r.stderr).toContain('run `kouiki rules validate DIR` to see every problem');
  });
  it('its facts are flags, and the JSON names the pack used', () => {
    const r = kouiki(['evaluate', 'examples/kensei-tasks.yaml', '--rules', KANAGAWA, '-f', 'json', '--lang', 'en', '--as-of', '2026-11-23']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).rulePack).toMatchObject({ name: 'kanagawa-kensei', version: '2026.11.1-kensei.1', base: { name: 'kouiki-default' } });
    const flag = kouiki(['recommend', '--rules', KANAGAWA, '--kensei-area', '--name', '連携の検討', '-f', 'json', '--lang', 'en']);
    const vc = JSON.parse(flag.stdout).results[0].recommendations.find((x: { instrument: string }) => x.instrument === 'voluntary-council');
    expect(vc.reasons.some((x: { rule: string }) => x.rule === 'kensei-forum')).toBe(true);
  });
});
