import { fill, type Lang } from '../../i18n/lang.js';
import type { Rule } from '../../pack/schema.js';
import type { Task } from '../../schemas/task.js';
import { formatRef } from '../citation.js';
import { CAP_NOT_ALLOWED, CAP_UNSUITABLE, type CEffect, type CompiledPack, type CRule } from '../recommend/compile.js';
import { caseCondition, type CondContext, type Tri } from '../recommend/conditions.js';
import { evaluateTask, rankingKey, type RuleOutcome, type TraceSink } from '../recommend/evaluate.js';
import type { CategoryOut, Reason, TaskResult, Verdict } from '../recommend/types.js';
import { traceCondition } from './conditions.js';
import type {
  BuiltinCheck,
  CaseTrace,
  ConditionTrace,
  ContributionTrace,
  EffectTrace,
  FactTrace,
  InstrumentTrace,
  ParameterRead,
  RankingPairTrace,
  RecommendationExplanation,
  RuleTrace,
  TriText,
} from './types.js';

const TRI: Record<Tri, TriText> = { 0: 'false', 1: 'true', 2: 'unknown' };

/** The keywords the text conditions of a case matched (for `{matched}` in its messages). */
function textMatches(c: ConditionTrace): string[] {
  if (c.op === 'text') return c.matched;
  if (c.op === 'all' || c.op === 'any') return c.of.flatMap(textMatches);
  if (c.op === 'not') return [];
  return [];
}
const CAP_NAME = (cap: number): 'unsuitable' | 'not-allowed' | undefined => (cap === CAP_NOT_ALLOWED ? 'not-allowed' : cap === CAP_UNSUITABLE ? 'unsuitable' : undefined);
const dec = (hundredths: number): number => Math.round(hundredths) / 100;
const f2 = (x: number): string => x.toFixed(2);

/** Everything the engine reports while it evaluates one task. */
class Collector implements TraceSink {
  facts_: Readonly<Record<string, unknown>> = {};
  category: CategoryOut | null = null;
  tied: readonly string[] = [];
  readonly contributions: { reason: Reason; weight: number; cap: number }[][];
  readonly cases = new Map<string, CaseTrace[]>();
  readonly outcomes = new Map<string, RuleOutcome>();
  readonly verdicts: { raw: number; cap: number; verdict: Verdict }[] = [];

  constructor(
    private readonly cp: CompiledPack,
    n: number,
  ) {
    this.contributions = Array.from({ length: n }, () => []);
  }

  facts(facts: Readonly<Record<string, unknown>>, category: CategoryOut, tied: readonly string[]): void {
    this.facts_ = { ...facts };
    this.category = category;
    this.tied = [...tied];
  }

  reason(instrument: number, reason: Reason, weight: number, cap: number): void {
    this.contributions[instrument]!.push({ reason, weight, cap });
  }

  case(rule: CRule, index: number, result: Tri, ctx: CondContext): void {
    const def = rule.def.cases![index]!;
    const when = traceCondition(caseCondition(rule.def.fact, def.if), ctx.facts, ctx.text);
    let list = this.cases.get(rule.id);
    if (!list) this.cases.set(rule.id, (list = []));
    const matched = textMatches(when).join('・');
    list.push({ case: index + 1, when, result: TRI[result], effects: rule.cases[index]!.effects.map((e) => this.effect(e, matched)) });
  }

  rule(rule: CRule, outcome: RuleOutcome): void {
    this.outcomes.set(rule.id, outcome);
  }

  verdict(instrument: number, raw: number, cap: number, verdict: Verdict): void {
    this.verdicts[instrument] = { raw, cap, verdict };
  }

  effect(e: CEffect, matched = ''): EffectTrace {
    const ids = e.targets.map((t) => this.cp.instruments[t]!.id);
    const first = e.targets.length > 0 ? e.reasons[e.targets[0]!] : null;
    const out: EffectTrace = { instruments: ids, effect: e.effect, weight: dec(e.weight), message: first?.message ?? fill(e.template, { matched }), citation: e.citation };
    const cap = CAP_NAME(e.cap);
    if (cap) out.cap = cap;
    const citations: Record<string, string> = {};
    for (const t of e.targets) {
      const c = e.reasons[t]?.citation;
      if (c !== undefined && c !== e.citation) citations[this.cp.instruments[t]!.id] = c;
    }
    if (Object.keys(citations).length > 0) out.citations = citations;
    return out;
  }
}

const W = {
  capBy: { ja: '{cap}に制限（{rules}）', en: 'capped at {cap} by {rules}' },
  recommended: { ja: '点数 {score} ≥ 推奨の基準 {at}', en: 'score {score} ≥ recommendedAt {at}' },
  possible: { ja: '点数 {score}: {below} 以上 {at} 未満', en: 'score {score}: at least unsuitableBelow {below}, under recommendedAt {at}' },
  lowScore: { ja: '点数 {score} < 不適の基準 {below}', en: 'score {score} < unsuitableBelow {below}' },
  byVerdict: { ja: '{a}が{b}より上: 判定「{va}」は「{vb}」より上位', en: '{a} above {b}: verdict {va} ranks before {vb}' },
  bySubsidiarity: { ja: '{a}が{b}より上: 同じ判定で、市町村段階の制度を県段階の制度より先に（市町村優先の原則）', en: '{a} above {b}: same verdict; municipal-level before prefecture-level (subsidiarity)' },
  byScore: { ja: '{a}が{b}より上: 同じ判定で、点数 {sa} > {sb}', en: '{a} above {b}: same verdict, score {sa} > {sb}' },
  byPriority: { ja: '優先順位: {a}が{b}より上（判定と点数が同じ）。理由: {reason}', en: 'PRIORITY: {a} above {b} because {reason} (same verdict and score)' },
  notYetEffective: { ja: '{asOf} 時点では未施行（{from} から）', en: 'not yet effective on {asOf} (from {from})' },
  setting: { ja: 'パックの設定（法令の値ではない）', en: "the pack's setting (not a legal value)" },
} as const;

const VERDICT_JA: Record<Verdict, string> = { recommended: '推奨', possible: '可能', unsuitable: '不適', 'not-allowed': '不可' };

/**
 * The full trace of one recommendation: the task's facts (given, derived, unknown), every
 * parameter read for `asOf` with its effective date, every rule with every case and both
 * operands of every comparison, each instrument's score as a ledger, the verdict bands, and
 * the key of the ranking that decided each adjacent pair. Pure; runs the engine once with a
 * trace sink, so the trace is exactly what the engine did.
 */
export function explainRecommendation(cp: CompiledPack, task: Task): { explanation: RecommendationExplanation; result: TaskResult } {
  const data = cp.pack.data;
  const lang = cp.lang;
  const n = cp.instruments.length;
  const col = new Collector(cp, n);
  const result = evaluateTask(cp, task, { procedure: 'recommended', trace: col });
  const cite = (ref: Parameters<typeof formatRef>[0] | undefined): string => (ref ? formatRef(ref, data, lang) : '');
  const idOf = (i: number): string => cp.instruments[i]!.id;

  // ── category
  const cat = col.category!;
  const catDef = cat.id ? data.categories.find((c) => c.id === cat.id) : undefined;
  const category: RecommendationExplanation['category'] = {
    id: cat.id,
    source: cat.id === null ? 'unknown' : cat.inferred ? 'inferred' : 'given',
    evidence: [...cat.evidence],
    tied: [...col.tied],
    instruments: catDef ? [...catDef.instruments] : [],
    citation: cite(catDef?.ref),
  };
  if (cat.name !== undefined) category.name = cat.name;

  // ── facts: given, derived, unknown
  const facts: FactTrace[] = [];
  for (const f of data.facts) {
    const v = task.facts[f.id];
    const known = v !== undefined && v !== null;
    // A fact the engine read from the task's words (infer:), e.g. 施設 → facilityBurden: high.
    const inferred = !known && f.infer && col.facts_[f.id] !== null && col.facts_[f.id] !== undefined;
    if (inferred) facts.push({ id: f.id, label: f.label[lang], value: col.facts_[f.id], status: 'derived', from: 'name/description' });
    else facts.push({ id: f.id, label: f.label[lang], value: known ? v : null, status: known ? 'given' : 'unknown' });
  }
  const parties = task.facts.parties;
  const hasParties = Array.isArray(parties) && parties.length > 0;
  const derivedLabel = (ja: string, en: string): string => (lang === 'ja' ? ja : en);
  const prefFrom = hasParties ? 'parties' : typeof task.facts.includesPrefecture === 'boolean' ? 'includesPrefecture' : catDef?.impliesPrefectureParty ? 'category' : undefined;
  const derived: [string, string, string | undefined][] = [
    ['prefectureParty', derivedLabel('都道府県が当事者', 'a prefecture is a party'), prefFrom],
    ['specialWardParty', derivedLabel('特別区が当事者', 'a special ward is a party'), hasParties ? 'parties' : undefined],
    ['unionParty', derivedLabel('組合が当事者', 'a union is a party'), hasParties ? 'parties' : undefined],
  ];
  for (const [id, label, from] of derived) {
    const v = col.facts_[id];
    const ft: FactTrace = { id, label, value: v ?? null, status: v === null || v === undefined ? 'unknown' : 'derived' };
    if (from && ft.status === 'derived') ft.from = from;
    facts.push(ft);
  }

  // ── parameters read for asOf
  const parameters: ParameterRead[] = [];
  for (const inst of cp.instruments) {
    const f = inst.def.inForce;
    if (!f) continue;
    const state = cp.inForce.state[inst.index]!;
    const history: ParameterRead['history'] = [{ from: null, value: 'not-yet' }];
    if (f.certainFrom > f.from) history.push({ from: f.from, value: 'in-doubt' });
    history.push({ from: f.certainFrom, value: 'in-force' });
    const p: ParameterRead = {
      id: `instruments/${inst.id}/inForce`,
      value: state,
      from: state === 'not-yet' ? null : state === 'in-doubt' ? f.from : f.certainFrom,
      until: state === 'not-yet' ? f.from : state === 'in-doubt' ? f.certainFrom : null,
      history,
      citation: cite(f.ref),
      kind: 'law',
    };
    if (f.note) p.note = f.note[lang];
    parameters.push(p);
  }
  for (const r of data.rules) {
    if (r.effective === undefined) continue;
    const active = cp.asOf >= r.effective;
    parameters.push({
      id: `rules/${r.id}/effective`,
      value: active ? 'in-force' : 'not-yet',
      from: active ? r.effective : null,
      until: active ? null : r.effective,
      history: [
        { from: null, value: 'not-yet' },
        { from: r.effective, value: 'in-force' },
      ],
      citation: cite(r.ref),
      kind: 'law',
    });
  }
  const s = data.manifest.settings ?? {};
  const base = s.baseScore ?? { core: 0.45, supplementary: 0.35 };
  const setting = (id: string, value: unknown): ParameterRead => ({ id, value, from: null, until: null, citation: '', kind: 'setting', note: W.setting[lang] });
  parameters.push(setting('settings/baseScore/core', base.core), setting('settings/baseScore/supplementary', base.supplementary));
  parameters.push(setting('settings/recommendedAt', dec(cp.settings.recommendedAt)), setting('settings/unsuitableBelow', dec(cp.settings.unsuitableBelow)));
  if (cp.categoryFit) {
    const fit = data.rules.find((r) => r.builtin === 'category-fit');
    if (fit?.weights) for (const [standing, w] of Object.entries(fit.weights)) parameters.push(setting(`rules/category-fit/weights/${standing}`, w));
    else parameters.push(setting('rules/category-fit/weight', dec(cp.categoryFit.weight)));
  }

  // ── rules, in the order the engine applies them
  const rules: RuleTrace[] = [];
  const ruleDef = (builtin: string): Rule | undefined => data.rules.find((r) => r.builtin === builtin && !cp.dormant.some((d) => d.rule === r));
  const inForceRule = ruleDef('in-force');
  if (inForceRule) {
    const checks: BuiltinCheck[] = [];
    let any: RuleTrace['outcome'] = 'checked';
    for (const inst of cp.instruments) {
      const f = inst.def.inForce;
      if (!f) continue;
      const state = cp.inForce.state[inst.index]!;
      if (state !== 'in-force') any = 'applied';
      checks.push({ instrument: inst.id, from: f.from, certainFrom: f.certainFrom, state, citation: cite(f.ref) });
    }
    rules.push({ rule: inForceRule.id, title: inForceRule.title[lang], kind: 'in-force', outcome: any, citation: checks.map((c) => c.citation).filter((x, i, a) => x && a.indexOf(x) === i).join('; '), checks });
  }
  const partyRule = ruleDef('party-kinds');
  if (partyRule && cp.partyKinds) {
    const checks: BuiltinCheck[] = [];
    const list = hasParties ? (parties as { name: string; kind: string }[]) : [];
    let outcome: RuleTrace['outcome'] = hasParties ? 'checked' : 'unknown';
    for (const inst of cp.instruments) {
      for (const p of list) {
        const status = inst.allowed.has(p.kind) ? 'allowed' : inst.excluded.has(p.kind) ? 'excluded' : 'unconfirmed';
        if (status !== 'allowed') outcome = 'applied';
        checks.push({ instrument: inst.id, party: p.name, kind: p.kind, status, citation: cite(inst.def.properties.parties.ref) });
      }
    }
    rules.push({ rule: partyRule.id, title: partyRule.title[lang], kind: 'party-kinds', fact: 'parties', outcome, citation: cite(partyRule.ref), checks });
  }
  const fitRule = ruleDef('category-fit');
  if (fitRule && cp.categoryFit) {
    const checks: BuiltinCheck[] = [];
    if (cat.id) {
      // One check per source that names instruments for the category, with its standing's weight.
      const groups = new Map<string, { instruments: string[]; weight: number; standing: string }>();
      for (const x of cp.categoryFit.byCategory.get(cat.id) ?? []) {
        let g = groups.get(x.reason.citation);
        if (!g) groups.set(x.reason.citation, (g = { instruments: [], weight: dec(x.weight), standing: x.standing }));
        g.instruments.push(idOf(x.index));
      }
      for (const [citation, g] of groups) checks.push({ category: cat.id, standing: g.standing, instruments: g.instruments, weight: g.weight, citation });
    }
    rules.push({ rule: fitRule.id, title: fitRule.title[lang], kind: 'category-fit', fact: 'category', outcome: cat.id ? 'applied' : 'unknown', citation: cite(catDef?.ref), checks });
  }
  for (const rule of cp.rules) {
    const def = rule.def;
    const rt: RuleTrace = {
      rule: rule.id,
      title: rule.title,
      kind: rule.match ? 'match' : 'cases',
      outcome: col.outcomes.get(rule.id) ?? 'not-applicable',
      citation: cite(def.ref),
    };
    if (def.fact) rt.fact = def.fact;
    if (def.effective) rt.effective = def.effective;
    if (rule.match) {
      const actual = col.facts_[rule.match.fact] ?? null;
      rt.match = { fact: rule.match.fact, actual, effects: typeof actual === 'string' ? (rule.match.byValue.get(actual) ?? []).map((e) => col.effect(e)) : [] };
    } else rt.cases = col.cases.get(rule.id) ?? [];
    if (rt.outcome === 'unknown' && def.unknown && rule.unknownTargets.length > 0) {
      rt.unknown = { instruments: rule.unknownTargets.map(idOf), message: rule.unknownReasons[rule.unknownTargets[0]!]!.message };
    }
    rules.push(rt);
  }
  for (const d of cp.dormant) {
    const rt: RuleTrace = {
      rule: d.rule.id,
      title: d.rule.title[lang],
      kind: d.rule.builtin ?? (d.rule.match ? 'match' : 'cases'),
      effective: d.effective,
      outcome: 'not-yet-effective',
      citation: cite(d.rule.ref),
    };
    if (d.rule.fact) rt.fact = d.rule.fact;
    rules.push(rt);
  }

  // ── instruments: the score as a ledger, and why the verdict
  const recAt = dec(cp.settings.recommendedAt);
  const unsBelow = dec(cp.settings.unsuitableBelow);
  const instruments: InstrumentTrace[] = result.recommendations.map((rec) => {
    const inst = cp.byId.get(rec.instrument)!;
    const i = inst.index;
    const v = col.verdicts[i]!;
    const contributions: ContributionTrace[] = col.contributions[i]!.map(({ reason, weight, cap }) => {
      const c: ContributionTrace = { rule: reason.rule, effect: reason.effect, weight: dec(weight), message: reason.message, citation: reason.citation };
      const capName = CAP_NAME(cap);
      if (capName) c.cap = capName;
      return c;
    });
    const capName = CAP_NAME(v.cap) ?? null;
    let because: string;
    if (capName) {
      const by = [...new Set(col.contributions[i]!.filter((x) => x.cap === v.cap).map((x) => x.reason.rule))].join(', ');
      because = fill(W.capBy[lang], { cap: lang === 'ja' ? VERDICT_JA[capName] : capName, rules: by });
    } else if (rec.verdict === 'recommended') because = fill(W.recommended[lang], { score: f2(rec.score), at: f2(recAt) });
    else if (rec.verdict === 'possible') because = fill(W.possible[lang], { score: f2(rec.score), below: f2(unsBelow), at: f2(recAt) });
    else because = fill(W.lowScore[lang], { score: f2(rec.score), below: f2(unsBelow) });
    const out: InstrumentTrace = {
      instrument: rec.instrument,
      name: rec.name,
      level: rec.level,
      rank: rec.rank,
      verdict: rec.verdict,
      score: rec.score,
      base: dec(inst.base),
      contributions,
      sum: dec(v.raw),
      cap: capName,
      because,
    };
    if (rec.procedure) out.procedure = rec.procedure;
    return out;
  });

  // ── ranking: which key decided each adjacent pair
  const ranking = data.manifest.ranking;
  const subsidiarity = cp.subsidiarityLifted({ facts: col.facts_, text: '', matched: [] }) !== 1;
  const subReason = ranking?.subsidiarity[lang] ?? '';
  const pairs: RankingPairTrace[] = [];
  for (let k = 0; k + 1 < result.recommendations.length; k++) {
    const a = result.recommendations[k]!;
    const b = result.recommendations[k + 1]!;
    const ca = cp.byId.get(a.instrument)!;
    const cb = cp.byId.get(b.instrument)!;
    const key = rankingKey(ca, cb, a.verdict, b.verdict, Math.round(a.score * 100), Math.round(b.score * 100), subsidiarity);
    const vars = { a: a.name, b: b.name };
    let message: string;
    let citation = '';
    switch (key) {
      case 'verdict':
        message = fill(W.byVerdict[lang], { ...vars, va: lang === 'ja' ? VERDICT_JA[a.verdict] : a.verdict, vb: lang === 'ja' ? VERDICT_JA[b.verdict] : b.verdict });
        break;
      case 'subsidiarity':
        message = fill(W.bySubsidiarity[lang], vars);
        citation = cite(ranking?.subsidiarityRef);
        break;
      case 'score':
        message = fill(W.byScore[lang], { ...vars, sa: f2(a.score), sb: f2(b.score) });
        break;
      default:
        message = fill(W.byPriority[lang], { ...vars, reason: ranking?.reason[lang] ?? '' });
        citation = cite(ranking?.ref);
    }
    pairs.push({ above: a.instrument, below: b.instrument, by: key, message, citation });
  }

  const explanation: RecommendationExplanation = {
    kind: 'recommendation',
    task: task.description !== undefined ? { id: task.id, name: task.name, description: task.description } : { id: task.id, name: task.name },
    category,
    facts,
    unknownFacts: [...result.unknownFacts],
    parameters,
    rules,
    instruments,
    ranking: {
      policy: ranking?.policy ?? 'PRIORITY',
      keys: subsidiarity ? ['verdict', 'subsidiarity', 'score', 'priority'] : ['verdict', 'score', 'priority'],
      order: ranking ? [...ranking.order] : cp.instruments.map((x) => x.id),
      reason: ranking?.reason[lang] ?? '',
      citation: cite(ranking?.ref),
      subsidiarity: { applies: subsidiarity, reason: subReason, citation: cite(ranking?.subsidiarityRef) },
      pairs,
    },
    notes: result.notes ? [...result.notes] : [],
    settings: { recommendedAt: recAt, unsuitableBelow: unsBelow },
  };
  if (result.prefecture) {
    explanation.prefecture = result.prefecture;
    const shownIds = new Set(result.prefecture.measures.map((m) => m.id));
    explanation.measures = (data.prefecture?.measures ?? []).map((m) => {
      const out: NonNullable<RecommendationExplanation['measures']>[number] = { id: m.id, name: m.name[lang], shown: shownIds.has(m.id), citation: cite(m.ref) };
      if (m.instrument) out.instrument = m.instrument;
      if (m.when) out.when = traceCondition(m.when, col.facts_, '');
      return out;
    });
  }
  return { explanation, result };
}
