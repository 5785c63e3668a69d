import type { ProblemDetail } from '../errors.js';
import type { Localized } from '../i18n/lang.js';
import { MUNICIPALITY_KINDS } from '../schemas/common.js';
import type { PackData, PackLocator } from '../pack/model.js';
import type { Condition, Ref, Rule } from '../pack/schema.js';
import { DERIVED_FACTS } from './validate.js';

/**
 * The checks of `kouiki rules validate` beyond what loading needs (validate.ts): tables that
 * must be unique and are not, references a reader cannot follow (an S# not in the fact sheet's
 * list, a `{placeholder}` nothing fills), and legal conclusions resting on unconfirmed
 * citations. A pack with these problems still loads; `rules validate` exits 1 on them.
 *
 * Unique tables (an overlap there is a problem):
 * - a rule's cases when its hit policy is `unique` (the default for a decision table: every
 *   case a bare value of the rule's `fact:`): no two cases may hold for the same facts;
 * - category keywords: one keyword → one category (a keyword in two categories makes the
 *   inference a tie);
 * - council kinds: one mode → one kind (the procedure depends on it);
 * - an instrument's party lists: a kind is allowed, unconfirmed or excluded, never two of them;
 * - ids within an instrument's procedure and kinds, within a fact's values, within a category's
 *   instruments, and `ranking.order`.
 * Dated values cannot repeat a date: the YAML parser already rejects the duplicate key.
 */
export function lintPack(data: PackData, loc: PackLocator): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const add = (collection: string, id: string | null, path: (string | number)[], message: Localized): void => {
    const position = loc.at(collection, id, path);
    problems.push(position ? { position, message } : { message });
  };

  checkRuleOverlaps(data, add);
  checkUniqueLists(data, add);
  checkPlaceholders(data, add);
  checkCitations(data, add);
  checkDated(data, add);
  return problems;
}

type Add = (collection: string, id: string | null, path: (string | number)[], message: Localized) => void;

// ───────────────────────────────────────────────────────── overlapping cases

type Value = string | boolean | null;

/** The values a fact can take in a condition (null = unknown), for the overlap search. */
function domain(data: PackData, fact: string): Value[] | null {
  if (fact === 'category') return [...data.categories.map((c) => c.id), null];
  const f = data.facts.find((x) => x.id === fact);
  const type = f?.type ?? DERIVED_FACTS[fact];
  if (type === 'boolean') return [true, false, null];
  if (type === 'enum' && f?.values) return [...f.values.map((v) => v.id), null];
  return null;
}

function readFacts(c: Condition, out: Set<string>, texts: Condition[]): void {
  if ('all' in c) c.all.forEach((x) => readFacts(x, out, texts));
  else if ('any' in c) c.any.forEach((x) => readFacts(x, out, texts));
  else if ('not' in c) readFacts(c.not, out, texts);
  else if ('text' in c) texts.push(c);
  else if ('known' in c) out.add(c.known);
  else out.add(c.fact);
}

const F = 0;
const T = 1;
const U = 2;

function evalCond(c: Condition, facts: Map<string, Value>, texts: Map<Condition, boolean>): number {
  if ('all' in c) {
    let u = false;
    for (const x of c.all) {
      const v = evalCond(x, facts, texts);
      if (v === F) return F;
      if (v === U) u = true;
    }
    return u ? U : T;
  }
  if ('any' in c) {
    let u = false;
    for (const x of c.any) {
      const v = evalCond(x, facts, texts);
      if (v === T) return T;
      if (v === U) u = true;
    }
    return u ? U : F;
  }
  if ('not' in c) {
    const v = evalCond(c.not, facts, texts);
    return v === U ? U : v === T ? F : T;
  }
  if ('text' in c) return texts.get(c) ? T : F;
  if ('known' in c) return (facts.get(c.known) ?? null) === null ? F : T;
  const v = facts.get(c.fact) ?? null;
  if (v === null) return U;
  return 'is' in c ? (v === c.is ? T : F) : c.in.includes(v) ? T : F;
}

function caseCond(rule: Rule, when: unknown): Condition {
  if (when !== null && typeof when === 'object' && !Array.isArray(when)) return when as Condition;
  const values = Array.isArray(when) ? (when as (string | boolean)[]) : [when as string | boolean];
  return values.length === 1 ? { fact: rule.fact ?? '', is: values[0]! } : { fact: rule.fact ?? '', in: values };
}

/** Facts for which both conditions hold, or null when none do (exhaustive over small domains). */
export function witness(data: PackData, a: Condition, b: Condition): Map<string, Value> | null {
  const facts = new Set<string>();
  const texts: Condition[] = [];
  readFacts(a, facts, texts);
  readFacts(b, facts, texts);
  const names = [...facts];
  const domains = names.map((n) => domain(data, n));
  if (domains.some((d) => d === null)) return null;
  let size = 2 ** texts.length;
  for (const d of domains) size *= d!.length;
  if (size > 200_000) return null;
  const assignment = new Map<string, Value>();
  const textVals = new Map<Condition, boolean>();
  const idx = new Array<number>(names.length + texts.length).fill(0);
  for (let k = 0; k < size; k++) {
    let rest = k;
    names.forEach((n, i) => {
      const d = domains[i]!;
      idx[i] = rest % d.length;
      rest = Math.floor(rest / d.length);
      assignment.set(n, d[idx[i]!]!);
    });
    texts.forEach((t, i) => {
      textVals.set(t, rest % 2 === 1);
      rest = Math.floor(rest / 2);
    });
    if (evalCond(a, assignment, textVals) === T && evalCond(b, assignment, textVals) === T) {
      return new Map([...assignment].filter(([, v]) => v !== null));
    }
  }
  return null;
}

function checkRuleOverlaps(data: PackData, add: Add): void {
  for (const r of data.rules) {
    if (r.builtin || !r.cases) continue;
    const bare = r.fact !== undefined && r.cases.every((c) => typeof c.if !== 'object' || Array.isArray(c.if));
    const hit = r.hit ?? (bare ? 'unique' : 'collect');
    if (hit !== 'unique') continue;
    const conds = r.cases.map((c) => caseCond(r, c.if));
    for (let j = 1; j < conds.length; j++) {
      for (let i = 0; i < j; i++) {
        const w = witness(data, conds[i]!, conds[j]!);
        if (!w) continue;
        const facts = [...w].map(([k, v]) => `${k}=${String(v)}`).join(', ') || '—';
        add('rules', r.id, ['cases', j, 'if'], {
          ja: `ケース ${i + 1} と ${j + 1} が同時に成り立つ（例: ${facts}）。この表は一意（hit: unique）です。条件を分けるか hit: collect と書いてください`,
          en: `cases ${i + 1} and ${j + 1} can both hold (e.g. ${facts}); the table's hit policy is unique: make them exclusive, or say hit: collect`,
        });
        break;
      }
    }
  }
}

// ───────────────────────────────────────────────────────── unique lists

function dupes<T>(items: readonly T[], key: (x: T) => string): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  items.forEach((x, i) => {
    const k = key(x);
    if (seen.has(k)) out.push(i);
    seen.add(k);
  });
  return out;
}

function checkUniqueLists(data: PackData, add: Add): void {
  // keywords → one category
  const owner = new Map<string, string>();
  for (const c of data.categories) {
    for (const lang of ['ja', 'en'] as const) {
      c.keywords[lang].forEach((w, i) => {
        const k = w.toLowerCase();
        const prev = owner.get(k);
        if (prev === c.id) add('categories', c.id, ['keywords', lang, i], { ja: `キーワード「${w}」が重複しています`, en: `keyword "${w}" is listed twice` });
        else if (prev) {
          add('categories', c.id, ['keywords', lang, i], {
            ja: `キーワード「${w}」は分類 ${prev} にもあります（推定が同点になる）`,
            en: `keyword "${w}" also belongs to category ${prev} (the inference would tie)`,
          });
        } else owner.set(k, c.id);
      });
    }
    for (const i of dupes(c.instruments, (x) => x)) add('categories', c.id, ['instruments', i], { ja: `制度「${c.instruments[i]}」が重複しています`, en: `instrument "${c.instruments[i]}" is listed twice` });
  }
  // modes → one council kind
  const kindOf = new Map<string, string>();
  for (const inst of data.instruments) {
    (inst.kinds ?? []).forEach((k, ki) => {
      k.modes.forEach((m, mi) => {
        const prev = kindOf.get(m);
        if (prev) {
          add('instruments', inst.id, ['kinds', ki, 'modes', mi], {
            ja: `連携の形「${m}」は ${prev} にも割り当てられています（種類が一意に決まらない）`,
            en: `mode "${m}" is also mapped to ${prev} (the kind would not be unique)`,
          });
        } else kindOf.set(m, `${inst.id}/${k.id}`);
      });
    });
    for (const i of dupes(inst.kinds ?? [], (k) => k.id)) add('instruments', inst.id, ['kinds', i, 'id'], { ja: '種類の id が重複しています', en: 'duplicate kind id' });
    for (const i of dupes(inst.procedure, (s) => s.id)) add('instruments', inst.id, ['procedure', i, 'id'], { ja: `手続の id「${inst.procedure[i]!.id}」が重複しています`, en: `duplicate procedure step id "${inst.procedure[i]!.id}"` });
    // party lists: allowed / unconfirmed / excluded are exclusive
    const groups = data.manifest.partyGroups ?? {};
    const expand = (k: string): string[] => groups[k] ?? [k];
    const where = new Map<string, string>();
    const parties = inst.properties.parties;
    for (const list of ['allowed', 'unconfirmed', 'excluded'] as const) {
      (parties[list] ?? []).forEach((k, i) => {
        for (const kind of expand(k)) {
          if (!(MUNICIPALITY_KINDS as readonly string[]).includes(kind)) continue;
          const prev = where.get(kind);
          if (prev && prev !== list) {
            add('instruments', inst.id, ['properties', 'parties', list, i], {
              ja: `団体の種類「${kind}」が ${prev} と ${list} の両方にあります`,
              en: `municipality kind "${kind}" is both ${prev} and ${list}`,
            });
          } else where.set(kind, list);
        }
      });
    }
  }
  for (const f of data.facts) for (const i of dupes(f.values ?? [], (v) => v.id)) add('facts', f.id, ['values', i, 'id'], { ja: '値の id が重複しています', en: 'duplicate value id' });
  const order = data.manifest.ranking?.order ?? [];
  for (const i of dupes(order, (x) => x)) add('ranking', null, ['order', i], { ja: `ranking.order に「${order[i]}」が重複しています`, en: `ranking.order lists "${order[i]}" twice` });
}

// ───────────────────────────────────────────────────────── placeholders

const BUILTIN_VARS: Record<string, string[]> = {
  'in-force': ['asOf', 'from', 'certainFrom'],
  'party-kinds': ['kind', 'party'],
  'category-fit': ['category', 'instrument'],
};
const STEP_VARS = ['filingTo', 'permitBy', 'councilKind', 'resolutionNote'];

function checkPlaceholders(data: PackData, add: Add): void {
  const check = (collection: string, id: string, path: (string | number)[], text: { ja: string; en: string }, vars: string[]): void => {
    for (const lang of ['ja', 'en'] as const) {
      for (const m of text[lang].matchAll(/\{(\w+)\}/g)) {
        if (!vars.includes(m[1]!)) {
          add(collection, id, [...path, lang], {
            ja: `不明なパラメータ {${m[1]}}（使えるのは ${vars.map((v) => `{${v}}`).join(' ') || 'なし'}）`,
            en: `unknown parameter {${m[1]}} (this text can use ${vars.map((v) => `{${v}}`).join(' ') || 'none'})`,
          });
        }
      }
    }
  };
  for (const r of data.rules) {
    if (r.builtin) {
      for (const [key, text] of Object.entries(r.messages ?? {})) check('rules', r.id, ['messages', key], text, BUILTIN_VARS[r.builtin] ?? []);
      continue;
    }
    (r.cases ?? []).forEach((c, ci) => {
      const hasText = JSON.stringify(c.if).includes('"text"');
      c.effects.forEach((e, ei) => check('rules', r.id, ['cases', ci, 'effects', ei, 'message'], e.message, hasText ? ['instrument', 'matched'] : ['instrument']));
    });
    if (r.match) {
      check('rules', r.id, ['match', 'yes', 'message'], r.match.yes.message, ['value', 'instrument']);
      check('rules', r.id, ['match', 'no', 'message'], r.match.no.message, ['value', 'instrument']);
    }
    if (r.unknown) check('rules', r.id, ['unknown', 'message'], r.unknown.message, ['instrument']);
  }
  for (const inst of data.instruments) inst.procedure.forEach((s, i) => check('instruments', inst.id, ['procedure', i, 'text'], s.text, STEP_VARS));
}

// ───────────────────────────────────────────────────────── citations

function checkCitations(data: PackData, add: Add): void {
  const refs = data.manifest.references;
  const verified = data.manifest.verified ?? {};
  const knownVia = (v: string): boolean => v in verified || (refs ? v in refs : /^S\d+[a-z]?$/.test(v));
  walkRefs(data, (collection, id, path, ref) => {
    (ref.via ?? []).forEach((v, i) => {
      if (!knownVia(v)) {
        add(collection, id, [...path, 'via', i], {
          ja: `via の「${v}」は参照資料の出典一覧（references）にも verified にもありません`,
          en: `via "${v}" is neither a source of the fact sheet (references:) nor a verified: entry`,
        });
      }
    });
  });

  // A legal conclusion ("not-allowed") must not rest on an unconfirmed citation (contract §2).
  for (const r of data.rules) {
    (r.cases ?? []).forEach((c, ci) => {
      c.effects.forEach((e, ei) => {
        if (e.cap !== 'not-allowed') return;
        const ref = e.ref ?? r.ref;
        if (ref?.status === 'unconfirmed') {
          add('rules', r.id, ['cases', ci, 'effects', ei, 'cap'], {
            ja: 'not-allowed が未確認の出典に基づいています（未確認なら unsuitable か ? の理由に）',
            en: 'not-allowed rests on an unconfirmed citation (where the law is unconfirmed, use unsuitable or a "?" reason)',
          });
        }
      });
    });
    if (r.effective !== undefined && !r.ref) add('rules', r.id, ['effective'], { ja: '施行日（effective）に出典がありません', en: 'the effective date has no citation (ref:)' });
  }
  for (const inst of data.instruments) {
    const p = inst.properties.parties;
    if ((p.excluded ?? []).length > 0 && (p.status === 'unconfirmed' || p.ref?.status === 'unconfirmed')) {
      add('instruments', inst.id, ['properties', 'parties', 'excluded'], {
        ja: '当事者になれない団体（excluded: 不可の判定になる）が未確認の出典に基づいています',
        en: 'excluded parties (a not-allowed verdict) rest on an unconfirmed citation',
      });
    }
    if (inst.inForce?.ref.status === 'unconfirmed') {
      add('instruments', inst.id, ['inForce', 'ref'], {
        ja: '施行日（施行前は不可の判定になる）が未確認の出典に基づいています',
        en: 'the in-force dates (not-allowed before them) rest on an unconfirmed citation',
      });
    }
  }
}

type RefVisitor = (collection: string, id: string | null, path: (string | number)[], ref: Ref) => void;

function isRef(x: unknown): x is Ref {
  return x !== null && typeof x === 'object' && !Array.isArray(x) && typeof (x as { source?: unknown }).source === 'string' && Object.keys(x).every((k) => REF_KEYS.has(k));
}
const REF_KEYS = new Set(['source', 'article', 'paragraph', 'item', 'proviso', 'section', 'via', 'status', 'note']);

function walk(value: unknown, path: (string | number)[], visit: (path: (string | number)[], ref: Ref) => void): void {
  if (isRef(value)) {
    visit(path, value);
    return;
  }
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i], visit));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k], visit);
}

/** Every citation of the pack, with where it sits (collection, item id, path inside it). */
export function walkRefs(data: PackData, visit: RefVisitor): void {
  const lists: [string, { id: string }[]][] = [
    ['instruments', data.instruments],
    ['categories', data.categories],
    ['rules', data.rules],
    ['measures', data.prefecture?.measures ?? []],
    ['roles', data.prefecture?.roles ?? []],
  ];
  for (const [collection, items] of lists) for (const item of items) walk(item, [], (path, ref) => visit(collection, item.id, path, ref));
  if (data.prefecture?.principle) walk(data.prefecture.principle, [], (path, ref) => visit('principle', null, path, ref));
  const ranking = data.manifest.ranking;
  if (ranking) walk(ranking, [], (path, ref) => visit('ranking', null, path, ref));
  for (const [key, value] of Object.entries(data.extra)) {
    if (Array.isArray(value)) {
      value.forEach((item: unknown, i) => {
        const id = (item as { id?: unknown } | null)?.id;
        walk(item, [], (path, ref) => (typeof id === 'string' ? visit(key, id, path, ref) : visit(key, null, [i, ...path], ref)));
      });
    } else walk(value, [], (path, ref) => visit(key, null, path, ref));
  }
}

// ───────────────────────────────────────────────────────── dated values

function isDated(x: unknown): x is { values: Record<string, unknown>; until?: string; reviewed?: string } {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const v = (x as { values?: unknown }).values;
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => /^\d{4}-\d{2}-\d{2}$/.test(k));
}

function walkDated(value: unknown, path: (string | number)[], visit: (path: (string | number)[], dated: { values: Record<string, unknown>; until?: string }) => void): void {
  if (isDated(value)) visit(path, value);
  if (Array.isArray(value)) value.forEach((v, i) => walkDated(v, [...path, i], visit));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (k !== 'values') walkDated(v, [...path, k], visit);
}

/** Dated values (anywhere, e.g. the designations' thresholds): `until` after every change. */
function checkDated(data: PackData, add: Add): void {
  for (const [key, value] of Object.entries(data.extra)) {
    const visit = (id: string | null, base: (string | number)[]) => (path: (string | number)[], dated: { values: Record<string, unknown>; until?: string }) => {
      if (dated.until === undefined) return;
      const last = Object.keys(dated.values).sort().pop()!;
      if (dated.until <= last) {
        add(key, id, [...base, ...path, 'until'], {
          ja: `until（${dated.until}）が最後の値の施行日 ${last} 以前です`,
          en: `until (${dated.until}) is not after the last effective date ${last}`,
        });
      }
    };
    if (Array.isArray(value)) {
      value.forEach((item: unknown, i) => {
        const id = (item as { id?: unknown } | null)?.id;
        walkDated(item, [], typeof id === 'string' ? visit(id, []) : visit(null, [i]));
      });
    } else walkDated(value, [], visit(null, []));
  }
}
