import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECK_FORMATS } from '../../src/core/check/ids.js';
import { kouiki, ROOT } from '../helpers/cli.js';
import { expectGolden } from '../helpers/golden.js';

const AS_OF = ['--as-of', '2026-11-23'];
const FAILING = 'examples/drafts/kensei-failing.yaml';
const CLEAN = 'examples/drafts/kensei-clean.yaml';

describe('examples/drafts', () => {
  it('the failing draft reports each problem at its line and column, and exits 1', () => {
    const r = kouiki(['check', FAILING, '-f', 'json', '--lang', 'en', ...AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const diags = JSON.parse(r.stdout).files[0].diagnostics.map((d: Record<string, unknown>) => [d.rule, d.severity, d.line, d.column, d.endLine, d.endColumn]);
    expect(diags).toEqual([
      // centralCity: 開成町 — a 町 is not a 指定都市 or 中核市 (要綱 第3, requirement A); B fails on
      // the embedded 2020 census (0.8748); C has no figures.
      ['central-city-eligibility', 'error', 10, 14, 10, 17],
      ['central-city-eligibility', 'error', 10, 14, 10, 17],
      ['central-city-eligibility', 'warning', 10, 14, 10, 17],
      // partners: [小田原市, 南足柄市, 箱根村]
      ['partner-commuting', 'warning', 13, 12, 13, 16],
      ['scheme-structure', 'warning', 13, 18, 13, 22],
      ['partner-commuting', 'warning', 13, 18, 13, 22],
      ['unknown-municipality', 'error', 13, 24, 13, 27],
      ['scheme-structure', 'warning', 13, 24, 13, 27],
      // a multi-purpose union with the prefecture (Art. 285)
      ['instrument-allowed', 'error', 25, 17, 25, 38],
      // 代替執行 without cost sharing (Art. 252-16-3 item 3): at the project (the missing key's parent)
      ['statutory-content', 'error', 32, 5, 32, 9],
      ['reciprocity', 'warning', 36, 15, 36, 18],
      ['instrument-fit', 'warning', 42, 17, 42, 28],
      ['schema', 'error', 54, 5, 54, 14],
    ]);
  });

  it('the clean draft exits 0 with its one suppression counted', () => {
    const r = kouiki(['check', CLEAN, '-f', 'json', '--lang', 'en', ...AS_OF]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.summary).toEqual({ files: 1, errors: 0, warnings: 0, suppressed: 1 });
    expect(j.files[0].suppressed[0]).toMatchObject({ rule: 'reciprocity', line: 35, reason: expect.stringContaining('観光案内所') });
  });

  it('a broken draft exits 2 (and is never reported as a finding)', () => {
    const r = kouiki(['check', 'test/fixtures/check/broken.yaml', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('invalid YAML');
  });

  for (const format of CHECK_FORMATS) {
    it(`both drafts, ${format} (golden)`, () => {
      const r = kouiki(['check', 'examples/drafts/', '-f', format, '--lang', 'en', ...AS_OF]);
      expect(r.code).toBe(1);
      const ext = format === 'json' || format === 'sarif' ? 'json' : format === 'junit' ? 'xml' : format === 'markdown' ? 'md' : 'txt';
      // SARIF names the repository root (originalUriBaseIds): the same golden file on any machine.
      const text = format === 'sarif' ? r.stdout.split(`${pathToFileURL(ROOT).href}/`).join('file:///REPO/') : r.stdout;
      expectGolden(`check/examples.${format}.${ext}`, text);
    });
  }

  it('Japanese stylish and markdown (golden)', () => {
    expectGolden('check/examples.stylish.ja.txt', kouiki(['check', 'examples/drafts/', '--lang', 'ja', ...AS_OF]).stdout);
    expectGolden('check/examples.markdown.ja.md', kouiki(['check', 'examples/drafts/', '-f', 'markdown', '--lang', 'ja', ...AS_OF]).stdout);
  });

  it('the examples SARIF validates against the SARIF 2.1.0 schema', () => {
    const AjvDraft04 = createRequire(import.meta.url)('ajv-draft-04') as typeof import('ajv-draft-04').default;
    const schema = JSON.parse(readFileSync('test/fixtures/sarif/sarif-2.1.0-rtm.5.json', 'utf8'));
    const validate = new AjvDraft04({ strict: false, validateFormats: false, allErrors: true, unicodeRegExp: false }).compile(schema);
    const doc = JSON.parse(readFileSync('test/golden/check/examples.sarif.json', 'utf8'));
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toContain('central-city-eligibility');
  });
});

describe('docs come from rules/checks/', () => {
  it("the CI guide's rules table lists every rule with its default severity and description", async () => {
    const { parse } = await import('yaml');
    // One file per rule (rules/checks/<id>.yaml), in the order of the directory's index.yaml.
    const order = parse(readFileSync('rules/checks/index.yaml', 'utf8')).order as string[];
    const checks = order.map((id) => parse(readFileSync(`rules/checks/${id}.yaml`, 'utf8')) as { id: string; severity: string; description: { en: string } });
    const readme = readFileSync('docs/guide/ci.md', 'utf8');
    for (const r of checks) expect(readme).toContain(`| \`${r.id}\` | ${r.severity} | ${r.description.en} |`);
  });

  it('kouiki check --help lists the rules from the pack', () => {
    const help = kouiki(['check', '--help', '--lang', 'en']).stdout;
    expect(help).toMatch(/reciprocity +warn +Central city burden/);
    expect(help).toMatch(/statutory-content +error +Required content of the charter/);
  });
});
