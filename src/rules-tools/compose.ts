import { basename, join } from 'node:path';
import { Document, isMap, isNode, isPair, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import type * as z from 'zod';
import { formatPosition, UserError, type ProblemDetail, type SourcePosition } from '../errors.js';
import { readInputFile } from '../io/read.js';
import { describeIssue, validateDocument } from '../io/validate.js';
import { locate, nodePosition, parseYaml, positionOf, type ParsedYaml } from '../io/yaml.js';
import { listPackFiles } from './default.js';
import { fillDefaults, type FillResult, type InheritedValue } from './defaults.js';
import { DEFAULTS_KEY, ORDER_KEY, PACK_KINDS, packFileRole, packLayoutSummary, partSchema, type PackKind } from '../pack/files.js';

/**
 * Reads a pack directory in either layout and composes, for each kind of content, the one
 * document its schema describes (`instruments.yaml` as the flat layout has it):
 *
 *   instruments.yaml                 the flat file (read first, when there is one)
 *   instruments/index.yaml           `order:` of the items, and the kind's other keys
 *   instruments/<name>.yaml          one item (its fields at the top), or a part of the
 *                                    document (`instruments: [...]`, `procedureTerms: {...}`)
 *
 * Lists are joined (an id given by two files is a problem, with both positions), records are
 * merged (likewise by key), and `order:` puts the list's items in order (the ones it does not
 * name follow, by file name). Each file is kept as a ParsedYaml shaped like its kind's document,
 * with the original nodes (so every position is a line of the file it is written in), and with
 * its `defaults:` and the pack's filled in (defaults.ts).
 */

export interface PackPart {
  /** Path relative to the pack directory, `/`-separated. */
  rel: string;
  kind: PackKind;
  role: 'flat' | 'index' | 'part';
  /** The file as its kind's document shows it: an item is wrapped into its list; defaults filled in. */
  parsed: ParsedYaml;
  /** The file's `order:` (index.yaml). */
  order?: { ids: string[]; at: (i: number) => SourcePosition };
  /** The validated content. */
  data?: Record<string, unknown>;
}

export interface ComposedDoc {
  kind: PackKind;
  value: Record<string, unknown>;
  /** The position of a path of the composed document, in the file that gives it. */
  at(path: (string | number)[]): SourcePosition;
}

export interface PackTree {
  /** Every file, as its kind's document shows it (keyed by its path relative to the pack). */
  parsed: Map<string, ParsedYaml>;
  /** The composed document of each kind present, by the kind's flat file name, in name order. */
  docs: Map<string, ComposedDoc>;
  /** Problems that leave the pack unreadable: a file with no place, a value of the wrong shape. */
  schemaProblems: ProblemDetail[];
  /** Problems of how the files fit together (duplicate ids, `order:`, defaults nothing takes). */
  composeProblems: ProblemDetail[];
}

/** Nodes placed in a file's document from another file (the pack's defaults), with their own file. */
const homeOf = new WeakMap<object, ParsedYaml>();

/** The position of a path's key (or value, or nearest existing parent) in a parsed pack file. */
export function positionAt(p: ParsedYaml, path: (string | number)[]): SourcePosition {
  const loc = locate(p.doc, path);
  const node = loc.pair && loc.found ? (loc.pair.key as Node) : loc.node;
  return nodePosition(homeOf.get(node as object) ?? p, node);
}

/** As positionOf (the value's node), aware of values inherited from pack.yaml. */
export function positionIn(p: ParsedYaml, path: (string | number)[]): SourcePosition {
  const loc = locate(p.doc, path);
  const home = loc.found && loc.node ? homeOf.get(loc.node) : undefined;
  return home ? nodePosition(home, loc.node) : positionOf(p, path);
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function readPackTree(dir: string, shownDir: (path: string) => string): PackTree {
  const schemaProblems: ProblemDetail[] = [];
  const composeProblems: ProblemDetail[] = [];
  const raw: { rel: string; kind: PackKind; role: PackPart['role']; parsed: ParsedYaml }[] = [];
  for (const rel of listPackFiles(dir)) {
    const shown = shownDir(join(dir, rel));
    const place = packFileRole(rel);
    if (!place) {
      schemaProblems.push({
        position: { file: shown, line: 1, column: 1 },
        message: {
          ja: `ルールパックに不明なファイルがあります（使えるのは ${packLayoutSummary()}）`,
          en: `unknown rule pack file (expected one of ${packLayoutSummary()})`,
        },
      });
      continue;
    }
    raw.push({ rel, ...place, parsed: parseYaml(readInputFile(join(dir, rel)).text, shown) });
  }

  // Take `defaults:` and `order:` out of each file, and wrap an item file into its list.
  const reshaped = raw.map((r) => ({ r, ...reshape(r) }));
  const manifestRaw = reshaped.find((x) => x.r.rel === 'pack.yaml');
  const packDefaults = manifestRaw?.defaults ?? [];
  for (const d of packDefaults) registerHome(d, manifestRaw!.parsed);

  // Defaults, then each file's shape.
  const hasDir = new Set(raw.filter((r) => r.role !== 'flat').map((r) => r.kind.file));
  const parts: PackPart[] = [];
  const packTaken = new Set<string>();
  const packRefused = new Map<InheritedValue, z.core.$ZodIssue>();
  let manifest: PackPart | undefined;
  for (const x of reshaped) {
    const isManifest = x === manifestRaw;
    // A flat file is the whole document, or (beside a directory of the kind) a part of it that
    // may give any key; a directory's file gives the keys partSchema allows.
    const schema = x.r.role !== 'flat' ? partSchema(x.r.kind) : hasDir.has(x.r.kind.file) ? x.r.kind.schema.partial() : x.r.kind.schema;
    // pack.yaml's defaults are the pack's: whether anything takes them is asked of the whole pack.
    const shaped = shapePart(x.r, x, schema, isManifest ? [] : packDefaults, !isManifest);
    schemaProblems.push(...x.problems, ...shaped.schemaProblems);
    composeProblems.push(...shaped.composeProblems);
    for (const k of shaped.fill.taken) packTaken.add(k);
    // A pack default that does not fit is reported once, at pack.yaml (pack.yaml's own reports it).
    if (!isManifest) for (const [d, issue] of shaped.fill.refused) if (packDefaults.includes(d) && !packRefused.has(d)) packRefused.set(d, issue);
    parts.push(shaped.part);
    if (isManifest) manifest = shaped.part;
  }
  for (const d of packDefaults) {
    if (!packTaken.has(d.key)) composeProblems.push({ position: nodePosition(manifestRaw!.parsed, d.keyNode), message: { ja: `defaults の「${d.key}」を持つ値がこのパックにありません`, en: `defaults: no value of this pack takes "${d.key}"` } });
  }
  for (const [d, issue] of packRefused) schemaProblems.push(refusedProblem(manifestRaw!.parsed, d, issue));
  // A pack default pack.yaml itself refuses is reported by both: once is enough.
  const seen = new Set<string>();
  const unique = schemaProblems.filter((p) => {
    const k = `${p.position ? formatPosition(p.position) : ''}|${p.message.en}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  schemaProblems.splice(0, schemaProblems.length, ...unique);

  // Which kinds are there, and pack.yaml: as before, an extending pack may leave kinds out.
  const present = new Set(parts.map((p) => p.kind.file));
  const rawManifest = manifest?.parsed.value as { extends?: unknown } | null | undefined;
  if (!manifest) schemaProblems.push({ position: { file: shownDir(join(dir, 'pack.yaml')) }, message: { ja: 'pack.yaml がありません', en: 'pack.yaml is missing' } });
  const extending = isRecord(rawManifest) && rawManifest.extends !== undefined;
  if (manifest && !extending) {
    for (const kind of PACK_KINDS) {
      if (kind.required && !present.has(kind.file)) {
        schemaProblems.push({
          position: { file: shownDir(join(dir, kind.file)) },
          message: {
            ja: `${kind.file}（又は ${kind.dir}/）がありません（他のパックを拡張しない場合は必須。拡張するなら pack.yaml に extends: default）`,
            en: `${kind.file} (or ${kind.dir}/) is missing (required unless pack.yaml says extends: default)`,
          },
        });
      }
    }
  }

  const parsedMap = new Map(parts.map((p) => [p.rel, p.parsed] as const));
  const docs = new Map<string, ComposedDoc>();
  if (schemaProblems.length > 0) return { parsed: parsedMap, docs, schemaProblems, composeProblems };
  for (const kind of [...PACK_KINDS].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    const mine = parts.filter((p) => p.kind === kind).sort(readOrder);
    if (mine.length === 0) continue;
    const doc = compose(kind, mine, composeProblems);
    if (hasDir.has(kind.file)) {
      for (const [key, s] of Object.entries(kind.schema.shape)) {
        if (!Object.hasOwn(doc.value, key) && !(s as z.ZodType).safeParse(undefined).success) {
          schemaProblems.push({
            position: { file: shownDir(join(dir, kind.dir)) },
            message: { ja: `${kind.dir}/ のどのファイルにも「${key}」がありません`, en: `no file of ${kind.dir}/ gives "${key}"` },
          });
        }
      }
    }
    docs.set(kind.file, doc);
  }
  return { parsed: parsedMap, docs, schemaProblems, composeProblems };
}

/**
 * One file, reshaped: its own defaults (then the pack's, for keys it does not state) filled in,
 * and validated against `schema`.
 */
function shapePart(
  r: { rel: string; kind: PackKind; role: PackPart['role'] },
  x: { parsed: ParsedYaml; defaults: InheritedValue[]; order?: PackPart['order'] },
  schema: z.ZodObject,
  packDefaults: InheritedValue[],
  reportUnused = true,
): { part: PackPart; schemaProblems: ProblemDetail[]; composeProblems: ProblemDetail[]; fill: FillResult } {
  const schemaProblems: ProblemDetail[] = [];
  const composeProblems: ProblemDetail[] = [];
  const fill: FillResult = { used: new Set(), taken: new Set(), refused: new Map() };
  const inherited = [...x.defaults, ...packDefaults.filter((d) => !x.defaults.some((o) => o.key === d.key))];
  fillDefaults(schema, x.parsed.value, x.parsed.doc.contents, inherited, fill);
  for (const d of x.defaults) {
    if (reportUnused && !fill.taken.has(d.key)) {
      composeProblems.push({ position: nodePosition(x.parsed, d.keyNode), message: { ja: `defaults の「${d.key}」を持つ値がこのファイルにありません`, en: `defaults: no value of this file takes "${d.key}"` } });
    }
    const issue = fill.refused.get(d);
    if (issue) schemaProblems.push(refusedProblem(x.parsed, d, issue));
  }
  const part: PackPart = { rel: r.rel, kind: r.kind, role: r.role, parsed: x.parsed, ...(x.order ? { order: x.order } : {}) };
  try {
    part.data = validateDocument(schema, x.parsed, r.kind.what, 'rules') as Record<string, unknown>;
  } catch (err) {
    if (err instanceof UserError) schemaProblems.push(...err.details);
    else throw err;
  }
  return { part, schemaProblems, composeProblems, fill };
}

/** A default whose value does not fit a value that takes its key (then not filled in). */
function refusedProblem(home: ParsedYaml, d: InheritedValue, issue: z.core.$ZodIssue): ProblemDetail {
  const m = describeIssue({ ...issue, path: [d.key, ...issue.path] } as z.core.$ZodIssue);
  // Name the key when the message does not (a refinement's own words).
  const named = m.en.startsWith(`"${d.key}"`) || m.en.includes(`"${d.key}"`);
  return {
    position: nodePosition(home, d.valueNode),
    message: named ? { ja: `defaults: ${m.ja}`, en: `defaults: ${m.en}` } : { ja: `defaults の「${d.key}」: ${m.ja}`, en: `defaults: "${d.key}": ${m.en}` },
  };
}

/**
 * One file of a pack as the loader reads it on its own: its place in the layout (`rel`), its own
 * `defaults:` filled in, its shape checked; the content, or every problem (for tools that look at
 * one file, e.g. the fuzz tests; the loader reads the whole directory). A file that is not YAML
 * throws, as it does for the loader.
 */
export function readPackFile(text: string, rel: string, shown: string): { data: Record<string, unknown> | null; problems: ProblemDetail[] } {
  const place = packFileRole(rel);
  if (!place) return { data: null, problems: [{ position: { file: shown, line: 1, column: 1 }, message: { ja: `ルールパックに不明なファイルがあります（使えるのは ${packLayoutSummary()}）`, en: `unknown rule pack file (expected one of ${packLayoutSummary()})` } }] };
  const r = { rel, ...place, parsed: parseYaml(text, shown) };
  const x = reshape(r);
  const schema = place.role === 'flat' ? place.kind.schema : partSchema(place.kind);
  const shaped = shapePart(r, x, schema, []);
  const problems = [...x.problems, ...shaped.schemaProblems, ...shaped.composeProblems];
  return { data: problems.length > 0 ? null : shaped.part.data!, problems };
}

/** The flat file first, then the directory's index.yaml, then its other files by name. */
function readOrder(a: PackPart, b: PackPart): number {
  const rank = (p: PackPart): number => (p.role === 'flat' ? 0 : p.role === 'index' ? 1 : 2);
  return rank(a) - rank(b) || (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0);
}

function registerHome(d: InheritedValue, home: ParsedYaml): void {
  const mark = (n: unknown): void => {
    if (isPair(n)) {
      mark(n.key);
      mark(n.value);
    } else if (isNode(n)) {
      homeOf.set(n, home);
      if (isMap(n) || isSeq(n)) for (const it of n.items) mark(it);
    }
  };
  mark(d.keyNode);
  mark(d.valueNode);
}

/**
 * A file as its kind's document shows it. `defaults:` (any file) and `order:` (index.yaml) are
 * taken out; a directory's file that holds none of the document's keys is one item of the
 * kind's list, and is wrapped into it (`instruments: [<the file>]`).
 */
function reshape(r: { rel: string; kind: PackKind; role: PackPart['role']; parsed: ParsedYaml }): {
  parsed: ParsedYaml;
  defaults: InheritedValue[];
  order?: PackPart['order'];
  problems: ProblemDetail[];
} {
  const { parsed } = r;
  const problems: ProblemDetail[] = [];
  const root = parsed.doc.contents;
  if (!isRecord(parsed.value) || !isMap(root)) return { parsed, defaults: [], problems };
  const value = { ...parsed.value };
  const take = (key: string): Pair | undefined => {
    const i = root.items.findIndex((it) => isPair(it) && (isScalarKey(it.key) ? String(it.key.value) : String(it.key)) === key);
    if (i < 0) return undefined;
    delete value[key];
    return root.items.splice(i, 1)[0] as Pair;
  };
  const defaults: InheritedValue[] = [];
  const dpair = take(DEFAULTS_KEY);
  if (dpair) {
    if (isMap(dpair.value) && isRecord(parsed.value[DEFAULTS_KEY])) {
      const dv = parsed.value[DEFAULTS_KEY] as Record<string, unknown>;
      for (const it of dpair.value.items) {
        const key = isScalarKey(it.key) ? String(it.key.value) : String(it.key);
        defaults.push({ key, value: dv[key], keyNode: it.key as Node, valueNode: (it.value ?? it.key) as Node });
      }
    } else {
      problems.push({ position: nodePosition(parsed, (dpair.value ?? dpair.key) as Node), message: { ja: 'defaults はキーと値の組（マップ）です', en: 'defaults: expected a mapping of keys to values' } });
    }
  }
  let order: PackPart['order'];
  if (r.role === 'index' && r.kind.list) {
    const opair = take(ORDER_KEY);
    if (opair) {
      const ov = parsed.value[ORDER_KEY];
      if (isSeq(opair.value) && Array.isArray(ov) && ov.every((x) => typeof x === 'string')) {
        const seq = opair.value;
        order = { ids: ov as string[], at: (i) => nodePosition(parsed, seq.items[i] as Node) };
      } else {
        problems.push({ position: nodePosition(parsed, (opair.value ?? opair.key) as Node), message: { ja: 'order は id のリストです', en: 'order: expected a list of ids' } });
      }
    }
  }
  const list = r.kind.list;
  const keys = Object.keys(r.kind.schema.shape);
  if (r.role === 'part' && list && !Object.keys(value).some((k) => keys.includes(k))) {
    // One item: the file is the item. Its id names the file, so a reader finds it.
    const name = basename(r.rel).replace(/\.ya?ml$/, '');
    if (typeof value.id === 'string' && value.id !== name) {
      const idPair = root.items.find((it) => isPair(it) && isScalarKey(it.key) && it.key.value === 'id') as Pair | undefined;
      problems.push({
        position: nodePosition(parsed, (idPair?.value ?? root) as Node),
        message: {
          ja: `ファイル名は ${name}.yaml ですが id は「${value.id}」です（1 項目のファイルは id を名前にします: ${value.id}.yaml）`,
          en: `the file is named ${name}.yaml but its id is "${value.id}" (a file of one item is named after its id: ${value.id}.yaml)`,
        },
      });
    }
    const doc = new Document();
    doc.contents = new YAMLMap();
    const seq = new YAMLSeq();
    seq.items.push(root);
    (doc.contents as YAMLMap).items.push(new Pair(new Scalar(list), seq));
    return { parsed: { ...parsed, doc: doc as unknown as ParsedYaml['doc'], value: { [list]: [value] } }, defaults, ...(order ? { order } : {}), problems };
  }
  return { parsed: { ...parsed, value }, defaults, ...(order ? { order } : {}), problems };
}

function isScalarKey(k: unknown): k is Scalar {
  return k instanceof Scalar;
}

interface Origin {
  part: PackPart;
  /** The path of the value in the part's document. */
  path: (string | number)[];
}

function compose(kind: PackKind, parts: PackPart[], problems: ProblemDetail[]): ComposedDoc {
  const shape = kind.schema.shape as Record<string, z.ZodType>;
  const value: Record<string, unknown> = {};
  const lists = new Map<string, { item: unknown; origin: Origin }[]>();
  const records = new Map<string, Map<string, Origin>>();
  const keys = new Map<string, PackPart>();
  const typeOf = (key: string): string => {
    let s: unknown = shape[key];
    for (let i = 0; i < 8; i++) {
      const d = (s as { _zod?: { def: { type: string; innerType?: unknown } } } | undefined)?._zod?.def;
      if (!d) return 'unknown';
      if (d.type === 'optional' && d.innerType) s = d.innerType;
      else return d.type;
    }
    return 'unknown';
  };
  for (const part of parts) {
    for (const [key, v] of Object.entries(part.data ?? {})) {
      const type = typeOf(key);
      if (type === 'array' && Array.isArray(v)) {
        const list = lists.get(key) ?? [];
        lists.set(key, list);
        v.forEach((item, i) => {
          const id = isRecord(item) && typeof item.id === 'string' ? item.id : undefined;
          const first = id === undefined ? undefined : list.find((e) => e.origin.part !== part && (e.item as { id?: unknown }).id === id);
          if (first) {
            problems.push({
              position: positionAt(part.parsed, [key, i, 'id']),
              message: {
                ja: `${key} の id「${id}」は ${formatPosition(positionAt(first.origin.part.parsed, [...first.origin.path, 'id']))} でも定義されています`,
                en: `${key} id "${id}" is also defined at ${formatPosition(positionAt(first.origin.part.parsed, [...first.origin.path, 'id']))}`,
              },
            });
            return;
          }
          list.push({ item, origin: { part, path: [key, i] } });
        });
      } else if (type === 'record' && isRecord(v)) {
        const merged = (value[key] ??= {}) as Record<string, unknown>;
        const origins = records.get(key) ?? new Map<string, Origin>();
        records.set(key, origins);
        for (const [k, x] of Object.entries(v)) {
          const first = origins.get(k);
          if (first) {
            problems.push({
              position: positionAt(part.parsed, [key, k]),
              message: {
                ja: `${key} の「${k}」は ${formatPosition(positionAt(first.part.parsed, first.path))} でも定義されています`,
                en: `${key} "${k}" is also defined at ${formatPosition(positionAt(first.part.parsed, first.path))}`,
              },
            });
            continue;
          }
          origins.set(k, { part, path: [key, k] });
          merged[k] = x;
        }
      } else {
        const first = keys.get(key);
        if (first && key !== 'version') {
          problems.push({
            position: positionAt(part.parsed, [key]),
            message: {
              ja: `「${key}」は ${formatPosition(positionAt(first.parsed, [key]))} でも書かれています（1 か所にしてください）`,
              en: `"${key}" is also given at ${formatPosition(positionAt(first.parsed, [key]))} (give it in one file)`,
            },
          });
          continue;
        }
        if (!first) {
          keys.set(key, part);
          value[key] = v;
        }
      }
    }
  }
  // order: the named items first, in its order; the rest as read.
  const index = parts.find((p) => p.order);
  if (index?.order && kind.list) {
    const list = lists.get(kind.list) ?? [];
    const rank = new Map<string, number>();
    index.order.ids.forEach((id, i) => {
      if (rank.has(id)) {
        problems.push({ position: index.order!.at(i), message: { ja: `order に「${id}」が重複しています`, en: `order lists "${id}" twice` } });
      } else if (!list.some((e) => (e.item as { id?: unknown }).id === id)) {
        problems.push({ position: index.order!.at(i), message: { ja: `order の「${id}」は ${kind.dir}/ のどのファイルにもありません`, en: `order names "${id}", which no file of ${kind.dir}/ defines` } });
      } else rank.set(id, i);
    });
    const pos = (e: { item: unknown }, i: number): number => rank.get((e.item as { id: string }).id) ?? index.order!.ids.length + i;
    const sorted = list.map((e, i) => ({ e, k: pos(e, i) })).sort((a, b) => a.k - b.k).map((x) => x.e);
    lists.set(kind.list, sorted);
  }
  for (const [key, list] of lists) value[key] = list.map((e) => e.item);
  // The keys in the schema's order, as one file validated whole would have them.
  const ordered: Record<string, unknown> = {};
  for (const k of Object.keys(shape)) if (Object.hasOwn(value, k)) ordered[k] = value[k];

  return {
    kind,
    value: ordered,
    at(path) {
      const [key, second, ...rest] = path;
      const list = typeof key === 'string' ? lists.get(key) : undefined;
      if (list && typeof second === 'number' && list[second]) {
        const o = list[second].origin;
        return positionAt(o.part.parsed, [...o.path, ...rest]);
      }
      const rec = typeof key === 'string' && second !== undefined ? records.get(key)?.get(String(second)) : undefined;
      if (rec) return positionAt(rec.part.parsed, path);
      const part = (typeof key === 'string' ? keys.get(key) : undefined) ?? parts[0]!;
      return positionAt(part.parsed, path);
    },
  };
}
