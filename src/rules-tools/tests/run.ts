import type { DesignationResult } from '../../core/eligibility/types.js';
import { valueAt } from '../../core/dated.js';
import { compilePack } from '../../core/recommend/compile.js';
import { evaluateTask, procedureContext, type TraceSink } from '../../core/recommend/evaluate.js';
import { selectProcedure, type ProcedureContext } from '../../core/recommend/procedure.js';
import type { Reason } from '../../core/recommend/types.js';
import { UserError } from '../../errors.js';
import type { Lang } from '../../i18n/lang.js';
import type { Pack, PackData } from '../../pack/model.js';
import type { DatedValue } from '../../pack/schema.js';
import type { LoadedCase } from './load.js';
import type { CategoryExpect, EligibilityExpect, EligibilityInput, InstrumentExpect, ParameterExpect, ProcedureExpect, TaskExpect } from './schema.js';

export interface CaseOutcome {
  name: string;
  file: string;
  line: number;
  kind: LoadedCase['kind'];
  passed: boolean;
  /** What did not hold, in the output language. */
  failures: string[];
}

/**
 * Evaluates an eligibility case. `kouiki rules test` runs eligibility cases through this hook;
 * the eligibility engine (issue 3) provides it: resolve `input.municipality` (a name in the
 * data, or a record of figures), apply `input.merge`, run `evaluateEligibility` for
 * `input.designation` on `asOf`, and return that designation's result.
 */
export type EligibilityEvaluator = (pack: Pack, input: EligibilityInput, asOf: string, lang: Lang) => DesignationResult;

export interface RunOptions {
  /** Language of the failure messages. */
  lang: Lang;
  eligibility?: EligibilityEvaluator | null;
}

type Say = (ja: string, en: string) => string;

/** Runs one case; never throws for a failed expectation (it is listed instead). */
export function runCase(pack: Pack, c: LoadedCase, opts: RunOptions): CaseOutcome {
  const failures: string[] = [];
  const say: Say = (ja, en) => (opts.lang === 'ja' ? ja : en);
  const fail = (ja: string, en: string): void => void failures.push(say(ja, en));
  try {
    switch (c.kind) {
      case 'task':
        runTask(pack, c, c.expect as TaskExpect, fail);
        break;
      case 'instrument':
        runInstrument(pack, c, c.expect as InstrumentExpect, fail);
        break;
      case 'category':
        runCategory(pack.data, c, c.expect as CategoryExpect, fail);
        break;
      case 'parameter':
        runParameter(pack.data, c, c.expect as ParameterExpect, fail);
        break;
      case 'eligibility':
        if (!opts.eligibility) {
          fail('指定要件のケースを実行するには指定要件の判定エンジンが必要です（このビルドにはありません）', 'eligibility cases need the eligibility engine, which this build does not have');
        } else runEligibility(opts.eligibility(pack, c.input.eligibility!, c.asOf, c.lang), c.expect as EligibilityExpect, fail);
        break;
    }
  } catch (err) {
    // A user error (an unknown municipality or designation, a partner check without its
    // central city) is shown with its details and hint, in the output language.
    const text = (lang: Lang): string =>
      err instanceof UserError ? [err.text[lang], ...err.details.map((d) => d.message[lang]), ...(err.hint ? [err.hint[lang]] : [])].join('; ') : (err as Error).message;
    fail(`実行中のエラー: ${text('ja')}`, `error while running: ${text('en')}`);
  }
  return { name: c.name, file: c.file, line: c.line, kind: c.kind, passed: failures.length === 0, failures };
}

type Fail = (ja: string, en: string) => void;

const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
const asList = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

function runTask(pack: Pack, c: LoadedCase, e: TaskExpect, fail: Fail): void {
  const cp = compilePack(pack, c.lang, c.asOf);
  let facts: Readonly<Record<string, unknown>> = {};
  const sink: TraceSink = { facts: (f) => void (facts = f), reason() {}, case() {}, rule() {}, verdict() {} };
  const r = evaluateTask(cp, c.task!, { procedure: 'all', trace: sink });
  // A supplementary instrument the facts do not call for is left out of the result; its verdict
  // and reasons are still checked, from an evaluation that lists every instrument.
  let full: typeof r | undefined;
  const rec = (id: string) =>
    r.recommendations.find((x) => x.instrument === id) ??
    (full ??= evaluateTask(cp, c.task!, { procedure: 'all', supplementary: 'all' })).recommendations.find((x) => x.instrument === id);
  if (e.rank1 !== undefined && r.recommendations[0]?.instrument !== e.rank1) {
    fail(`1 位: 期待 ${e.rank1}、実際 ${r.recommendations[0]?.instrument}`, `rank 1: expected ${e.rank1}, got ${r.recommendations[0]?.instrument}`);
  }
  if (e.order) {
    for (let k = 0; k + 1 < e.order.length; k++) {
      const a = rec(e.order[k]!)!;
      const b = rec(e.order[k + 1]!)!;
      if (!(a.rank < b.rank)) fail(`順位: ${a.instrument}（${a.rank} 位）が ${b.instrument}（${b.rank} 位）より上のはず`, `order: ${a.instrument} (rank ${a.rank}) should rank above ${b.instrument} (rank ${b.rank})`);
    }
  }
  for (const [id, want] of Object.entries(e.ranks ?? {})) {
    const got = rec(id)!.rank;
    if (got !== want) fail(`${id} の順位: 期待 ${want}、実際 ${got}`, `rank of ${id}: expected ${want}, got ${got}`);
  }
  for (const [id, want] of Object.entries(e.verdicts ?? {})) {
    const got = rec(id)!.verdict;
    if (!asList(want).includes(got)) fail(`${id} の判定: 期待 ${asList(want).join(' か ')}、実際 ${got}${why(rec(id)!.reasons)}`, `verdict of ${id}: expected ${asList(want).join(' or ')}, got ${got}${why(rec(id)!.reasons)}`);
  }
  for (const [id, not] of Object.entries(e.notVerdicts ?? {})) {
    const got = rec(id)!.verdict;
    if (asList(not).includes(got)) fail(`${id} の判定: ${asList(not).join('・')} 以外のはずが ${got}`, `verdict of ${id}: expected anything but ${asList(not).join(', ')}, got ${got}`);
  }
  for (const [id, range] of Object.entries(e.scores ?? {})) {
    const got = rec(id)!.score;
    if ((range.min !== undefined && got < range.min) || (range.max !== undefined && got > range.max)) {
      fail(`${id} の点数 ${got} が範囲外（${range.min ?? 0}〜${range.max ?? 1}）`, `score of ${id} ${got} is outside ${range.min ?? 0}–${range.max ?? 1}`);
    }
  }
  for (const [id, list] of Object.entries(e.reasons ?? {})) {
    for (const want of list) {
      if (!rec(id)!.reasons.some((x) => reasonMatches(x, want))) fail(`${id} に理由 ${show(want)} がない`, `${id} has no reason ${show(want)}`);
    }
  }
  for (const [id, list] of Object.entries(e.noReasons ?? {})) {
    for (const want of list) {
      const hit = rec(id)!.reasons.find((x) => reasonMatches(x, want));
      if (hit) fail(`${id} にあってはならない理由がある: ${hit.message}`, `${id} has a reason it must not have: ${hit.message}`);
    }
  }
  for (const f of e.unknownFacts ?? []) if (!r.unknownFacts.includes(f)) fail(`不明な事実に ${f} がない`, `unknownFacts lacks ${f}`);
  if (e.category) {
    if (r.category.id !== e.category.id) fail(`分類: 期待 ${e.category.id}、実際 ${r.category.id}`, `category: expected ${e.category.id}, got ${r.category.id}`);
    if (e.category.inferred !== undefined && r.category.inferred !== e.category.inferred) fail(`分類の推定: 期待 ${e.category.inferred}`, `category inferred: expected ${e.category.inferred}`);
    const ev = e.category.evidence;
    if (ev !== undefined && !r.category.evidence.some((x) => x.includes(ev))) fail(`分類の根拠に「${ev}」がない（${r.category.evidence.join(', ') || 'なし'}）`, `the category's evidence lacks "${ev}" (${r.category.evidence.join(', ') || 'none'})`);
  }
  for (const n of e.notes ?? []) if (!(r.notes ?? []).some((x) => x.rule === n)) fail(`注記 ${n} がない`, `no note ${n}`);
  if (e.prefecture !== undefined && (r.prefecture !== undefined) !== e.prefecture) {
    fail(`県の役割: ${e.prefecture ? '示されるはず' : '示されないはず'}`, `the prefecture's role should ${e.prefecture ? '' : 'not '}be shown`);
  }
  const ctx = procedureContext(cp, facts);
  for (const [id, want] of Object.entries(e.procedure ?? {})) checkProcedure(id, cp.byId.get(id)!, ctx, want, fail);
}

function why(reasons: Reason[]): string {
  const main = reasons.filter((x) => x.effect === '-').map((x) => `${x.rule}: ${x.message}`);
  return main.length > 0 ? ` (${main.join('; ')})` : '';
}

function reasonMatches(r: Reason, want: { rule: string; effect?: string | undefined; citation?: string | undefined; message?: string | undefined }): boolean {
  return (
    r.rule === want.rule &&
    (want.effect === undefined || r.effect === want.effect) &&
    (want.citation === undefined || r.citation.includes(want.citation)) &&
    (want.message === undefined || r.message.includes(want.message))
  );
}

function checkProcedure(id: string, inst: Parameters<typeof selectProcedure>[0], ctx: ProcedureContext, want: ProcedureExpect, fail: Fail): void {
  const sel = selectProcedure(inst, ctx);
  const ids = sel.steps.map((s) => s.id);
  if (want.steps && ids.join(',') !== want.steps.join(',')) fail(`${id} の手続: 期待 [${want.steps.join(', ')}]、実際 [${ids.join(', ')}]`, `procedure of ${id}: expected [${want.steps.join(', ')}], got [${ids.join(', ')}]`);
  for (const s of want.includes ?? []) if (!ids.includes(s)) fail(`${id} の手続に ${s} がない（[${ids.join(', ')}]）`, `procedure of ${id} lacks ${s} ([${ids.join(', ')}])`);
  for (const s of want.excludes ?? []) if (ids.includes(s)) fail(`${id} の手続に ${s} があってはならない`, `procedure of ${id} must not include ${s}`);
  if (want.filingTo !== undefined && sel.filingTo !== want.filingTo) fail(`${id} の届出先: 期待 ${want.filingTo}、実際 ${sel.filingTo}`, `filing of ${id} goes to ${sel.filingTo}, expected ${want.filingTo}`);
  if (want.permitBy !== undefined && sel.permitBy !== want.permitBy) fail(`${id} の許可: 期待 ${want.permitBy}、実際 ${sel.permitBy}`, `permission for ${id} from ${sel.permitBy}, expected ${want.permitBy}`);
  if (want.kind !== undefined && ctx.councilKind !== want.kind) fail(`協議会の種類: 期待 ${want.kind}、実際 ${ctx.councilKind}`, `council kind: expected ${want.kind}, got ${ctx.councilKind}`);
}

function runInstrument(pack: Pack, c: LoadedCase, e: InstrumentExpect, fail: Fail): void {
  const data = pack.data;
  const inst = data.instruments.find((x) => x.id === c.input.instrument)!;
  if (e.tier !== undefined && inst.tier !== e.tier) fail(`tier: 期待 ${e.tier}、実際 ${inst.tier}`, `tier: expected ${e.tier}, got ${inst.tier}`);
  if (e.level !== undefined && inst.level !== e.level) fail(`level: 期待 ${e.level}、実際 ${inst.level}`, `level: expected ${e.level}, got ${inst.level}`);
  for (const [name, want] of Object.entries(e.properties ?? {})) {
    const prop = (inst.properties as Record<string, Record<string, unknown> | undefined>)[name];
    if (!prop) {
      fail(`性質 ${name} がない`, `no property ${name}`);
      continue;
    }
    const fields = want !== null && typeof want === 'object' && !Array.isArray(want) ? (want as Record<string, unknown>) : { value: want };
    for (const [k, v] of Object.entries(fields)) {
      if (!deepEqual(prop[k], v)) fail(`${name}.${k}: 期待 ${show(v)}、実際 ${show(prop[k])}`, `${name}.${k}: expected ${show(v)}, got ${show(prop[k])}`);
    }
  }
  if (e.basis) {
    const cited = inst.basis.map((r) => r.article ?? r.section ?? '');
    for (const b of e.basis) if (!cited.includes(b)) fail(`根拠条文に ${b} がない（${cited.join(', ')}）`, `the basis does not cite ${b} (${cited.join(', ')})`);
  }
  if (e.inForce !== undefined) {
    const got = inst.inForce ? { from: inst.inForce.from, certainFrom: inst.inForce.certainFrom } : null;
    if (!deepEqual(got, e.inForce)) fail(`施行日: 期待 ${show(e.inForce)}、実際 ${show(got)}`, `in force: expected ${show(e.inForce)}, got ${show(got)}`);
  }
  if (e.kinds && !deepEqual((inst.kinds ?? []).map((k) => k.id), e.kinds)) fail(`種類: 期待 ${e.kinds.join(', ')}`, `kinds: expected ${e.kinds.join(', ')}, got ${(inst.kinds ?? []).map((k) => k.id).join(', ')}`);
  if (e.modes && !deepEqual([...inst.modes].sort(), [...e.modes].sort())) fail(`連携の形: 期待 ${e.modes.join(', ')}`, `modes: expected ${e.modes.join(', ')}, got ${inst.modes.join(', ')}`);
  if (e.procedure) {
    const cp = compilePack(pack, c.lang, c.asOf);
    const w = c.input.with ?? {};
    const ctx: ProcedureContext = { prefectureParty: w.prefectureParty ?? null, crossPrefecture: w.crossPrefecture ?? null, councilKind: w.councilKind ?? null };
    checkProcedure(inst.id, cp.byId.get(inst.id)!, ctx, e.procedure, fail);
  }
}

function runCategory(data: PackData, c: LoadedCase, e: CategoryExpect, fail: Fail): void {
  const cat = data.categories.find((x) => x.id === c.input.category)!;
  if (e.instruments && !deepEqual([...cat.instruments].sort(), [...e.instruments].sort())) {
    fail(`${cat.id} が挙げる制度: 期待 ${e.instruments.join(', ')}、実際 ${cat.instruments.join(', ')}`, `${cat.id} names ${cat.instruments.join(', ')}, expected ${e.instruments.join(', ')}`);
  }
  if (e.section !== undefined && cat.ref.section !== e.section) fail(`出典の節: 期待 ${e.section}、実際 ${cat.ref.section}`, `cited section: expected ${e.section}, got ${cat.ref.section}`);
  if (e.source !== undefined && cat.ref.source !== e.source) fail(`出典: 期待 ${e.source}、実際 ${cat.ref.source}`, `source: expected ${e.source}, got ${cat.ref.source}`);
  for (const k of e.keywords ?? []) if (!cat.keywords.ja.includes(k) && !cat.keywords.en.includes(k)) fail(`キーワード ${k} がない`, `no keyword ${k}`);
}

/**
 * Resolves `a/b/c` in the pack: list items by their `id`, records by key. A dated value
 * (`values:` keyed by date) resolves to the value in force on `asOf`.
 */
export function resolveParameter(data: PackData, path: string, asOf: string): { found: boolean; value: unknown; from: string | null } {
  const root: Record<string, unknown> = { ...data.extra, manifest: data.manifest, settings: data.manifest.settings, ranking: data.manifest.ranking, instruments: data.instruments, categories: data.categories, facts: data.facts, rules: data.rules, prefecture: data.prefecture };
  let cur: unknown = root;
  for (const seg of path.split('/').filter(Boolean)) {
    if (Array.isArray(cur)) cur = cur.find((x: { id?: unknown } | null) => x?.id === seg) ?? (/^\d+$/.test(seg) ? cur[Number(seg)] : undefined);
    else if (cur !== null && typeof cur === 'object') cur = (cur as Record<string, unknown>)[seg];
    else cur = undefined;
    if (cur === undefined) return { found: false, value: undefined, from: null };
  }
  const dated = cur as Partial<DatedValue> | null;
  if (dated && typeof dated === 'object' && dated.values && typeof dated.values === 'object' && Object.keys(dated.values).every((k) => /^\d{4}-\d{2}-\d{2}$/.test(k))) {
    const v = valueAt(dated as DatedValue, asOf);
    return { found: true, value: v ? v.entry.value : null, from: v ? v.from : null };
  }
  return { found: true, value: cur, from: null };
}

function runParameter(data: PackData, c: LoadedCase, e: ParameterExpect, fail: Fail): void {
  const r = resolveParameter(data, c.input.parameter!, c.asOf);
  if (!r.found) {
    fail(`パラメータ ${c.input.parameter} がパックにない`, `no parameter ${c.input.parameter} in the pack`);
    return;
  }
  if ('value' in e && !deepEqual(r.value, e.value)) fail(`${c.input.parameter}: 期待 ${show(e.value)}、実際 ${show(r.value)}`, `${c.input.parameter}: expected ${show(e.value)}, got ${show(r.value)}`);
  if (e.from !== undefined && r.from !== e.from) fail(`${c.input.parameter} の施行日: 期待 ${e.from}、実際 ${r.from}`, `${c.input.parameter} effective from ${r.from}, expected ${e.from}`);
}

function runEligibility(r: DesignationResult, e: EligibilityExpect, fail: Fail): void {
  const crit = (id: string) => r.criteria.find((x) => x.id === id);
  const ids = r.criteria.map((x) => x.id).join(', ');
  if (e.eligible !== undefined && r.eligible !== e.eligible) {
    const why = r.criteria.filter((x) => x.status !== 'pass' && x.status !== 'not-applicable').map((x) => `${x.id}: ${x.status}`).join('; ');
    fail(`eligible: 期待 ${show(e.eligible)}、実際 ${show(r.eligible)}${why ? `（${why}）` : ''}`, `eligible: expected ${show(e.eligible)}, got ${show(r.eligible)}${why ? ` (${why})` : ''}`);
  }
  if (e.held !== undefined) {
    const got = r.held ?? null;
    if (e.held === null) {
      if (got) fail(`指定: 期待 なし、実際 ${got.since ?? '日付不明'} から（${got.source}）`, `held: expected none, got since ${got.since ?? 'an unknown day'} (${got.source})`);
    } else if (!got) fail('指定: 期待 あり、実際 なし', 'held: expected the designation to be held, it is not');
    else {
      if (e.held.since !== undefined && got.since !== e.held.since) fail(`指定の日: 期待 ${show(e.held.since)}、実際 ${show(got.since)}`, `held since: expected ${show(e.held.since)}, got ${show(got.since)}`);
      if (e.held.source !== undefined && !got.source.includes(e.held.source)) fail(`指定の出典に「${e.held.source}」がない（${got.source}）`, `the held designation's source lacks "${e.held.source}" (${got.source})`);
    }
  }
  for (const [id, want] of Object.entries(e.criteria ?? {})) {
    const got = crit(id);
    if (!got) fail(`基準 ${id} がない（${ids}）`, `no criterion ${id} (${ids})`);
    else if (got.status !== want) fail(`基準 ${id}: 期待 ${want}、実際 ${got.status}（${show(got.actual)} / ${got.required}）`, `criterion ${id}: expected ${want}, got ${got.status} (${show(got.actual)} vs ${got.required})`);
  }
  for (const [id, want] of Object.entries(e.actual ?? {})) {
    const got = crit(id);
    if (!got || !deepEqual(got.actual, want)) fail(`基準 ${id} の値: 期待 ${show(want)}、実際 ${show(got?.actual)}`, `criterion ${id} figure: expected ${show(want)}, got ${show(got?.actual)}`);
  }
  for (const [id, want] of Object.entries(e.effectiveFrom ?? {})) {
    const got = crit(id);
    if (!got) fail(`基準 ${id} がない（${ids}）`, `no criterion ${id} (${ids})`);
    else if ((got.effectiveFrom ?? null) !== want) fail(`基準 ${id} の施行日: 期待 ${show(want)}、実際 ${show(got.effectiveFrom ?? null)}`, `criterion ${id} effective from ${show(got.effectiveFrom ?? null)}, expected ${show(want)}`);
  }
  for (const [id, want] of Object.entries(e.replacedBy ?? {})) {
    const got = crit(id);
    if (!got) fail(`基準 ${id} がない（${ids}）`, `no criterion ${id} (${ids})`);
    else if ((got.replacedBy ?? null) !== want) fail(`基準 ${id} の置き換え: 期待 ${show(want)}、実際 ${show(got.replacedBy ?? null)}`, `criterion ${id} replaced by ${show(got.replacedBy ?? null)}, expected ${show(want)}`);
  }
  for (const [id, want] of Object.entries(e.note ?? {})) {
    const got = crit(id);
    if (!got) fail(`基準 ${id} がない（${ids}）`, `no criterion ${id} (${ids})`);
    else if (!(got.note ?? '').includes(want)) fail(`基準 ${id} の注記に「${want}」がない（${got.note ?? 'なし'}）`, `the note of criterion ${id} lacks "${want}" (${got.note ?? 'none'})`);
  }
  for (const want of e.notes ?? []) {
    if (!(r.notes ?? []).some((n) => n.includes(want))) fail(`注記に「${want}」がない`, `no note contains "${want}"`);
  }
  if (e.steps) {
    // Each text in the same step as the one before or a later one (the order of the procedure).
    const steps = (r.steps ?? []).map((s) => `${s.step} ${s.citation}`);
    let at = 0;
    for (const want of e.steps) {
      const k = steps.findIndex((s, i) => i >= at && s.includes(want));
      if (k < 0) {
        fail(`手続に「${want}」がない（又は順序が違う）`, `no step contains "${want}" (or not in this order)`);
        break;
      }
      at = k;
    }
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}
