import { readFileSync } from 'node:fs';
import { Chalk } from 'chalk';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, FileReport } from '../../src/core/check/types.js';
import { summarize } from '../../src/core/check/report.js';
import { renderCheck, type CheckRun, type RuleMeta } from '../../src/report/check/index.js';
import { escapeData, escapeProperty } from '../../src/report/check/github.js';
import { artifactUri } from '../../src/report/check/sarif.js';
import { CHECK_FORMATS } from '../../src/core/check/ids.js';
import { expectGolden } from '../helpers/golden.js';

const plain = new Chalk({ level: 0 });
// ajv-draft-04 is CommonJS whose module.exports is the class: require it as such.
const AjvDraft04 = createRequire(import.meta.url)('ajv-draft-04') as typeof import('ajv-draft-04').default;

const rules: RuleMeta[] = [
  { id: 'schema', name: 'Draft format', description: 'the draft does not have the shape of a policy draft', help: 'fix the key shown', citation: 'kouiki schema draft', defaultSeverity: 'error', severity: 'error' },
  { id: 'statutory-content', name: 'Required content of the charter', description: 'the draft lacks what the charter must state', help: 'add costSharing', citation: 'Local Autonomy Act Art. 252-16-3', defaultSeverity: 'error', severity: 'error' },
  { id: 'reciprocity', name: 'Central city burden', description: 'the central city provides with no cost sharing', help: 'agree cost sharing', citation: '県西地域の案 5(1)', defaultSeverity: 'warn', severity: 'warn' },
  { id: 'instrument-fit', name: 'Instrument fit', description: 'the instrument is unsuitable', help: 'consider another', citation: '県西地域の案 5(2)イ', defaultSeverity: 'warn', severity: 'off' },
];

const d = (rule: string, severity: 'error' | 'warning', line: number, column: number, message: string, citation: string, endColumn = column + 4): Diagnostic => ({
  rule,
  severity,
  message,
  line,
  column,
  endLine: line,
  endColumn,
  citation,
});

function fileOf(path: string, diagnostics: Diagnostic[], suppressed: FileReport['suppressed'] = []): FileReport {
  return {
    path,
    errorCount: diagnostics.filter((x) => x.severity === 'error').length,
    warningCount: diagnostics.filter((x) => x.severity === 'warning').length,
    diagnostics,
    suppressed,
  };
}

function runOf(files: FileReport[], failures: CheckRun['failures'] = [], lang: 'ja' | 'en' = 'en'): CheckRun {
  return {
    head: { schemaVersion: 1, rulePack: { name: 'kouiki-default', version: '2026.11.1' }, asOf: '2026-11-23' },
    lang,
    version: '0.1.0',
    files,
    failures,
    summary: summarize(files),
    rules,
  };
}

/** Two drafts (one with problems, a suppression and awkward characters; one clean) and one that could not be checked. */
const sample = runOf(
  [
    fileOf(
      'drafts/県西 案.yaml',
      [
        d('schema', 'error', 3, 3, 'unknown key "costShare" (did you mean "costSharing"?)', 'kouiki schema draft', 12),
        d('statutory-content', 'error', 12, 5, 'the charter of 事務の代替執行 must state how costs are paid, which this project lacks; add costSharing:', 'Local Autonomy Act Art. 252-16-3 item 3'),
        d('reciprocity', 'warning', 14, 15, 'share: 80% of 5 projects, above 75%, "quoted" & <tagged>\nsecond line', '県西地域の案 5(1)', 19),
      ],
      [{ ...d('reciprocity', 'warning', 20, 15, 'the central city provides this service with no cost sharing', '県西地域の案 5(4)ア(ア)'), reason: 'agreed in 西部協 2026-04' }],
    ),
    fileOf('drafts/clean.yaml', []),
  ],
  [{ path: 'drafts/broken.yaml', message: 'the file is not valid YAML: Nested mappings are not allowed', line: 4, column: 7 }],
);

describe('check formats against golden files', () => {
  for (const format of CHECK_FORMATS) {
    it(format, () => {
      const ext = format === 'json' || format === 'sarif' ? 'json' : format === 'junit' ? 'xml' : format === 'markdown' ? 'md' : 'txt';
      expectGolden(`check/format-${format}.${ext}`, renderCheck(format, sample, { chalk: plain, stepSummary: true }));
    });
  }
  it('stylish in Japanese, and a clean run', () => {
    expectGolden('check/format-stylish.ja.txt', renderCheck('stylish', { ...sample, lang: 'ja' }, { chalk: plain }));
    expect(renderCheck('stylish', runOf([fileOf('a.yaml', [])]), { chalk: plain })).toBe('✔ no problems (1 file)\n');
    expect(renderCheck('stylish', runOf([fileOf('a.yaml', [])], [], 'ja'), { chalk: plain })).toBe('✔ 問題はありません（1 ファイル）\n');
  });
});

describe('SARIF', () => {
  const schema = JSON.parse(readFileSync('test/fixtures/sarif/sarif-2.1.0-rtm.5.json', 'utf8'));
  const validate = new AjvDraft04({ strict: false, validateFormats: false, allErrors: true, unicodeRegExp: false }).compile(schema);

  it('validates against the SARIF 2.1.0 JSON schema, with and without results', () => {
    for (const run of [sample, runOf([fileOf('a.yaml', [])]), runOf([], [{ path: 'x.yaml', message: 'no such file' }])]) {
      const doc = JSON.parse(renderCheck('sarif', run, { chalk: plain }));
      const ok = validate(doc);
      expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 1)).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('has stable rule ids and indexes, regions and in-source suppressions', () => {
    const doc = JSON.parse(renderCheck('sarif', sample, { chalk: plain }));
    const r = doc.runs[0];
    expect(r.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(rules.map((x) => x.id));
    expect(r.columnKind).toBe('utf16CodeUnits');
    for (const res of r.results) expect(r.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
    expect(r.results[1].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'drafts/%E7%9C%8C%E8%A5%BF%20%E6%A1%88.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 12, startColumn: 5, endLine: 12, endColumn: 9 },
    });
    expect(r.results.filter((x: { suppressions?: unknown }) => x.suppressions)).toHaveLength(1);
    expect(r.results[3].suppressions).toEqual([{ kind: 'inSource', justification: 'agreed in 西部協 2026-04' }]);
    expect(r.invocations[0].executionSuccessful).toBe(false);
    expect(r.invocations[0].toolExecutionNotifications[0].locations[0].physicalLocation.region).toEqual({ startLine: 4, startColumn: 7 });
  });

  it('artifact URIs are relative references with each segment percent-encoded', () => {
    expect(artifactUri('a b/c#d.yaml')).toBe('a%20b/c%23d.yaml');
    expect(artifactUri('/abs/x.yaml')).toBe('file:///abs/x.yaml');
    expect(() => new URL(artifactUri('drafts/県西 案.yaml'), 'file:///repo/')).not.toThrow();
  });
});

describe('github annotations', () => {
  it('escapes % CR LF in messages, and also : , in properties', () => {
    expect(escapeData('100% a\r\nb: c, d')).toBe('100%25 a%0D%0Ab: c, d');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
    const out = renderCheck('github', sample, { chalk: plain });
    expect(out).toContain('::warning file=drafts/県西 案.yaml,line=14,col=15,endLine=14,endColumn=19,title=kouiki reciprocity::share%3A'.replace('share%3A', 'share: 80% of'.replace('%', '%25')));
    expect(out).toContain('"quoted" & <tagged>%0Asecond line [県西地域の案 5(1)]');
    expect(out).toContain('::error file=drafts/broken.yaml,line=4,col=7,title=kouiki%3A could not check::');
    for (const line of out.trimEnd().split('\n')) expect(line).toMatch(/^::(error|warning|notice)( [^:]*)?::/);
  });

  it('annotates at most 10 per severity, then a notice that points to the job summary', () => {
    const many = Array.from({ length: 13 }, (_, i) => d('schema', 'error', i + 1, 1, `e${i}`, 'c'));
    const warns = Array.from({ length: 11 }, (_, i) => d('reciprocity', 'warning', i + 20, 1, `w${i}`, 'c'));
    const out = renderCheck('github', runOf([fileOf('x.yaml', [...many, ...warns])]), { chalk: plain, stepSummary: true }).trimEnd().split('\n');
    expect(out.filter((l) => l.startsWith('::error'))).toHaveLength(10);
    expect(out.filter((l) => l.startsWith('::warning'))).toHaveLength(10);
    expect(out.at(-1)).toBe('::notice title=kouiki check::✖ 24 problems (13 errors, 11 warnings); 4 more not annotated here: see the job summary');
  });
});
