import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kouiki } from '../helpers/cli.js';
import { expectGolden } from '../helpers/golden.js';

const EXAMPLE = 'examples/kensei-tasks.yaml';
const AS_OF = ['--as-of', '2026-11-23'];

describe('kouiki evaluate (built binary)', () => {
  it('renders the 県西地域 example in every format, byte-identical to the golden files', () => {
    const cases: [string[], string][] = [
      [['--lang', 'ja'], 'recommend/kensei.ja.table.txt'],
      [['--lang', 'en'], 'recommend/kensei.en.table.txt'],
      [['--lang', 'ja', '-f', 'json'], 'recommend/kensei.ja.json'],
      [['--lang', 'en', '-f', 'json'], 'recommend/kensei.en.json'],
      [['--lang', 'ja', '-f', 'markdown'], 'recommend/kensei.ja.md'],
      [['--lang', 'en', '-f', 'csv'], 'recommend/kensei.en.csv'],
    ];
    for (const [args, golden] of cases) {
      const r = kouiki(['evaluate', EXAMPLE, ...AS_OF, ...args]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expectGolden(golden, r.stdout);
    }
  });

  it('names a council kind in the output language, and uses the brackets of that language', () => {
    // Contract §6: keys in English, labels in the chosen language. The kind id stays in JSON only.
    const ja = kouiki(['evaluate', EXAMPLE, '--lang', 'ja', '--no-color', ...AS_OF]);
    expect(ja.stdout).toContain('(連絡調整協議会)');
    // In the detail (the summary's task column shows task ids, one of which is "liaison").
    expect(ja.stdout.slice(ja.stdout.indexOf('課題ごとの詳細'))).not.toMatch(/│ \((liaison|planning|management)\) /);
    expect(ja.stdout).toContain('手続（');
    const en = kouiki(['evaluate', EXAMPLE, '--lang', 'en', '-f', 'markdown', ...AS_OF]);
    expect(en.stdout).toContain('| Council (liaison council) |');
    expect(en.stdout).toContain('### Procedure (Cooperation agreement)');
    // The Sources list quotes Japanese titles as they are published (（案）); the rest is English.
    const [body, sources] = en.stdout.split('\n## Sources\n');
    expect(body).not.toMatch(/[（）]/);
    expect(sources).toContain('中心市と周辺自治体との新たな広域連携体制について（案）概要');
    const json = JSON.parse(kouiki(['evaluate', EXAMPLE, '-f', 'json', '--lang', 'ja', ...AS_OF]).stdout);
    const nature = json.results.find((r: { task: { id: string } }) => r.task.id === 'nature');
    const council = nature.recommendations.find((r: { instrument: string }) => r.instrument === 'council');
    expect(council.kind).toBe('liaison');
  });

  it('JSON output matches the contract and is valid JSON', () => {
    const r = kouiki(['evaluate', EXAMPLE, ...AS_OF, '-f', 'json']);
    const doc = JSON.parse(r.stdout);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.rulePack).toEqual({ name: 'kouiki-default', version: expect.any(String) });
    expect(doc.asOf).toBe('2026-11-23');
    expect(doc.results.length).toBeGreaterThanOrEqual(10);
    for (const res of doc.results) {
      expect(Object.keys(res).slice(0, 3)).toEqual(['task', 'category', 'unknownFacts']);
      expect(res.recommendations.filter((x: { procedure?: unknown }) => x.procedure).length).toBeLessThanOrEqual(1);
      // The first choice's procedure, unless the first rank is tied (issue 15 item 9: no procedure then).
      if (res.tie) expect(res.recommendations[0].procedure).toBeUndefined();
      else expect(res.recommendations[0].procedure?.length ?? 0).toBeGreaterThan(0);
    }
  });

  it('writes several formats in one run, atomically, and reads stdin with -', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kouiki-'));
    const input = readFileSync(EXAMPLE, 'utf8');
    const r = kouiki(['evaluate', '-', ...AS_OF, '-f', `json:${join(dir, 'out.json')}`, '-f', `csv:${join(dir, 'out.csv')}`, '-f', 'markdown'], { input });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('## 鳥獣被害対策 (wildlife)');
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).results[0].task.id).toBe('wildlife');
    expect(readFileSync(join(dir, 'out.csv'), 'utf8').startsWith('\ufeffTask ID,Task,')).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['out.csv', 'out.json']);
  });

  it('refuses to overwrite an input file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kouiki-'));
    const file = join(dir, 't.yaml');
    writeFileSync(file, 'tasks:\n  - name: 観光\n');
    const r = kouiki(['evaluate', file, '-f', `json:${file}`]);
    expect(r.code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('tasks:\n  - name: 観光\n');
  });
});

describe('bad input: file:line:col, what is expected, exit 2, nothing on stdout', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kouiki-bad-'));
  const write = (name: string, text: string | Buffer): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const cases: [string, string | Buffer, RegExp][] = [
    ['unknown-category.yaml', 'tasks:\n  - name: x\n    category: wide-area\n', /unknown-category\.yaml:3:15: "category": expected one of "wide-area-issue".* \(did you mean wide-area-issue \(Wide-area issues\)\?\)/],
    ['unknown-fact.yaml', 'tasks:\n  - name: x\n    facts:\n      legalEntity: true\n', /unknown-fact\.yaml:4:7: unknown key "legalEntity" \(expected one of parties, .*needsLegalEntity/],
    ['wrong-type.yaml', 'tasks:\n  - name: x\n    facts:\n      needsLegalEntity: "yes"\n', /wrong-type\.yaml:4:25: "needsLegalEntity": expected boolean, got string/],
    ['duplicate-key.yaml', 'tasks:\n  - name: x\n    name: y\n', /duplicate-key\.yaml:3:5: invalid YAML: Map keys must be unique/],
    ['not-a-list.yaml', 'tasks:\n  name: x\n', /not-a-list\.yaml:2:3: "tasks": expected array, got object/],
    ['top-list.yaml', '- name: x\n', /top-list\.yaml:1:1: the top level of a task list is a map/],
    ['empty.yaml', '', /empty\.yaml:1:1: the task list is empty/],
    ['latin1.yaml', Buffer.from([0x74, 0x61, 0x73, 0x6b, 0x73, 0x3a, 0x0a, 0x20, 0x20, 0x2d, 0x20, 0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]), /latin1\.yaml:2:11: the file is not valid UTF-8/],
    ['missing-name.yaml', 'tasks:\n  - category: wide-area-issue\n', /missing-name\.yaml:2:5: missing required key "name"/],
    ['dup-id.yaml', 'tasks:\n  - { id: a, name: x }\n  - { id: a, name: y }\n', /dup-id\.yaml:3:11: duplicate task id "a"/],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => {
      const r = kouiki(['evaluate', write(name, text), '--lang', 'en']);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(expected);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });
  }

  it('a file that does not exist', () => {
    const r = kouiki(['evaluate', join(dir, 'nope.yaml'), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.yaml: no such file/);
  });

  it('messages are in Japanese with --lang ja', () => {
    const r = kouiki(['evaluate', write('ja.yaml', 'tasks:\n  - name: x\n    category: wide-area\n'), '--lang', 'ja']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ja\.yaml:3:15: 「category」は次のいずれかである必要があります/);
  });

  it('unknown flags get a suggestion and exit 2', () => {
    const r = kouiki(['recommend', '--retain-authorty', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--retain-authorty'/);
    expect(r.stderr).toMatch(/Did you mean --retain-authority\?/);
  });

  it('KOUIKI_DEBUG=1 adds the stack', () => {
    const r = kouiki(['evaluate', join(dir, 'nope.yaml')], { env: { KOUIKI_DEBUG: '1' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\n\s+at /);
    expect(existsSync(dir)).toBe(true);
  });
});
