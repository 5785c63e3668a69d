import type { Localized } from '../i18n/lang.js';
import type { PackData } from './model.js';
import type { Ref } from './schema.js';
import type { CheckRuleDef, Scheme, StatutoryContent } from './checks-schema.js';

/**
 * `rules/checks/` (or a pack's checks.yaml): the rules of `kouiki check` as data (id, default severity, description,
 * help, citation, options), what the statute requires a charter (規約) to state, and what each
 * scheme of a draft needs. One place for the SARIF rule metadata, the docs and the messages.
 */

// The zod schemas of the checks are in checks-schema.ts: only loading a pack from YAML needs
// them, and building them took a check run several milliseconds.

export type { CheckRuleDef, Scheme, StatutoryContent } from './checks-schema.js';

/** The check part of a pack, typed. */
export interface CheckPack {
  rules: CheckRuleDef[];
  byId: Map<string, CheckRuleDef>;
  statutory: StatutoryContent[];
  schemes: Scheme[];
}

const cache = new WeakMap<PackData, CheckPack | null>();

/** The checks section of a pack, or null when the pack has none (a custom pack without checks). */
export function checkPack(data: PackData): CheckPack | null {
  const hit = cache.get(data);
  if (hit !== undefined) return hit;
  const rules = data.extra.checks as CheckRuleDef[] | undefined;
  const out: CheckPack | null = rules
    ? {
        rules,
        byId: new Map(rules.map((r) => [r.id, r])),
        statutory: (data.extra.statutoryContent as StatutoryContent[] | undefined) ?? [],
        schemes: (data.extra.schemes as Scheme[] | undefined) ?? [],
      }
    : null;
  cache.set(data, out);
  return out;
}

/**
 * Cross-references of the checks (called from validatePack): every source is declared, every
 * instrument exists, and the rules kouiki's code implements are all there.
 */
export function validateChecks(
  data: PackData,
  add: (collection: string, id: string | null, path: (string | number)[], message: Localized) => void,
  implemented: readonly string[],
): void {
  const cp = checkPack(data);
  if (!cp) return;
  const sources = new Set(Object.keys(data.manifest.sources ?? {}));
  const instruments = new Set(data.instruments.map((i) => i.id));
  const checkRef = (collection: string, id: string, path: (string | number)[], ref: Ref | undefined): void => {
    if (ref && !sources.has(ref.source)) {
      add(collection, id, [...path, 'source'], { ja: `出典「${ref.source}」が sources（pack.yaml 又は sources/*.yaml）にありません`, en: `source "${ref.source}" is not declared under sources: (pack.yaml or sources/*.yaml)` });
    }
  };
  const seen = new Set<string>();
  for (const r of cp.rules) {
    if (seen.has(r.id)) add('checks', r.id, ['id'], { ja: `id「${r.id}」が重複しています`, en: `duplicate id "${r.id}"` });
    seen.add(r.id);
    if (!implemented.includes(r.id)) {
      add('checks', r.id, ['id'], { ja: `kouiki に「${r.id}」というチェックはありません（${implemented.join(', ')}）`, en: `kouiki has no check "${r.id}" (known: ${implemented.join(', ')})` });
    }
    if (!r.ref && !r.citation) add('checks', r.id, [], { ja: 'ref か citation が必要です', en: 'a check needs ref: or citation:' });
    checkRef('checks', r.id, ['ref'], r.ref);
    for (const [name, ref] of Object.entries(r.refs ?? {})) checkRef('checks', r.id, ['refs', name], ref);
  }
  for (const id of implemented) {
    if (!seen.has(id)) add('checks', null, [], { ja: `チェック「${id}」の定義がありません`, en: `check "${id}" is not defined` });
  }
  for (const s of cp.statutory) {
    if (!instruments.has(s.instrument)) add('statutoryContent', s.id, ['instrument'], { ja: `不明な制度「${s.instrument}」`, en: `unknown instrument "${s.instrument}"` });
    checkRef('statutoryContent', s.id, ['ref'], s.ref);
  }
  for (const s of cp.schemes) checkRef('schemes', s.id, ['ref'], s.ref);
}
