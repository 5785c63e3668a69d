import type { SourcePosition } from '../errors.js';
import type { Localized } from '../i18n/lang.js';
import type { Designation } from './designations-schema.js';
import type { Category, Fact, Instrument, PackManifest, PrefectureFile, Rule } from './schema.js';

/**
 * A rule pack as data, after loading and merging (a custom pack over the default one).
 * Feature modules add their own sections (designations, check rules, tests) as optional keys.
 */
export interface PackData {
  manifest: PackManifest;
  instruments: Instrument[];
  categories: Category[];
  facts: Fact[];
  rules: Rule[];
  prefecture: PrefectureFile | null;
  /** Words filled into procedure steps ({filingTo}, ...), from `procedureTerms:` (rules/instruments/procedure-terms.yaml). */
  terms: Record<string, Localized>;
  /** Other sections, keyed by their top-level YAML key (e.g. `designations`), merged by id. */
  extra: Record<string, unknown>;
}

export interface PackOrigin {
  /** Directory the pack was read from; `null` for the embedded default pack. */
  dir: string | null;
  /** When this pack extends another: its name and version. */
  base: { name: string; packVersion: string } | null;
  /** Ids of base items this pack replaced, as it declared them. */
  overrides: string[];
}

export interface Pack {
  data: PackData;
  origin: PackOrigin;
  /** Source positions of items (`instruments/<id>`, `rules/<id>`, ...), when read from YAML. */
  positions: Map<string, SourcePosition>;
}

/** The `rulePack` block of every JSON output. */
export function packIdentity(pack: Pack): { name: string; version: string; base?: { name: string; version: string }; overrides?: string[] } {
  const out: { name: string; version: string; base?: { name: string; version: string }; overrides?: string[] } = {
    name: pack.data.manifest.name,
    version: pack.data.manifest.packVersion,
  };
  if (pack.origin.base) {
    out.base = { name: pack.origin.base.name, version: pack.origin.base.packVersion };
    out.overrides = [...pack.origin.overrides];
  }
  return out;
}

/** The designations of the pack (`designations.yaml`), or an empty list when it has none. */
export function packDesignations(data: Pick<PackData, 'extra'>): Designation[] {
  const d = data.extra.designations;
  return Array.isArray(d) ? (d as Designation[]) : [];
}

/** Where a pack item sits in its YAML (for positioned problems); the loader makes one from the parsed files. */
export interface PackLocator {
  /** Position of `path` inside the item `id` of the top-level list `collection` (id null: a top-level key). */
  at(collection: string, id: string | null, path: (string | number)[]): SourcePosition | undefined;
}
