import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type * as z from 'zod';
import { UserError, type ProblemDetail } from '../../errors.js';
import type { Lang } from '../../i18n/lang.js';
import { readInputFile } from '../../io/read.js';
import { issuesToProblems, validateDocument } from '../../io/validate.js';
import { parseYaml, positionOf, type ParsedYaml } from '../../io/yaml.js';
import { normalizeTasks, type Task } from '../../schemas/task.js';
import { displayPath } from '../load.js';
import type { PackData } from '../../pack/model.js';
import { CASE_KINDS, EXPECT_SCHEMAS, ruleTestsSchema, type CaseKind, type RuleTestCase, type TaskExpect } from './schema.js';

export const TESTS_DIR = 'tests';
const WHAT = { ja: 'ルールパックのテストケース', en: 'rule pack test file' };

export interface LoadedCase {
  name: string;
  file: string;
  line: number;
  kind: CaseKind;
  asOf: string;
  lang: Lang;
  input: RuleTestCase;
  expect: Record<string, unknown>;
  /** For task cases: the task, as a task list would give it. */
  task?: Task;
}

/**
 * The test files of a pack: the YAML under `<dir>/tests/`, in its subdirectories too (one per
 * topic: `tests/instruments/consignment.yaml`), sorted by path.
 */
export function listTestFiles(dir: string): string[] {
  const t = join(dir, TESTS_DIR);
  if (!existsSync(t) || !statSync(t).isDirectory()) return [];
  const out: string[] = [];
  const walk = (d: string, depth: number): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      if (e.isDirectory()) {
        if (depth < 3) walk(join(d, e.name), depth + 1);
      } else if (e.name.endsWith('.yaml') || e.name.endsWith('.yml')) out.push(join(d, e.name));
    }
  };
  walk(t, 1);
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Reads and checks every test file of the given directories. All problems of all files are
 * gathered into one error (exit 2): a file that is not YAML, a case of the wrong shape, a case
 * with no expectations, no input or two, no `asOf`, or naming an instrument the pack lacks.
 */
export function loadRuleTests(files: string[], data: PackData): LoadedCase[] {
  const { cases, problems } = readRuleTests(files, data);
  if (problems.length > 0) {
    throw new UserError(
      { ja: 'テストケースのファイルに問題があります', en: 'the test files have problems' },
      { details: problems, hint: { ja: '形式は `kouiki schema rule-tests` と README の「ルールパックのテスト」を参照', en: 'see `kouiki schema rule-tests` and "Testing a rule pack" in the README' } },
    );
  }
  return cases;
}

/** As loadRuleTests, but returns the problems (for `rules validate`); only a file that is not YAML throws. */
export function readRuleTests(files: string[], data: PackData): { cases: LoadedCase[]; problems: ProblemDetail[] } {
  const schema = ruleTestsSchema(data);
  const out: LoadedCase[] = [];
  const problems: ProblemDetail[] = [];
  for (const path of files) {
    const shown = displayPath(path);
    const parsed = parseYaml(readInputFile(path).text, shown);
    let doc: z.infer<typeof schema>;
    try {
      doc = validateDocument(schema, parsed, WHAT, 'rule-tests');
    } catch (err) {
      if (err instanceof UserError) {
        problems.push(...err.details);
        continue;
      }
      throw err;
    }
    doc.cases.forEach((c, i) => {
      const at = (path: (string | number)[], ja: string, en: string, atKey = false): void => {
        problems.push({ position: positionOf(parsed, ['cases', i, ...path], atKey), message: { ja, en } });
      };
      const kinds = CASE_KINDS.filter((k) => c[k] !== undefined);
      if (kinds.length !== 1) {
        at(['name'], `ケース「${c.name}」には入力（${CASE_KINDS.join(', ')}）をちょうど 1 つ書いてください`, `case "${c.name}" needs exactly one input: ${CASE_KINDS.join(', ')}`, true);
        return;
      }
      const kind = kinds[0]!;
      if (c.expect === undefined || Object.keys(c.expect).length === 0) {
        at(['name'], `ケース「${c.name}」に期待する結果（expect:）がありません`, `case "${c.name}" has no expectations (expect:)`, true);
        return;
      }
      const asOf = c.asOf ?? doc.asOf;
      if (asOf === undefined) {
        at(['name'], `ケース「${c.name}」に asOf がありません（ケースかファイルの先頭に書いてください）`, `case "${c.name}" has no asOf (give it in the case or at the top of the file)`, true);
        return;
      }
      if (c.with !== undefined && kind !== 'instrument') at(['with'], 'with: は instrument のケースだけに書けます', 'with: is only for instrument cases', true);
      const r = EXPECT_SCHEMAS[kind].safeParse(c.expect, { reportInput: true });
      if (!r.success) {
        problems.push(...issuesToProblems(parsed, r.error.issues.map((x) => ({ ...x, path: ['cases', i, 'expect', ...x.path] }))));
        return;
      }
      const expect = r.data as Record<string, unknown>;
      checkIds(data, kind, c, expect, (path, name) =>
        at(path, `不明な制度「${name}」`, `unknown instrument "${name}" (known: ${data.instruments.map((x) => x.id).join(', ')})`, true),
      );
      const loaded: LoadedCase = {
        name: c.name,
        file: shown,
        line: positionOf(parsed, ['cases', i, 'name'], true).line ?? 1,
        kind,
        asOf,
        lang: c.lang ?? doc.lang ?? 'ja',
        input: c,
        expect,
      };
      if (kind === 'task') loaded.task = normalizeTasks([c.task!])[0]!;
      out.push(loaded);
    });
  }
  return { cases: out, problems };
}

function checkIds(data: PackData, kind: CaseKind, c: RuleTestCase, expect: Record<string, unknown>, bad: (path: (string | number)[], id: string) => void): void {
  const known = new Set(data.instruments.map((x) => x.id));
  if (kind === 'instrument' && !known.has(c.instrument!)) bad(['instrument'], c.instrument!);
  if (kind === 'category' && !data.categories.some((x) => x.id === c.category)) bad(['category'], c.category!);
  if (kind !== 'task') return;
  const e = expect as TaskExpect;
  const check = (key: string, ids: string[]): void => {
    for (const id of ids) if (!known.has(id)) bad(['expect', key], id);
  };
  if (e.rank1) check('rank1', [e.rank1]);
  if (e.order) check('order', e.order);
  for (const key of ['ranks', 'verdicts', 'notVerdicts', 'scores', 'reasons', 'noReasons', 'procedure'] as const) {
    const rec = e[key];
    if (rec) check(key, Object.keys(rec));
  }
}
