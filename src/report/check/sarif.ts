import type { Diagnostic, SuppressedDiagnostic } from '../../core/check/types.js';
import { pathToFileURL } from 'node:url';
import { repoPath, type CheckRun, type RuleMeta } from './model.js';

/** An artifactLocation: relative to %SRCROOT% (the repository root), or an absolute file URI. */
function location(run: CheckRun, shown: string): { uri: string; uriBaseId?: string } {
  const path = repoPath(run, shown);
  const uri = artifactUri(path);
  return uri.startsWith('file://') ? { uri } : { uri, uriBaseId: '%SRCROOT%' };
}

/** A report path as a relative URI reference (RFC 3986): segments percent-encoded, `/` kept. */
export function artifactUri(path: string): string {
  const p = path.replace(/\\/g, '/');
  const abs = p.startsWith('/');
  const encoded = p
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
  return abs ? `file://${encoded}` : encoded;
}

const pascal = (id: string): string => id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

const level = (sev: 'off' | 'warn' | 'error'): 'none' | 'warning' | 'error' => (sev === 'off' ? 'none' : sev === 'warn' ? 'warning' : 'error');

function ruleDescriptor(r: RuleMeta, lang: 'ja' | 'en'): object {
  const citeWord = lang === 'ja' ? '根拠' : 'Citation';
  return {
    id: r.id,
    name: pascal(r.id),
    shortDescription: { text: r.name },
    fullDescription: { text: r.description },
    help: {
      text: `${r.help}\n${citeWord}: ${r.citation}`,
      markdown: `**${r.name}** (\`${r.id}\`)\n\n${r.description}\n\n${r.help}\n\n${citeWord}: ${r.citation}`,
    },
    defaultConfiguration: { level: level(r.defaultSeverity), enabled: r.defaultSeverity !== 'off' },
    properties: { tags: ['kouiki', 'policy-draft'], citation: r.citation },
  };
}

/**
 * SARIF 2.1.0 (for GitHub code scanning and other viewers): one run; the driver lists every rule
 * with its help text and citation (stable `ruleId`s, `ruleIndex` into that list); each finding a
 * result with its region (UTF-16 columns, `columnKind`); suppressed findings are included with an
 * in-source suppression and its justification; files that could not be checked are tool
 * execution notifications, never results.
 */
export function sarif(run: CheckRun): string {
  const index = new Map(run.rules.map((r, i) => [r.id, i]));
  const result = (path: string, d: Diagnostic | SuppressedDiagnostic, suppressed: boolean): object => {
    const out: Record<string, unknown> = {
      ruleId: d.rule,
      ruleIndex: index.get(d.rule) ?? -1,
      level: d.severity,
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: location(run, path),
            region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
          },
        },
      ],
      properties: { citation: d.citation },
    };
    if (suppressed) {
      const reason = (d as SuppressedDiagnostic).reason;
      out.suppressions = [reason === null ? { kind: 'inSource' } : { kind: 'inSource', justification: reason }];
    }
    return out;
  };
  const results: object[] = [];
  for (const f of run.files) {
    for (const d of f.diagnostics) results.push(result(f.path, d, false));
    for (const d of f.suppressed) results.push(result(f.path, d, true));
  }
  const notifications = run.failures.map((x) => {
    const loc: Record<string, unknown> = { artifactLocation: location(run, x.path) };
    if (x.line !== undefined) loc.region = x.column !== undefined ? { startLine: x.line, startColumn: x.column } : { startLine: x.line };
    return { level: 'error', message: { text: x.message }, locations: [{ physicalLocation: loc }] };
  });
  const doc = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kouiki',
            version: run.version,
            semanticVersion: run.version,
            rules: run.rules.map((r) => ruleDescriptor(r, run.lang)),
            properties: { rulePack: run.head.rulePack },
          },
        },
        // %SRCROOT% is the repository root (GITHUB_WORKSPACE, or git's top level).
        ...(run.repo ? { originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(run.repo.root).href.replace(/\/?$/, '/')}` } } } : {}),
        invocations: [{ executionSuccessful: run.failures.length === 0, toolExecutionNotifications: notifications }],
        columnKind: 'utf16CodeUnits',
        results,
        properties: { asOf: run.head.asOf, summary: run.summary },
      },
    ],
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
