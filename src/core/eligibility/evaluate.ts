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
import { changedOn, valueAt } from '../dated.js';
import { dayNightRatioOf, fmtNumber, mergeMunicipalities, metroCoreShareOf, round4, shareTo, commutersTo, type NumberFigure } from './figures.js';
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
  partnerSelf: { ja: '--partner-of に同じ市町村（{n}）が指定されています', en: '--partner-of names the municipality itself ({n})' },
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
    if (members.some((m) => m.id === twin!.id)) throw err({ ja: fill(W.twinSelf.ja, { n: twin.name }), en: fill(W.twinSelf.en, { n: twin.name }) });
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
        share: shareTo(p, central.members, index, lang)?.value ?? -1,
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
      throw err({ ja: fill(W.partnerSelf.ja, { n }), en: fill(W.partnerSelf.en, { n }) });
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
  const muni: EligibilityResult['municipality'] = { name: m.name, merged };
  if (m.code) muni.code = m.code;
  if (m.prefecture) muni.prefecture = m.prefecture;
  muni.kind = m.kind?.value ?? null;
  const result: EligibilityResult = {
    municipality: muni,
    designations: designations.map((d) => evaluateDesignation(ctx, d, s, central)),
    figures: figuresOf(ctx, s, central),
  };
  if (s.derived.length > 0) result.derived = s.derived;
  if (m.notes.length > 0) result.notes = [...m.notes];
  return result;
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
  const out: FigureOut[] = [];
  const push = (figure: string, f: NumberFigure | Figure<string> | null, whereKey: keyof typeof ctx.index.figureSources, round = false): void => {
    const o: FigureOut = { figure, value: f ? (round && typeof f.value === 'number' ? round4(f.value) : f.value) : null, source: f ? f.source : null };
    if (f?.derivation) o.derivation = f.derivation;
    if (!f) {
      const w = where(ctx, whereKey);
      if (w) o.where = w;
    }
    out.push(o);
    ctx.trace?.({ type: 'figure', municipality: m.name, figure, value: o.value, source: o.source, ...(o.derivation ? { derivation: o.derivation } : {}), ...((f as NumberFigure | null)?.atLeast ? { atLeast: true } : {}) });
  };
  if (central) {
    push('commuteShare', shareTo(m, central.members, ctx.index, ctx.lang), 'commuteShare', true);
    return out;
  }
  push('kind', m.kind, 'kind');
  push('population', m.population, 'population');
  push('dayNightRatio', dayNightRatioOf(m, ctx.lang), 'dayNightRatio', true);
  push('metroArea', m.metroArea, 'metroArea');
  push('metroCoreCommuteShare', metroCoreShareOf(m, ctx.lang), 'metroCoreCommuteShare', true);
  if (s.twin) {
    push(`twin:population`, s.twin.population, 'population');
    push(`twin:dayNightRatio`, dayNightRatioOf(s.twin, ctx.lang), 'dayNightRatio', true);
    push(`twin:metroArea`, s.twin.metroArea, 'metroArea');
  }
  return out;
}

// ───────────────────────────────────────────────────────────────── designations

interface Row {
  out: CriterionResult;
  /** The status before any special case replaced it. */
  raw: CriterionStatus;
}

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

function evaluateDesignation(ctx: EligibilityContext, d: Designation, s: Subject, central?: Subject): DesignationResult {
  const { lang } = ctx;
  const rows: Row[] = [];
  const notes: string[] = [];
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
    rows.push({ out, raw: 'fail' });
  }
  for (const c of d.criteria) {
    const row = evaluateCriterion(ctx, d, c, s, central);
    if (row) rows.push(row);
  }

  // Special cases: evaluate each route, then let a passing (or undecided) route stand in for
  // the criteria it replaces.
  const base = new Map(rows.map((r) => [r.out.id, r]));
  for (const e of d.exceptions ?? []) {
    const route = evaluateException(ctx, d, e, s);
    const replaced = e.replaces.map((id) => base.get(id)).filter((r): r is Row => r !== undefined);
    const openRows = route.rows;
    if (route.applies !== 'closed') {
      if (replaced.every((r) => r.raw === 'pass' || r.raw === 'not-applicable')) {
        for (const r of openRows) {
          if (r.out.status !== 'pass') {
            r.out.status = 'not-applicable';
            r.out.note = exceptionNote(ctx, e, 'notNeeded');
          }
        }
      } else {
        const status = combine(openRows.map((r) => r.out.status));
        ctx.trace?.({ type: 'exception', designation: d.id, exception: e.id, applies: route.applies, route: status });
        for (const r of replaced) {
          if (r.out.status === 'pass' || r.out.status === 'not-applicable') continue;
          const from = r.out.status;
          if (status === 'pass') {
            r.out.status = 'not-applicable';
            r.out.replacedBy = e.id;
            r.out.note = t2(lang, W.replaced, { e: e.id, name: e.name[lang] });
          } else if ((status === 'unknown' || status === 'borderline') && from === 'fail') {
            r.out.status = status;
            r.out.note = t2(lang, W.undecidedRoute, { e: e.id, name: e.name[lang], status: W.status[status][lang] });
          }
          if (r.out.status !== from) ctx.trace?.({ type: 'replace', designation: d.id, criterion: r.out.id, by: e.id, from, to: r.out.status });
        }
      }
    }
    rows.push(...openRows);
  }

  const criteria = rows.map((r) => canonical(r.out));
  const eligible = eligibleOf(criteria);
  ctx.trace?.({ type: 'result', designation: d.id, eligible });

  // Notes of the designation that apply to this subject.
  const m = s.municipality;
  if (m.kind && m.kind.value === d.id) notes.push(t2(lang, W.already, { name: d.name[lang], source: m.kind.source }));
  const inMetro = m.metroArea !== null && m.metroArea.value !== 'none';
  const isMerged = s.members.length > 1 || (m.mergedFrom !== null && m.mergedFrom.length > 0);
  const memberCore = s.members.length > 1 && s.members.some((x) => x.kind?.value === 'core-city');
  for (const n of d.notes ?? []) {
    const on = n.when === 'always' || (n.when === 'merged' && isMerged) || (n.when === 'in-metro' && inMetro) || (n.when === 'member-core-city' && memberCore);
    if (on) notes.push(noteText(ctx, n));
  }
  const result: DesignationResult = { designation: d.id, eligible, criteria, name: d.name[lang] };
  if (central) result.centralCity = central.municipality.name;
  result.steps = stepsOf(ctx, d);
  if (notes.length > 0) result.notes = notes;
  return result;
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

interface Route {
  applies: 'open' | 'closed' | 'unknown';
  rows: Row[];
}

function windowText(ctx: EligibilityContext, e: Exception): string {
  const kinds = e.required?.[ctx.lang] ?? (e.applies.kinds ?? []).join(', ');
  if (!e.window) return kinds;
  const from = Object.keys(e.window.values).sort()[0]!;
  const to = e.window.until ? dayBefore(e.window.until) : '';
  return t2(ctx.lang, W.windowText, { kinds, from, to });
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

function evaluateException(ctx: EligibilityContext, d: Designation, e: Exception, s: Subject): Route {
  const { lang } = ctx;
  const m = s.municipality;
  let applies: Route['applies'] = 'open';
  let reason: 'kind' | 'merged' | 'twin' | 'before' | 'after' | undefined;
  if (e.applies.kinds) {
    if (!m.kind) applies = 'unknown';
    else if (!e.applies.kinds.includes(m.kind.value)) [applies, reason] = ['closed', 'kind'];
  }
  if (applies !== 'closed' && e.applies.merged && !(m.mergedFrom && m.mergedFrom.length > 0)) [applies, reason] = ['closed', 'merged'];
  if (applies !== 'closed' && e.applies.twin && !s.twin) [applies, reason] = ['closed', 'twin'];
  let windowEntry: { entry: DatedEntry; from: string } | null = null;
  if (applies !== 'closed' && e.window) {
    windowEntry = valueAt(e.window, ctx.asOf);
    if (!windowEntry || windowEntry.entry.value !== true) {
      const first = Object.keys(e.window.values).sort()[0]!;
      [applies, reason] = ['closed', ctx.asOf < first ? 'before' : 'after'];
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
    if (why) out.note = t2(lang, W.closedRoute, { why });
    else if (applies === 'unknown') {
      out.note = W.unknownRoute[lang];
      const w = where(ctx, 'kind');
      if (w) out.missing = w;
    } else if (e.note) out.note = e.note[lang];
    return { applies, rows: [{ out, raw: status }] };
  }
  const rows = e.criteria.map((c) => evaluateCriterion(ctx, d, c, s)).filter((r): r is Row => r !== null);
  if (e.note && rows.length > 0) {
    const first = rows[0]!.out;
    first.note = first.note ? `${first.note}; ${e.note[lang]}` : e.note[lang];
  }
  return { applies, rows };
}

// ───────────────────────────────────────────────────────────────── criteria

const KEY_ORDER: (keyof CriterionResult)[] = ['id', 'status', 'actual', 'required', 'citation', 'name', 'effectiveFrom', 'atLeast', 'guideline', 'replacedBy', 'note', 'missing'];

/** The criterion with its keys in one fixed order (the contract's first), so the JSON is byte-stable. */
const KEY_RANK = new Map<string, number>(KEY_ORDER.map((k, i) => [k, i]));

/** The criterion with its keys in the contract's order (copied only when they are not already). */
function canonical(c: CriterionResult): CriterionResult {
  let last = -1;
  let ordered = true;
  for (const k in c) {
    const r = KEY_RANK.get(k) ?? 99;
    if (r < last || (c as unknown as Record<string, unknown>)[k] === undefined) {
      ordered = false;
      break;
    }
    last = r;
  }
  if (ordered) return c;
  const out: Record<string, unknown> = {};
  for (const k of KEY_ORDER) if (c[k] !== undefined) out[k] = c[k];
  return out as unknown as CriterionResult;
}

const requiredMemo = new WeakMap<object, Map<string, string>>();

/** The requirement in words, once per criterion, threshold and language. */
function requiredText(ctx: EligibilityContext, c: Criterion, threshold: number | null): string {
  let m = requiredMemo.get(c);
  if (!m) requiredMemo.set(c, (m = new Map()));
  const key = `${ctx.lang}|${threshold}`;
  let v = m.get(key);
  if (v === undefined) {
    v = buildRequiredText(ctx, c, threshold);
    m.set(key, v);
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
      return central ? shareTo(m, central.members, ctx.index, ctx.lang) : null;
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

function evaluateCriterion(ctx: EligibilityContext, d: Designation, c: Criterion, s: Subject, central?: Subject): Row | null {
  const { lang } = ctx;
  const m = s.municipality;
  let threshold: number | null = null;
  let entry: { entry: DatedEntry; from: string } | null = null;
  const notes: string[] = [];
  if (c.threshold) {
    entry = valueAt(c.threshold as DatedValue, ctx.asOf);
    if (entry) {
      if (typeof entry.entry.value === 'number') threshold = entry.entry.value;
      ctx.trace?.({
        type: 'parameter',
        designation: d.id,
        criterion: c.id,
        parameter: 'threshold',
        value: entry.entry.value,
        effectiveFrom: entry.from,
        citation: cite(ctx, entry.entry.ref),
        ...(entry.entry.status === 'unconfirmed' ? { unconfirmed: true } : {}),
      });
      if (entry.entry.status === 'unconfirmed' && entry.entry.note) notes.push(t2(lang, W.unconfirmedValue, { note: entry.entry.note[lang] }));
    }
  }
  if (c.approx === 'tolerance') {
    ctx.trace?.({ type: 'parameter', designation: d.id, criterion: c.id, parameter: 'tolerance', value: ctx.tolerance, effectiveFrom: null, citation: 'pack.yaml settings.tolerance' });
  }
  const out: CriterionResult = {
    id: c.id,
    status: 'unknown',
    actual: null,
    required: '',
    citation: cite(ctx, entry?.entry.ref ?? c.ref),
    name: c.name[lang],
  };

  const one = (target: Municipality): Single => {
    switch (c.test) {
      case 'kind-in': {
        if (!target.kind) return { status: 'unknown', actual: null };
        ctx.trace?.({ type: 'parameter', designation: d.id, criterion: c.id, parameter: 'kinds', value: c.kinds, effectiveFrom: null, citation: out.citation });
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
  };

  let single: Single;
  const subject = c.subject ?? 'self';
  if (c.test === 'confirm' && c.threshold) {
    // A dated test kouiki does not evaluate (e.g. the 中核市 area test before 2006); when it is
    // not in force on --as-of it is no criterion at all and gets no row.
    const v = entry?.entry.value;
    if (!entry || v === null || v === undefined) return null;
    single = { status: 'unknown', actual: null, note: W.confirm[lang] };
    out.required = entry.entry.note?.[lang] ?? (c.required?.[lang] ?? '');
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
      const a = one(m);
      const b = one(s.twin);
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
  } else single = one(m);

  out.status = single.status;
  out.actual = single.actual;
  if (!out.required) out.required = requiredText(ctx, c, threshold);
  if (entry && entry.from && c.threshold) {
    // The day the threshold took this value, not the day an unchanged value was last checked.
    const since = changedOn(c.threshold as DatedValue, entry.from);
    if (since) out.effectiveFrom = since;
  }
  if (single.atLeast) out.atLeast = true;
  if (c.guideline) out.guideline = true;
  if (single.note) notes.push(single.note);
  if (single.status === 'not-applicable' && c.guideline && single.actual !== null && !single.note) notes.push(c.belowNote![lang]);
  if (out.status === 'unknown' && !single.note?.startsWith(W.confirm[lang])) {
    const w = where(ctx, figureKey(c));
    if (w && c.test !== 'confirm') out.missing = `${W.figure[figureKey(c)][lang]}: ${w}`;
  }
  const unconfirmed = (entry?.entry.ref.status ?? c.ref.status) === 'unconfirmed';
  if (c.note && (out.status !== 'pass' || c.test === 'confirm' || unconfirmed)) notes.push(c.note[lang]);
  if (notes.length > 0) out.note = notes.join('; ');
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
  return { out, raw: out.status };
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
