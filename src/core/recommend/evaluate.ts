import { fill, type Lang } from '../../i18n/lang.js';
import type { Category } from '../../pack/schema.js';
import type { Party, Task } from '../../schemas/task.js';
import { formatRef } from '../citation.js';
import { CAP_NONE, CAP_NOT_ALLOWED, CAP_UNSUITABLE, type CEffect, type CompiledPack, type CInstrument, type CRule } from './compile.js';
import { TRUE, UNKNOWN, type CondContext, type Tri } from './conditions.js';
import { applyDerived, deriveFromParties, type Derived } from './derive.js';
import { inferCategory, inferFact } from './infer.js';
import { advisePrefecture } from './prefecture.js';
import { renderProcedure, type ProcedureContext } from './procedure.js';
import type { CategoryOut, ProcedureScope, Reason, Recommendation, TaskResult, Verdict } from './types.js';

/** Per-instrument working state of one evaluation, reused across the rules. */
interface Work {
  score: number[];
  cap: number[];
  reasons: Reason[][];
  /** "?" reasons with the cap the unknown could bring; kept only where that would change the verdict. */
  doubts: (Reason | number)[][];
}

export type RuleOutcome = 'applied' | 'unknown' | 'not-applicable';

/**
 * The hook `kouiki explain` uses to see every step of an evaluation (src/core/explain/). Every
 * call sits behind `opts.trace?.` or `if (trace)`, so an evaluation without a sink allocates and
 * computes nothing for it. Scores and weights are in hundredths, as inside the engine.
 */
export interface TraceSink {
  /** The facts after derivation (prefectureParty, ... from the parties) and the category decision. */
  facts(facts: Readonly<Record<string, unknown>>, category: CategoryOut, tied: readonly string[]): void;
  /** A reason given to an instrument, with what it added to the score and the cap it set. */
  reason(instrument: number, reason: Reason, weight: number, cap: number): void;
  /** One case of a rule, evaluated (every case is: no short-circuit). */
  case(rule: CRule, index: number, result: Tri, ctx: CondContext): void;
  /** What a rule decided as a whole. */
  rule(rule: CRule, outcome: RuleOutcome): void;
  /** An instrument's summed score (before clamping to [0, 1]), its cap and its verdict. */
  verdict(instrument: number, raw: number, cap: number, verdict: Verdict): void;
}

export interface EvaluateOptions {
  procedure?: ProcedureScope;
  trace?: TraceSink;
  /**
   * Supplementary instruments (職員の派遣, 条例による事務処理の特例, 任意協議会) are listed when the
   * task's facts call for them (a "+" reason), or always with `all` (explain, "why not X?").
   */
  supplementary?: 'relevant' | 'all';
  /** false: do not look for the facts that would break a tie at the top (used while looking for them). */
  separateTies?: boolean;
}

const VERDICT_ORDER: Record<Verdict, number> = { recommended: 0, possible: 1, unsuitable: 2, 'not-allowed': 3 };

/**
 * Evaluates every instrument for one task on the compiled pack's `asOf`. Pure and synchronous.
 * Every rule runs for every instrument (no short-circuit), so each verdict carries all of its
 * reasons: the legal constraints first (in force, who may be a party, what the law rules
 * out), then the fit of the task's facts. An unknown fact yields a "?" reason where it could
 * change the verdict and is listed once in `unknownFacts`.
 */
export function evaluateTask(cp: CompiledPack, task: Task, opts: EvaluateOptions = {}): TaskResult {
  const data = cp.pack.data;
  const lang = cp.lang;
  const n = cp.instruments.length;
  const look = lookupsOf(cp);
  const work: Work = { score: new Array<number>(n), cap: new Array<number>(n), reasons: new Array<Reason[]>(n), doubts: new Array<(Reason | number)[]>(n) };
  for (let i = 0; i < n; i++) {
    work.score[i] = cp.instruments[i]!.base;
    work.cap[i] = CAP_NONE;
    work.reasons[i] = [];
    work.doubts[i] = [];
  }
  const notes: Reason[] = [];

  // ── category: given, or inferred with its evidence
  let category: CategoryOut;
  let categoryId: string | null = task.category ?? null;
  let tied: readonly string[] = NONE;
  if (categoryId) {
    category = { id: categoryId, name: look.categories.get(categoryId)?.name[lang] ?? categoryId, inferred: false, evidence: [] };
  } else if (task.category === null) {
    // Stated unknown (the wizard's わからない): evaluated without a category, and said so.
    category = { id: null, inferred: false, evidence: [] };
    notes.push({
      rule: 'category-inference',
      effect: '?',
      message: lang === 'ja' ? '分類は「わからない」とされたため、分類を推定せず、分類なしで評価しました' : 'the category was given as "don\'t know", so none is inferred and the task is evaluated without one',
      citation: '',
    });
  } else {
    const inf = inferCategory(data, task.name, task.description, lang);
    if (inf) {
      categoryId = inf.id;
      category = { id: inf.id, name: look.categories.get(inf.id)!.name[lang], inferred: true, evidence: inf.evidence };
      tied = inf.tied;
      if (inf.tied.length > 0) {
        notes.push({
          rule: 'category-inference',
          effect: '?',
          message:
            inf.basis === 'affairs'
              ? tiedAffairsMessage(inf.id, inf.tied, (id) => look.categories.get(id)?.name[lang] ?? id, lang)
              : lang === 'ja'
                ? `分類は同数のキーワードで ${inf.tied.join(', ')} とも読める（パックの順で ${inf.id} を選択）。category で指定してください`
                : `the keywords fit ${inf.tied.join(', ')} equally well (${inf.id} chosen by pack order); state the category`,
          citation: '',
        });
      }
    } else {
      category = { id: null, inferred: false, evidence: [] };
    }
  }
  const categoryDef = categoryId ? look.categories.get(categoryId) : undefined;

  // ── facts, with the derived ones (parties win over includesPrefecture and crossPrefecture)
  const facts: Record<string, unknown> = {};
  const given = task.facts;
  for (const f of cp.facts) {
    const v = hasOwn.call(given, f.id) ? given[f.id] : undefined;
    if (v === undefined || v === null) {
      // A word of the task that states the fact (施設 → a facility burden): inferred, and said so.
      const word = f.infer ? inferFact(f.infer.keywords, task.name, task.description) : null;
      if (word !== null) {
        facts[f.id] = f.infer!.value;
        notes.push({ rule: 'fact-inference', effect: '?', message: fill(f.infer!.message[lang], { matched: word }), citation: '' });
        continue;
      }
      facts[f.id] = null;
    } else facts[f.id] = v;
  }
  if (task.notes) for (const n of task.notes) notes.push({ rule: 'parties', effect: '?', message: n[lang], citation: '' });
  facts.category = categoryId;
  const parties = Array.isArray(facts.parties) && facts.parties.length > 0 ? (facts.parties as Party[]) : null;
  let prefectureParty: boolean | null = null;
  let derived: Derived | null = null;
  if (parties) {
    derived = deriveFromParties(parties);
    prefectureParty = derived.prefectureParty;
    const stated = facts.includesPrefecture;
    if (typeof stated === 'boolean' && prefectureParty !== null && stated !== prefectureParty) {
      notes.push({
        rule: 'parties',
        effect: '?',
        message:
          lang === 'ja'
            ? `参加団体の一覧${prefectureParty ? 'に都道府県が含まれる' : 'に都道府県が含まれない'}ため、「都道府県が参加」の回答（${stated ? 'はい' : 'いいえ'}）より一覧を優先しました`
            : `the parties list ${prefectureParty ? 'includes' : 'has no'} prefecture, so it wins over includesPrefecture: ${stated}`,
        citation: '',
      });
    }
    if (prefectureParty === null && typeof stated === 'boolean') prefectureParty = stated;
    notes.push(...applyDerived(facts, derived, (id) => look.factIds.has(id), lang, (id, v) => factValueLabel(cp, id, v)));
  } else if (typeof facts.includesPrefecture === 'boolean') {
    prefectureParty = facts.includesPrefecture;
  } else if (categoryDef?.impliesPrefectureParty) {
    prefectureParty = true;
    notes.push({
      rule: 'prefecture-party',
      effect: '?',
      message:
        lang === 'ja'
          ? '各町の区域の中核市事務は県の事務なので、県を委託する側の当事者とみなしました（届出は総務大臣へ）'
          : "the 中核市 affairs in the towns' areas are the prefecture's own, so the prefecture is taken to be the consigning party (the filing goes to the Minister)",
      citation: categoryDef.impliesPrefectureRef ? formatRef(categoryDef.impliesPrefectureRef, data, lang) : '',
    });
  }
  facts.prefectureParty = prefectureParty;
  facts.specialWardParty = derived ? derived.specialWardParty : null;
  facts.unionParty = derived ? derived.unionParty : null;
  const unknownFacts: string[] = [];
  for (const f of cp.facts) {
    // A parties list answers whether a prefecture takes part; that is not unknown then.
    if (facts[f.id] === null && !(f.id === 'includesPrefecture' && prefectureParty !== null && parties)) unknownFacts.push(f.id);
  }
  if (!categoryId) unknownFacts.push('category');

  const ctx: CondContext = { facts, text: `${task.name}\n${task.description ?? ''}`.toLowerCase(), matched: [] };
  const trace = opts.trace;
  trace?.facts(facts, category, tied);

  // ── legal constraints: in force on asOf
  for (let i = 0; i < n; i++) {
    const r = cp.inForce.reasons[i];
    if (r) {
      if (r.effect === '?') work.doubts[i]!.push(r, CAP_NOT_ALLOWED);
      else {
        work.reasons[i]!.push(r);
        trace?.reason(i, r, 0, cp.inForce.caps[i]!);
      }
      if (cp.inForce.caps[i]! > work.cap[i]!) work.cap[i] = cp.inForce.caps[i]!;
    }
  }
  // ── legal constraints: who may be a party
  if (cp.partyKinds && parties) {
    const pk = cp.partyKinds;
    const rule = pk.rule;
    for (const inst of cp.instruments) {
      for (const p of parties) {
        // A party of unknown kind (a library caller that did not resolve it) constrains nothing.
        if (p.kind === undefined || inst.allowed.has(p.kind)) continue;
        const excluded = inst.excluded.has(p.kind);
        const reason: Reason = {
          rule: rule.id,
          effect: excluded ? '-' : '?',
          message: fill(excluded ? pk.excluded : pk.unconfirmed, { kind: p.kind, party: p.name }),
          citation: look.partyCitations[inst.index]!,
        };
        if (excluded) {
          work.reasons[inst.index]!.push(reason);
          work.cap[inst.index] = CAP_NOT_ALLOWED;
          trace?.reason(inst.index, reason, 0, CAP_NOT_ALLOWED);
        } else work.doubts[inst.index]!.push(reason, CAP_NOT_ALLOWED);
      }
    }
  }
  // ── category fit
  if (cp.categoryFit && categoryId) {
    for (const { index, reason, weight } of cp.categoryFit.byCategory.get(categoryId) ?? []) {
      work.score[index]! += weight;
      work.reasons[index]!.push(reason);
      trace?.reason(index, reason, weight, CAP_NONE);
    }
  }
  // ── every other rule, in pack order
  for (const rule of cp.rules) {
    if (rule.match) {
      const v = facts[rule.match.fact];
      if (typeof v === 'string') {
        for (const e of rule.match.byValue.get(v) ?? []) apply(work, e, ctx, trace);
        trace?.rule(rule, 'applied');
      } else trace?.rule(rule, 'unknown');
      continue;
    }
    let anyTrue = false;
    let anyUnknown = false;
    for (let c = 0; c < rule.cases.length; c++) {
      const cs = rule.cases[c]!;
      const v = cs.cond(ctx);
      trace?.case(rule, c, v, ctx);
      if (v === TRUE) {
        anyTrue = true;
        for (const e of cs.effects) apply(work, e, ctx, trace);
      } else if (v === UNKNOWN && cs.doubt) anyUnknown = true;
    }
    if (anyTrue) trace?.rule(rule, 'applied');
    else if (anyUnknown) {
      for (const t of rule.unknownTargets) work.doubts[t]!.push(rule.unknownReasons[t]!, rule.unknownCap);
      trace?.rule(rule, 'unknown');
    } else trace?.rule(rule, 'not-applicable');
  }

  // ── verdicts and ranking
  const { recommendedAt, unsuitableBelow } = cp.settings;
  const order: number[] = [];
  const verdicts: Verdict[] = new Array<Verdict>(n);
  const scores: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const s = Math.max(0, Math.min(100, work.score[i]!));
    const cap = work.cap[i]!;
    scores[i] = cap === CAP_NOT_ALLOWED ? 0 : s;
    verdicts[i] = cap === CAP_NOT_ALLOWED ? 'not-allowed' : cap === CAP_UNSUITABLE || s < unsuitableBelow ? 'unsuitable' : s >= recommendedAt ? 'recommended' : 'possible';
    trace?.verdict(i, work.score[i]!, cap, verdicts[i]!);
    const inst = cp.instruments[i]!;
    if (inst.tier === 'core' || opts.supplementary === 'all' || hasPlus(work.reasons[i]!)) order.push(i);
    // A doubt is worth showing only where it could still lower the verdict.
    const d = work.doubts[i]!;
    for (let k = 0; k < d.length; k += 2) {
      if ((d[k + 1] as number) > cap) {
        work.reasons[i]!.push(d[k] as Reason);
        trace?.reason(i, d[k] as Reason, 0, CAP_NONE);
      }
    }
  }
  // 市町村優先の原則 orders municipal instruments first unless the pack lifts it for the task.
  const subsidiarity = cp.subsidiarityLifted(ctx) !== TRUE;
  // Insertion sort (stable, as Array#sort is, so the same order): a task ranks about ten.
  for (let k = 1; k < order.length; k++) {
    const x = order[k]!;
    let j = k;
    for (; j > 0; j--) {
      const y = order[j - 1]!;
      if (compareInstruments(cp.instruments[y]!, cp.instruments[x]!, verdicts[y]!, verdicts[x]!, scores[y]!, scores[x]!, subsidiarity) <= 0) break;
      order[j] = y;
    }
    order[j] = x;
  }

  // Competition ranking (contract §6: 1, 1, 3): entries that no key of the ranking but the pack's
  // order separates (same verdict, same score, and the same level where subsidiarity orders
  // levels) share a rank.
  const ranks: number[] = new Array<number>(order.length);
  for (let pos = 0; pos < order.length; pos++) {
    const i = order[pos]!;
    const prev = pos > 0 ? order[pos - 1]! : -1;
    const same = prev >= 0 && verdicts[prev] === verdicts[i] && scores[prev] === scores[i] && (!subsidiarity || cp.instruments[prev]!.level === cp.instruments[i]!.level);
    ranks[pos] = same ? ranks[pos - 1]! : pos + 1;
  }
  let leaders = 1;
  while (leaders < order.length && ranks[leaders] === 1) leaders++;

  const procCtx = procedureContext(cp, facts);
  const councilKind = procCtx.councilKind;
  const scope = opts.procedure ?? 'top';
  const recommendations: Recommendation[] = new Array<Recommendation>(order.length);
  for (let pos = 0; pos < order.length; pos++) {
    const i = order[pos]!;
    const inst = cp.instruments[i]!;
    const kind = inst.def.kinds && councilKind ? councilKind : undefined;
    const rank = ranks[pos]!;
    // Keys in output order (JSON is compared byte for byte): kind sits right after name.
    const rec: Recommendation =
      kind === undefined
        ? { instrument: inst.id, name: inst.name, rank, score: scores[i]! / 100, verdict: verdicts[i]!, level: inst.level, reasons: work.reasons[i]! }
        : { instrument: inst.id, name: inst.name, kind, rank, score: scores[i]! / 100, verdict: verdicts[i]!, level: inst.level, reasons: work.reasons[i]! };
    // The first choice's procedure only when one instrument leads (a tie is not a choice).
    const want = scope === 'all' || (pos === 0 && leaders === 1) || (scope === 'recommended' && rec.verdict === 'recommended');
    if (want && rec.verdict !== 'not-allowed') rec.procedure = renderProcedure(cp, inst, procCtx);
    recommendations[pos] = rec;
  }
  let tie: TaskResult['tie'];
  if (leaders > 1 && verdicts[order[0]!] !== 'not-allowed') {
    const tied = order.slice(0, leaders).map((i) => cp.instruments[i]!.id);
    tie = { instruments: tied, separatedBy: opts.separateTies === false ? [] : separatingFacts(cp, task, tied, unknownFacts, opts) };
  }

  const head = { id: task.id, name: task.name };
  const result: TaskResult =
    notes.length > 0
      ? { task: head, category, unknownFacts, notes, recommendations }
      : { task: head, category, unknownFacts, recommendations };
  if (tie) result.tie = tie;
  const advice = advisePrefecture(cp, facts, categoryDef);
  if (advice) result.prefecture = advice;
  return result;
}

const NONE: readonly string[] = [];

/**
 * The unknown facts that would break a tie at the top: each answer to each unknown fact is tried
 * (every value of an enum, yes and no, every category), and the fact is listed when some answer
 * gives two of the tied instruments a different verdict or score. Runs only for a tied result.
 */
function separatingFacts(cp: CompiledPack, task: Task, tied: readonly string[], unknown: readonly string[], opts: EvaluateOptions): string[] {
  const out: string[] = [];
  const probe: EvaluateOptions = { procedure: 'top', separateTies: false, supplementary: opts.supplementary ?? 'relevant' };
  for (const id of unknown) {
    let answers: unknown[];
    if (id === 'category') answers = cp.pack.data.categories.map((c) => c.id);
    else {
      const f = cp.pack.data.facts.find((x) => x.id === id);
      if (!f || f.type === 'parties') continue;
      answers = f.type === 'boolean' ? [true, false] : (f.values ?? []).map((v) => v.id);
    }
    const separates = answers.some((v) => {
      const t: Task = id === 'category' ? { ...task, category: v as string } : { ...task, facts: { ...task.facts, [id]: v as string | boolean } };
      const r = evaluateTask(cp, t, probe);
      const seen = new Set<string>();
      for (const inst of tied) {
        const rec = r.recommendations.find((x) => x.instrument === inst);
        seen.add(rec ? `${rec.verdict}/${rec.score}` : 'absent');
      }
      return seen.size > 1;
    });
    if (separates) out.push(id);
  }
  return out;
}
const hasOwn = Object.prototype.hasOwnProperty;

function hasPlus(reasons: readonly Reason[]): boolean {
  for (const r of reasons) if (r.effect === '+') return true;
  return false;
}

/** What every evaluation looks up in the pack, made once per compiled pack. */
interface Lookups {
  /** Categories by id (the first of an id, as Array#find gives). */
  categories: Map<string, Category>;
  /** The council kind each mode calls for (null: none), filled in as modes are met. */
  councilKinds: Map<string, string | null>;
  /** By instrument: the citation of its parties property, for the party-kind reasons. */
  partyCitations: string[];
  /** The pack's fact ids (a derived fact is set only where the pack has it). */
  factIds: Set<string>;
}

const lookups = new WeakMap<CompiledPack, Lookups>();

function lookupsOf(cp: CompiledPack): Lookups {
  let l = lookups.get(cp);
  if (!l) {
    const data = cp.pack.data;
    const categories = new Map<string, Category>();
    for (const c of data.categories) if (!categories.has(c.id)) categories.set(c.id, c);
    const partyCitations = cp.instruments.map((inst) => (inst.def.properties.parties.ref ? formatRef(inst.def.properties.parties.ref, data, cp.lang) : ''));
    l = { categories, councilKinds: new Map(), partyCitations, factIds: new Set(cp.facts.map((f) => f.id)) };
    lookups.set(cp, l);
  }
  return l;
}

/** A fact's value in words for a note: the value's label, はい/いいえ, or the value itself. */
function factValueLabel(cp: CompiledPack, id: string, v: unknown): string {
  if (typeof v === 'boolean') return cp.lang === 'ja' ? (v ? 'はい' : 'いいえ') : v ? 'yes' : 'no';
  const f = cp.pack.data.facts.find((x) => x.id === id);
  return f?.values?.find((x) => x.id === v)?.label[cp.lang] ?? String(v);
}

function apply(work: Work, e: CEffect, ctx: CondContext, trace: TraceSink | undefined): void {
  for (const t of e.targets) {
    work.score[t]! += e.weight;
    if (e.cap > work.cap[t]!) work.cap[t] = e.cap;
    const reason = e.reasons[t] ?? { rule: e.rule, effect: e.effect, message: fill(e.template, { matched: ctx.matched.join('・') }), citation: e.citation };
    work.reasons[t]!.push(reason);
    if (trace) trace.reason(t, reason, e.weight, e.cap);
  }
}

/** What an instrument's procedure depends on, from the task's facts (after derivation). */
export function procedureContext(cp: CompiledPack, facts: Readonly<Record<string, unknown>>): ProcedureContext {
  const pp = facts.prefectureParty;
  return {
    prefectureParty: typeof pp === 'boolean' ? pp : null,
    crossPrefecture: typeof facts.crossPrefecture === 'boolean' ? facts.crossPrefecture : null,
    councilKind: pickCouncilKind(cp, facts.mode),
  };
}

/** For a council, the kind the mode calls for (liaison for coordination, ...); null when unknown. */
function pickCouncilKind(cp: CompiledPack, mode: unknown): string | null {
  if (typeof mode !== 'string') return null;
  const known = lookupsOf(cp).councilKinds;
  let kind = known.get(mode);
  if (kind === undefined) {
    kind = councilKindOf(cp, mode);
    // Modes are the fact's values (checked before evaluation); bounded all the same.
    if (known.size < 1000) known.set(mode, kind);
  }
  return kind;
}

function councilKindOf(cp: CompiledPack, mode: string): string | null {
  for (const inst of cp.instruments) {
    for (const k of inst.def.kinds ?? []) if (k.modes.includes(mode)) return k.id;
  }
  return null;
}

/**
 * The ranking: not-allowed last; then by verdict; then (unless municipal effort cannot solve
 * the task) municipal-level before prefecture-level instruments, by 市町村優先の原則; then by
 * score; then the pack's PRIORITY order.
 */
export function compareInstruments(a: CInstrument, b: CInstrument, va: Verdict, vb: Verdict, sa: number, sb: number, subsidiarity: boolean): number {
  const d = VERDICT_ORDER[va] - VERDICT_ORDER[vb];
  if (d !== 0) return d;
  if (subsidiarity && a.level !== b.level) return a.level === 'municipal' ? -1 : 1;
  if (sa !== sb) return sb - sa;
  return a.priority - b.priority;
}

/** Which key of `compareInstruments` put `a` before `b` (for the trace of the ranking). */
export type RankingKey = 'verdict' | 'subsidiarity' | 'score' | 'priority';

export function rankingKey(a: CInstrument, b: CInstrument, va: Verdict, vb: Verdict, sa: number, sb: number, subsidiarity: boolean): RankingKey {
  if (VERDICT_ORDER[va] !== VERDICT_ORDER[vb]) return 'verdict';
  if (subsidiarity && a.level !== b.level) return 'subsidiarity';
  if (sa !== sb) return 'score';
  return 'priority';
}

/** A tie between affairs of different categories (rules/affairs/), in the categories' names. */
function tiedAffairsMessage(chosen: string, tied: readonly string[], name: (id: string) => string, lang: Lang): string {
  const others = tied.map(name);
  return lang === 'ja'
    ? `課題の語が分類の異なる事務に当たり、「${others.join('」「')}」とも読めます（パックの順で「${name(chosen)}」を選びました）。category で分類を指定してください`
    : `the task's words name affairs of different categories, so it could also be ${others.map((o) => `"${o}"`).join(', ')} ("${name(chosen)}" chosen by pack order); state the category`;
}
