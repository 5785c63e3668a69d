import { buildCheckData } from '../../src/core/check/eligibility.js';
import { fileReport } from '../../src/core/check/report.js';
import { checkDraft } from '../../src/core/check/run.js';
import type { Diagnostic, FileReport } from '../../src/core/check/types.js';
import { defaultConfig } from '../../src/io/config.js';
import { dataIndex } from '../../src/io/check-data.js';
import { analyzeDraft } from '../../src/io/draft.js';
import { checkPack } from '../../src/pack/checks.js';
import { defaultPack } from './engine.js';

/**
 * Checks a draft's text in-process, as `kouiki check` does (default pack, embedded data, default
 * severities unless overridden), and returns the file's report.
 */
export function checkText(
  text: string,
  opts: { asOf?: string; lang?: 'ja' | 'en'; severity?: Record<string, 'off' | 'warn' | 'error'>; options?: Record<string, Record<string, unknown>> } = {},
): FileReport {
  const pack = defaultPack();
  const cp = checkPack(pack.data)!;
  const cfg = defaultConfig(cp);
  Object.assign(cfg.severity, opts.severity ?? {});
  for (const [k, v] of Object.entries(opts.options ?? {})) cfg.options[k] = { ...cfg.options[k], ...v };
  const lang = opts.lang ?? 'en';
  const asOf = opts.asOf ?? '2026-11-23';
  const { loaded } = analyzeDraft(text, 'draft.yaml', { pack: pack.data, lang, schemaCitation: 'kouiki schema draft' });
  const data = buildCheckData(dataIndex(loaded.data), pack.data, asOf, lang);
  const severity = (rule: string) => cfg.severity[rule] ?? 'off';
  const findings = [...loaded.schemaFindings];
  if (loaded.checked) findings.push(...checkDraft(loaded.checked, { pack, lang, asOf, data, options: cfg.options, enabled: (r) => severity(r) !== 'off' }));
  return fileReport('draft.yaml', findings, loaded.directives, { lang, severity, suppressionCitation: 's' });
}

/** The diagnostics of one rule, as [severity, line, column, message]. */
export function ofRule(r: FileReport, rule: string): [Diagnostic['severity'], number, number, string][] {
  return r.diagnostics.filter((d) => d.rule === rule).map((d) => [d.severity, d.line, d.column, d.message]);
}

/** Fictional municipalities (甲市, 乙町, 丙町, as in the contract) with the figures a test needs. */
export const FICTIONAL = `municipalities:
  - { name: 甲市, prefecture: 甲県, kind: core-city, population: 250000, dayNightRatio: 1.05, metroArea: none }
  - { name: 乙町, prefecture: 甲県, kind: town, population: 12000, workersAndStudents: 1000, commuting: { to: { 甲市: 50 } } }
  - { name: 丙町, prefecture: 甲県, kind: town, population: 9000, workersAndStudents: 1000, commuting: { to: { 甲市: 200 } } }
  - { name: 丁市, prefecture: 甲県, kind: city, population: 60000, dayNightRatio: 0.99, metroArea: none }
  - { name: 己市, prefecture: 甲県, kind: core-city, population: 210000, dayNightRatio: 0.99, metroArea: none }
  - { name: 戊県, prefecture: 戊県, kind: prefecture }
`;
