import type * as z from 'zod';
import { shownOf, UserError, type ProblemDetail } from '../errors.js';
import type { Localized } from '../i18n/lang.js';
import { positionOf, type ParsedYaml } from './yaml.js';
import { pathKey, type Hints } from './normalize.js';
import { keysAt, unknownKeyMessage } from './schema-keys.js';

type Issue = z.core.$ZodIssue;

const TYPE_JA: Record<string, string> = {
  string: '文字列', number: '数値', boolean: '真偽値 (true/false)', object: 'キーと値の組（マップ）',
  array: 'リスト', null: 'null', undefined: '値なし', integer: '整数', date: '日付', nan: 'NaN',
};

function received(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  return typeof input;
}

function listValues(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

/** One zod issue in both languages, phrased as "what is expected", which is what a user can act on. */
export function describeIssue(issue: Issue): Localized {
  const last = issue.path[issue.path.length - 1];
  const field = last === undefined ? '' : typeof last === 'number' ? `[${last}]` : String(last);
  switch (issue.code) {
    case 'invalid_type': {
      const got = received((issue as { input?: unknown }).input);
      if (got === 'undefined') {
        return { ja: `必須のキー「${field}」がありません`, en: `missing required key "${field}"` };
      }
      return {
        ja: `${field ? `「${field}」は` : ''}${TYPE_JA[issue.expected] ?? issue.expected}である必要があります（実際は${TYPE_JA[got] ?? got}）`,
        en: `${field ? `"${field}": ` : ''}expected ${issue.expected}, got ${got}`,
      };
    }
    case 'invalid_value':
      return {
        ja: `${field ? `「${field}」は` : ''}次のいずれかである必要があります: ${listValues(issue.values)}`,
        en: `${field ? `"${field}": ` : ''}expected one of ${listValues(issue.values)}`,
      };
    case 'unrecognized_keys':
      return {
        ja: `不明なキー: ${issue.keys.join(', ')}（綴りを確認してください）`,
        en: `unknown key${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')} (check the spelling)`,
      };
    case 'too_small': {
      const what = issue.origin === 'array' ? { ja: `${issue.minimum} 個以上の要素`, en: `at least ${issue.minimum} item(s)` }
        : issue.origin === 'string' ? { ja: `${issue.minimum} 文字以上`, en: `at least ${issue.minimum} character(s)` }
        : { ja: `${issue.minimum} ${issue.inclusive ? '以上' : 'より大きい値'}`, en: `${issue.inclusive ? '>=' : '>'} ${issue.minimum}` };
      return { ja: `${field ? `「${field}」は` : ''}${what.ja}が必要です`, en: `${field ? `"${field}": ` : ''}expected ${what.en}` };
    }
    case 'too_big': {
      const what = issue.origin === 'array' ? { ja: `${issue.maximum} 個以下の要素`, en: `at most ${issue.maximum} item(s)` }
        : issue.origin === 'string' ? { ja: `${issue.maximum} 文字以下`, en: `at most ${issue.maximum} character(s)` }
        : { ja: `${issue.maximum} ${issue.inclusive ? '以下' : '未満'}`, en: `${issue.inclusive ? '<=' : '<'} ${issue.maximum}` };
      return { ja: `${field ? `「${field}」は` : ''}${what.ja}である必要があります`, en: `${field ? `"${field}": ` : ''}expected ${what.en}` };
    }
    case 'invalid_format':
      return {
        ja: `${field ? `「${field}」の` : ''}形式が正しくありません（${issue.format === 'regex' ? issue.message : issue.format}）`,
        en: `${field ? `"${field}": ` : ''}invalid format (${issue.format === 'regex' ? issue.message : issue.format})`,
      };
    case 'invalid_union':
      return { ja: `${field ? `「${field}」の` : ''}値の形が正しくありません`, en: `${field ? `"${field}": ` : ''}value does not have any of the accepted shapes` };
    case 'custom': {
      const params = (issue as { params?: { ja?: string; en?: string } }).params;
      if (params?.ja && params.en) return { ja: params.ja, en: params.en };
      return { ja: issue.message, en: issue.message };
    }
    default:
      return { ja: issue.message, en: issue.message };
  }
}

/** What the validation knows beyond the issues: the schema (for the keys an unknown one was meant to be) and better messages by path. */
export interface IssueContext {
  schema?: z.ZodType;
  hints?: Hints;
}

/** Issues as positioned problems; an unknown key points at the key itself (with the closest accepted keys), anything else at its value. */
export function issuesToProblems(parsed: ParsedYaml, issues: readonly Issue[], max = 50, context: IssueContext = {}): ProblemDetail[] {
  const out: ProblemDetail[] = [];
  for (const issue of flatten(issues)) {
    if (out.length >= max) break;
    if (issue.code === 'unrecognized_keys') {
      const known = context.schema ? keysAt(context.schema, issue.path) : [];
      for (const key of issue.keys) {
        if (out.length >= max) break;
        out.push({ position: positionOf(parsed, [...issue.path, key], true), message: known.length > 0 ? unknownKeyMessage(key, known) : describeIssue({ ...issue, keys: [key] }) });
      }
      continue;
    }
    const hint = context.hints?.get(pathKey(issue.path));
    const base = isMissing(parsed.value, issue) ? missingKey(issue) : describeIssue(issue);
    out.push({ position: positionOf(parsed, issue.path), message: hint ? { ja: `${base.ja}${hint.ja}`, en: `${base.en}${hint.en}` } : base });
  }
  out.sort((a, b) => (a.position!.line ?? 0) - (b.position!.line ?? 0) || (a.position!.column ?? 0) - (b.position!.column ?? 0));
  return out;
}

/** A key the document leaves out, reported by zod as a wrong value (an enum or a literal). */
function isMissing(root: unknown, issue: Issue): boolean {
  if (issue.code !== 'invalid_value' || issue.path.length === 0) return false;
  let parent: unknown = root;
  for (const seg of issue.path.slice(0, -1)) {
    if (parent === null || typeof parent !== 'object') return false;
    parent = (parent as Record<PropertyKey, unknown>)[seg as PropertyKey];
  }
  const last = issue.path[issue.path.length - 1]!;
  return parent !== null && typeof parent === 'object' && !Array.isArray(parent) && !Object.hasOwn(parent, last as PropertyKey);
}

function missingKey(issue: Issue): Localized {
  const field = String(issue.path[issue.path.length - 1]);
  return { ja: `必須のキー「${field}」がありません`, en: `missing required key "${field}"` };
}

/** How many problems issuesToProblems would list without its cap. */
function countProblems(issues: readonly Issue[]): number {
  let n = 0;
  for (const i of flatten(issues)) n += i.code === 'unrecognized_keys' ? i.keys.length : 1;
  return n;
}

/**
 * A union's issues are reported through its best branch so the user sees a concrete problem: a
 * branch whose type matched (its problems lie deeper, e.g. a misspelt key of an object) before
 * one that rejects the value's type outright, then the branch with the fewest issues.
 */
function flatten(issues: readonly Issue[]): Issue[] {
  const out: Issue[] = [];
  const wrongType = (branch: readonly Issue[]): number => branch.filter((e) => e.code === 'invalid_type' && e.path.length === 0).length;
  for (const i of issues) {
    if (i.code === 'invalid_union' && i.errors.length > 0) {
      const best = [...i.errors].sort((a, b) => wrongType(a) - wrongType(b) || a.length - b.length)[0]!;
      out.push(...flatten(best.map((e) => ({ ...e, path: [...i.path, ...e.path] }))));
    } else out.push(i);
  }
  return out;
}

/**
 * Parse options for a document validated once per run. zod compiles a parser per object schema
 * on its first use (`new Function`), which pays off over thousands of values but costs more than
 * it saves on one draft or config, and the V8 code cache cannot keep code made at run time:
 * `jitless` measured 9 ms of CPU less for a check of the example drafts.
 */
export const ONE_SHOT = { reportInput: true, jitless: true } as const;

/**
 * Validates a parsed document against a schema. On failure every issue becomes a
 * `file:line:col` problem of one UserError (exit 2), with a hint on where the format is documented.
 */
export function validateDocument<S extends z.ZodType>(schema: S, parsed: ParsedYaml, what: Localized, schemaKind: string, hints?: Hints): z.output<S> {
  const result = schema.safeParse(parsed.value, ONE_SHOT);
  if (result.success) return result.data;
  const details = issuesToProblems(parsed, result.error.issues, 50, hints ? { schema, hints } : { schema });
  const total = countProblems(result.error.issues);
  throw new UserError(
    {
      ja: `${what.ja}の形式が正しくありません${shownOf(details.length, total).ja}`,
      en: `the ${what.en} does not have the expected shape${shownOf(details.length, total).en}`,
    },
    {
      details,
      hint: { ja: `形式は \`kouiki schema ${schemaKind}\` と README を参照してください`, en: `see \`kouiki schema ${schemaKind}\` and the README for the format` },
    },
  );
}
