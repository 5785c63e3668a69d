import type { Diagnostic } from '../../core/check/types.js';
import { repoPath, severityLabel, t, type CheckRun } from './model.js';

/** XML text: the five entities escaped, characters XML 1.0 cannot carry dropped. */
export function xml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * JUnit XML for CI test reports: one testsuite per file, one testcase per rule (a rule that is
 * off is skipped); a rule's findings are one failure of its testcase (type error or warning, as
 * ESLint's junit formatter marks warnings too; the exit code decides the build). A file that
 * could not be checked is a testsuite with an error, not a failure.
 */
export function junit(run: CheckRun): string {
  const lang = run.lang;
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  const suites: string[] = [];
  for (const file of run.files) {
    const f = { ...file, path: repoPath(run, file.path) };
    const byRule = new Map<string, Diagnostic[]>();
    for (const d of f.diagnostics) {
      const list = byRule.get(d.rule) ?? [];
      list.push(d);
      byRule.set(d.rule, list);
    }
    const cases: string[] = [];
    let sFail = 0;
    let sSkip = 0;
    for (const r of run.rules) {
      const name = `name="${xml(r.id)}" classname="${xml(f.path)}"`;
      const ds = byRule.get(r.id);
      if (r.severity === 'off' && !ds) {
        sSkip++;
        cases.push(`    <testcase ${name}>\n      <skipped message="${xml(t(lang, '設定で off', 'off in the configuration'))}"/>\n    </testcase>`);
      } else if (!ds) {
        cases.push(`    <testcase ${name}/>`);
      } else {
        sFail++;
        const e = ds.filter((d) => d.severity === 'error').length;
        const w = ds.length - e;
        const msg = t(lang, `エラー ${e}、警告 ${w}`, `${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}`);
        const body = ds.map((d) => `${f.path}:${d.line}:${d.column} ${severityLabel(d.severity, lang)} ${d.message}${d.citation ? ` [${d.citation}]` : ''}`).join('\n');
        cases.push(`    <testcase ${name}>\n      <failure type="${e > 0 ? 'error' : 'warning'}" message="${xml(msg)}">${xml(body)}</failure>\n    </testcase>`);
      }
    }
    tests += run.rules.length;
    failures += sFail;
    skipped += sSkip;
    suites.push(`  <testsuite name="${xml(f.path)}" tests="${run.rules.length}" failures="${sFail}" errors="0" skipped="${sSkip}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  for (const failure of run.failures) {
    const x = { ...failure, path: repoPath(run, failure.path) };
    tests++;
    errors++;
    const where = x.line !== undefined ? `${x.path}:${x.line}${x.column !== undefined ? `:${x.column}` : ''}` : x.path;
    suites.push(
      `  <testsuite name="${xml(x.path)}" tests="1" failures="0" errors="1" skipped="0">\n    <testcase name="load" classname="${xml(x.path)}">\n      <error type="could-not-check" message="${xml(x.message)}">${xml(`${where}: ${x.message}`)}</error>\n    </testcase>\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kouiki check" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}">\n${suites.join('\n')}${suites.length > 0 ? '\n' : ''}</testsuites>\n`;
}
