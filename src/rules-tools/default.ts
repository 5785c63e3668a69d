import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../io/hash.js';
import { defaultRulesDir, distDir, trustsDist } from '../io/paths.js';
import type { Pack, PackData } from '../pack/model.js';
import type { Lang } from '../i18n/lang.js';
import { useCitationEntries, type CitationEntries } from '../core/citation.js';

/** What the build writes to dist/: the default pack as data, with the sources it came from. */
export interface CompiledPackFile {
  format: 1;
  /** Each YAML file's size, mtime and SHA-256 when the build read it. */
  sources: { file: string; size: number; mtimeMs: number; sha256: string }[];
  data: PackData;
}

/** The pack's citation index in one language (core/citation.ts), computed by the build: read only by a run that cites. */
export const compiledCitationsFile = (lang: Lang): string => `default-pack.citations.${lang}.json`;

export const COMPILED_PACK_FILE = 'default-pack.json';

/**
 * The YAML files of a pack directory and of its directories (not tests/, the pack's own test
 * cases, nor hidden ones), as `/`-separated paths relative to it, sorted. Three levels deep, so a
 * file put one level too deep (`instruments/core/x.yaml`) is listed and the loader can say so,
 * without walking a large directory given by mistake.
 */
export function listPackFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string, depth: number): void => {
    for (const e of readdirSync(rel ? join(dir, rel) : dir, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (depth < 3 && path !== TESTS && e.name !== 'node_modules') walk(path, depth + 1);
      } else if (e.name.endsWith('.yaml') || e.name.endsWith('.yml')) out.push(path);
    }
  };
  walk('', 1);
  return out.sort();
}

const TESTS = 'tests';

let cached: Pack | null | undefined;

/**
 * The default pack from the build's precompiled JSON, when it is up to date with the YAML of rules/
 * (one stat per file; a content hash when an mtime differs); null when it is missing or stale,
 * and the YAML must be read instead.
 * Deliberately free of the YAML parser and zod, so commands that only need the default pack
 * start as fast as bare Node allows.
 */
export function compiledDefaultPack(): Pack | null {
  if (cached !== undefined) return cached;
  cached = null;
  let compiled: CompiledPackFile;
  try {
    compiled = JSON.parse(readFileSync(join(distDir(), COMPILED_PACK_FILE), 'utf8')) as CompiledPackFile;
  } catch {
    return null;
  }
  if (compiled.format !== 1) return null;
  const dir = defaultRulesDir();
  if (!trustsDist()) {
    try {
      const now = listPackFiles(dir);
      if (now.length !== compiled.sources.length) return null;
      for (let i = 0; i < now.length; i++) {
        const src = compiled.sources[i]!;
        if (src.file !== now[i]) return null;
        const path = join(dir, src.file);
        const st = statSync(path);
        if (st.size !== src.size) return null;
        // A file with another mtime is compared by content: npm extracts an installed package's
        // files with new mtimes, and reading the pack's YAML instead cost every run 250 ms.
        if (st.mtimeMs !== src.mtimeMs && sha256(readFileSync(path)) !== src.sha256) return null;
      }
    } catch {
      return null;
    }
  }
  cached = { data: compiled.data, origin: { dir: null, base: null, overrides: [] }, positions: new Map() };
  useCitationEntries(compiled.data, (lang) => {
    try {
      return JSON.parse(readFileSync(join(distDir(), compiledCitationsFile(lang)), 'utf8')) as CitationEntries;
    } catch {
      return null; // an older build without it: computed from the pack
    }
  });
  return cached;
}
