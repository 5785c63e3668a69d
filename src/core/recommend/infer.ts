import type { PackData } from '../../pack/model.js';

export interface Inference {
  id: string;
  evidence: string[];
  /** Other categories that matched as many keywords (the choice among them is by pack order). */
  tied: string[];
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

/**
 * Infers a task's category from the keywords of each category found in its name and
 * description. The category with the most distinct keywords wins; ties go to the pack's order
 * and are reported, and every keyword that decided it is returned as evidence, so the
 * inference is never silent.
 */
export function inferCategory(data: PackData, name: string, description: string | undefined): Inference | null {
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
  return best ? { id: best.id, evidence: best.evidence, tied } : null;
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
