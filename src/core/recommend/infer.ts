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
}

const prepared = new WeakMap<PackData, Prepared[]>();

function prepare(data: PackData): Prepared[] {
  let p = prepared.get(data);
  if (!p) {
    p = data.categories.map((c) => ({ id: c.id, words: [...c.keywords.ja, ...c.keywords.en.map((w) => w.toLowerCase())] }));
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
  const fields: [string, string][] = [['name', name.toLowerCase()]];
  if (description) fields.push(['description', description.toLowerCase()]);
  let best: { id: string; evidence: string[] } | null = null;
  let tied: string[] = [];
  for (const c of prepare(data)) {
    const evidence: string[] = [];
    for (const w of c.words) {
      for (const [field, text] of fields) {
        if (text.includes(w)) {
          evidence.push(`${w} (${field})`);
          break;
        }
      }
    }
    if (evidence.length === 0) continue;
    if (!best || evidence.length > best.evidence.length) {
      best = { id: c.id, evidence };
      tied = [];
    } else if (evidence.length === best.evidence.length) {
      tied.push(c.id);
    }
  }
  return best ? { id: best.id, evidence: best.evidence, tied } : null;
}
