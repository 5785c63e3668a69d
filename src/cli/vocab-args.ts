import { knownText, suggestionText, type Domain, type Vocabulary } from '../core/vocabulary.js';
import { UserError } from '../errors.js';

/**
 * A flag's value read through the names table (src/core/vocabulary.ts): the id, or its name in
 * Japanese or English (`--category 広域的課題`, `--kind 中核市`). Anything else stops the run with
 * the closest ids and names (exit 2).
 */
export function readId(vocab: Vocabulary, domain: Domain, value: string, flag: string): string {
  const r = vocab.lookup(domain, value);
  if (r.ok) return r.id;
  const close = suggestionText(r.suggestions);
  const known = knownText(vocab.entries(domain));
  throw new UserError(
    { ja: `${flag} の値「${value}」は使えません`, en: `${flag}: "${value}" is not one of the accepted values` },
    {
      hint: {
        ja: `${close ? `${close.ja} ` : ''}使えるのは ${known.ja}（名称でも書けます）`,
        en: `${close ? `${close.en} ` : ''}use one of ${known.en} (or its name)`,
      },
    },
  );
}

/** commander's argParser for a flag whose value is an id of `domain`. */
export function idParser(vocab: Vocabulary, domain: Domain, flag: string): (value: string) => string {
  return (value) => readId(vocab, domain, value, flag);
}
