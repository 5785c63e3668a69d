import type { CheckRun } from './model.js';

/**
 * The contract's JSON (§6): head, files with their diagnostics, summary. Additive keys: each
 * file's `suppressed` diagnostics (with the comment's reason), `summary.suppressed`, and
 * `failures` (files that could not be checked, exit 2) when there are any.
 */
export function json(run: CheckRun): string {
  const doc: Record<string, unknown> = {
    ...run.head,
    files: run.files.map((f) => ({
      path: f.path,
      errorCount: f.errorCount,
      warningCount: f.warningCount,
      diagnostics: f.diagnostics,
      suppressed: f.suppressed,
    })),
    summary: run.summary,
  };
  if (run.failures.length > 0) doc.failures = run.failures;
  if (run.sources) doc.sources = run.sources;
  return `${JSON.stringify(doc, null, 2)}\n`;
}
