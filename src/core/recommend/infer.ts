import type { Lang, Localized } from '../../i18n/lang.js';
import { packAffairs, type Affair } from '../../pack/affairs.js';
import type { PackData } from '../../pack/model.js';
import type { Ref } from '../../pack/schema.js';
import { formatRef } from '../citation.js';

/** An affair of the pack's list (rules/affairs/) found in a task's words. */
export interface AffairHit {
  id: string;
  name: Localized;
  category: string;
  /** Why the affair is of its category (the words of the category's definition it matches). */
  why: Localized;
  ref: Ref;
  /** The word found (the longest of the affair's words that matched). */
  word: string;
  where: 'name' | 'description';
}

export interface Inference {
  id: string;
  evidence: string[];
  /** Other categories that matched as many affairs (or keywords); the choice among them is by pack order. */
  tied: string[];
  /** What decided: the affairs list, or (when no affair's word is found) the categories' keywords. */
  basis: 'affairs' | 'keywords';
  /** The affairs of the chosen category that were found (empty when the keywords decided). */
  affairs: AffairHit[];
}

interface Prepared {
  id: string;
  words: string[];
  /** The evidence each word gives, found in the name or in the description. */
  inName: string[];
  inDescription: string[];
}

const prepared = new WeakMap<PackData, Prepared[]>();

function prepare(data: PackData): Prepared[] {
  let p = prepared.get(data);
  if (!p) {
    p = data.categories.map((c) => {
      const words = [...c.keywords.ja, ...c.keywords.en.map((w) => w.toLowerCase())];
      return { id: c.id, words, inName: words.map((w) => `${w} (name)`), inDescription: words.map((w) => `${w} (description)`) };
    });
    prepared.set(data, p);
  }
  return p;
}

/** Every affair word, longest first (ties: the pack's order), lower-cased, with its affair. */
const affairWords = new WeakMap<PackData, { word: string; shown: string; affair: Affair }[]>();

function prepareAffairs(data: PackData): { word: string; shown: string; affair: Affair }[] {
  let list = affairWords.get(data);
  if (!list) {
    list = packAffairs(data).flatMap((affair) => [...affair.words.ja, ...affair.words.en].map((w) => ({ word: w.toLowerCase(), shown: w, affair })));
    // A stable sort keeps the pack's order among words of equal length.
    list.sort((a, b) => b.word.length - a.word.length);
    affairWords.set(data, list);
  }
  return list;
}

/**
 * The affairs whose words appear in a text, longest word first: a stretch of the text matched
 * by a longer word is not matched again by a word inside it, so 下水道 is sewerage and never
 * also water supply (水道), 救急医療 is one match. Each affair is listed once, in the order of the
 * pack's list, with the longest of its words found.
 */
export function findAffairs(data: PackData, text: string, where: 'name' | 'description' = 'name'): AffairHit[] {
  const hay = text.toLowerCase();
  if (hay.length === 0) return [];
  const taken = new Uint8Array(hay.length);
  const found = new Map<Affair, string>();
  for (const { word, shown, affair } of prepareAffairs(data)) {
    for (let at = hay.indexOf(word); at >= 0; at = hay.indexOf(word, at + 1)) {
      let free = true;
      for (let i = at; i < at + word.length; i++) if (taken[i]) { free = false; break; }
      if (!free) continue;
      taken.fill(1, at, at + word.length);
      if (!found.has(affair)) found.set(affair, shown);
    }
  }
  return packAffairs(data)
    .filter((a) => found.has(a))
    .map((a) => ({ id: a.id, name: a.name, category: a.category, why: a.why, ref: a.ref, word: found.get(a)!, where }));
}

/** The evidence an affair gives: the word, where it was found, the affair and its source. */
export function affairEvidence(data: PackData, hit: AffairHit, lang: Lang): string {
  return `${hit.word} (${hit.where}) → ${hit.name[lang]} [${formatRef(hit.ref, data, lang)}]`;
}

/**
 * Infers a task's category. The affairs list (rules/affairs/) is read first: an affair's word in
 * the name (else in the description) decides, and the category with the most affairs found wins;
 * affairs of different categories in equal number are a tie, reported. When no affair's word is
 * found, the category with the most distinct keywords wins (ties likewise). Ties go to the pack's
 * order, and every affair or keyword that decided it is returned as evidence, so the inference
 * is never silent.
 */
export function inferCategory(data: PackData, name: string, description: string | undefined, lang: Lang = 'en'): Inference | null {
  let hits = findAffairs(data, name, 'name');
  if (hits.length === 0 && description) hits = findAffairs(data, description, 'description');
  if (hits.length > 0) {
    let best: string | null = null;
    let bestCount = 0;
    let tied: string[] = [];
    for (const c of data.categories) {
      const count = hits.filter((h) => h.category === c.id).length;
      if (count === 0) continue;
      if (count > bestCount) {
        best = c.id;
        bestCount = count;
        tied = [];
      } else if (count === bestCount) tied.push(c.id);
    }
    if (best !== null) {
      const affairs = hits.filter((h) => h.category === best);
      return { id: best, evidence: affairs.map((h) => affairEvidence(data, h, lang)), tied, basis: 'affairs', affairs };
    }
  }
  const inName = name.toLowerCase();
  const inDescription = description ? description.toLowerCase() : null;
  let best: { id: string; evidence: string[] } | null = null;
  let tied: string[] = [];
  for (const c of prepare(data)) {
    let evidence: string[] | null = null;
    for (let i = 0; i < c.words.length; i++) {
      const w = c.words[i]!;
      if (inName.includes(w)) (evidence ??= []).push(c.inName[i]!);
      else if (inDescription !== null && inDescription.includes(w)) (evidence ??= []).push(c.inDescription[i]!);
    }
    if (evidence === null) continue;
    if (!best || evidence.length > best.evidence.length) {
      best = { id: c.id, evidence };
      tied = [];
    } else if (evidence.length === best.evidence.length) {
      tied.push(c.id);
    }
  }
  return best ? { id: best.id, evidence: best.evidence, tied, basis: 'keywords', affairs: [] } : null;
}

/**
 * A fact stated by the task's words: the first keyword of the fact's `infer:` list found in the
 * name (else the description). Null when none is there.
 */
export function inferFact(keywords: { ja: string[]; en: string[] }, name: string, description: string | undefined): string | null {
  const inName = name.toLowerCase();
  const inDescription = description ? description.toLowerCase() : '';
  const words = [...keywords.ja, ...keywords.en.map((w) => w.toLowerCase())];
  for (const w of words) if (inName.includes(w)) return w;
  for (const w of words) if (inDescription.includes(w)) return w;
  return null;
}
