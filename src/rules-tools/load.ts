import { existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { UserError, type ProblemDetail, type SourcePosition } from '../errors.js';
import { defaultRulesDir } from '../io/paths.js';
import { compiledDefaultPack } from './default.js';
import type { ParsedYaml } from '../io/yaml.js';
import { positionAt, readPackTree, type ComposedDoc, type PackTree } from './compose.js';
import type { Pack, PackData, PackLocator } from '../pack/model.js';

export { COMPILED_PACK_FILE, listPackFiles, type CompiledPackFile } from './default.js';
export { positionAt } from './compose.js';
import type { PackManifest } from '../pack/schema.js';
import { validatePack } from './validate.js';

let defaultPack: Pack | undefined;

/**
 * The embedded default pack: the build's precompiled JSON when it is up to date with
 * rules/*.yaml, else the YAML itself, so an edit to rules/ is never silently ignored.
 */
export function loadDefaultPack(): Pack {
  if (defaultPack) return defaultPack;
  const compiled = compiledDefaultPack();
  if (compiled) return (defaultPack = compiled);
  const loaded = loadPackDir(defaultRulesDir(), { isDefault: true });
  defaultPack = { ...loaded.pack, origin: { ...loaded.pack.origin, dir: null } };
  return defaultPack;
}

export interface LoadResult {
  pack: Pack;
  /** Parsed files, kept for tools that need positions (rules validate/outdated/doc). */
  parsed: Map<string, ParsedYaml>;
  /** Cross-reference problems (empty when the pack is sound). */
  problems: ProblemDetail[];
}

/**
 * Reads a pack directory. Schema errors stop the load (exit 2, `file:line:col`); cross-reference
 * problems are returned, and thrown too unless `collectProblems` is set (`rules validate`).
 */
export function loadPackDir(dir: string, opts: { isDefault?: boolean; collectProblems?: boolean } = {}): LoadResult {
  const files = readPackFiles(dir);
  if (files.schemaProblems.length > 0) throw packError(dir, files.schemaProblems);
  return buildPack(dir, files, opts);
}

export interface Inspection {
  /** The pack, or null when a file does not have its schema's shape. */
  pack: Pack | null;
  parsed: Map<string, ParsedYaml>;
  /** Every problem found: schema, merge and cross-reference problems. */
  problems: ProblemDetail[];
}

/**
 * Reads a pack for `kouiki rules validate`: schema problems are collected (not thrown) along
 * with the merge and cross-reference ones. Only what makes the pack unreadable (no directory,
 * a file that is not YAML) throws, which is exit 2.
 */
export function inspectPackDir(dir: string, opts: { isDefault?: boolean } = {}): Inspection {
  const files = readPackFiles(dir);
  if (files.schemaProblems.length > 0) return { pack: null, parsed: files.parsed, problems: files.schemaProblems };
  const r = buildPack(dir, files, { ...opts, collectProblems: true });
  return { pack: r.pack, parsed: r.parsed, problems: r.problems };
}

function readPackFiles(dir: string): PackTree {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UserError(
      { ja: `ルールパックのディレクトリが見つかりません: ${displayPath(dir)}`, en: `no rule pack directory at ${displayPath(dir)}` },
      { hint: { ja: 'pack.yaml を含むディレクトリを指定してください（--rules DIR、kouiki rules … DIR）', en: 'give a directory that holds a pack.yaml (--rules DIR, kouiki rules … DIR)' } },
    );
  }
  return readPackTree(dir, displayPath);
}

function buildPack(dir: string, files: PackTree, opts: { isDefault?: boolean; collectProblems?: boolean }): LoadResult {
  const { parsed, docs } = files;
  const manifest = docs.get('pack.yaml')!.value as PackManifest;
  const extending = manifest.extends !== undefined;
  const positions = new Map<string, SourcePosition>();
  for (const [file, p] of parsed) indexPositions(p, file, positions);

  let data: PackData;
  let base: Pack | null = null;
  const mergeProblems: ProblemDetail[] = [...files.composeProblems];
  if (extending) {
    if (manifest.extends !== 'default') {
      const problem = {
        position: docs.get('pack.yaml')!.at(['extends']),
        message: { ja: `extends に指定できるのは default だけです（${manifest.extends}）`, en: `extends can only name "default" (got "${manifest.extends}")` },
      };
      if (!opts.collectProblems) throw packError(dir, [problem]);
      mergeProblems.push(problem);
    }
    base = loadDefaultPack();
    data = mergePack(base.data, docs, manifest, mergeProblems);
  } else {
    data = assemble(docs);
  }
  const problems = [...mergeProblems, ...validatePack(data, makeLocator(parsed, dir))];
  if (problems.length > 0 && !opts.collectProblems) throw packError(dir, problems);
  const pack: Pack = {
    data,
    origin: {
      dir: opts.isDefault ? null : dir,
      base: base ? { name: base.data.manifest.name, packVersion: base.data.manifest.packVersion } : null,
      overrides: manifest.overrides ?? [],
    },
    positions,
  };
  return { pack, parsed, problems };
}

/** Loads `--rules DIR` (or the default pack when no directory is given). */
export function loadPack(dir?: string): Pack {
  return dir ? loadPackDir(dir).pack : loadDefaultPack();
}

function packError(dir: string, details: ProblemDetail[]): UserError {
  return new UserError(
    { ja: `ルールパックを読み込めません: ${displayPath(dir)}`, en: `cannot load the rule pack at ${displayPath(dir)}` },
    { details, hint: { ja: '`kouiki rules validate DIR` で全ての問題を確認できます', en: 'run `kouiki rules validate DIR` to see every problem' } },
  );
}

export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

function assemble(composed: Map<string, ComposedDoc>): PackData {
  const docs = new Map([...composed].map(([file, d]) => [file, d.value] as const));
  const get = <T>(file: string, key: string): T => {
    const v = (docs.get(file) as Record<string, unknown> | undefined)?.[key];
    return (v ?? (key === 'procedureTerms' ? {} : [])) as T;
  };
  const prefecture = docs.get('prefecture.yaml') as PackData['prefecture'] | undefined;
  const extra: Record<string, unknown> = {};
  for (const [file, doc] of docs) {
    if (['pack.yaml', 'instruments.yaml', 'categories.yaml', 'facts.yaml', 'recommend.yaml', 'prefecture.yaml'].includes(file)) continue;
    for (const [k, v] of Object.entries(doc as Record<string, unknown>)) if (k !== 'version') extra[k] = v;
  }
  return {
    manifest: docs.get('pack.yaml') as PackManifest,
    instruments: get('instruments.yaml', 'instruments'),
    categories: get('categories.yaml', 'categories'),
    facts: get('facts.yaml', 'facts'),
    rules: get('recommend.yaml', 'rules'),
    prefecture: prefecture ? { ...prefecture } : null,
    terms: get('instruments.yaml', 'procedureTerms') ?? {},
    extra,
  };
}

/** Where each pack file's top-level key lands in PackData. */
const KEY_HOME: Record<string, { field: keyof PackData; sub?: string }> = {
  instruments: { field: 'instruments' },
  categories: { field: 'categories' },
  facts: { field: 'facts' },
  rules: { field: 'rules' },
  principle: { field: 'prefecture', sub: 'principle' },
  roles: { field: 'prefecture', sub: 'roles' },
  measures: { field: 'prefecture', sub: 'measures' },
  procedureTerms: { field: 'terms' },
};

/**
 * Merges an extending pack over its base. Items are matched by `id` within each list (records by
 * key); replacing an item the base defines is allowed only when `overrides:` names it, so a
 * prefecture's pack never changes the law's encoding by accident.
 */
function mergePack(base: PackData, docs: Map<string, ComposedDoc>, manifest: PackManifest, problems: ProblemDetail[]): PackData {
  const packDoc = docs.get('pack.yaml')!;
  const overrides = new Set(manifest.overrides ?? []);
  const used = new Set<string>();
  const allowed = (collection: string, id: string): boolean => {
    for (const name of [id, `${collection}/${id}`]) if (overrides.has(name)) { used.add(name); return true; }
    return false;
  };
  const out: PackData = structuredClone(base);
  out.prefecture = out.prefecture ? { ...out.prefecture } : null;

  // Manifest: identity fields come from the extending pack; records merge by key.
  const m = { ...out.manifest } as Record<string, unknown>;
  for (const [key, value] of Object.entries(manifest)) {
    if (['name', 'packVersion', 'title', 'reviewed', 'extends', 'overrides', 'version'].includes(key)) {
      m[key] = value;
    } else if (value && typeof value === 'object' && !Array.isArray(value) && key !== 'ranking') {
      const merged = { ...(m[key] as Record<string, unknown> | undefined) };
      for (const [k, v] of Object.entries(value)) {
        if (Object.hasOwn(merged, k) && !allowed(key, k)) problems.push(overrideProblem(packDoc, [key, k], `${key}/${k}`));
        merged[k] = v;
      }
      m[key] = merged;
    } else {
      if (m[key] !== undefined && !allowed('pack', key)) problems.push(overrideProblem(packDoc, [key], key));
      m[key] = value;
    }
  }
  out.manifest = m as PackManifest;

  for (const [file, composed] of docs) {
    if (file === 'pack.yaml') continue;
    for (const [key, value] of Object.entries(composed.value)) {
      if (key === 'version') continue;
      const home = Object.hasOwn(KEY_HOME, key) ? KEY_HOME[key] : undefined;
      const target = home
        ? home.sub
          ? ((out.prefecture ??= { principle: undefined as never, roles: [], measures: [] }) as Record<string, unknown>)
          : (out as unknown as Record<string, unknown>)
        : out.extra;
      const field = home ? (home.sub ?? home.field) : key;
      const current = Object.hasOwn(target, field) ? target[field] : undefined;
      if (Array.isArray(value) && (Array.isArray(current) || current === undefined)) {
        const list = [...((current as { id: string }[] | undefined) ?? [])];
        value.forEach((item: { id?: string }, i) => {
          const idx = item === null || typeof item !== 'object' || item.id === undefined ? -1 : list.findIndex((x) => x?.id === item.id);
          if (idx >= 0) {
            if (!allowed(key, item.id!)) problems.push(overrideProblem(composed, [key, i, 'id'], `${key}/${item.id}`));
            list[idx] = item as { id: string };
          } else list.push(item as { id: string });
        });
        target[field] = list;
      } else {
        if (current !== undefined && !allowed(key, key)) problems.push(overrideProblem(composed, [key], key));
        target[field] = value;
      }
    }
  }
  for (const name of overrides) {
    if (!used.has(name)) {
      problems.push({
        position: packDoc.at(['overrides', [...overrides].indexOf(name)]),
        message: { ja: `overrides に挙げた ${name} は、このパックで置き換えられていません`, en: `overrides names ${name}, but this pack does not replace it` },
      });
    }
  }
  return out;
}

function overrideProblem(doc: ComposedDoc, path: (string | number)[], name: string): ProblemDetail {
  return {
    position: doc.at(path),
    message: {
      ja: `${name} は既定のパックで定義済みです。置き換えるなら pack.yaml の overrides: に ${name} を挙げてください`,
      en: `${name} is already defined by the default pack; to replace it, list ${name} under overrides: in pack.yaml`,
    },
  };
}

/** Records where every `id:`-keyed item starts, as `<key>/<id>`, for later messages. */
function indexPositions(p: ParsedYaml, file: string, positions: Map<string, SourcePosition>): void {
  const value = p.value as Record<string, unknown> | null;
  if (!value || typeof value !== 'object') return;
  positions.set(file, { file: p.file, line: 1, column: 1 });
  for (const [key, list] of Object.entries(value)) {
    if (!Array.isArray(list)) continue;
    list.forEach((item: unknown, i) => {
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id === 'string') positions.set(`${key}/${id}`, positionAt(p, [key, i, 'id']));
    });
  }
}

/**
 * Finds the position of a path inside a pack item (`rules` item `legal-entity`, path
 * `cases/0/...`) by searching the parsed files for the item; items inherited from the base pack
 * have no file here and point at the pack directory.
 */
export function makeLocator(parsed: Map<string, ParsedYaml>, dir: string): PackLocator {
  return {
    at(collection, id, path) {
      for (const p of parsed.values()) {
        const root = p.value as Record<string, unknown> | null;
        if (!root || typeof root !== 'object') continue;
        const list = root[collection];
        if (id === null) {
          if (list !== undefined) return positionAt(p, [collection, ...path]);
          continue;
        }
        if (!Array.isArray(list)) continue;
        const index = list.findIndex((x: { id?: unknown } | null) => x?.id === id);
        if (index >= 0) return positionAt(p, [collection, index, ...path]);
      }
      return { file: displayPath(dir) };
    },
  };
}
