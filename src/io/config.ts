import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { UserError, type ProblemDetail } from '../errors.js';
import type { CheckPack } from '../pack/checks.js';
import { CHECK_SEVERITIES, configSchema, type CheckSeverity } from '../schemas/config.js';
import { readInputFile } from './read.js';
import { keysAt, unknownKeyMessage } from './schema-keys.js';
import { describeIssue, ONE_SHOT } from './validate.js';
import { parseYaml, positionOf } from './yaml.js';

export const CONFIG_FILE_NAMES = ['kouiki.config.yaml', 'kouiki.config.yml'] as const;

/** The configuration of `kouiki check`, resolved over the pack's defaults. */
export interface CheckConfig {
  /** The file it came from (as shown in messages), or null for the defaults. */
  file: string | null;
  severity: Record<string, CheckSeverity>;
  options: Record<string, Record<string, unknown>>;
  maxWarnings: number;
}

/** kouiki.config.yaml in the directory or the nearest one above it; null when there is none. */
export function findConfig(cwd: string): string | null {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const p = join(dir, name);
      if (existsSync(p) && statSync(p).isFile()) return p;
    }
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
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
