import { dirname, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { UserError, type ProblemDetail } from '../errors.js';
import type { CheckPack } from '../pack/checks.js';
import { CHECK_SEVERITIES, configSchema, type CheckSeverity } from '../schemas/config.js';
import { readInputFile } from './read.js';
import { keysAt, unknownKeyMessage } from './schema-keys.js';
import { describeIssue, ONE_SHOT } from './validate.js';
import { parseYaml, positionOf } from './yaml.js';

export { CONFIG_FILE_NAMES, findConfig } from './config-file.js';

/** The configuration of `kouiki check`, resolved over the pack's defaults. */
export interface CheckConfig {
  /** The file it came from (as shown in messages), or null for the defaults. */
  file: string | null;
  severity: Record<string, CheckSeverity>;
  options: Record<string, Record<string, unknown>>;
  maxWarnings: number;
}

export function defaultConfig(cp: CheckPack): CheckConfig {
  const severity: Record<string, CheckSeverity> = {};
  const options: Record<string, Record<string, unknown>> = {};
  for (const r of cp.rules) {
    severity[r.id] = r.severity;
    options[r.id] = { ...(r.options ?? {}) };
  }
  return { file: null, severity, options, maxWarnings: -1 };
}

/**
 * Reads a configuration file. Anything wrong with it (unreadable, invalid YAML, an unknown rule
 * id, a bad severity) is a UserError with its position: exit 2, since the run cannot be trusted.
 */
export function loadConfig(path: string, cwd: string, cp: CheckPack, maxBytes?: number): CheckConfig {
  const shown = relative(cwd, path) || path;
  const input = readInputFile(path, maxBytes);
  const cfg = defaultConfig(cp);
  cfg.file = shown.startsWith('..') ? path : shown;
  if (input.text.trim() === '') return cfg;
  const parsed = parseYaml(input.text, cfg.file);
  const schema = configSchema(cp);
  const result = schema.safeParse(parsed.value ?? {}, ONE_SHOT);
  if (!result.success) {
    const details: ProblemDetail[] = [];
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        const known = keysAt(schema, issue.path);
        for (const key of issue.keys) details.push({ position: positionOf(parsed, [...issue.path, key], true), message: unknownKeyMessage(key, known) });
      } else if (issue.path[0] === 'rules' && issue.path.length === 2 && issue.code === 'invalid_value') {
        details.push({ position: positionOf(parsed, issue.path), message: { ja: `ルール「${String(issue.path[1])}」の重大度は ${CHECK_SEVERITIES.join(', ')} のいずれかです`, en: `the severity of rule "${String(issue.path[1])}" is one of ${CHECK_SEVERITIES.join(', ')}` } });
      } else details.push({ position: positionOf(parsed, issue.path), message: describeIssue(issue) });
    }
    details.sort((a, b) => (a.position!.line ?? 0) - (b.position!.line ?? 0) || (a.position!.column ?? 0) - (b.position!.column ?? 0));
    throw new UserError(
      { ja: '設定ファイルの形式が正しくありません', en: 'the configuration file does not have the expected shape' },
      { details, hint: { ja: '形式は `kouiki schema config` と README の「設定」を参照してください', en: 'see `kouiki schema config` and the README ("Configuration")' } },
    );
  }
  const doc = result.data;
  for (const [id, sev] of Object.entries(doc.rules ?? {})) if (sev) cfg.severity[id] = sev;
  for (const [id, opts] of Object.entries(doc.options ?? {})) cfg.options[id] = { ...cfg.options[id], ...opts };
  if (doc.maxWarnings !== undefined) cfg.maxWarnings = doc.maxWarnings;
  return cfg;
}

/**
 * What a configuration file says about the whole project, read before any command runs: the rule
 * pack (`pack:`, as --rules), municipality data files (`data:`, read before --data) and the
 * drafts `kouiki check` skips (`ignores:`), all relative to the file's directory.
 */
export interface ProjectSettings {
  file: string;
  pack?: string;
  data: string[];
  /** Whether an absolute path is a draft to skip. */
  ignored: (abs: string) => boolean;
}

/**
 * Reads pack/data/ignores from a configuration file (the rest is read by `kouiki check`, against
 * its rule pack). A value of the wrong type is a positioned error (exit 2).
 */
export function readProjectSettings(path: string, cwd: string, maxBytes?: number): ProjectSettings {
  const shown = relative(cwd, path) || path;
  const file = shown.startsWith('..') ? path : shown;
  const input = readInputFile(path, maxBytes);
  const parsed = parseYaml(input.text, file);
  const doc = (parsed.value ?? {}) as Record<string, unknown>;
  const base = dirname(resolve(path));
  const problems: ProblemDetail[] = [];
  const strings = (key: string, value: unknown, single: boolean): string[] => {
    if (value === undefined || value === null) return [];
    if (single && typeof value === 'string' && value !== '') return [value];
    if (Array.isArray(value) && value.every((v) => typeof v === 'string' && v !== '')) return value as string[];
    problems.push({
      position: positionOf(parsed, [key]),
      message: single
        ? { ja: `「${key}」はパス（文字列）又はその一覧です`, en: `"${key}" is a path (a string) or a list of paths` }
        : { ja: `「${key}」はパターン（文字列）の一覧です`, en: `"${key}" is a list of patterns (strings)` },
    });
    return [];
  };
  if (typeof doc !== 'object' || Array.isArray(doc)) return { file, data: [], ignored: () => false };
  let pack: string | undefined;
  if (doc.pack !== undefined) {
    if (typeof doc.pack === 'string' && doc.pack !== '') pack = resolve(base, doc.pack);
    else problems.push({ position: positionOf(parsed, ['pack']), message: { ja: '「pack」はルールパックのディレクトリ（文字列）です', en: '"pack" is the rule pack\'s directory (a string)' } });
  }
  const data = strings('data', doc.data, true).map((d) => resolve(base, d));
  const patterns = strings('ignores', doc.ignores, false);
  if (problems.length > 0) {
    throw new UserError(
      { ja: '設定ファイルの形式が正しくありません', en: 'the configuration file does not have the expected shape' },
      { details: problems, hint: { ja: '形式は `kouiki schema config` を参照してください', en: 'see `kouiki schema config`' } },
    );
  }
  const match = patterns.length > 0 ? picomatch(patterns, { dot: true }) : null;
  const ignored = (abs: string): boolean => {
    if (!match) return false;
    const rel = relative(base, abs);
    return !rel.startsWith('..') && match(rel.split(sep).join('/'));
  };
  return pack === undefined ? { file, data, ignored } : { file, pack, data, ignored };
}
