/**
 * Designation eligibility — the engine behind `kouiki eligibility`, `kouiki check`
 * (central-city-eligibility, partner-commuting) and `kouiki explain`.
 *
 * API (pure and synchronous: no I/O, no clock, no printing):
 *
 *   evaluateEligibility(pack, index, request, asOf, lang, trace?) → EligibilityResult[]
 *     pack     PackData (designations.yaml lands in pack.extra.designations; settings.tolerance)
 *     index    MunicipalityIndex: every municipality of Japan by name/code with the embedded
 *              figures and any data files laid over it (src/io/municipalities.ts
 *              `loadMunicipalities` builds it; `buildIndex` from already-parsed layers)
 *     request  { names, figures?, merge?, twin?, partnerOf?, partners?, designations? }
 *     asOf     YYYY-MM-DD: the criteria in force that day (dated thresholds, windows, schemes)
 *     lang     labels, requirements and notes in 'ja' or 'en' (ids stay English)
 *     trace    optional hook receiving TraceEvent (figures with sources, parameters with their
 *              effective dates, comparisons with both operands, exceptions, replacements)
 *   Throws UserError (exit 2) for a name not found (with suggestions), an ambiguous name, a
 *   merge with itself or with an unknown municipality, an unknown designation id.
 *
 *   createContext(pack, index, asOf, lang, trace?) → EligibilityContext
 *   subjectFor(index, name, request, lang) → Subject                  the lookup and merger
 *   evaluateSubject(ctx, subject, designations, central?) → EligibilityResult   one subject
 *   resolveMunicipality(index, name) → Municipality                   the lookup, throwing
 *
 *   For a draft (`kouiki check`): parse it, `layerFromParsed(parsed, ['municipalities'], file)`
 *   (src/io/municipalities.ts), then `new MunicipalityIndex(embeddedBase())` and
 *   `index.applyLayer(layer)`, which returns positioned problems instead of throwing.
 *
 * Every criterion is evaluated (no short-circuit). Special cases (exceptions) are evaluated
 * beside the criteria they may replace: when a route passes, the replaced criterion becomes
 * `not-applicable` (`replacedBy`); when the route is undecided, a failing replaced criterion
 * takes the route's status (unknown or borderline), so `eligible` follows the contract's rule.
 */
import { UserError } from '../../errors.js';
import type { Lang, Localized } from '../../i18n/lang.js';
import { suggest } from '../../io/suggest.js';
import type { PackData } from '../../pack/model.js';
import type { Criterion, Designation, Exception } from '../../pack/designations-schema.js';
import type { DatedEntry, DatedValue } from '../../pack/schema.js';
import { packDesignations } from '../../pack/validate-designations.js';
import type { MunicipalityKind } from '../../schemas/kinds.js';
import { formatRef } from '../citation.js';
import { changedOn, valueAt, type ResolvedValue } from '../dated.js';
import { dayNightRatioOf, fmtNumber, mergeMunicipalities, metroCoreShareOf, round4, shareTo, commutersTo, type NumberFigure, type ShareTo } from './figures.js';
import type { MunicipalityIndex } from './index.js';
import { emptyMunicipality, type Figure, type MetroArea, type Municipality } from './model.js';
import type { CriterionResult, CriterionStatus, DesignationResult, EligibilityResult, FigureOut, TraceHook } from './types.js';

export interface FigureOverrides {
  population?: number;
  dayNightRatio?: number;
  metroArea?: MetroArea;
  metroCoreCommuteShare?: number;
  kind?: MunicipalityKind;
  /** How to label these figures' source (default: the command line). */
  source?: string;
}

export interface EligibilityRequest {
  /** Municipalities to check: names, `都道府県名+名前`, or codes. Empty: a city described by `figures`. */
  names: string[];
  figures?: FigureOverrides;
  /** Merger what-if: the first name merged with these. */
  merge?: string[];
  /** 複眼型: the other city of a two-city centre. */
  twin?: string;
  /** Partner checks: the central city the name is a partner of. */
  partnerOf?: string;
  /** List the municipalities in the data whose commuting share to the name meets each partner guideline. */
  partners?: boolean;
  /** Limit the checks (designation ids); default: the central designations (and the partner ones with partnerOf). */
  designations?: string[];
}

/** A city to check: one municipality, or a merger of several. */
export interface Subject {
  municipality: Municipality;
  members: Municipality[];
  derived: string[];
  twin: Municipality | null;
}

export interface EligibilityContext {
  data: PackData;
  index: MunicipalityIndex;
  asOf: string;
  lang: Lang;
  tolerance: number;
  trace: TraceHook | undefined;
  /** What one evaluation reads again for every municipality and depends on this index (created on first use). */
  memo?: ContextMemo;
}

/** Per-context caches: they depend on the index, so they live no longer than the context. */
interface ContextMemo {
  /** What each criterion says that day (threshold, citation, requirement), per criterion. */
  plans: Map<Criterion, CriterionPlan>;
  /** The most rows each designation can have that day. */
  capacity: Map<Designation, number>;
  /** Commuting shares to a central city's members, per members list and municipality. */
  shares: Map<Municipality[], Map<Municipality, ShareTo | null>>;
}

function memoOf(ctx: EligibilityContext): ContextMemo {
  return (ctx.memo ??= { shares: new Map(), plans: new Map(), capacity: new Map() });
}

/** The commuting share of `m` to the central city's members, once per context (each partner designation and the figures block read it). */
function shareOf(ctx: EligibilityContext, m: Municipality, central: Subject): ShareTo | null {
  const memo = memoOf(ctx).shares;
  let byFrom = memo.get(central.members);
  if (!byFrom) memo.set(central.members, (byFrom = new Map()));
  let v = byFrom.get(m);
  if (v === undefined) {
    v = shareTo(m, central.members, ctx.index, ctx.lang);
    byFrom.set(m, v);
  }
  return v;
}

const W = {
  givenFigures: { ja: '指定された数値', en: 'figures given' },
  commandLine: { ja: 'コマンドライン', en: 'command line' },
  notFound: { ja: '市町村「{q}」が見つかりません', en: 'no municipality named "{q}"' },
  didYouMean: { ja: '候補: {s}', en: 'did you mean: {s}' },
  notFoundHint: { ja: '市町村名（例: 小田原市）、都道府県名付き（例: 東京都府中市）又は全国地方公共団体コードで指定してください', en: 'give a municipality name (e.g. 小田原市), the prefecture and name (e.g. 東京都府中市), or its 全国地方公共団体コード' },
  ambiguous: { ja: '「{q}」は複数あります: {c}', en: '"{q}" is ambiguous: {c}' },
  ambiguousHint: { ja: '都道府県名を付ける（例: {e}）かコードで指定してください', en: 'write the prefecture before the name (e.g. {e}) or give the code' },
  badCode: { ja: 'コード {q} の検査数字が正しくありません', en: 'code {q}: the check digit is wrong' },
  badCodeHint: { ja: '全国地方公共団体コードは 5 桁、又は検査数字付きの 6 桁です', en: 'a 全国地方公共団体コード has 5 digits, or 6 with the check digit' },
  mergeSelf: { ja: '--merge に合併元の市町村自身（{n}）が含まれています', en: '--merge names the municipality itself ({n})' },
  mergeDup: { ja: '--merge に同じ市町村（{n}）が 2 回あります', en: '--merge names {n} twice' },
  mergeHint: { ja: '合併する相手の市町村を重複なく指定してください（例: 小田原市 --merge 南足柄市）', en: 'name the other municipalities once each (e.g. 小田原市 --merge 南足柄市)' },
  twinSelf: { ja: '--twin に同じ市（{n}）が指定されています', en: '--twin names the city itself ({n})' },
  twinHint: { ja: '--twin には複眼型の中心となるもう一方の市を指定してください（例: 山口市 --twin 宇部市）', en: 'name the other city of the two-city centre with --twin (e.g. 山口市 --twin 宇部市)' },
  partnerSelf: { ja: '--partner-of に同じ市町村（{n}）が指定されています', en: '--partner-of names the municipality itself ({n})' },
  partnerOfHint: { ja: '--partner-of には連携の相手となる中心市を指定してください（例: 南足柄市 --partner-of 小田原市）', en: 'name the central city with --partner-of (e.g. 南足柄市 --partner-of 小田原市)' },
  unknownDesignation: { ja: '不明な指定の種類「{d}」', en: 'unknown designation "{d}"' },
  designationHint: { ja: '使えるのは {list}', en: 'known: {list}' },
  partnerNeeds: { ja: '{d} は連携の相手（中心市）が必要です', en: '{d} needs the central city' },
  partnerHint: { ja: '--partner-of 中心市 を付けるか、中心市 --partners で一覧にしてください', en: 'add --partner-of CITY, or list the partners with CITY --partners' },
  noDesignations: { ja: 'ルールパックに指定要件（designations.yaml）がありません', en: 'the rule pack has no designations (designations.yaml)' },
  noDesignationsHint: { ja: '既定のパックを拡張してください（pack.yaml に extends: default）', en: 'extend the default pack (extends: default in pack.yaml)' },
  merged: { ja: '合併市', en: 'merged city' },
  closedRoute: { ja: 'この特例は適用されない: {why}', en: 'this special case does not apply: {why}' },
  unknownRoute: { ja: '特例を適用できるか不明（種類が不明）', en: 'unknown whether this special case applies (the kind is unknown)' },
  notNeeded: { ja: '不要（{ids} を自ら満たす）', en: 'not needed ({ids} met on its own)' },
  replaced: { ja: '特例 {e} で置き換え（{name}）', en: 'replaced by the special case {e} ({name})' },
  undecidedRoute: { ja: '単独では満たさないが、特例 {e}（{name}）の判定が{status}', en: 'not met on its own, and the special case {e} ({name}) is {status}' },
  noThreshold: { ja: 'この日（{d}）の値がルールパックにない', en: 'the rule pack has no value for this date ({d})' },
  outsideMetro: { ja: '三大都市圏の区域外の市には適用しない', en: 'not applied to a city outside the 三大都市圏' },
  metroUnknown: { ja: '三大都市圏の区域内か不明', en: 'unknown whether the city lies in the 三大都市圏' },
  atLeast: { ja: '一部の通勤通学の値がなく、{v} は下限', en: 'some commuting figures are missing; {v} is a lower bound' },
  largestUnknown: { ja: '旧市町村の人口が不明で、人口最大の旧市を決められない', en: 'the former municipalities\' populations are unknown, so the most populous cannot be chosen' },
  noTwin: { ja: '相手の市がない', en: 'no second city' },
  confirm: { ja: 'データでは判定できない（確認が必要）', en: 'not decided by the data (to be confirmed)' },
  already: { ja: '既に{name}（{source}）', en: 'already a {name} ({source})' },
  notInForce: { ja: 'この日（{d}）にはまだ制度がない（{from} から）', en: 'the scheme did not exist yet on {d} (from {from})' },
  inForceName: { ja: '制度の施行', en: 'scheme in force' },
  routeCriteria: { ja: '特例の要件（適用される場合に評価）', en: "the special case's own criteria (checked when it applies)" },
  windowText: { ja: '{kinds}（{from} から {to} まで）', en: '{kinds} ({from} through {to})' },
  unconfirmedValue: { ja: '値の日付は未確認: {note}', en: 'the date of this value is unconfirmed: {note}' },
  status: {
    pass: { ja: '適合', en: 'pass' },
    fail: { ja: '不適合', en: 'fail' },
    borderline: { ja: '境界', en: 'borderline' },
    'not-applicable': { ja: '対象外', en: 'not applicable' },
    unknown: { ja: '不明', en: 'unknown' },
  },
  figure: {
    kind: { ja: '種類', en: 'kind' },
    population: { ja: '人口', en: 'population' },
    dayNightRatio: { ja: '昼夜間人口比率', en: 'day/night ratio' },
    metroArea: { ja: '三大都市圏', en: '三大都市圏 (metro area)' },
    metroCoreCommuteShare: { ja: '三大都市圏の中心への通勤通学割合', en: 'commuting share to the metro cores' },
    commuteShare: { ja: '中心市への通勤通学割合', en: 'commuting share to the central city' },
    workersAndStudents: { ja: '通勤通学者（常住地）', en: 'residents who work or study' },
  },
} as const;

function fill(t: string, vars: Record<string, string | number>): string {
  return t.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

function err(text: Localized, hint?: Localized): UserError {
  return new UserError(text, hint ? { hint } : {});
}

function t2(lang: Lang, key: Localized, vars: Record<string, string | number> = {}): string {
  return fill(key[lang], vars);
}

/** Finds a municipality or throws the user error the CLI prints (exit 2). */
export function resolveMunicipality(index: MunicipalityIndex, query: string): Municipality {
  const r = index.resolve(query);
  if (r.ok) return r.municipality;
  const L = (k: Localized, v: Record<string, string | number> = {}): Localized => ({ ja: fill(k.ja, v), en: fill(k.en, v) });
  if (r.reason === 'ambiguous') {
    const c = r.candidates.map((x) => `${x.label}${x.code ? ` (${x.code})` : ''}`).join(', ');
    throw err(L(W.ambiguous, { q: query, c }), L(W.ambiguousHint, { e: r.candidates[0]!.label }));
  }
  if (r.reason === 'bad-code') throw err(L(W.badCode, { q: query }), W.badCodeHint);
  const hint = r.suggestions.length > 0 ? L(W.didYouMean, { s: r.suggestions.join(', ') }) : W.notFoundHint;
  throw err(L(W.notFound, { q: query }), hint);
}

function designationsFor(data: PackData, request: EligibilityRequest): Designation[] {
  const all = packDesignations(data);
  if (all.length === 0) throw err(W.noDesignations, W.noDesignationsHint);
  if (request.designations && request.designations.length > 0) {
    return request.designations.map((id) => {
      const d = all.find((x) => x.id === id);
      if (!d) {
        const close = suggest(id, all.map((x) => x.id));
        const list = all.map((x) => x.id).join(', ');
        throw err(
          { ja: fill(W.unknownDesignation.ja, { d: id }), en: fill(W.unknownDesignation.en, { d: id }) },
          { ja: `${close ? `「${close}」のことですか？ ` : ''}${fill(W.designationHint.ja, { list })}`, en: `${close ? `did you mean "${close}"? ` : ''}${fill(W.designationHint.en, { list })}` },
        );
      }
      return d;
    });
  }
  return all.filter((d) => d.role === 'central' || (request.partnerOf !== undefined && d.role === 'partner'));
}

/** Lays figures given on the command line over a municipality (they win over every file). */
function withFigures(m: Municipality, f: FigureOverrides | undefined, lang: Lang): Municipality {
  if (!f) return m;
  const source = f.source ?? W.commandLine[lang];
  const out = structuredClone(m);
  const fig = <T>(value: T): Figure<T> => ({ value, source });
  if (f.kind !== undefined) out.kind = fig(f.kind);
  if (f.population !== undefined) out.population = fig(f.population);
  if (f.dayNightRatio !== undefined) {
    out.dayNightRatio = fig(f.dayNightRatio);
    out.daytimePopulation = null;
  }
  if (f.metroArea !== undefined) out.metroArea = fig(f.metroArea);
  if (f.metroCoreCommuteShare !== undefined) {
    out.metroCoreCommuteShare = fig(f.metroCoreCommuteShare);
    out.toMetroCores = null;
  }
  return out;
}

/** Builds the subject of a request: one municipality, a merger, or figures alone. */
export function subjectFor(index: MunicipalityIndex, name: string | null, request: EligibilityRequest, lang: Lang): Subject {
  let base: Municipality;
  const derived: string[] = [];
  let members: Municipality[];
  if (name === null) {
    base = emptyMunicipality('given', W.givenFigures[lang], null, null, false);
    members = [base];
  } else {
    const first = resolveMunicipality(index, name);
    members = [first];
    for (const other of request.merge ?? []) {
      const m = resolveMunicipality(index, other);
      const Lz = (k: Localized): Localized => ({ ja: fill(k.ja, { n: m.name }), en: fill(k.en, { n: m.name }) });
      if (m.id === first.id) throw err(Lz(W.mergeSelf), W.mergeHint);
      if (members.some((x) => x.id === m.id)) throw err(Lz(W.mergeDup), W.mergeHint);
      members.push(m);
    }
    if (members.length > 1) {
      const r = mergeMunicipalities(members, index, lang);
      base = r.municipality;
      derived.push(...r.derived);
    } else base = first;
  }
  const municipality = withFigures(base, request.figures, lang);
  let twin: Municipality | null = null;
  if (request.twin !== undefined) {
    twin = resolveMunicipality(index, request.twin);
    if (members.some((m) => m.id === twin!.id)) throw err({ ja: fill(W.twinSelf.ja, { n: twin.name }), en: fill(W.twinSelf.en, { n: twin.name }) }, W.twinHint);
  }
  return { municipality, members, derived, twin };
}

/**
 * Evaluates a request: each named municipality (or the merger, or the figures given) against
 * each designation, or — with `partners` — every municipality in the data that commutes to it.
 */
export function evaluateEligibility(data: PackData, index: MunicipalityIndex, request: EligibilityRequest, asOf: string, lang: Lang, trace?: TraceHook): EligibilityResult[] {
  const ctx: EligibilityContext = { data, index, asOf, lang, tolerance: data.manifest.settings?.tolerance ?? 0, trace };
  const names: (string | null)[] = request.names.length > 0 ? request.names : [null];
  const results: EligibilityResult[] = [];
  if (request.partners) {
    const partnerDesignations = request.designations && request.designations.length > 0 ? designationsFor(data, request) : packDesignations(data).filter((d) => d.role === 'partner');
    for (const d of partnerDesignations) {
      if (d.role !== 'partner') {
        throw err(
          { ja: `--partners で判定できるのは連携の相手の目安だけです（${d.id} は不可）`, en: `--partners checks the partner guidelines only (not ${d.id})` },
          { ja: 'cooperation-partner 又は settlement-partner を指定してください', en: 'use cooperation-partner or settlement-partner' },
        );
      }
    }
    for (const name of names) {
      const central = subjectFor(index, name, { ...request, figures: undefined }, lang);
      const partners = commutersTo(central.members, index).map((p) => ({
        p,
        share: shareOf(ctx, p, central)?.value ?? -1,
      }));
      // Highest share first (unknown last), then by code: a stable, useful order.
      partners.sort((a, b) => b.share - a.share || a.p.id.localeCompare(b.p.id));
      for (const { p } of partners) {
        results.push(evaluateSubject(ctx, { municipality: p, members: [p], derived: [], twin: null }, partnerDesignations, central));
      }
    }
    return results;
  }
  const designations = designationsFor(data, request);
  const partnerIds = designations.filter((d) => d.role === 'partner');
  let central: Subject | undefined;
  if (partnerIds.length > 0) {
    if (request.partnerOf === undefined) {
      const d = partnerIds[0]!.id;
      throw err({ ja: fill(W.partnerNeeds.ja, { d }), en: fill(W.partnerNeeds.en, { d }) }, W.partnerHint);
    }
    const c = resolveMunicipality(index, request.partnerOf);
    central = { municipality: c, members: [c], derived: [], twin: null };
  }
  for (const name of names) {
    const subject = subjectFor(index, name, request, lang);
    if (central && subject.members.some((m) => central!.members.some((c) => c.id === m.id))) {
      const n = central.municipality.name;
      throw err({ ja: fill(W.partnerSelf.ja, { n }), en: fill(W.partnerSelf.en, { n }) }, W.partnerOfHint);
    }
    results.push(evaluateSubject(ctx, subject, designations, central));
  }
  return results;
}

/** One subject against the given designations (partner ones measured to `central`). */
export function evaluateSubject(ctx: EligibilityContext, s: Subject, designations: Designation[], central?: Subject): EligibilityResult {
  const m = s.municipality;
  const merged = s.members.map((x) => x.name);
  ctx.trace?.({ type: 'subject', municipality: m.name, merged, asOf: ctx.asOf });
  const muni = municipalityOut(m, merged);
  const result: EligibilityResult = {
    municipality: muni,
    designations: designations.map((d) => evaluateDesignation(ctx, d, s, central)),
    figures: figuresOf(ctx, s, central),
  };
  if (s.derived.length > 0) result.derived = s.derived;
  if (m.notes.length > 0) result.notes = [...m.notes];
  return result;
}

/**
 * The result's municipality block: name, merged, code?, prefecture?, kind, in that order. Built
 * as one literal (not extended key by key) so each of the thousands of results in a batch is
 * one object without a separate property store.
 */
function municipalityOut(m: Municipality, merged: string[]): EligibilityResult['municipality'] {
  const kind = m.kind?.value ?? null;
  if (m.code) {
    return m.prefecture ? { name: m.name, merged, code: m.code, prefecture: m.prefecture, kind } : { name: m.name, merged, code: m.code, kind };
  }
  return m.prefecture ? { name: m.name, merged, prefecture: m.prefecture, kind } : { name: m.name, merged, kind };
}

export function createContext(data: PackData, index: MunicipalityIndex, asOf: string, lang: Lang, trace?: TraceHook): EligibilityContext {
  return { data, index, asOf, lang, tolerance: data.manifest.settings?.tolerance ?? 0, trace };
}

// ───────────────────────────────────────────────────────────────── figures block

function where(ctx: EligibilityContext, key: keyof typeof ctx.index.figureSources): string | undefined {
  return ctx.index.figureSources[key]?.[ctx.lang];
}

function figuresOf(ctx: EligibilityContext, s: Subject, central?: Subject): FigureOut[] {
  const m = s.municipality;
  if (central) return [figureOut(ctx, m, 'commuteShare', shareOf(ctx, m, central), 'commuteShare', true)];
  const out: FigureOut[] = [
    figureOut(ctx, m, 'kind', m.kind, 'kind'),
    figureOut(ctx, m, 'population', m.population, 'population'),
    figureOut(ctx, m, 'dayNightRatio', dayNightRatioOf(m, ctx.lang), 'dayNightRatio', true),
    figureOut(ctx, m, 'metroArea', m.metroArea, 'metroArea'),
    figureOut(ctx, m, 'metroCoreCommuteShare', metroCoreShareOf(m, ctx.lang), 'metroCoreCommuteShare', true),
  ];
  if (s.twin) {
    out.push(
      figureOut(ctx, m, `twin:population`, s.twin.population, 'population'),
      figureOut(ctx, m, `twin:dayNightRatio`, dayNightRatioOf(s.twin, ctx.lang), 'dayNightRatio', true),
      figureOut(ctx, m, `twin:metroArea`, s.twin.metroArea, 'metroArea'),
    );
  }
  return out;
}

/** One figure of the block: figure, value, source, then derivation (a figure computed) or where (a figure missing). */
function figureOut(ctx: EligibilityContext, m: Municipality, figure: string, f: NumberFigure | Figure<string> | null, whereKey: keyof typeof ctx.index.figureSources, round = false): FigureOut {
  let o: FigureOut;
  if (f) {
    const value = round && typeof f.value === 'number' ? round4(f.value) : f.value;
    o = f.derivation ? { figure, value, source: f.source, derivation: f.derivation } : { figure, value, source: f.source };
  } else {
    const w = where(ctx, whereKey);
    o = w ? { figure, value: null, source: null, where: w } : { figure, value: null, source: null };
  }
  ctx.trace?.({ type: 'figure', municipality: m.name, figure, value: o.value, source: o.source, ...(o.derivation ? { derivation: o.derivation } : {}), ...((f as NumberFigure | null)?.atLeast ? { atLeast: true } : {}) });
  return o;
}

// ───────────────────────────────────────────────────────────────── designations

const ORDER: Record<CriterionStatus, number> = { pass: 0, 'not-applicable': 0, borderline: 1, unknown: 2, fail: 3 };

/** The status of several results together: any fail fails; then unknown, borderline, pass. */
export function combine(statuses: CriterionStatus[]): CriterionStatus {
  if (statuses.length === 0) return 'not-applicable';
  if (statuses.includes('fail')) return 'fail';
  if (statuses.includes('unknown')) return 'unknown';
  if (statuses.includes('borderline')) return 'borderline';
  if (statuses.every((x) => x === 'not-applicable')) return 'not-applicable';
  return 'pass';
}

/** The contract's rule: true when every criterion passes or is not applicable, false when any fails, else null. */
export function eligibleOf(criteria: CriterionResult[]): boolean | null {
  if (criteria.some((c) => c.status === 'fail')) return false;
  if (criteria.every((c) => c.status === 'pass' || c.status === 'not-applicable')) return true;
  return null;
}

const citeMemo = new WeakMap<object, { ja?: string; en?: string }>();

/** A citation, formatted once per reference and language (every municipality cites the same). */
function cite(ctx: EligibilityContext, ref: Parameters<typeof formatRef>[0]): string {
  let m = citeMemo.get(ref);
  if (!m) citeMemo.set(ref, (m = {}));
  return (m[ctx.lang] ??= formatRef(ref, ctx.data, ctx.lang));
}

/**
 * The rows of one designation, filled in order into an array of the most rows it can have
 * (pushing onto an empty array reserves 17 slots, and this runs for every designation of every
 * municipality); the array itself becomes the result's criteria.
 */
class Rows {
  readonly items: CriterionResult[];
  length = 0;
  /**
   * Whether a key was added to a row after it was built (a special case's note or replacedBy):
   * rows are built with their keys in the contract's order, so only then can the order be off.
   */
  amended = false;
  constructor(capacity: number) {
    this.items = new Array<CriterionResult>(capacity);
  }
  push(out: CriterionResult): void {
    this.items[this.length++] = out;
  }
  at(i: number): CriterionResult {
    return this.items[i]!;
  }
  /** The rows with their keys in the contract's order (the array itself, cut to the rows filled). */
  criteria(): CriterionResult[] {
    const out = this.items;
    out.length = this.length;
    if (this.amended) for (let i = 0; i < out.length; i++) out[i] = canonical(out[i]!);
    return out;
  }
}

/**
 * The most rows a designation can have on the context's day: the in-force row when the scheme
 * is not yet in force, the criteria in force, and each special case's rows (one when closed).
 * Usually the exact count, so the rows need no copy.
 */
function rowCapacity(ctx: EligibilityContext, d: Designation): number {
  const memo = memoOf(ctx).capacity;
  let n = memo.get(d);
  if (n === undefined) {
    const present = (cs: Criterion[]): number => cs.filter((c) => !criterionPlan(ctx, c).absent).length;
    n = (d.inForce && ctx.asOf < d.inForce.from ? 1 : 0) + present(d.criteria);
    for (const e of d.exceptions ?? []) n += Math.max(1, present(e.criteria));
    memo.set(d, n);
  }
  return n;
}

function evaluateDesignation(ctx: EligibilityContext, d: Designation, s: Subject, central?: Subject): DesignationResult {
  const { lang } = ctx;
  const rows = new Rows(rowCapacity(ctx, d));
  if (d.inForce && ctx.asOf < d.inForce.from) {
    const out: CriterionResult = {
      id: 'in-force',
      status: 'fail',
      actual: ctx.asOf,
      required: `>= ${d.inForce.from}`,
      citation: cite(ctx, d.inForce.ref),
      name: W.inForceName[lang],
      note: t2(lang, W.notInForce, { d: ctx.asOf, from: d.inForce.from }),
    };
    ctx.trace?.({ type: 'parameter', designation: d.id, criterion: 'in-force', parameter: 'in-force', value: d.inForce.from, effectiveFrom: d.inForce.from, citation: out.citation });
    rows.push(out);
  }
  for (const c of d.criteria) {
    const out = evaluateCriterion(ctx, d, c, s, central);
    if (out) rows.push(out);
  }

  // Special cases: evaluate each route, then let a passing (or undecided) route stand in for
  // the criteria it replaces. The rows so far (the first `own`) are the designation's own
  // criteria, the ones a special case may replace; `raws` keeps their statuses from before the
  // first replacement (taken only when one happens).
  const own = rows.length;
  let raws: CriterionStatus[] | undefined;
  if (d.exceptions) for (const e of d.exceptions) {
    const start = rows.length;
    const applies = evaluateException(ctx, d, e, s, rows);
    if (applies === 'closed') continue;
    if (replacedPass(rows, raws, own, e.replaces)) {
      for (let i = start; i < rows.length; i++) {
        const r = rows.at(i);
        if (r.status !== 'pass') {
          r.status = 'not-applicable';
          r.note = exceptionNote(ctx, e, 'notNeeded');
          rows.amended = true;
        }
      }
      continue;
    }
    const status = combineRows(rows, start);
    ctx.trace?.({ type: 'exception', designation: d.id, exception: e.id, applies, route: status });
    for (const id of e.replaces) {
      const i = ownRow(rows, own, id);
      if (i < 0) continue;
      const r = rows.at(i);
      if (r.status === 'pass' || r.status === 'not-applicable') continue;
      const from = r.status;
      raws ??= rows.items.slice(0, own).map((x) => x.status);
      if (status === 'pass') {
        r.status = 'not-applicable';
        r.replacedBy = e.id;
        r.note = memoText(ctx, e, 'replaced', replacedText, e, null);
        rows.amended = true;
      } else if ((status === 'unknown' || status === 'borderline') && from === 'fail') {
        r.status = status;
        r.note = memoText(ctx, e, status === 'unknown' ? 'undecided-unknown' : 'undecided-borderline', undecidedText, e, status);
        rows.amended = true;
      }
      if (r.status !== from) ctx.trace?.({ type: 'replace', designation: d.id, criterion: r.id, by: e.id, from, to: r.status });
    }
  }

  const criteria = rows.criteria();
  const eligible = eligibleOf(criteria);
  ctx.trace?.({ type: 'result', designation: d.id, eligible });

  // Notes of the designation that apply to this subject (the array only when there is one).
  const m = s.municipality;
  let notes: string[] | undefined;
  if (m.kind && m.kind.value === d.id) {
    const source = m.kind.source;
    notes = [memoText(ctx, d, source, alreadyText, d, source)];
  }
  if (d.notes) {
    const inMetro = m.metroArea !== null && m.metroArea.value !== 'none';
    const isMerged = s.members.length > 1 || (m.mergedFrom !== null && m.mergedFrom.length > 0);
    const memberCore = s.members.length > 1 && s.members.some((x) => x.kind?.value === 'core-city');
    for (const n of d.notes) {
      const on = n.when === 'always' || (n.when === 'merged' && isMerged) || (n.when === 'in-metro' && inMetro) || (n.when === 'member-core-city' && memberCore);
      // A new array of the exact length, not push: a pushed array reserves 17 slots, and
      // thousands of results keep theirs.
      if (on) notes = notes === undefined ? [noteText(ctx, n)] : [...notes, noteText(ctx, n)];
    }
  }
  // One literal in the contract's key order (designation, eligible, criteria, name, centralCity?,
  // steps, notes?) rather than keys added one by one: one object per result, no property store.
  const name = d.name[lang];
  const steps = stepsOf(ctx, d);
  const result: DesignationResult = central
    ? { designation: d.id, eligible, criteria, name, centralCity: central.municipality.name, steps }
    : { designation: d.id, eligible, criteria, name, steps };
  if (notes) result.notes = notes;
  return result;
}

/**
 * The index of the own row (among the first `own`) with this id, -1 if none (the last such row,
 * as a map from id to row would give). A scan, not a map: a designation has a handful of rows,
 * and this runs for every municipality.
 */
function ownRow(rows: Rows, own: number, id: string): number {
  for (let i = own - 1; i >= 0; i--) if (rows.at(i).id === id) return i;
  return -1;
}

/** Whether every own row a special case replaces passed (or did not apply) on its own, before any replacement. */
function replacedPass(rows: Rows, raws: CriterionStatus[] | undefined, own: number, ids: string[]): boolean {
  for (const id of ids) {
    const i = ownRow(rows, own, id);
    if (i < 0) continue;
    const raw = raws ? raws[i]! : rows.at(i).status;
    if (raw !== 'pass' && raw !== 'not-applicable') return false;
  }
  return true;
}

/** `combine` of the statuses of a route's own rows (from `start`). */
function combineRows(rows: Rows, start: number): CriterionStatus {
  const statuses: CriterionStatus[] = [];
  for (let i = start; i < rows.length; i++) statuses.push(rows.at(i).status);
  return combine(statuses);
}

const exceptionNoteMemo = new WeakMap<object, { ja?: string; en?: string }>();

/** "Not needed: the criteria it replaces pass" — the same words for every municipality. */
function exceptionNote(ctx: EligibilityContext, e: Exception, _kind: 'notNeeded'): string {
  let m = exceptionNoteMemo.get(e);
  if (!m) exceptionNoteMemo.set(e, (m = {}));
  return (m[ctx.lang] ??= t2(ctx.lang, W.notNeeded, { ids: e.replaces.join(', ') }));
}

const stepsMemo = new WeakMap<object, { ja?: DesignationResult['steps']; en?: DesignationResult['steps'] }>();

/** A designation's remaining steps: the same for every municipality, so built once (and shared, read-only). */
function stepsOf(ctx: EligibilityContext, d: Designation): DesignationResult['steps'] {
  let m = stepsMemo.get(d);
  if (!m) stepsMemo.set(d, (m = {}));
  return (m[ctx.lang] ??= d.steps.map((st) => ({ step: st.text[ctx.lang], citation: cite(ctx, st.ref) })));
}

const noteMemo = new WeakMap<object, { ja?: string; en?: string }>();

function noteText(ctx: EligibilityContext, n: NonNullable<Designation['notes']>[number]): string {
  let m = noteMemo.get(n);
  if (!m) noteMemo.set(n, (m = {}));
  return (m[ctx.lang] ??= `${n.text[ctx.lang]} [${cite(ctx, n.ref)}]`);
}

type RouteApplies = 'open' | 'closed' | 'unknown';

const textMemo = new WeakMap<object, { ja: Map<string, string>; en: Map<string, string> }>();

/**
 * Words that depend only on a piece of the pack (and the language), never on the municipality:
 * built once per owner, language and key, so every result shares one string instead of holding
 * its own copy (2,000 results each with their own copy kept the collector busy).
 */
function memoText<A, B>(ctx: EligibilityContext, owner: object, key: string, build: (lang: Lang, a: A, b: B) => string, a: A, b: B): string {
  // `build` is a module-level function given its arguments, not a closure: a closure here would
  // make every caller allocate it (and a context for what it captures) on every call, hit or miss.
  let m = textMemo.get(owner);
  if (!m) textMemo.set(owner, (m = { ja: new Map(), en: new Map() }));
  const byKey = m[ctx.lang];
  let v = byKey.get(key);
  if (v === undefined) byKey.set(key, (v = build(ctx.lang, a, b)));
  return v;
}

const replacedText = (lang: Lang, e: Exception): string => t2(lang, W.replaced, { e: e.id, name: e.name[lang] });
const undecidedText = (lang: Lang, e: Exception, status: 'unknown' | 'borderline'): string => t2(lang, W.undecidedRoute, { e: e.id, name: e.name[lang], status: W.status[status][lang] });
const alreadyText = (lang: Lang, d: Designation, source: string): string => t2(lang, W.already, { name: d.name[lang], source });
const closedText = (lang: Lang, why: string): string => t2(lang, W.closedRoute, { why });

function buildWindowText(lang: Lang, e: Exception): string {
  const kinds = e.required?.[lang] ?? (e.applies.kinds ?? []).join(', ');
  if (!e.window) return kinds;
  const to = e.window.until ? dayBefore(e.window.until) : '';
  return t2(lang, W.windowText, { kinds, from: firstDate(e.window), to });
}

function windowText(ctx: EligibilityContext, e: Exception): string {
  return memoText(ctx, e, 'window', buildWindowText, e, null);
}

const firstDateMemo = new WeakMap<DatedValue, string>();

/** The earliest effective date of a dated value. */
function firstDate(dated: DatedValue): string {
  let v = firstDateMemo.get(dated);
  if (v === undefined) firstDateMemo.set(dated, (v = Object.keys(dated.values).sort()[0]!));
  return v;
}

/** YYYY-MM-DD of the day before (the last day of a window whose `until` is exclusive). */
const dayBeforeMemo = new Map<string, string>();

export function dayBefore(date: string): string {
  let out = dayBeforeMemo.get(date);
  if (out === undefined) {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    out = new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
    dayBeforeMemo.set(date, out);
  }
  return out;
}

/** Evaluates a special case's route, appends its rows to `rows`, and says whether it applies. */
function evaluateException(ctx: EligibilityContext, d: Designation, e: Exception, s: Subject, rows: Rows): RouteApplies {
  const { lang } = ctx;
  const m = s.municipality;
  let applies: RouteApplies = 'open';
  let reason: 'kind' | 'merged' | 'twin' | 'before' | 'after' | undefined;
  if (e.applies.kinds) {
    if (!m.kind) applies = 'unknown';
    else if (!e.applies.kinds.includes(m.kind.value)) {
      applies = 'closed';
      reason = 'kind';
    }
  }
  if (applies !== 'closed' && e.applies.merged && !(m.mergedFrom && m.mergedFrom.length > 0)) {
    applies = 'closed';
    reason = 'merged';
  }
  if (applies !== 'closed' && e.applies.twin && !s.twin) {
    applies = 'closed';
    reason = 'twin';
  }
  let windowEntry: { entry: DatedEntry; from: string } | null = null;
  if (applies !== 'closed' && e.window) {
    windowEntry = valueAt(e.window, ctx.asOf);
    if (!windowEntry || windowEntry.entry.value !== true) {
      applies = 'closed';
      reason = ctx.asOf < firstDate(e.window) ? 'before' : 'after';
    } else {
      ctx.trace?.({ type: 'parameter', designation: d.id, criterion: e.id, parameter: 'window', value: windowText(ctx, e), effectiveFrom: windowEntry.from, citation: cite(ctx, windowEntry.entry.ref) });
    }
  }
  const why = reason ? (e.closed?.[reason]?.[lang] ?? reason) : undefined;
  if (applies !== 'open' || e.criteria.length === 0) {
    ctx.trace?.({ type: 'exception', designation: d.id, exception: e.id, applies, ...(why ? { reason: why } : {}) });
  }
  if (e.criteria.length === 0 || applies !== 'open') {
    // One row for the route itself: a route without criteria of its own (the 施行時特例市
    // route), or any route that is closed or undecided (its criteria are not evaluated).
    const status: CriterionStatus = applies === 'open' ? 'pass' : applies === 'closed' ? 'not-applicable' : 'unknown';
    const out: CriterionResult = {
      id: e.id,
      status,
      actual: e.applies.kinds ? (m.kind?.value ?? null) : null,
      required: e.criteria.length === 0 ? windowText(ctx, e) : W.routeCriteria[lang],
      citation: cite(ctx, windowEntry?.entry.ref ?? e.ref),
      name: e.name[lang],
    };
    if (why) out.note = memoText(ctx, e, reason!, closedText, why, null);
    else if (applies === 'unknown') {
      out.note = W.unknownRoute[lang];
      const w = where(ctx, 'kind');
      if (w) out.missing = w;
    } else if (e.note) out.note = e.note[lang];
    rows.push(out);
    return applies;
  }
  const start = rows.length;
  for (const c of e.criteria) {
    const out = evaluateCriterion(ctx, d, c, s);
    if (out) rows.push(out);
  }
  if (e.note && rows.length > start) {
    const first = rows.at(start);
    first.note = first.note ? `${first.note}; ${e.note[lang]}` : e.note[lang];
    rows.amended = true;
  }
  return applies;
}

// ───────────────────────────────────────────────────────────────── criteria

const KEY_ORDER: (keyof CriterionResult)[] = ['id', 'status', 'actual', 'required', 'citation', 'name', 'effectiveFrom', 'atLeast', 'guideline', 'replacedBy', 'note', 'missing'];

/**
 * The criterion with its keys in the contract's order (copied only when they are not already),
 * so the JSON is byte-stable. Rows are built in that order; this puts back in order a row that a
 * special case amended. The check walks KEY_ORDER alongside the object's keys.
 */
function canonical(c: CriterionResult): CriterionResult {
  let j = 0;
  let ordered = true;
  for (const k in c) {
    while (j < KEY_ORDER.length && KEY_ORDER[j] !== k) j++;
    if (j === KEY_ORDER.length || (c as unknown as Record<string, unknown>)[k] === undefined) {
      ordered = false;
      break;
    }
    j++;
  }
  if (ordered) return c;
  const out: Record<string, unknown> = {};
  for (const k of KEY_ORDER) if (c[k] !== undefined) out[k] = c[k];
  return out as unknown as CriterionResult;
}

const requiredMemo = new WeakMap<object, { ja: Map<number | null, string>; en: Map<number | null, string> }>();

/** The requirement in words, once per criterion, threshold and language (keyed by the number itself: no key string per call). */
function requiredText(ctx: EligibilityContext, c: Criterion, threshold: number | null): string {
  let m = requiredMemo.get(c);
  if (!m) requiredMemo.set(c, (m = { ja: new Map(), en: new Map() }));
  const byThreshold = m[ctx.lang];
  let v = byThreshold.get(threshold);
  if (v === undefined) {
    v = buildRequiredText(ctx, c, threshold);
    byThreshold.set(threshold, v);
  }
  return v;
}

function buildRequiredText(ctx: EligibilityContext, c: Criterion, threshold: number | null): string {
  const { lang } = ctx;
  if (c.required) return c.required[lang];
  const qual: string[] = [];
  if (c.qualifier) qual.push(c.qualifier[lang]);
  if (c.floor) qual.push(`${c.floor.words[lang]}`);
  const t = threshold === null ? '?' : fmtNumber(threshold);
  return `${c.op ?? ''} ${t}${qual.length > 0 ? ` (${qual.join('; ')})` : ''}`;
}

function cmp(v: number, op: string, t: number): boolean {
  switch (op) {
    case '>=':
      return v >= t;
    case '>':
      return v > t;
    case '<':
      return v < t;
    default:
      return v <= t;
  }
}

/** Which figure source (where to get it) decides a criterion. */
function figureKey(c: Criterion): 'population' | 'dayNightRatio' | 'metroCoreCommuteShare' | 'commuteShare' | 'metroArea' | 'kind' {
  if (c.test === 'kind-in') return 'kind';
  if (c.test === 'outside-metro') return 'metroArea';
  return c.figure ?? 'population';
}

function figureOf(ctx: EligibilityContext, c: Criterion, m: Municipality, central?: Subject): NumberFigure | null {
  switch (c.figure) {
    case 'population':
      return m.population;
    case 'dayNightRatio':
      return dayNightRatioOf(m, ctx.lang);
    case 'metroCoreCommuteShare':
      return metroCoreShareOf(m, ctx.lang);
    case 'commuteShare':
      return central ? shareOf(ctx, m, central) : null;
    default:
      return null;
  }
}

interface Single {
  status: CriterionStatus;
  actual: number | string | null;
  atLeast?: boolean;
  note?: string;
}

/** Two notes of one criterion, in the order they are found ("a; b"). */
function addNote(notes: string | undefined, note: string): string {
  return notes === undefined ? note : `${notes}; ${note}`;
}

/** "figure: where to get it" for a criterion left unknown. */
function missingText(ctx: EligibilityContext, c: Criterion): string | null {
  const key = figureKey(c);
  const w = where(ctx, key);
  return w && c.test !== 'confirm' ? `${W.figure[key][ctx.lang]}: ${w}` : null;
}

/**
 * A criterion's row with its keys in the contract's order. The usual key sets are written as
 * whole literals: a key added to an object afterwards goes to a separate property store (40
 * bytes more for each of the tens of thousands of rows of a batch, all kept until the result
 * is returned); rarer sets (a lower bound, a missing figure) are built key by key.
 */
function criterionOut(id: string, single: Single, plan: CriterionPlan, guideline: boolean, note: string | undefined, missing: string | null): CriterionResult {
  const { status, actual } = single;
  const { required, citation, name, effectiveFrom } = plan;
  if (!single.atLeast && !missing) {
    if (guideline) {
      if (effectiveFrom) {
        return note === undefined
          ? { id, status, actual, required, citation, name, effectiveFrom, guideline: true }
          : { id, status, actual, required, citation, name, effectiveFrom, guideline: true, note };
      }
      return note === undefined ? { id, status, actual, required, citation, name, guideline: true } : { id, status, actual, required, citation, name, guideline: true, note };
    }
    if (effectiveFrom) {
      return note === undefined ? { id, status, actual, required, citation, name, effectiveFrom } : { id, status, actual, required, citation, name, effectiveFrom, note };
    }
    return note === undefined ? { id, status, actual, required, citation, name } : { id, status, actual, required, citation, name, note };
  }
  const out: CriterionResult = { id, status, actual, required, citation, name };
  if (effectiveFrom) out.effectiveFrom = effectiveFrom;
  if (single.atLeast) out.atLeast = true;
  if (guideline) out.guideline = true;
  if (note !== undefined) out.note = note;
  if (missing) out.missing = missing;
  return out;
}

/** One municipality against a criterion's test (the twin's too, for `each-of-pair`). */
function evaluateOne(ctx: EligibilityContext, d: Designation, c: Criterion, target: Municipality, threshold: number | null, citation: string, central: Subject | undefined): Single {
  const { lang } = ctx;
  switch (c.test) {
    case 'kind-in': {
      if (!target.kind) return { status: 'unknown', actual: null };
      ctx.trace?.({ type: 'parameter', designation: d.id, criterion: c.id, parameter: 'kinds', value: c.kinds, effectiveFrom: null, citation });
      return { status: c.kinds!.includes(target.kind.value) ? 'pass' : 'fail', actual: target.kind.value };
    }
    case 'outside-metro': {
      if (!target.metroArea) return { status: 'unknown', actual: null };
      return { status: target.metroArea.value === 'none' ? 'pass' : 'fail', actual: target.metroArea.value };
    }
    case 'confirm':
      return { status: 'unknown', actual: null, note: W.confirm[lang] };
    default: {
      if (c.onlyInMetro) {
        if (!target.metroArea) return { status: 'unknown', actual: null, note: W.metroUnknown[lang] };
        if (target.metroArea.value === 'none') return { status: 'not-applicable', actual: null, note: W.outsideMetro[lang] };
      }
      const f = figureOf(ctx, c, target, central);
      if (threshold === null) return { status: 'unknown', actual: f ? round4(f.value) : null, note: t2(lang, W.noThreshold, { d: ctx.asOf }) };
      if (!f) return { status: 'unknown', actual: null };
      return compareFigure(ctx, c, f, threshold);
    }
  }
}

/**
 * What a criterion says on the context's day, in its language: the same for every municipality,
 * so resolved once per context (the dated threshold, its citation and effective date, the
 * requirement in words) instead of once per municipality.
 */
interface CriterionPlan {
  entry: ResolvedValue | null;
  threshold: number | null;
  /** A dated test kouiki does not evaluate and that is not in force that day: no row at all. */
  absent: boolean;
  citation: string;
  /** Citation of the threshold's entry (for the trace). */
  thresholdCitation: string;
  name: string;
  required: string;
  effectiveFrom: string | null;
  /** "the date of this value is unconfirmed: ..." when the entry says so. */
  unconfirmedNote: string | undefined;
  /** The reference deciding the criterion is unconfirmed (its note is then always shown). */
  unconfirmed: boolean;
  /** "figure: where to get it" for the row left unknown. */
  missing: string | null;
}

function criterionPlan(ctx: EligibilityContext, c: Criterion): CriterionPlan {
  const memo = memoOf(ctx).plans;
  let p = memo.get(c);
  if (p === undefined) memo.set(c, (p = buildCriterionPlan(ctx, c)));
  return p;
}

function buildCriterionPlan(ctx: EligibilityContext, c: Criterion): CriterionPlan {
  const { lang } = ctx;
  const entry = c.threshold ? valueAt(c.threshold as DatedValue, ctx.asOf) : null;
  const threshold = entry && typeof entry.entry.value === 'number' ? entry.entry.value : null;
  const confirmDated = c.test === 'confirm' && !!c.threshold;
  let required = confirmDated && entry ? (entry.entry.note?.[lang] ?? c.required?.[lang] ?? '') : '';
  if (!required) required = requiredText(ctx, c, threshold);
  let effectiveFrom: string | null = null;
  // The day the threshold took this value, not the day an unchanged value was last checked.
  if (entry && entry.from && c.threshold) effectiveFrom = changedOn(c.threshold as DatedValue, entry.from) || null;
  const e = entry?.entry;
  return {
    entry,
    threshold,
    absent: confirmDated && (!entry || entry.entry.value === null || entry.entry.value === undefined),
    citation: cite(ctx, entry?.entry.ref ?? c.ref),
    thresholdCitation: entry ? cite(ctx, entry.entry.ref) : '',
    name: c.name[lang],
    required,
    effectiveFrom,
    unconfirmedNote: e && e.status === 'unconfirmed' && e.note ? t2(lang, W.unconfirmedValue, { note: e.note[lang] }) : undefined,
    unconfirmed: (entry?.entry.ref.status ?? c.ref.status) === 'unconfirmed',
    missing: missingText(ctx, c),
  };
}

function evaluateCriterion(ctx: EligibilityContext, d: Designation, c: Criterion, s: Subject, central?: Subject): CriterionResult | null {
  const { lang } = ctx;
  const m = s.municipality;
  const plan = criterionPlan(ctx, c);
  const { entry, threshold } = plan;
  // The notes joined as they are found (one string, not an array joined at the end: most
  // criteria have at most one note, which is then shared as it is).
  let notes: string | undefined;
  if (entry) {
    ctx.trace?.({
      type: 'parameter',
      designation: d.id,
      criterion: c.id,
      parameter: 'threshold',
      value: entry.entry.value,
      effectiveFrom: entry.from,
      citation: plan.thresholdCitation,
      ...(entry.entry.status === 'unconfirmed' ? { unconfirmed: true } : {}),
    });
    notes = plan.unconfirmedNote;
  }
  if (c.approx === 'tolerance') {
    ctx.trace?.({ type: 'parameter', designation: d.id, criterion: c.id, parameter: 'tolerance', value: ctx.tolerance, effectiveFrom: null, citation: 'pack.yaml settings.tolerance' });
  }
  if (plan.absent) return null;

  let single: Single;
  const subject = c.subject ?? 'self';
  if (c.test === 'confirm' && c.threshold) {
    // A dated test kouiki does not evaluate (e.g. the 中核市 area test before 2006), in force
    // that day (else it is `absent`: no criterion at all, no row).
    single = { status: 'unknown', actual: null, note: W.confirm[lang] };
  } else if (subject === 'largest-former') {
    const formers = m.mergedFrom ?? [];
    if (formers.some((f) => !f.population)) single = { status: 'unknown', actual: null, note: W.largestUnknown[lang] };
    else {
      const largest = [...formers].sort((a, b) => b.population!.value - a.population!.value)[0]!;
      const f = dayNightRatioOf(largest, lang);
      if (threshold === null) single = { status: 'unknown', actual: null, note: t2(lang, W.noThreshold, { d: ctx.asOf }) };
      else if (!f) single = { status: 'unknown', actual: null };
      else single = compareFigure(ctx, c, f, threshold);
      single.actual = single.actual === null ? null : `${largest.name} ${single.actual}`;
    }
  } else if (subject === 'each-of-pair') {
    if (!s.twin) single = { status: 'unknown', actual: null, note: W.noTwin[lang] };
    else {
      const a = evaluateOne(ctx, d, c, m, threshold, plan.citation, central);
      const b = evaluateOne(ctx, d, c, s.twin, threshold, plan.citation, central);
      const show = (x: Single): string => (x.actual === null ? '?' : typeof x.actual === 'number' ? fmtNumber(x.actual) : x.actual);
      single = { status: combine([a.status, b.status]), actual: `${m.name} ${show(a)} / ${s.twin.name} ${show(b)}` };
    }
  } else if (subject === 'pair-combined') {
    if (!s.twin) single = { status: 'unknown', actual: null, note: W.noTwin[lang] };
    else {
      const pa = m.population;
      const pb = s.twin.population;
      if (!pa || !pb || threshold === null) single = { status: 'unknown', actual: pa && pb ? pa.value + pb.value : null };
      else single = compareFigure(ctx, c, { value: pa.value + pb.value, source: '', derivation: `${fmtNumber(pa.value)} + ${fmtNumber(pb.value)}` }, threshold);
    }
  } else single = evaluateOne(ctx, d, c, m, threshold, plan.citation, central);

  if (single.note) notes = addNote(notes, single.note);
  if (single.status === 'not-applicable' && c.guideline && single.actual !== null && !single.note) notes = addNote(notes, c.belowNote![lang]);
  const missing = single.status === 'unknown' && !single.note?.startsWith(W.confirm[lang]) ? plan.missing : null;
  if (c.note && (single.status !== 'pass' || c.test === 'confirm' || plan.unconfirmed)) notes = addNote(notes, c.note[lang]);
  const out = criterionOut(c.id, single, plan, !!c.guideline, notes, missing);
  ctx.trace?.({
    type: 'criterion',
    designation: d.id,
    criterion: c.id,
    left: out.actual,
    op: c.op ?? c.test,
    right: threshold ?? (c.kinds ? c.kinds.join('|') : c.test === 'outside-metro' ? 'none' : null),
    status: out.status,
    how: c.test,
  });
  return out;
}

/**
 * A ratio rounded for display (4 decimals), with more decimals when rounding would cross the
 * threshold (0.09999 is shown so, not as 0.1, when "< 0.1" passes).
 */
export function roundKeeping(v: number, op: string, threshold: number, ok: boolean): number {
  for (let d = 4; d <= 10; d++) {
    const f = 10 ** d;
    const r = Math.round(v * f) / f;
    if (cmp(r, op, threshold) === ok) return r;
  }
  return v;
}

/** Compares one figure with a threshold: tolerance and floor bands, lower bounds, guidelines. */
function compareFigure(ctx: EligibilityContext, c: Criterion, f: NumberFigure, threshold: number): Single {
  const op = c.op!;
  const v = f.value;
  const ok = cmp(v, op, threshold);
  const actual = c.figure === 'population' ? v : roundKeeping(v, op, threshold, ok);
  if (f.atLeast) {
    // Only a lower bound is known: it decides ">=" when it already passes, "<" when it already fails.
    const upward = op === '>=' || op === '>';
    if (upward && ok) return { status: 'pass', actual, atLeast: true };
    if (!upward && !ok) return { status: 'fail', actual, atLeast: true };
    return { status: 'unknown', actual, atLeast: true, note: t2(ctx.lang, W.atLeast, { v: String(actual) }) };
  }
  if (ok) return { status: 'pass', actual };
  if (c.approx === 'tolerance' && (op === '>=' || op === '>') && v > threshold * (1 - ctx.tolerance)) return { status: 'borderline', actual };
  if (c.floor && cmp(v, c.floor.op, c.floor.value)) return { status: 'borderline', actual };
  if (c.guideline) return { status: 'not-applicable', actual, note: c.belowNote![ctx.lang] };
  return { status: 'fail', actual };
}

export { ORDER as STATUS_ORDER };
