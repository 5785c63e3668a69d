import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import { UserError, type SourcePosition } from '../errors.js';
import type { Lang } from '../i18n/lang.js';
import { checkPack } from '../pack/checks.js';
import type { PackData } from '../pack/model.js';
import { draftSchemas, type Draft, type DraftProject } from '../schemas/draft.js';
import type { CheckedDraft, DraftPath } from '../core/check/run.js';
import { parseDirectives, type Directive } from '../core/check/suppress.js';
import type { Finding, Range } from '../core/check/types.js';
import { inlineLayer, loadDataFile } from './check-data.js';
import type { DataLayer } from '../core/eligibility/index.js';
import { displayName } from './discover.js';
import { readInput } from './read.js';
import { keysAt, unknownKeyMessage } from './schema-keys.js';
import { normalizeDraft, pathKey } from './normalize.js';
import { vocabularyOf } from '../core/vocabulary.js';
import { describeIssue, ONE_SHOT } from './validate.js';
import { locate, parseYaml, positionOf, type ParsedYaml } from './yaml.js';
import { parseFast } from './yaml-positions.js';

type Issue = z.core.$ZodIssue;

export interface LoadedDraft {
  /** The path shown in reports. */
  path: string;
  /** Null when the draft's head (everything but the projects) has schema findings: no other rule runs. */
  checked: CheckedDraft | null;
  /** `schema` findings, in both languages' run language. */
  schemaFindings: Finding[];
  directives: Directive[];
  /** Municipality data the draft brings (`data:`, then `municipalities:`), as layers over the rest. */
  data: DataLayer[];
}

export interface DraftLoadOptions {
  pack: PackData;
  lang: Lang;
  cwd: string;
  maxBytes: number;
  schemaCitation: string;
}

const toRange = (p: SourcePosition): Range => ({
  line: p.line ?? 1,
  column: p.column ?? 1,
  endLine: p.endLine ?? p.line ?? 1,
  endColumn: p.endColumn ?? p.column ?? 1,
});

const START: Range = { line: 1, column: 1, endLine: 1, endColumn: 1 };

/**
 * The range of a path in the draft: the node itself; for a missing key its parent (the parent
 * map's first key); anything about the whole draft (or a missing top-level key) at the `name:`
 * key, else line 1.
 */
export function rangeFinder(doc: PositionSource): (path: DraftPath, opts?: { key?: boolean }) => Range {
  const isMap = doc.value !== null && typeof doc.value === 'object' && !Array.isArray(doc.value);
  const whole = (): Range => (isMap && doc.has(['name']) ? toRange(doc.positionOf(['name'], true)) : START);
  return (path, opts) => {
    if (path.length === 0) return whole();
    if (!isMap) return START;
    if (path.length === 1 && !doc.has(path)) return whole();
    return toRange(doc.positionOf(path, opts?.key === true));
  };
}

/** A parsed document that answers positions: the precise `yaml` document, or the fast index. */
export interface PositionSource {
  value: unknown;
  positionOf(path: readonly PropertyKey[], atKey?: boolean): SourcePosition;
  has(path: readonly PropertyKey[]): boolean;
}

export function preciseSource(parsed: ParsedYaml): PositionSource {
  return { value: parsed.value, positionOf: (path, atKey) => positionOf(parsed, path, atKey === true), has: (path) => locate(parsed.doc, path).found };
}

/**
 * Drafts at least this large are read by the fast parser first (io/yaml-positions.ts): every
 * draft. The fast path gives the same value and positions (the differential and property tests
 * compare both on every text the pre-checks let through) and a cold `yaml` parse of the two
 * example drafts cost 20 ms of a 210 ms check, js-yaml's 6 ms.
 */
export const FAST_DRAFT_BYTES = 0;

function schemaFinding(message: string, range: Range, citation: string): Finding {
  return { rule: 'schema', message, range, citation };
}

/**
 * Reads and validates one draft. A draft that cannot be read or is not YAML throws a UserError
 * (the file fails: exit 2); a draft of the wrong shape yields `schema` findings (exit 1) and the
 * rules run on what is valid: the head must be, and each project is taken or left alone.
 */
export async function loadDraft(path: string, opts: DraftLoadOptions): Promise<LoadedDraft> {
  const input = await readInput(path, opts.maxBytes);
  const shown = path === '-' ? '<stdin>' : displayName(path, opts.cwd);
  const { loaded, parsed } = analyzeDraft(input.text, shown, opts);
  const head = loaded.checked?.draft;
  if (head?.data !== undefined && parsed) {
    const base = path === '-' ? opts.cwd : dirname(resolve(opts.cwd, path));
    const dataPath = resolve(base, head.data);
    const dataShown = displayName(dataPath, opts.cwd);
    const where = loaded.checked!.at(['data']);
    if (!existsSync(dataPath)) {
      throw new UserError(
        { ja: `data: のファイルが見つかりません: ${dataShown}`, en: `the data: file does not exist: ${dataShown}` },
        { position: { file: shown, line: where.line, column: where.column }, hint: { ja: 'data: のパスは政策案のファイルからの相対パスです', en: 'a data: path is relative to the draft file' } },
      );
    }
    loaded.data.unshift(loadDataFile(dataPath, dataShown, opts.maxBytes));
  }
  return loaded;
}

/**
 * Parses and validates a draft's text (no file access: `data:` is left to loadDraft). Throws a
 * UserError for text that is not YAML or is another kind of file; returns `schema` findings for
 * a draft of the wrong shape.
 */
export function analyzeDraft(text: string, shown: string, opts: Pick<DraftLoadOptions, 'pack' | 'lang' | 'schemaCitation'> & { fastBytes?: number }): { loaded: LoadedDraft; parsed: PositionSource | null } {
  const t = (m: { ja: string; en: string }): string => m[opts.lang];
  const cite = opts.schemaCitation;
  const directives = parseDirectives(text);
  if (text.trim() === '') {
    return {
      loaded: {
        path: shown,
        checked: null,
        schemaFindings: [schemaFinding(t({ ja: '政策案が空です。name: と projects: を書いてください', en: 'the draft is empty; write name: and projects:' }), START, cite)],
        directives,
        data: [],
      },
      parsed: null,
    };
  }
  const precise = (): PositionSource => preciseSource(parseYaml(text, shown));
  const parsed = (text.length >= (opts.fastBytes ?? FAST_DRAFT_BYTES) ? parseFast(text, shown, precise) : undefined) ?? precise();
  const at = rangeFinder(parsed);
  const v = parsed.value;
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && !('projects' in v) && ('tasks' in v || 'municipalities' in v)) {
    const kind = 'tasks' in v ? { ja: '課題リスト（kouiki evaluate 用）', en: 'a task list (for kouiki evaluate)' } : { ja: '市町村データ', en: 'a municipality data file' };
    throw new UserError(
      { ja: `これは政策案ではなく${kind.ja}です`, en: `this is ${kind.en}, not a policy draft` },
      { position: { file: shown, line: 1, column: 1 }, hint: { ja: '政策案は最上位に projects: を持つファイルです', en: 'a policy draft is a file whose top level has projects:' } },
    );
  }

  // Names where ids go (instrument: 事務の委託), percentages where shares go: made the ids first.
  const hints = normalizeDraft(v, opts.pack, vocabularyOf(opts.pack));
  const schemas = draftSchemas(opts.pack, checkPack(opts.pack)?.schemes ?? []);
  const findings: Finding[] = [];
  const report = (issue: Issue): void => {
    if (issue.code === 'unrecognized_keys') {
      const known = keysAt(schemas.draft, issue.path);
      for (const key of issue.keys) findings.push(schemaFinding(t(unknownKeyMessage(key, known)), at([...issue.path, key] as DraftPath, { key: true }), cite));
      return;
    }
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0]!;
      for (const e of best) report({ ...e, path: [...issue.path, ...e.path] } as Issue);
      return;
    }
    const hint = hints.get(pathKey(issue.path));
    findings.push(schemaFinding(t(describeIssue(issue)) + (hint ? t(hint) : ''), at(issue.path as DraftPath), cite));
  };

  const full = schemas.draft.safeParse(v, ONE_SHOT);
  let head: Omit<Draft, 'projects'> | null = null;
  const projects: { index: number; project: DraftProject }[] = [];
  if (full.success) {
    const { projects: ps, ...rest } = full.data;
    head = rest;
    ps.forEach((project, index) => projects.push({ index, project }));
  } else {
    const badProjects = new Set<number>();
    let headBad = false;
    for (const issue of full.error.issues) {
      report(issue);
      if (issue.path[0] === 'projects' && typeof issue.path[1] === 'number') badProjects.add(issue.path[1]);
      else headBad = true;
    }
    if (!headBad) {
      const h = schemas.head.safeParse(v, ONE_SHOT);
      if (h.success) {
        const { projects: raw, ...rest } = h.data;
        head = rest;
        raw.forEach((p, index) => {
          if (badProjects.has(index)) return;
          const r = schemas.project.safeParse(p, ONE_SHOT);
          if (r.success) projects.push({ index, project: r.data });
        });
      }
    }
  }
  findings.sort((a, b) => a.range.line - b.range.line || a.range.column - b.range.column);

  const data: DataLayer[] = [];
  if (head?.municipalities) data.push(inlineLayer(shown, head.municipalities, at));
  return { loaded: { path: shown, checked: head ? { draft: head, projects, at } : null, schemaFindings: findings, directives, data }, parsed };
}
