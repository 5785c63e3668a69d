import { UserError } from '../../errors.js';
import type { Lang } from '../../i18n/lang.js';
import type { Designation } from '../../pack/designations-schema.js';
import type { PackData } from '../../pack/model.js';
import type { DatedValue } from '../../pack/schema.js';
import { valueAt } from '../dated.js';
import { commutersByShare, shareOf, type ShareTo } from './commuting.js';
import { createContext, prefectureOrIts, where, type EligibilityContext } from './context.js';
import { evaluateSubject } from './evaluate.js';
import type { MunicipalityIndex } from './index.js';
import { emptyMunicipality, type Figure, type Municipality, type Subject } from './model.js';
import { designationsFor, resolveMunicipality } from './resolve.js';
import { packDesignations } from '../../pack/model.js';
import { both, round4, t2 } from './text.js';
import type { CriterionStatus } from './types.js';

/**
 * The commuting sphere of a city (`kouiki sphere CITY`): every municipality of the data whose
 * share of residents who work or study going to CITY meets a partner guideline of the pack
 * (連携中枢都市圏: 10 % in principle; 定住自立圏: one factor among others), highest share first,
 * with the counts and their sources, and the municipalities just below the line. The first
 * question of a 連携中枢都市圏 or a 定住自立圏: who are our partners?
 *
 * One computation with `eligibility CITY --partners` and `check`'s partner-commuting rule: the
 * commuters are `commutersByShare`, each share is `shareOf` (commuting.ts), and whether it meets
 * a guideline is the engine's own verdict on the partner designation (`evaluateSubject`), never a
 * comparison of its own. Pure: no I/O, no clock.
 */

export interface SphereRequest {
  /** The central city: a name, 都道府県名+名前, or a code. */
  city: string;
  /** List every municipality with a share of at least this (a fraction); absent: the nearest few below the line. */
  min?: number;
  /** The partner guidelines to apply (designation ids); default: every partner designation of the pack. */
  designations?: string[];
}

/** How many municipalities below the line are listed when no `min` is given. */
export const NEAREST_BELOW = 3;

/** A partner guideline as the pack states it on --as-of. */
export interface SphereGuideline {
  designation: string;
  name: string;
  /** The share the guideline asks for (e.g. 0.1). */
  threshold: number;
  /** The requirement in words, as the eligibility results write it (">= 0.1 (原則・目安)"). */
  required: string;
  citation: string;
  effectiveFrom?: string;
  /** The pack's note on the guideline (e.g. that its text is unconfirmed). */
  note?: string;
  /** What the pack says of a municipality below it (it may still join). */
  belowNote?: string;
}

/** A count with its source. */
export interface SphereFigure {
  value: number;
  source: string;
}

export type SphereStatus = 'meets' | 'below' | 'unknown';

export interface SphereEntry {
  municipality: { name: string; code?: string; prefecture?: string };
  /** `meets`: at or above a guideline; `below`: under every guideline; `unknown`: no share (a count without its total). */
  status: SphereStatus;
  /** The share (4 decimals), or null when it cannot be computed. */
  share: number | null;
  /** Residents who work or study in CITY (the numerator), when the share comes from counts. */
  commuters: SphereFigure | null;
  /** All residents who work or study (常住地; the denominator), when the share comes from counts. */
  workersAndStudents: SphereFigure | null;
  /** How the share was computed ("n ÷ w"), or where a share given as such came from. */
  derivation?: string;
  /** The source of the share when the data gives it as a share (commuteShareTo) rather than counts. */
  shareSource?: string;
  /** The engine's status for each guideline: pass, not-applicable (below; a guideline, not a bar) or unknown. */
  guidelines: Record<string, CriterionStatus>;
}

export interface SphereResult {
  city: { name: string; code?: string; prefecture?: string; kind: string | null };
  guidelines: SphereGuideline[];
  /** What is listed below the line: every municipality from `min` up, or the `nearest` few below it. */
  listed: { min: number } | { nearestBelow: number };
  /** Highest share first (then by code); those meeting a guideline, then those below it, then the unknown. */
  municipalities: SphereEntry[];
  /** Whose commuting figures the data holds at all: the sphere can only be as wide as the data. */
  coverage: { municipalities: number; prefectures: { name: string; municipalities: number }[] };
  /** Where to obtain commuting figures, when no municipality of the data has one to CITY. */
  where?: string;
  notes: string[];
}

const W = {
  noGuideline: { ja: '{d} にはルールパックの連携の相手の目安（通勤通学割合）がまだありません', en: 'no partner guideline (commuting share) of the rule pack was in force on {d}' },
  noGuidelineHint: {
    ja: '--as-of を目安の施行後の日付にしてください（{list}）',
    en: 'give an --as-of on or after a guideline took effect ({list})',
  },
  notInForce: { ja: '{n}の目安は {d} にはまだない（{f} から）', en: 'the guideline of the {n} was not yet in force on {d} (from {f})' },
  coverage: {
    ja: '通勤通学の数値がデータにある市町村は {n}（{p}）。それ以外の市町村（他の都道府県を含む）はこの一覧に現れない。常住地ごとの従業地・通学地の表を取り込むと広がる（kouiki data import）',
    en: 'the data holds commuting figures for {n} municipalities ({p}); no other municipality (of any other prefecture) can appear in this list; import the origin–destination tables of their places of residence to widen it (kouiki data import)',
  },
  notPartner: { ja: 'sphere が当てはめるのは連携の相手の目安だけです（{d} は不可）', en: 'sphere applies the partner guidelines only (not {d})' },
  notPartnerHint: { ja: '--designation には {list} を指定してください', en: 'give --designation one of {list}' },
  noCoverage: { ja: 'データに通勤通学の数値がある市町村はない', en: 'no municipality of the data has commuting figures' },
  ownMissing: {
    ja: 'データには{c}のある{p}の市町村の通勤通学の数値がない: 通勤通学圏の大部分がこの一覧から抜けている。{p}の常住地の表を取り込むこと（{how}）',
    en: 'the data has no commuting figures of the municipalities of {p}, where {c} is: most of its sphere is missing from this list. Import the table of {p} as the place of residence ({how})',
  },
  /**
   * Where the counts are published and how kouiki takes them in. kouiki embeds no
   * origin–destination table (none could be obtained for the build; docs/decisions.md): the
   * planner downloads the official one. The table's id and title are e-Stat's.
   */
  importHow: {
    ja: 'e-Stat「令和2年国勢調査 従業地・通学地による人口・就業状態等集計」表6-1「従業・通学市区町村，男女別通勤者・通学者数」（統計表ID 0003454527、https://www.e-stat.go.jp/dbview?sid=0003454527）を、常住地を{p}の市区町村に、男女を総数に絞って CSV でダウンロードし、kouiki data import FILE.csv -o flows.yaml で取り込んで kouiki sphere {c} --data flows.yaml。境に近い市は隣の都道府県の表も',
    en: 'download e-Stat 「令和2年国勢調査 従業地・通学地による人口・就業状態等集計」 table 6-1 「従業・通学市区町村，男女別通勤者・通学者数」 (statistics table 0003454527, https://www.e-stat.go.jp/dbview?sid=0003454527) as CSV, with 常住地 (place of residence) the municipalities of {p} and 男女 at 総数; then kouiki data import FILE.csv -o flows.yaml and kouiki sphere {c} --data flows.yaml. For a city near a border, the neighbouring prefectures\' tables too',
  },
  byHand: { ja: '手で書くなら: {s}', en: 'By hand: {s}' },
} as const;

/**
 * The sphere of one city. Throws a UserError (exit 2) for a city that cannot be found, a
 * designation that is not a partner guideline, or a day on which no guideline was in force.
 */
export function computeSphere(data: PackData, index: MunicipalityIndex, request: SphereRequest, asOf: string, lang: Lang): SphereResult {
  const ctx = createContext(data, index, asOf, lang);
  const city = resolveMunicipality(index, request.city);
  const central: Subject = { municipality: city, members: [city], derived: [], twin: null };
  const designations = sphereDesignations(data, request);
  const notes: string[] = [];
  const inForce: { d: Designation; guideline: SphereGuideline }[] = [];
  for (const d of designations) {
    if (d.inForce && d.inForce.from > asOf) {
      notes.push(t2(lang, W.notInForce, { n: d.name[lang], d: asOf, f: d.inForce.from }));
      continue;
    }
    const g = guidelineOf(ctx, d, central);
    if (g) inForce.push({ d, guideline: g });
  }
  if (inForce.length === 0) {
    const list = designations.map((d) => `${d.id} ${d.inForce?.from ?? ''}`.trim()).join(', ');
    throw new UserError(both(W.noGuideline, { d: asOf }), { hint: both(W.noGuidelineHint, { list }) });
  }
  const guidelines = inForce.map((x) => x.guideline);
  const line = Math.min(...guidelines.map((g) => g.threshold));

  const entries = commutersByShare(ctx, central).map((m) => entryOf(ctx, m, central, inForce.map((x) => x.d)));
  const meets = entries.filter((e) => e.status === 'meets');
  const below = entries.filter((e) => e.status === 'below');
  const unknown = entries.filter((e) => e.status === 'unknown');
  const listedBelow = request.min !== undefined ? below.filter((e) => e.share !== null && e.share >= request.min!) : below.slice(0, NEAREST_BELOW);
  // With a --min above the line, only the partners at or above it are listed.
  const listedMeets = request.min !== undefined && request.min > line ? meets.filter((e) => e.share !== null && e.share >= request.min!) : meets;

  const coverage = coverageOf(index, city);
  notes.push(coverage.municipalities > 0 ? t2(lang, W.coverage, { n: coverage.municipalities, p: coverage.prefectures.map((p) => `${p.name} ${p.municipalities}`).join(lang === 'ja' ? '、' : ', ') }) : t2(lang, W.noCoverage));
  const pref = prefectureOrIts(city.prefecture, lang);
  const how = t2(lang, W.importHow, { p: pref, c: city.name });
  // Commuters listed, but none from the city's own prefecture (a neighbouring prefecture's table
  // only): the list is missing the city's nearest partners, which it would not show by itself.
  // (With no commuter at all, `where` says how to get the figures.)
  if (entries.length > 0 && city.prefecture && !coverage.prefectures.some((p) => p.name === city.prefecture)) notes.push(t2(lang, W.ownMissing, { p: pref, c: city.name, how }));
  for (const g of guidelines) {
    if (g.note && !notes.includes(g.note)) notes.push(g.note);
    if (g.belowNote && !notes.includes(g.belowNote)) notes.push(g.belowNote);
  }
  const result: SphereResult = {
    city: cityOut(city),
    guidelines,
    listed: request.min !== undefined ? { min: request.min } : { nearestBelow: NEAREST_BELOW },
    municipalities: [...listedMeets, ...listedBelow, ...unknown],
    coverage,
    notes,
  };
  if (entries.length === 0) {
    const w = where(ctx, 'commuteShare', city.prefecture);
    result.where = w ? `${how}${lang === 'ja' ? '。' : '. '}${t2(lang, W.byHand, { s: w })}` : how;
  }
  return result;
}

/** The partner designations asked for (every one of the pack by default); any other is a user error. */
function sphereDesignations(data: PackData, request: SphereRequest): Designation[] {
  const named = request.designations && request.designations.length > 0;
  const list = named ? designationsFor(data, { names: [], designations: request.designations }) : packDesignations(data).filter((d) => d.role === 'partner');
  for (const d of list) {
    if (d.role !== 'partner') throw new UserError(both(W.notPartner, { d: d.id }), { hint: both(W.notPartnerHint, { list: packDesignations(data).filter((x) => x.role === 'partner').map((x) => x.id).join(', ') }) });
  }
  return list;
}

/**
 * A guideline as the engine states it that day: its row for a municipality without figures
 * (the requirement, citation and effective date in the engine's words), and the dated threshold.
 */
function guidelineOf(ctx: EligibilityContext, d: Designation, central: Subject): SphereGuideline | null {
  const c = d.criteria.find((x) => x.figure === 'commuteShare' && x.test === 'compare');
  if (!c || !c.threshold) return null;
  const entry = valueAt(c.threshold as DatedValue, ctx.asOf);
  const threshold = entry && typeof entry.entry.value === 'number' ? entry.entry.value : null;
  if (threshold === null) return null;
  const probe = emptyMunicipality('x:sphere/probe', '', null, null, false);
  const row = evaluateSubject(ctx, { municipality: probe, members: [probe], derived: [], twin: null }, [d], central).designations[0]!.criteria.find((x) => x.id === c.id);
  if (!row) return null;
  const g: SphereGuideline = { designation: d.id, name: d.name[ctx.lang], threshold, required: row.required, citation: row.citation };
  if (row.effectiveFrom) g.effectiveFrom = row.effectiveFrom;
  if (c.note) g.note = c.note[ctx.lang];
  if (c.belowNote) g.belowNote = c.belowNote[ctx.lang];
  return g;
}

function entryOf(ctx: EligibilityContext, m: Municipality, central: Subject, designations: Designation[]): SphereEntry {
  const share: ShareTo | null = shareOf(ctx, m, central);
  const r = evaluateSubject(ctx, { municipality: m, members: [m], derived: [], twin: null }, designations, central);
  const statuses: Record<string, CriterionStatus> = {};
  for (const d of r.designations) {
    const c = d.criteria.find((x) => x.guideline) ?? d.criteria.find((x) => x.id === 'commute-share');
    statuses[d.designation] = c ? c.status : 'unknown';
  }
  const all = Object.values(statuses);
  const status: SphereStatus = all.includes('pass') ? 'meets' : all.length > 0 && all.every((s) => s === 'not-applicable') ? 'below' : 'unknown';
  // A count to the city without the total it is a share of: the count alone is still worth showing.
  const count = share ? null : countTo(ctx, m, central);
  // Keys in the order JSON shows them.
  const entry: SphereEntry = {
    municipality: placeOf(m),
    status,
    share: share ? round4(share.value) : null,
    commuters: share?.counts ? figure(share.counts.commuters) : count ? figure(count) : null,
    workersAndStudents: share?.counts ? figure(share.counts.workersAndStudents) : null,
  } as SphereEntry;
  if (share?.derivation) entry.derivation = share.derivation;
  if (share && !share.counts) entry.shareSource = share.source;
  entry.guidelines = statuses;
  return entry;
}

/** The count from `m` to the city when the share cannot be computed (no workers-and-students total). */
function countTo(ctx: EligibilityContext, m: Municipality, central: Subject): Figure<number> | null {
  for (const [k, f] of Object.entries(m.to)) {
    const r = ctx.index.resolve(k);
    if ((r.ok && r.municipality.id === central.municipality.id) || (!r.ok && k === central.municipality.name)) return f;
  }
  return null;
}

function figure(f: Figure<number>): SphereFigure {
  return { value: f.value, source: f.source };
}

function placeOf(m: Municipality): SphereEntry['municipality'] {
  const out: SphereEntry['municipality'] = { name: m.name };
  if (m.code) out.code = m.code;
  if (m.prefecture) out.prefecture = m.prefecture;
  return out;
}

function cityOut(m: Municipality): SphereResult['city'] {
  return { ...placeOf(m), kind: m.kind?.value ?? null };
}

/** The municipalities of the data with commuting figures of their own (a total, counts or shares), by prefecture. */
function coverageOf(index: MunicipalityIndex, city: Municipality): SphereResult['coverage'] {
  const byPref = new Map<string, number>();
  let n = 0;
  for (const m of index.withData()) {
    if (m.id === city.id) continue;
    if (!m.workersAndStudents && Object.keys(m.to).length === 0 && Object.keys(m.commuteShareTo).length === 0) continue;
    n++;
    const p = m.prefecture ?? '?';
    byPref.set(p, (byPref.get(p) ?? 0) + 1);
  }
  const prefectures = [...byPref].map(([name, municipalities]) => ({ name, municipalities })).sort((a, b) => b.municipalities - a.municipalities || a.name.localeCompare(b.name));
  return { municipalities: n, prefectures };
}
