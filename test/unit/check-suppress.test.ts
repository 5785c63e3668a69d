import { describe, expect, it } from 'vitest';
import { fileReport, exitCode, summarize } from '../../src/core/check/report.js';
import { commentStart, parseDirectives } from '../../src/core/check/suppress.js';
import type { Finding } from '../../src/core/check/types.js';

const at = (line: number, column = 5): Finding['range'] => ({ line, column, endLine: line, endColumn: column + 3 });
const finding = (rule: string, line: number): Finding => ({ rule, message: `${rule} at ${line}`, range: at(line), citation: 'c' });
const sev = (over: Record<string, 'off' | 'warn' | 'error'> = {}) => (rule: string) =>
  over[rule] ?? ({ schema: 'error', reciprocity: 'warn', 'instrument-fit': 'warn', 'statutory-content': 'error', suppression: 'warn' } as Record<string, 'off' | 'warn' | 'error'>)[rule] ?? 'off';

describe('kouiki-disable-next-line directives', () => {
  it('parses rules, the reason after --, and where the comment is', () => {
    const line2 = '  # kouiki-disable-next-line reciprocity, instrument-fit -- agreed in 西部協 2026-04';
    const text = `name: x\n${line2}\nprojects: []\n`;
    expect(parseDirectives(text)).toEqual([
      {
        range: { line: 2, column: 3, endLine: 2, endColumn: line2.length + 1 },
        rules: ['reciprocity', 'instrument-fit'],
        reason: 'agreed in 西部協 2026-04',
        target: 3,
      },
    ]);
  });

  it('a directive with no rule applies to every rule; one with no reason has reason null', () => {
    const [d] = parseDirectives('# kouiki-disable-next-line\nx: 1\n');
    expect(d).toMatchObject({ rules: null, reason: null, target: 2 });
    expect(parseDirectives('a: 1 # kouiki-disable-next-line schema --\n')[0]).toMatchObject({ rules: ['schema'], reason: null });
  });

  it('a # inside a quoted value is not a comment; other words are not directives', () => {
    expect(parseDirectives('name: "a # kouiki-disable-next-line schema"\n')).toEqual([]);
    expect(parseDirectives("name: 'it''s # kouiki-disable-next-line schema'\n")).toEqual([]);
    expect(parseDirectives('# kouiki-disable-next-lines schema\n')).toEqual([]);
    expect(parseDirectives('name: a#kouiki-disable-next-line\n')).toEqual([]);
    expect(commentStart('a: "x" # c')).toBe(7);
    expect(commentStart('a: b#c')).toBe(-1);
  });

  it('suppresses the named rule on the next line only, keeps the reason, counts it', () => {
    const text = 'a: 1\n# kouiki-disable-next-line reciprocity -- agreed\nb: 2\nc: 3\n';
    const r = fileReport('d.yaml', [finding('reciprocity', 3), finding('reciprocity', 4), finding('schema', 3)], parseDirectives(text), { lang: 'en', severity: sev(), suppressionCitation: 's' });
    expect(r.suppressed.map((d) => [d.rule, d.line, d.reason])).toEqual([['reciprocity', 3, 'agreed']]);
    expect(r.diagnostics.map((d) => [d.rule, d.line])).toEqual([['schema', 3], ['reciprocity', 4]]);
    expect([r.errorCount, r.warningCount]).toEqual([1, 1]);
    expect(summarize([r]).suppressed).toBe(1);
  });

  it('a directive without a reason still suppresses, and is itself a suppression warning', () => {
    const text = '# kouiki-disable-next-line reciprocity\nb: 2\n';
    const r = fileReport('d.yaml', [finding('reciprocity', 2)], parseDirectives(text), { lang: 'en', severity: sev(), suppressionCitation: 's' });
    expect(r.suppressed).toHaveLength(1);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ rule: 'suppression', severity: 'warning', line: 1, column: 1 });
    expect(r.diagnostics[0]!.message).toMatch(/no reason/);
  });

  it('unknown rule ids and unused directives are reported; suppression findings cannot be suppressed', () => {
    const text = '# kouiki-disable-next-line reciprocty -- typo\nb: 2\n';
    const r = fileReport('d.yaml', [], parseDirectives(text), { lang: 'en', severity: sev(), suppressionCitation: 's' });
    const messages = r.diagnostics.map((d) => d.message);
    expect(messages).toHaveLength(2);
    expect(messages.some((m) => /suppresses nothing/.test(m))).toBe(true);
    expect(messages.some((m) => /unknown rule "reciprocty"/.test(m))).toBe(true);
  });

  it('rules that are off drop out; suppression off silences directive problems', () => {
    const text = '# kouiki-disable-next-line\nb: 2\n';
    const r = fileReport('d.yaml', [finding('reciprocity', 2)], parseDirectives(text), { lang: 'en', severity: sev({ reciprocity: 'off', suppression: 'off' }), suppressionCitation: 's' });
    expect(r.diagnostics).toEqual([]);
    expect(r.suppressed).toEqual([]);
  });

  it('a warn-only finding stays a warning under error; a rule set to warn downgrades errors', () => {
    const f: Finding = { ...finding('schema', 1), maxSeverity: 'warning' };
    expect(fileReport('d', [f], [], { lang: 'en', severity: sev(), suppressionCitation: '' }).diagnostics[0]!.severity).toBe('warning');
    expect(fileReport('d', [finding('schema', 1)], [], { lang: 'en', severity: sev({ schema: 'warn' }), suppressionCitation: '' }).diagnostics[0]!.severity).toBe('warning');
    expect(fileReport('d', [finding('reciprocity', 1)], [], { lang: 'en', severity: sev({ reciprocity: 'error' }), suppressionCitation: '' }).diagnostics[0]!.severity).toBe('error');
  });
});

describe('exit codes (contract §5)', () => {
  const s = (errors: number, warnings: number) => ({ files: 1, errors, warnings, suppressed: 0 });
  it('0 clean, 1 errors, 2 when a file could not be checked (whatever else)', () => {
    expect(exitCode(s(0, 0), 0, { maxWarnings: -1, failOnWarn: false })).toBe(0);
    expect(exitCode(s(0, 5), 0, { maxWarnings: -1, failOnWarn: false })).toBe(0);
    expect(exitCode(s(1, 0), 0, { maxWarnings: -1, failOnWarn: false })).toBe(1);
    expect(exitCode(s(0, 0), 1, { maxWarnings: -1, failOnWarn: false })).toBe(2);
    expect(exitCode(s(3, 0), 1, { maxWarnings: -1, failOnWarn: false })).toBe(2);
  });
  it('--max-warnings N: more than N warnings is 1, N is 0; --fail-on-warn: any warning is 1', () => {
    expect(exitCode(s(0, 2), 0, { maxWarnings: 2, failOnWarn: false })).toBe(0);
    expect(exitCode(s(0, 3), 0, { maxWarnings: 2, failOnWarn: false })).toBe(1);
    expect(exitCode(s(0, 1), 0, { maxWarnings: 0, failOnWarn: false })).toBe(1);
    expect(exitCode(s(0, 1), 0, { maxWarnings: -1, failOnWarn: true })).toBe(1);
  });
});
