import type { ProblemDetail } from '../errors.js';
import type { Localized } from '../i18n/lang.js';
import { packAffairs } from '../pack/affairs.js';
import type { PackData, PackLocator } from '../pack/model.js';

/**
 * Cross-reference checks of the affairs list (rules/affairs/): unique ids, a category and
 * instruments the pack defines, a declared source cited by article or section, and no word given
 * to two affairs (inference could not tell which one a planner meant).
 */
export function validateAffairs(data: PackData, loc: PackLocator): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const add = (id: string, path: (string | number)[], message: Localized): void => {
    const position = loc.at('affairs', id, path);
    problems.push(position ? { position, message } : { message });
  };
  const categories = new Set(data.categories.map((c) => c.id));
  const instruments = new Set(data.instruments.map((i) => i.id));
  const sources = new Set(Object.keys(data.manifest.sources ?? {}));
  const seen = new Set<string>();
  const wordOwner = new Map<string, string>();
  for (const a of packAffairs(data)) {
    if (seen.has(a.id)) add(a.id, ['id'], { ja: `id「${a.id}」が重複しています`, en: `duplicate id "${a.id}"` });
    seen.add(a.id);
    if (!categories.has(a.category)) {
      add(a.id, ['category'], { ja: `不明な分類「${a.category}」`, en: `unknown category "${a.category}" (known: ${[...categories].join(', ')})` });
    }
    (a.instruments ?? []).forEach((id, i) => {
      if (!instruments.has(id)) add(a.id, ['instruments', i], { ja: `不明な制度「${id}」`, en: `unknown instrument "${id}" (known: ${[...instruments].join(', ')})` });
    });
    if (!sources.has(a.ref.source)) {
      add(a.id, ['ref', 'source'], { ja: `出典「${a.ref.source}」が sources（pack.yaml 又は sources/*.yaml）にありません`, en: `source "${a.ref.source}" is not declared under sources: (pack.yaml or sources/*.yaml)` });
    }
    if (a.ref.article === undefined && a.ref.section === undefined) {
      add(a.id, ['ref'], { ja: '引用に条（article）又は節（section）がありません', en: 'the citation names neither an article nor a section' });
    }
    for (const lang of ['ja', 'en'] as const) {
      a.words[lang].forEach((w, i) => {
        const key = w.toLowerCase();
        const owner = wordOwner.get(key);
        if (owner !== undefined && owner !== a.id) {
          add(a.id, ['words', lang, i], { ja: `語「${w}」は事務「${owner}」にもあります（推定でどちらか決められません）`, en: `the word "${w}" also belongs to affair "${owner}" (inference could not tell them apart)` });
        }
        wordOwner.set(key, owner ?? a.id);
      });
    }
  }
  return problems;
}
