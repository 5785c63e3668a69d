import type { Lang } from '../../i18n/lang.js';
import { CITY_KINDS, type Figure, type FormerMunicipality, type MetroArea, type Municipality } from './model.js';
import type { MunicipalityIndex } from './index.js';

/**
 * Figures the criteria read, computed from the data: ratios from counts where counts exist
 * (counts win over a given ratio), shares to a set of municipalities, and the arithmetic of a
 * merger. A figure that cannot be computed exactly is `null`, or carries `atLeast` when only a
 * lower bound is known (some flows missing): never an average of ratios.
 */

export interface NumberFigure extends Figure<number> {
  /** Only a lower bound is known (a sum with missing parts). */
  atLeast?: boolean;
}

/** 1234567 → "1,234,567"; decimals kept as given. Locale-independent (stable output). */
export function fmtNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = String(n);
  const dot = s.indexOf('.');
  const int = dot < 0 ? s : s.slice(0, dot);
  const sign = int.startsWith('-') ? 1 : 0;
  if (int.length - sign <= 3 || int.includes('e')) return s;
  // Thousands separators without a regular expression, three digits at a time: this runs for
  // every figure of every municipality in a batch.
  const digits = int.length - sign;
  const head = digits % 3 || 3;
  let out = int.slice(0, sign + head);
  for (let i = sign + head; i < int.length; i += 3) out += `,${int.slice(i, i + 3)}`;
  return out + (dot < 0 ? '' : s.slice(dot));
}

/** A ratio or share for display and JSON: 4 decimals, trailing zeros dropped. */
export function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function joinSources(...figs: (Figure<unknown> | null | undefined)[]): string {
  return joinSourceList(figs);
}

/** The distinct sources of some figures, in order, joined by " / " (one source is returned as it is). */
function joinSourceList(figs: readonly (Figure<unknown> | null | undefined)[]): string {
  let first: string | undefined;
  let more: Set<string> | undefined;
  for (const f of figs) {
    if (!f) continue;
    if (first === undefined) first = f.source;
    else if (f.source !== first) (more ??= new Set([first])).add(f.source);
  }
  return more ? [...more].join(' / ') : (first ?? '');
}

const T = {
  ratio: { ja: '昼間人口 {d} ÷ 人口 {p}', en: 'daytime population {d} / population {p}' },
  share: { ja: '{n} 人 ÷ 通勤通学者 {w} 人', en: '{n} / {w} residents who work or study' },
  sum: { ja: '合算', en: 'sum' },
} as const;

const templates = new Map<string, string[]>();

/**
 * Fills `{name}` placeholders. The template is split once (literal, name, literal, ...): this
 * runs for every municipality's derived figures, and a regular-expression replace per call
 * showed in profiles.
 */
function fill(t: string, vars: Record<string, string>): string {
  let parts = templates.get(t);
  if (!parts) templates.set(t, (parts = t.split(/\{(\w+)\}/)));
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) out += (vars[parts[i]!] ?? '') + parts[i + 1]!;
  return out;
}

/** The day/night ratio: daytime ÷ resident population when both counts are known, else a given ratio. */
const ratioMemo = { ja: new WeakMap<object, NumberFigure | null>(), en: new WeakMap<object, NumberFigure | null>() };
const shareMemo = { ja: new WeakMap<object, NumberFigure | null>(), en: new WeakMap<object, NumberFigure | null>() };

/** The day/night ratio, memoised per record (each designation reads it again). */
export function dayNightRatioOf(m: Pick<Municipality, 'population' | 'daytimePopulation' | 'dayNightRatio'> | FormerMunicipality, lang: Lang): NumberFigure | null {
  const memo = ratioMemo[lang];
  let v = memo.get(m);
  if (v === undefined) {
    v = computeDayNightRatio(m, lang);
    memo.set(m, v);
  }
  return v;
}

function computeDayNightRatio(m: Pick<Municipality, 'population' | 'daytimePopulation' | 'dayNightRatio'> | FormerMunicipality, lang: Lang): NumberFigure | null {
  const p = m.population;
  const d = m.daytimePopulation;
  if (p && d && p.value > 0) {
    return {
      value: d.value / p.value,
      source: joinSources(d, p),
      derivation: fill(T.ratio[lang], { d: fmtNumber(d.value), p: fmtNumber(p.value) }),
    };
  }
  return m.dayNightRatio;
}

/** Share of residents who work or study going to the metro cores (counts win over a given share). */
/** The metro-core commuting share, memoised per record. */
export function metroCoreShareOf(m: Municipality, lang: Lang): NumberFigure | null {
  const memo = shareMemo[lang];
  let v = memo.get(m);
  if (v === undefined) {
    v = computeMetroCoreShare(m, lang);
    memo.set(m, v);
  }
  return v;
}

function computeMetroCoreShare(m: Municipality, lang: Lang): NumberFigure | null {
  const n = m.toMetroCores as NumberFigure | null;
  const w = m.workersAndStudents;
  if (n && w && w.value > 0) {
    const out: NumberFigure = { value: n.value / w.value, source: joinSources(n, w), derivation: fill(T.share[lang], { n: fmtNumber(n.value), w: fmtNumber(w.value) }) };
    if (n.atLeast) out.atLeast = true;
    return out;
  }
  return m.metroCoreCommuteShare;
}

/** Does a key of a `to:` map name this municipality (by name, full name or code)? */
function keyNames(index: MunicipalityIndex, key: string, target: Municipality): boolean {
  const r = index.resolve(key);
  if (r.ok) return r.municipality.id === target.id;
  return key === target.name;
}

export interface ShareTo extends NumberFigure {
  /** The targets (members of a merged central city) whose flow is not in the data. */
  missing: string[];
}

/**
 * The share of `from`'s residents who work or study that go to `targets` (one municipality, or
 * the members of a merged city): the flows add up over one denominator, so shares to each member
 * may be summed. With some flows missing, the known part is a lower bound (`atLeast`).
 * Not memoised here: the target list is a new array on every request, so a memo keyed on it
 * never hit across requests and only left weak-map entries for the collector (the evaluation
 * memoises per context instead).
 */
export function shareTo(from: Municipality, targets: Municipality[], index: MunicipalityIndex, lang: Lang): ShareTo | null {
  const w = from.workersAndStudents;
  let total = 0;
  // The parts joined as they are found ("a + b"): usually one target, whose part is then the
  // derivation as it is.
  let derivation: string | undefined;
  const sources: Figure<unknown>[] = [];
  const missing: string[] = [];
  for (const t of targets) {
    const countKey = keyFor(from.to, index, t);
    const count = countKey !== undefined ? from.to[countKey]! : null;
    let part: string;
    if (count && w && w.value > 0) {
      total += count.value / w.value;
      part = `${t.name} ${fill(T.share[lang], { n: fmtNumber(count.value), w: fmtNumber(w.value) })}`;
      sources.push(count, w);
    } else {
      const shareKey = keyFor(from.commuteShareTo, index, t);
      if (shareKey === undefined) {
        missing.push(t.name);
        continue;
      }
      const s = from.commuteShareTo[shareKey]!;
      total += s.value;
      part = `${t.name} ${s.value}`;
      sources.push(s);
    }
    derivation = derivation === undefined ? part : `${derivation} + ${part}`;
  }
  if (derivation === undefined) return null;
  const out: ShareTo = { value: total, source: joinSourceList(sources), missing, derivation };
  if (missing.length > 0) out.atLeast = true;
  return out;
}

/** The first key of a `to:` map (in key order) that names `target`. */
function keyFor(map: Record<string, unknown>, index: MunicipalityIndex, target: Municipality): string | undefined {
  for (const k of Object.keys(map)) if (keyNames(index, k, target)) return k;
  return undefined;
}

/** Every municipality in the data with a commuting figure to one of `targets`. */
export function commutersTo(targets: Municipality[], index: MunicipalityIndex): Municipality[] {
  const ids = new Set(targets.map((t) => t.id));
  return index.withData().filter((m) => {
    if (ids.has(m.id)) return false;
    const keys = [...Object.keys(m.to), ...Object.keys(m.commuteShareTo)];
    return keys.some((k) => targets.some((t) => keyNames(index, k, t)));
  });
}

// ───────────────────────────────────────────────────────────────── merger arithmetic

const M = {
  sum: { ja: '{what} {v} = {parts}（合算）', en: '{what} {v} = {parts} (sum)' },
  unknown: { ja: '{what}: 不明（{names}の値がない）', en: '{what}: unknown (no figure for {names})' },
  noCounts: {
    ja: '昼間人口: 不明（{names}は人数がない。合併後の比率は人数の合算で求め、比率の平均はとらない）',
    en: 'daytime population: unknown (no count for {names}; the merged ratio needs counts, ratios are never averaged)',
  },
  ratio: { ja: '昼夜間人口比率 {v} = 昼間人口の合算 ÷ 人口の合算', en: 'day/night ratio {v} = summed daytime population / summed population' },
  internal: { ja: '合併する団体の間の通勤通学（{flows}）は内部の移動となり、他所への流出から除く', en: 'commuting between the merging municipalities ({flows}) becomes internal and is not counted as flowing out' },
  lowerBound: { ja: '{what} {v} 以上（{names}の値がなく、下限）', en: '{what} at least {v} (no figure for {names}: a lower bound)' },
  metroCoreMember: { ja: '三大都市圏の中心（指定都市・特別区）を含む合併のため、中心への通勤通学は求められない', en: 'the merger includes a metro core (a designated city or special ward), so the commuting to the metro cores cannot be derived' },
  shares: { ja: '比率で与えられた通勤通学割合（{names}）は合算できない（人数が必要）', en: 'commuting shares given as ratios ({names}) cannot be combined (counts are needed)' },
  metro: { ja: '三大都市圏: {v}（{names}が圏内。合併市は圏内の市として扱う）', en: '三大都市圏: {v} ({names} lies inside; the merged city is treated as inside)' },
  metroConflict: { ja: '三大都市圏: 不明（構成団体が異なる都市圏にある）', en: '三大都市圏: unknown (the members lie in different metro areas)' },
  kind: { ja: '種類: 市（合併後の新しい市。指定は引き継がない前提。--kind で仮定を置ける）', en: 'kind: city (a new city after the merger; designations are not assumed to carry over; --kind sets an assumption)' },
  kindUnknown: { ja: '種類: 不明（市・町・村のいずれになるかはデータにない）', en: 'kind: unknown (whether it would be a 市, 町 or 村 is not in the data)' },
  whatIf: { ja: '合併の試算', en: 'merger what-if' },
  crossPref: { ja: '都道府県をまたぐ合併', en: 'a merger across prefectures' },
  mixedCensus: { ja: '人口の合算には確定値と速報値が混在する（出典を参照）', en: 'the population sum mixes a final (確定) and a preliminary (速報) census figure (see the sources)' },
  what: {
    population: { ja: '人口', en: 'population' },
    daytime: { ja: '昼間人口', en: 'daytime population' },
    workers: { ja: '通勤通学者（常住地）', en: 'residents who work or study' },
    toMetroCores: { ja: '三大都市圏の中心への通勤通学者', en: 'commuters to the metro cores' },
    to: { ja: '{place} への通勤通学者', en: 'commuters to {place}' },
  },
} as const;

export interface MergeResult {
  municipality: Municipality;
  /** How each figure of the merged city was derived (or why it is unknown). */
  derived: string[];
}

function isMetroCore(m: Municipality): boolean {
  const k = m.kind?.value;
  return k === 'special-ward' || (k === 'designated-city' && m.metroArea !== null && m.metroArea.value !== 'none');
}

/**
 * Combines municipalities into the city a merger would create: populations, daytime
 * populations, workers and commuting counts add up; flows between the members become internal
 * (they leave the flows to other places); a figure missing for any member makes the sum unknown
 * (a lower bound where that decides a test). Ratios are never averaged.
 */
export function mergeMunicipalities(members: Municipality[], index: MunicipalityIndex, lang: Lang): MergeResult {
  const derived: string[] = [];
  const list = (names: string[]): string => names.join(lang === 'ja' ? '、' : ', ');
  const name = members.map((m) => m.name).join('+');
  const prefs = [...new Set(members.map((m) => m.prefecture))];
  const merged: Municipality = {
    id: `merge:${members.map((m) => m.id).join('+')}`,
    name,
    code: null,
    prefecture: prefs.length === 1 ? prefs[0]! : null,
    inCodeList: false,
    kind: null,
    designation: null,
    population: null,
    daytimePopulation: null,
    dayNightRatio: null,
    metroArea: null,
    workersAndStudents: null,
    toMetroCores: null,
    metroCoreCommuteShare: null,
    to: {},
    commuteShareTo: {},
    mergedFrom: members.map((m) => ({ name: m.name, population: m.population, daytimePopulation: m.daytimePopulation, dayNightRatio: dayNightRatioOf(m, lang) })),
    notes: [],
    origins: members.flatMap((m) => m.origins),
  };
  if (prefs.length > 1) derived.push(M.crossPref[lang]);

  const sum = (what: string, get: (m: Municipality) => Figure<number> | null, lowerBound = false): NumberFigure | null => {
    const figs = members.map(get);
    const known = figs.map((f, i) => (f ? { f, m: members[i]! } : null)).filter((x): x is { f: Figure<number>; m: Municipality } => x !== null);
    const missing = members.filter((_, i) => !figs[i]).map((m) => m.name);
    if (known.length === 0) {
      derived.push(fill(M.unknown[lang], { what, names: list(missing) }));
      return null;
    }
    const total = known.reduce((a, x) => a + x.f.value, 0);
    const parts = known.map((x) => `${x.m.name} ${fmtNumber(x.f.value)}`).join(' + ');
    if (missing.length > 0) {
      if (!lowerBound) {
        derived.push(fill(M.unknown[lang], { what, names: list(missing) }));
        return null;
      }
      derived.push(fill(M.lowerBound[lang], { what, v: fmtNumber(total), names: list(missing) }));
      return { value: total, source: joinSources(...known.map((x) => x.f)), derivation: parts, atLeast: true };
    }
    derived.push(fill(M.sum[lang], { what, v: fmtNumber(total), parts }));
    return { value: total, source: joinSources(...known.map((x) => x.f)), derivation: parts };
  };

  // Kind: a merger that includes a 市 makes a 市; no designation is assumed to carry over.
  if (members.some((m) => m.kind && CITY_KINDS.includes(m.kind.value))) {
    merged.kind = { value: 'city', source: M.whatIf[lang], derivation: M.kind[lang] };
    derived.push(M.kind[lang]);
  } else derived.push(M.kindUnknown[lang]);

  merged.population = sum(M.what.population[lang], (m) => m.population);
  if (merged.population && /速報/.test(merged.population.source) && /確定/.test(merged.population.source)) derived.push(M.mixedCensus[lang]);
  const noCounts = members.filter((m) => !m.daytimePopulation).map((m) => m.name);
  if (noCounts.length === 0) merged.daytimePopulation = sum(M.what.daytime[lang], (m) => m.daytimePopulation);
  else derived.push(fill(M.noCounts[lang], { names: list(noCounts) }));
  if (merged.population && merged.daytimePopulation && merged.population.value > 0) {
    derived.push(fill(M.ratio[lang], { v: String(round4(merged.daytimePopulation.value / merged.population.value)) }));
  }

  // Metro area: inside when any member is inside one metro area (003 3(1) treats the merged
  // 小田原市・南足柄市 as subject to requirement C); unknown when they differ.
  const metros = members.map((m) => m.metroArea);
  const inside = [...new Set(metros.filter((f) => f && f.value !== 'none').map((f) => f!.value))];
  if (inside.length > 1) derived.push(M.metroConflict[lang]);
  else if (inside.length === 1) {
    const names = list(members.filter((m) => m.metroArea?.value === inside[0]).map((m) => m.name));
    const text = fill(M.metro[lang], { v: inside[0]!, names });
    merged.metroArea = { value: inside[0] as MetroArea, source: joinSources(...metros), derivation: text };
    derived.push(text);
  } else if (metros.every((f) => f && f.value === 'none')) merged.metroArea = { value: 'none', source: joinSources(...metros) };

  merged.workersAndStudents = sum(M.what.workers[lang], (m) => m.workersAndStudents);
  if (members.some(isMetroCore)) derived.push(M.metroCoreMember[lang]);
  else if (members.some((m) => m.toMetroCores)) merged.toMetroCores = sum(M.what.toMetroCores[lang], (m) => m.toMetroCores, true);
  const shareNames = members.filter((m) => m.metroCoreCommuteShare && !m.toMetroCores).map((m) => m.name);
  if (shareNames.length > 0) derived.push(fill(M.shares[lang], { names: list(shareNames) }));

  // Flows to named places: internal between members, summed to every other place.
  const internal: string[] = [];
  const places = new Map<string, Municipality | null>();
  for (const m of members) {
    for (const key of Object.keys(m.to)) {
      const r = index.resolve(key);
      const target = r.ok ? r.municipality : null;
      const member = members.find((x) => (target ? x.id === target.id : x.name === key));
      if (member) internal.push(`${m.name}→${member.name} ${fmtNumber(m.to[key]!.value)}`);
      else places.set(target ? target.id : key, target);
    }
  }
  if (internal.length > 0) derived.push(fill(M.internal[lang], { flows: list(internal) }));
  for (const [key, target] of places) {
    const placeName = target ? target.name : key;
    const figure = sum(fill(M.what.to[lang], { place: placeName }), (m) => {
      const k = Object.keys(m.to).find((x) => (target ? keyNames(index, x, target) : x === key));
      return k !== undefined ? m.to[k]! : null;
    }, true);
    if (figure) merged.to[placeName] = figure;
  }
  const ratioPlaces = members.filter((m) => Object.keys(m.commuteShareTo).length > 0).map((m) => m.name);
  if (ratioPlaces.length > 0) derived.push(fill(M.shares[lang], { names: list(ratioPlaces) }));
  return { municipality: merged, derived };
}
