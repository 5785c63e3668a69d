/**
 * A custom zod issue whose message exists in both languages (describeIssue in io/validate.ts reads
 * `params.ja` / `params.en`). `path` is relative to the value being refined.
 */
export function bilingualIssue(path: (string | number)[], ja: string, en: string): { code: 'custom'; message: string; path: (string | number)[]; params: { ja: string; en: string } } {
  return { code: 'custom', message: en, path, params: { ja, en } };
}
