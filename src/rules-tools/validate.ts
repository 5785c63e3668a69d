import type { ProblemDetail } from '../errors.js';
import type { Localized } from '../i18n/lang.js';
import { MUNICIPALITY_KINDS } from '../schemas/common.js';
import type { PackData, PackLocator } from '../pack/model.js';
import { validateChecks } from '../pack/checks.js';
import { CHECK_RULE_IDS } from '../core/check/ids.js';
import type { Condition, Ref, Target } from '../pack/schema.js';
import { conditionFacts } from '../core/recommend/conditions.js';
import { askOrder } from '../core/wizard/plan.js';
import { validateDesignations } from './validate-designations.js';
import { validateAffairs } from './validate-affairs.js';

/** Facts the engine derives from the task, usable in conditions beside the declared ones. */
export const DERIVED_FACTS: Record<string, 'boolean' | 'category'> = {
  prefectureParty: 'boolean',
  specialWardParty: 'boolean',
  unionParty: 'boolean',
  category: 'category',
};

const BUILTIN_MESSAGES: Record<string, string[]> = {
  'in-force': ['notYet', 'doubt'],
  'party-kinds': ['unconfirmed', 'excluded'],
  'category-fit': ['named'],
};

/**
 * Cross-reference checks a schema cannot express: every id a rule, category or measure names
 * exists, every fact value is one the fact allows, every id is unique, and every legal value
 * has a citation. Returned as positioned problems.
 */
export function validatePack(data: PackData, loc: PackLocator): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const add = (collection: string, id: string | null, path: (string | number)[], message: Localized): void => {
    const position = loc.at(collection, id, path);
    problems.push(position ? { position, message } : { message });
  };

  const instrumentIds = new Set(data.instruments.map((i) => i.id));
  const factById = new Map(data.facts.map((f) => [f.id, f]));
  const categoryIds = new Set(data.categories.map((c) => c.id));
  const sources = new Set(Object.keys(data.manifest.sources ?? {}));
  const groups = data.manifest.partyGroups ?? {};
  const modeValues = new Set((factById.get('mode')?.values ?? []).map((v) => v.id));

  for (const [collection, items] of [
    ['instruments', data.instruments],
    ['categories', data.categories],
    ['facts', data.facts],
    ['rules', data.rules],
    ['measures', data.prefecture?.measures ?? []],
  ] as const) {
    const seen = new Set<string>();
    for (const item of items as { id: string }[]) {
      if (seen.has(item.id)) add(collection, item.id, ['id'], { ja: `id「${item.id}」が重複しています`, en: `duplicate id "${item.id}"` });
      seen.add(item.id);
    }
  }

  const checkRef = (collection: string, id: string | null, path: (string | number)[], ref: Ref | undefined): void => {
    if (!ref) return;
    if (!sources.has(ref.source)) {
      add(collection, id, [...path, 'source'], {
        ja: `出典「${ref.source}」が sources（pack.yaml 又は sources/*.yaml）にありません`,
        en: `source "${ref.source}" is not declared under sources: (pack.yaml or sources/*.yaml)`,
      });
    }
    if (ref.article === undefined && ref.section === undefined) {
      add(collection, id, path, { ja: '引用に条（article）又は節（section）がありません', en: 'the citation names neither an article nor a section' });
    }
  };
  const unknownInstrument = (collection: string, id: string, path: (string | number)[], name: string): void => {
    if (!instrumentIds.has(name)) {
      add(collection, id, path, { ja: `不明な制度「${name}」`, en: `unknown instrument "${name}" (known: ${[...instrumentIds].join(', ')})` });
    }
  };

  // ── instruments
  for (const inst of data.instruments) {
    inst.basis.forEach((r, i) => checkRef('instruments', inst.id, ['basis', i], r));
    if (inst.inForce) {
      checkRef('instruments', inst.id, ['inForce', 'ref'], inst.inForce.ref);
      if (inst.inForce.certainFrom < inst.inForce.from) {
        add('instruments', inst.id, ['inForce', 'certainFrom'], { ja: 'certainFrom が from より前です', en: 'certainFrom is before from' });
      }
    }
    inst.modes.forEach((m, i) => {
      if (!modeValues.has(m)) add('instruments', inst.id, ['modes', i], { ja: `不明な連携の形「${m}」`, en: `unknown mode "${m}"` });
    });
    for (const k of inst.kinds ?? []) {
      k.modes.forEach((m) => {
        if (!modeValues.has(m)) add('instruments', inst.id, ['kinds'], { ja: `不明な連携の形「${m}」`, en: `unknown mode "${m}"` });
      });
    }
    for (const [name, prop] of Object.entries(inst.properties)) {
      if (!prop) continue;
      if (!prop.ref) {
        add('instruments', inst.id, ['properties', name], { ja: `値「${name}」に出典がありません`, en: `value "${name}" has no citation (ref:)` });
      } else checkRef('instruments', inst.id, ['properties', name, 'ref'], prop.ref);
    }
    const parties = inst.properties.parties;
    for (const list of ['allowed', 'unconfirmed', 'excluded'] as const) {
      (parties[list] ?? []).forEach((k, i) => {
        if (!Object.hasOwn(groups, k) && !(MUNICIPALITY_KINDS as readonly string[]).includes(k)) {
          add('instruments', inst.id, ['properties', 'parties', list, i], {
            ja: `不明な団体の種類又はグループ「${k}」`,
            en: `unknown municipality kind or group "${k}"`,
          });
        }
      });
    }
    inst.procedure.forEach((step, i) => {
      checkRef('instruments', inst.id, ['procedure', i, 'ref'], step.ref);
      for (const key of ['unlessKind', 'onlyKind'] as const) {
        const k = step[key];
        if (k && !(inst.kinds ?? []).some((x) => x.id === k)) {
          add('instruments', inst.id, ['procedure', i, key], { ja: `この制度に種類「${k}」はありません`, en: `this instrument has no kind "${k}"` });
        }
      }
    });
  }

  // ── ranking
  const ranking = data.manifest.ranking;
  if (ranking) {
    for (const id of instrumentIds) {
      if (!ranking.order.includes(id)) {
        add('ranking', null, ['order'], { ja: `ranking.order に制度「${id}」がありません`, en: `ranking.order does not list instrument "${id}"` });
      }
    }
    ranking.order.forEach((id, i) => {
      if (!instrumentIds.has(id)) add('ranking', null, ['order', i], { ja: `不明な制度「${id}」`, en: `unknown instrument "${id}"` });
    });
  } else {
    problems.push({ message: { ja: 'pack.yaml に ranking がありません', en: 'pack.yaml has no ranking' } });
  }

  // ── categories
  for (const c of data.categories) {
    c.instruments.forEach((id, i) => unknownInstrument('categories', c.id, ['instruments', i], id));
    checkRef('categories', c.id, ['ref'], c.ref);
    (c.views ?? []).forEach((v, vi) => {
      v.instruments.forEach((id, i) => unknownInstrument('categories', c.id, ['views', vi, 'instruments', i], id));
      checkRef('categories', c.id, ['views', vi, 'ref'], v.ref);
    });
  }

  // ── facts
  for (const f of data.facts) {
    if (f.type === 'enum' && !(f.values && f.values.length > 0)) {
      add('facts', f.id, ['type'], { ja: '選択肢（values）がありません', en: 'an enum fact needs values:' });
    }
    if (f.type !== 'enum' && f.values) add('facts', f.id, ['values'], { ja: 'values は enum の事実だけに書けます', en: 'only enum facts take values:' });
  }

  // ── conditions and targets
  const checkValue = (collection: string, id: string | null, path: (string | number)[], fact: string, value: unknown): void => {
    if (fact === 'category') {
      if (typeof value !== 'string' || !categoryIds.has(value)) add(collection, id, path, { ja: `不明な分類「${String(value)}」`, en: `unknown category "${String(value)}"` });
      return;
    }
    const type = factById.get(fact)?.type ?? (Object.hasOwn(DERIVED_FACTS, fact) ? DERIVED_FACTS[fact] : undefined);
    if (type === 'boolean' && typeof value !== 'boolean') add(collection, id, path, { ja: `「${fact}」は true/false です`, en: `"${fact}" takes true or false` });
    if (type === 'enum') {
      const values = factById.get(fact)!.values!.map((v) => v.id);
      if (!values.includes(String(value))) add(collection, id, path, { ja: `「${fact}」に値「${String(value)}」はありません（${values.join(', ')}）`, en: `"${fact}" has no value "${String(value)}" (${values.join(', ')})` });
    }
  };
  const checkFact = (collection: string, id: string | null, path: (string | number)[], fact: string): boolean => {
    if (factById.has(fact) || Object.hasOwn(DERIVED_FACTS, fact)) return true;
    add(collection, id, path, { ja: `不明な事実「${fact}」`, en: `unknown fact "${fact}" (known: ${[...factById.keys(), ...Object.keys(DERIVED_FACTS)].join(', ')})` });
    return false;
  };
  const checkCondition = (collection: string, id: string | null, path: (string | number)[], c: Condition): void => {
    if ('all' in c) c.all.forEach((x, i) => checkCondition(collection, id, [...path, 'all', i], x));
    else if ('any' in c) c.any.forEach((x, i) => checkCondition(collection, id, [...path, 'any', i], x));
    else if ('not' in c) checkCondition(collection, id, [...path, 'not'], c.not);
    else if ('known' in c) checkFact(collection, id, [...path, 'known'], c.known);
    else if ('fact' in c) {
      if (!checkFact(collection, id, [...path, 'fact'], c.fact)) return;
      if ('is' in c) checkValue(collection, id, [...path, 'is'], c.fact, c.is);
      else c.in.forEach((v, i) => checkValue(collection, id, [...path, 'in', i], c.fact, v));
    }
  };
  const checkTarget = (collection: string, id: string, path: (string | number)[], t: Target): void => {
    (t.instruments ?? []).forEach((x, i) => unknownInstrument(collection, id, [...path, 'instruments', i], x));
    (t.except ?? []).forEach((x, i) => unknownInstrument(collection, id, [...path, 'except', i], x));
    if (t.mode !== undefined && !modeValues.has(t.mode)) add(collection, id, [...path, 'mode'], { ja: `不明な連携の形「${t.mode}」`, en: `unknown mode "${t.mode}"` });
  };

  if (data.manifest.ranking?.subsidiarityUnless) checkCondition('ranking', null, ['subsidiarityUnless'], data.manifest.ranking.subsidiarityUnless);

  for (const r of data.rules) {
    if (r.builtin) {
      for (const key of BUILTIN_MESSAGES[r.builtin] ?? []) {
        if (!r.messages?.[key]) add('rules', r.id, ['messages'], { ja: `組み込みルールのメッセージ「${key}」がありません`, en: `built-in rule needs messages.${key}` });
      }
      if (r.builtin === 'category-fit' && r.weight === undefined && r.weights === undefined) add('rules', r.id, [], { ja: 'weight（又は weights）がありません', en: 'category-fit needs a weight (or weights by standing)' });
      continue;
    }
    if (!r.cases && !r.match) add('rules', r.id, [], { ja: 'cases か match が必要です', en: 'a rule needs cases: or match:' });
    if (!r.ref && !(r.cases ?? []).every((c) => c.effects.every((e) => e.ref))) {
      add('rules', r.id, ['id'], { ja: 'ルールに出典（ref）がありません', en: 'the rule has no citation (ref:)' });
    }
    checkRef('rules', r.id, ['ref'], r.ref);
    if (r.fact !== undefined) checkFact('rules', r.id, ['fact'], r.fact);
    if (r.match && r.fact === undefined) add('rules', r.id, ['match'], { ja: 'match には fact が必要です', en: 'match: needs fact:' });
    (r.cases ?? []).forEach((c, ci) => {
      const cond = c.if;
      if (typeof cond === 'object' && !Array.isArray(cond)) checkCondition('rules', r.id, ['cases', ci, 'if'], cond);
      else if (r.fact === undefined) add('rules', r.id, ['cases', ci, 'if'], { ja: '値だけの条件には rule の fact が必要です', en: 'a bare value in if: needs the rule to name its fact:' });
      else for (const v of Array.isArray(cond) ? cond : [cond]) checkValue('rules', r.id, ['cases', ci, 'if'], r.fact, v);
      c.effects.forEach((e, ei) => {
        checkTarget('rules', r.id, ['cases', ci, 'effects', ei, 'to'], e.to);
        checkRef('rules', r.id, ['cases', ci, 'effects', ei, 'ref'], e.ref);
        if (e.cap === 'not-allowed' && !r.ref && !e.ref) {
          add('rules', r.id, ['cases', ci, 'effects', ei, 'cap'], { ja: 'not-allowed には法令の出典が必要です', en: 'not-allowed needs a legal citation' });
        }
      });
    });
    if (r.unknown) checkTarget('rules', r.id, ['unknown', 'to'], r.unknown.to);
  }

  for (const m of data.prefecture?.measures ?? []) {
    if (m.instrument) unknownInstrument('measures', m.id, ['instrument'], m.instrument);
    if (m.when) checkCondition('measures', m.id, ['when'], m.when);
    checkRef('measures', m.id, ['ref'], m.ref);
  }

  // ── the wizard's skips: a condition reads only what was asked before (the category, or a fact
  // of an earlier order), so answering in order never has to look ahead
  const position = new Map(askOrder(data.facts).map((f, i) => [f.id, i]));
  for (const f of data.facts) {
    (f.skipIf ?? []).forEach((s, i) => {
      checkCondition('facts', f.id, ['skipIf', i, 'when'], s.when);
      for (const read of conditionFacts(s.when)) {
        if (read === 'category' || (!factById.has(read) && !(read in DERIVED_FACTS))) continue;
        if (read in DERIVED_FACTS) {
          add('facts', f.id, ['skipIf', i, 'when'], { ja: `スキップ条件に読めるのは宣言された事実と category だけです（${read}）`, en: `a skip condition may read declared facts and category only (not "${read}")` });
        } else if (position.get(read)! >= position.get(f.id)!) {
          add('facts', f.id, ['skipIf', i, 'when'], {
            ja: `スキップ条件が、この質問より後に聞く事実「${read}」を読んでいます（order を見直してください）`,
            en: `the skip condition reads "${read}", which is asked after this question (check the order: values)`,
          });
        }
      }
      if (s.implies !== undefined) {
        if (f.type === 'parties') add('facts', f.id, ['skipIf', i, 'implies'], { ja: '参加団体の事実には implies を書けません', en: 'a parties fact cannot take implies:' });
        else checkValue('facts', f.id, ['skipIf', i, 'implies'], f.id, s.implies);
      }
    });
  }
  problems.push(...validateDesignations(data, loc));
  problems.push(...validateAffairs(data, loc));
  validateChecks(data, add, CHECK_RULE_IDS);
  return problems;
}
