import { MAX_DAY_NIGHT_RATIO } from '../schemas/municipality-plausibility.js';
import { suggestionText, type Domain, type Vocabulary } from '../core/vocabulary.js';
import type { Localized } from '../i18n/lang.js';
import type { PackData } from '../pack/model.js';
import { asciiNumber, parseCount, readFraction, type AboveMax } from '../util/numbers.js';

/**
 * Inputs in the planner's own words, made the contract's values before validation (issue 15
 * items 11 and 12): a name where an id goes (`category: 広域的課題`, `kind: 中核市`, `mode:
 * 連絡調整のみ`) becomes the id; はい/いいえ for a yes/no fact become true/false; a percentage
 * where a ratio or share goes (`dayNightRatio: 98.96%`) becomes the fraction; full-width digits
 * become numbers. The document is changed in place (its positions are those of the text, kept by
 * the parser), so what the schema then reports still points at what the user wrote.
 *
 * What cannot be read is left as it is for the schema to refuse, with a better message (`hints`,
 * keyed by the path): the closest ids and names, or how to write a share.
 */

export type Hints = Map<string, Localized>;

export function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('\u0000');
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

class Normalizer {
  readonly hints: Hints = new Map();
  constructor(readonly vocab: Vocabulary) {}

  id(o: Obj, key: string, domain: Domain, path: readonly PropertyKey[]): void {
    const v = o[key];
    if (typeof v !== 'string' || !this.vocab.has(domain)) return;
    const r = this.vocab.lookup(domain, v);
    if (r.ok) {
      o[key] = r.id;
      return;
    }
    const close = suggestionText(r.suggestions);
    if (close) this.hints.set(pathKey([...path, key]), { ja: `（${close.ja}）`, en: ` (${close.en})` });
  }

  bool(o: Obj, key: string): void {
    const v = o[key];
    if (typeof v !== 'string') return;
    const r = this.vocab.lookup('boolean', v);
    if (r.ok) o[key] = r.id === 'true';
  }

  count(o: Obj, key: string): void {
    const v = o[key];
    if (typeof v !== 'string') return;
    const n = parseCount(v);
    if (n !== null) o[key] = n;
  }

  fraction(o: Obj, key: string, max: number, above: AboveMax, path: readonly PropertyKey[]): void {
    const v = o[key];
    if (typeof v !== 'string' && typeof v !== 'number') return;
    if (typeof v === 'string' && !/[0-9０-９]/.test(v)) return;
    const r = readFraction(v, max, above);
    if (r.ok) {
      o[key] = r.value;
      return;
    }
    if (r.why === 'ambiguous') {
      const shown = typeof v === 'number' ? String(v) : asciiNumber(v);
      this.hints.set(pathKey([...path, key]), {
        ja: `。割合は0〜1の比で書きます。${shown}が百分率なら「${shown}%」、比なら ${Number((Number(shown) / 100).toPrecision(12))} と書いてください（人数なら commuting に書きます）`,
        en: `; a share is a fraction from 0 to 1: write "${shown}%" for a percentage, or ${Number((Number(shown) / 100).toPrecision(12))} as a fraction (a count of people goes under commuting)`,
      });
    } else if (r.why === 'range') {
      this.hints.set(pathKey([...path, key]), { ja: `（0〜${max * 100}%の範囲で書いてください）`, en: ` (write it from 0 to ${max * 100}%)` });
    }
  }
}

/** The facts of a task or project: enum values and yes/no by the pack's facts; parties' kinds. */
function facts(n: Normalizer, data: PackData, facts: unknown, path: readonly PropertyKey[]): void {
  if (!isObj(facts)) return;
  for (const f of data.facts) {
    if (!Object.hasOwn(facts, f.id)) continue;
    if (f.type === 'enum') n.id(facts, f.id, `fact:${f.id}`, path);
    else if (f.type === 'boolean') n.bool(facts, f.id);
    else if (f.type === 'parties') {
      const list = facts[f.id];
      if (!Array.isArray(list)) continue;
      list.forEach((p, j) => {
        // A party may be written as its name alone (`- 鳥取市`): the kind then comes from the data.
        if (typeof p === 'string' && p.trim() !== '') list[j] = { name: p.trim() };
        else if (isObj(p)) n.id(p, 'kind', 'kind', [...path, f.id, j]);
      });
    }
  }
}

export function normalizeTaskList(doc: unknown, data: PackData, vocab: Vocabulary): Hints {
  const n = new Normalizer(vocab);
  if (!isObj(doc) || !Array.isArray(doc.tasks)) return n.hints;
  doc.tasks.forEach((t, i) => {
    if (!isObj(t)) return;
    const path = ['tasks', i];
    n.id(t, 'category', 'category', path);
    facts(n, data, t.facts, [...path, 'facts']);
  });
  return n.hints;
}

export function normalizeDraft(doc: unknown, data: PackData, vocab: Vocabulary): Hints {
  const n = new Normalizer(vocab);
  if (!isObj(doc)) return n.hints;
  n.id(doc, 'scheme', 'scheme', []);
  if (Array.isArray(doc.agreements)) doc.agreements.forEach((a, i) => isObj(a) && n.id(a, 'type', 'instrument', ['agreements', i]));
  if (Array.isArray(doc.projects)) {
    doc.projects.forEach((p, i) => {
      if (!isObj(p)) return;
      n.id(p, 'category', 'category', ['projects', i]);
      n.id(p, 'instrument', 'instrument', ['projects', i]);
      facts(n, data, p.facts, ['projects', i, 'facts']);
    });
  }
  if (Array.isArray(doc.municipalities)) municipalities(n, doc.municipalities, ['municipalities']);
  return n.hints;
}

/** The records of a municipality data file (or a draft's `municipalities:`). */
function municipalities(n: Normalizer, list: unknown[], base: readonly PropertyKey[]): void {
  list.forEach((r, i) => {
    if (!isObj(r)) return;
    const path = [...base, i];
    n.id(r, 'kind', 'kind', path);
    n.id(r, 'metroArea', 'metro', path);
    for (const k of ['population', 'daytimePopulation', 'workersAndStudents']) n.count(r, k);
    // 昼夜間人口比率 is published as a percentage (98.96): a bare number above 10 can only be one.
    n.fraction(r, 'dayNightRatio', MAX_DAY_NIGHT_RATIO, 'percent', path);
    n.fraction(r, 'metroCoreCommuteShare', 1, 'error', path);
    if (isObj(r.commuteShareTo)) for (const place of Object.keys(r.commuteShareTo)) n.fraction(r.commuteShareTo, place, 1, 'error', [...path, 'commuteShareTo']);
    if (isObj(r.commuting)) {
      n.count(r.commuting, 'toMetroCores');
      if (isObj(r.commuting.to)) for (const place of Object.keys(r.commuting.to)) n.count(r.commuting.to, place);
    }
    if (Array.isArray(r.mergedFrom)) {
      r.mergedFrom.forEach((f, k) => {
        if (!isObj(f)) return;
        for (const key of ['population', 'daytimePopulation']) n.count(f, key);
        n.fraction(f, 'dayNightRatio', MAX_DAY_NIGHT_RATIO, 'percent', [...path, 'mergedFrom', k]);
      });
    }
  });
}

export function normalizeMunicipalityData(doc: unknown, vocab: Vocabulary): Hints {
  const n = new Normalizer(vocab);
  if (isObj(doc) && Array.isArray(doc.municipalities)) municipalities(n, doc.municipalities, ['municipalities']);
  return n.hints;
}
