import * as z from 'zod';
import type { Localized } from '../i18n/lang.js';
import {
  CategoriesFileSchema,
  FactsFileSchema,
  InstrumentsFileSchema,
  PackManifestSchema,
  PrefectureFileSchema,
  RulesFileSchema,
} from './schema.js';
import { ChecksFileSchema } from './checks-schema.js';
import { DesignationsFileSchema } from './designations-schema.js';
import { AffairsFileSchema } from './affairs-schema.js';

/**
 * What a rule pack directory may hold. Each kind of content (instruments, designations, ...) is
 * either one file (`instruments.yaml`, the flat layout) or a directory of small files
 * (`instruments/consignment.yaml`, the tree a legal editor walks), or both; the loader composes
 * them into the one document the kind's schema describes (rules-tools/compose.ts).
 * Feature modules add their kinds here (one place, so a typo'd file name is caught).
 */
export interface PackKind {
  /** The kind's file in the flat layout, and the name of its composed document. */
  file: string;
  /** Its directory in the tree layout. */
  dir: string;
  /** The schema of the whole (flat) document. */
  schema: z.ZodObject;
  /** The list a file of `dir/` may hold one item of, written at the file's top level (`instruments`). */
  list?: string;
  /** The keys a file of `dir/` may hold, when not every key of the document (pack.yaml's `sources/`). */
  partKeys?: string[];
  /** A pack that does not extend another must have it. */
  required: boolean;
  what: Localized;
}

export const PACK_KINDS: PackKind[] = [
  { file: 'pack.yaml', dir: 'sources', schema: PackManifestSchema, partKeys: ['sources'], required: true, what: { ja: 'ルールパックの定義', en: 'rule pack manifest' } },
  { file: 'instruments.yaml', dir: 'instruments', schema: InstrumentsFileSchema, list: 'instruments', required: true, what: { ja: '制度の定義', en: 'instrument definitions' } },
  { file: 'categories.yaml', dir: 'categories', schema: CategoriesFileSchema, list: 'categories', required: true, what: { ja: '分類の定義', en: 'category definitions' } },
  { file: 'facts.yaml', dir: 'facts', schema: FactsFileSchema, list: 'facts', required: true, what: { ja: '事実（質問）の定義', en: 'fact definitions' } },
  { file: 'recommend.yaml', dir: 'recommend', schema: RulesFileSchema, list: 'rules', required: true, what: { ja: '推奨ルール', en: 'recommendation rules' } },
  { file: 'prefecture.yaml', dir: 'prefecture', schema: PrefectureFileSchema, required: true, what: { ja: '県の役割と支援策', en: "the prefecture's roles and measures" } },
  { file: 'checks.yaml', dir: 'checks', schema: ChecksFileSchema, list: 'checks', required: false, what: { ja: '政策案チェックのルール', en: 'policy draft check rules' } },
  { file: 'affairs.yaml', dir: 'affairs', schema: AffairsFileSchema, list: 'affairs', required: false, what: { ja: '事務の一覧（分類の推定）', en: 'affairs list (category inference)' } },
  { file: 'designations.yaml', dir: 'designations', schema: DesignationsFileSchema, list: 'designations', required: false, what: { ja: '指定要件', en: 'designation criteria' } },
];

/** A directory's file that orders its items (`order:`) and holds the kind's other keys. */
export const INDEX_FILE = 'index.yaml';

/** How a file of a pack directory takes part in its kind's document. */
export interface PackFileRole {
  kind: PackKind;
  /** flat: `instruments.yaml`; index: `instruments/index.yaml`; part: any other file of `instruments/`. */
  role: 'flat' | 'index' | 'part';
}

/** The role of a file, by its path relative to the pack directory (`/`-separated); undefined when it has none. */
export function packFileRole(rel: string): PackFileRole | undefined {
  const parts = rel.split('/');
  if (parts.length === 1) {
    const kind = PACK_KINDS.find((k) => k.file === rel);
    return kind ? { kind, role: 'flat' } : undefined;
  }
  if (parts.length !== 2) return undefined;
  const kind = PACK_KINDS.find((k) => k.dir === parts[0]);
  if (!kind) return undefined;
  return { kind, role: parts[1] === INDEX_FILE ? 'index' : 'part' };
}

/** Where files may go, for the message about a file that has no place. */
export function packLayoutSummary(): string {
  return PACK_KINDS.map((k) => `${k.file}, ${k.dir}/*.yaml`).join(', ');
}

/** The key of a tree file that states values inherited by every value of the file (or, in pack.yaml, of the pack). */
export const DEFAULTS_KEY = 'defaults';
/** The key of a directory's index.yaml that orders the items of its list. */
export const ORDER_KEY = 'order';

const DefaultsSchema = z.record(z.string(), z.unknown()).describe('values stated once and inherited by every value of the file that takes the key and does not state it (in pack.yaml: by every file of the pack)');
const OrderSchema = z.array(z.string().min(1)).describe("the ids of the directory's items in the order they are read; items it does not name follow, by file name");

/** The schema a file of `kind.dir` is checked against (after `defaults:` and `order:` are taken out): a part of the document. */
export function partSchema(kind: PackKind): z.ZodObject {
  const keys = kind.partKeys ?? Object.keys(kind.schema.shape);
  const mask = Object.fromEntries(keys.map((k) => [k, true])) as Record<string, true>;
  return (kind.schema as z.ZodObject<Record<string, z.ZodType>>).pick(mask as never).partial();
}

/** The schema of one item of `kind.list`. */
export function itemSchema(kind: PackKind): z.ZodObject | undefined {
  if (!kind.list) return undefined;
  const list = kind.schema.shape[kind.list] as z.ZodType;
  return (list as z.ZodArray<z.ZodObject>).element;
}

/**
 * Every shape a rule pack file may have, for editors (`kouiki schema rules`): a file of a kind's
 * document (a flat file, a directory's index.yaml or part: any of the document's keys, with
 * `defaults:` and, in index.yaml, `order:`), or one item with `defaults:`. Looser than the loader,
 * which also requires each key of a whole document once the files are composed, and keeps each
 * item once: the JSON Schema of a shape repeats every schema it contains.
 */
export function packFileSchema(): z.ZodType {
  const shapes: z.ZodType[] = [];
  for (const kind of PACK_KINDS) {
    shapes.push(kind.schema.partial().extend({ [DEFAULTS_KEY]: DefaultsSchema.optional(), ...(kind.list ? { [ORDER_KEY]: OrderSchema.optional() } : {}) }));
    const item = itemSchema(kind);
    if (item) shapes.push(item.extend({ [DEFAULTS_KEY]: DefaultsSchema.optional() }));
  }
  return z.union(shapes as [z.ZodType, z.ZodType, ...z.ZodType[]]);
}
