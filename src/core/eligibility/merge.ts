import type { Lang } from '../../i18n/lang.js';
import { keyNames } from './commuting.js';
import type { MunicipalityIndex } from './index.js';
import { CITY_KINDS, type CensusInfo, type Figure, type MetroArea, type Municipality, type NumberFigure } from './model.js';
import { fill, fmtNumber, joinSources, round4 } from './text.js';

/**
 * Merger arithmetic: the city a merger of some municipalities would create, with how each of
 * its figures was derived (or why it is unknown). Counts add up; flows between the members
 * become internal; ratios are never averaged. The former municipalities keep their own counts,
 * from which figures.ts computes their ratios like any other municipality's.
 */

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
  kind: { ja: '種類: 市（新設合併による新しい市。指定は引き継がない。--kind で仮定を置ける）', en: 'kind: city (a new city made by the merger; designations do not carry over; --kind sets an assumption)' },
  newCity: {
    ja: '合併の方式: 新設合併（既定。新しい市を置く。構成団体の指定は引き継がれない。{first}が他を編入する場合は --merge-kind incorporation）',
    en: 'kind of merger: a new city (新設合併, the default: the members\' designations do not carry over; --merge-kind incorporation for {first} absorbing the others)',
  },
  incorporation: {
    ja: '合併の方式: 編入（{first}が{others}を編入する。{first}は存続し、その種類と指定（{kind}）を保つ）',
    en: 'kind of merger: incorporation (編入: {first} absorbs {others} and continues, keeping its kind and designations: {kind})',
  },
  kindKept: { ja: '種類: {kind}（編入する{first}のまま）', en: 'kind: {kind} (that of {first}, which absorbs the others)' },
  kindUnknown: { ja: '種類: 不明（市・町・村のいずれになるかはデータにない）', en: 'kind: unknown (whether it would be a 市, 町 or 村 is not in the data)' },
  whatIf: { ja: '合併の試算', en: 'merger what-if' },
  crossPref: { ja: '都道府県をまたぐ合併', en: 'a merger across prefectures' },
  mixedCensus: { ja: '人口の合算には確定値と速報値が混在する（出典を参照）', en: 'the population sum mixes a final (確定) and a preliminary (速報) census figure (see the sources)' },
  what: {
    population: { ja: '人口', en: 'population' },
    area: { ja: '面積（km²）', en: 'area (km²)' },
    daytime: { ja: '昼間人口', en: 'daytime population' },
    daytimeImputed: { ja: '昼間人口（不詳補完値）', en: 'daytime population (imputed)' },
    workers: { ja: '通勤通学者（常住地）', en: 'residents who work or study' },
    toMetroCores: { ja: '三大都市圏の中心への通勤通学者', en: 'commuters to the metro cores' },
    to: { ja: '{place} への通勤通学者', en: 'commuters to {place}' },
  },
} as const;

/**
 * How the municipalities merge (地方自治法第7条): 編入 — one absorbs the others and continues,
 * keeping its kind and its designations (a 中核市 absorbing a town stays a 中核市); 新設合併 — they
 * make a new city, which holds no designation (it may apply: for an area that includes the whole
 * of a 中核市 the filing counts as the 申出, Art. 252-26-2).
 */
export type MergeKind = 'incorporation' | 'new';

export interface MergeResult {
  municipality: Municipality;
  /** How each figure of the merged city was derived (or why it is unknown). */
  derived: string[];
}

/** The census of figures that all come from one census (year; kind and basis when they agree), else null. */
function sameCensus(figs: readonly (Figure<number> | null)[]): CensusInfo | null {
  const cs = figs.map((f) => f?.census);
  const first = cs[0];
  if (!first || cs.some((c) => !c || c.year !== first.year)) return null;
  const out: CensusInfo = { year: first.year, kind: cs.every((c) => c!.kind === first.kind) ? first.kind : null };
  if (first.published && cs.every((c) => c!.published === first.published)) out.published = first.published;
  if (first.basis && cs.every((c) => c!.basis === first.basis)) out.basis = first.basis;
  return out;
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
export function mergeMunicipalities(members: Municipality[], index: MunicipalityIndex, lang: Lang, kind: MergeKind = 'new'): MergeResult {
  const derived: string[] = [];
  const list = (names: string[]): string => names.join(lang === 'ja' ? '、' : ', ');
  const first = members[0]!;
  // 編入: the absorbing municipality continues under its own name and code.
  const incorporation = kind === 'incorporation';
  const name = incorporation ? first.name : members.map((m) => m.name).join('+');
  const prefs = [...new Set(members.map((m) => m.prefecture))];
  const merged: Municipality = {
    id: `merge:${members.map((m) => m.id).join('+')}`,
    name,
    code: incorporation ? first.code : null,
    prefecture: prefs.length === 1 ? prefs[0]! : null,
    inCodeList: false,
    kind: null,
    designation: null,
    population: null,
    earlierPopulations: [],
    daytimePopulation: null,
    dayNightRatio: null,
    imputedDaytimePopulation: null,
    imputedDayNightRatio: null,
    area: null,
    metroArea: null,
    workersAndStudents: null,
    toMetroCores: null,
    metroCoreCommuteShare: null,
    to: {},
    commuteShareTo: {},
    mergedFrom: members.map((m) => ({
      name: m.name,
      population: m.population,
      daytimePopulation: m.daytimePopulation,
      dayNightRatio: m.dayNightRatio,
      imputedDaytimePopulation: m.imputedDaytimePopulation,
      imputedDayNightRatio: m.imputedDayNightRatio,
    })),
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
    // Summed in floating point, 765.31 + 122.32 is 887.6299999999999: round to the most decimals
    // a part has (areas have two), so the sum reads as the parts do.
    const decimals = Math.max(0, ...known.map((x) => (String(x.f.value).split('.')[1] ?? '').length));
    const total = Number(known.reduce((a, x) => a + x.f.value, 0).toFixed(decimals));
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

  const kindLabel = (k: string | undefined): string => k ?? (lang === 'ja' ? '不明' : 'unknown');
  if (incorporation) {
    const others = list(members.slice(1).map((m) => m.name));
    derived.push(fill(M.incorporation[lang], { first: first.name, others, kind: kindLabel(first.kind?.value) }));
    // The absorbing municipality keeps its kind and designation (with their sources and day).
    merged.kind = first.kind ? { ...first.kind } : null;
    merged.designation = first.designation ? { ...first.designation } : null;
    if (first.kind) derived.push(fill(M.kindKept[lang], { kind: first.kind.value, first: first.name }));
  } else {
    derived.push(fill(M.newCity[lang], { first: first.name }));
    // A new city: a merger that includes a 市 makes a 市; no designation carries over.
    if (members.some((m) => m.kind && CITY_KINDS.includes(m.kind.value))) {
      merged.kind = { value: 'city', source: M.whatIf[lang], derivation: M.kind[lang] };
      derived.push(M.kind[lang]);
    } else derived.push(M.kindUnknown[lang]);
  }

  merged.population = sum(M.what.population[lang], (m) => m.population);
  if (merged.population) {
    const kindOf = (f: Figure<number> | null): string | null => f?.census?.kind ?? (f && /速報/.test(f.source) ? '速報' : f && /確定/.test(f.source) ? '確定' : null);
    const kinds = new Set(members.map((m) => kindOf(m.population)));
    if (kinds.has('速報') && kinds.has('確定')) derived.push(M.mixedCensus[lang]);
    // A sum of one census's figures is a figure of that census (its year, and 確定/速報 when all agree).
    merged.population.census = sameCensus(members.map((m) => m.population)) ?? undefined;
    if (!merged.population.census) delete merged.population.census;
  }
  merged.area = sum(M.what.area[lang], (m) => m.area);
  // Daytime populations add up version by version: raw with raw, imputed with imputed.
  const noRaw = members.filter((m) => !m.daytimePopulation).map((m) => m.name);
  const noImputed = members.filter((m) => !m.imputedDaytimePopulation).map((m) => m.name);
  if (noRaw.length === 0) merged.daytimePopulation = sum(M.what.daytime[lang], (m) => m.daytimePopulation);
  if (noImputed.length === 0) merged.imputedDaytimePopulation = sum(M.what.daytimeImputed[lang], (m) => m.imputedDaytimePopulation);
  for (const [f, from] of [[merged.daytimePopulation, members.map((m) => m.daytimePopulation)], [merged.imputedDaytimePopulation, members.map((m) => m.imputedDaytimePopulation)]] as const) {
    const c = f ? sameCensus(from) : null;
    if (f && c) f.census = c;
  }
  if (!merged.daytimePopulation && !merged.imputedDaytimePopulation) derived.push(fill(M.noCounts[lang], { names: list(noRaw.length <= noImputed.length ? noRaw : noImputed) }));
  const mergedDaytime = merged.daytimePopulation ?? merged.imputedDaytimePopulation;
  if (merged.population && mergedDaytime && merged.population.value > 0) {
    derived.push(fill(M.ratio[lang], { v: String(round4(mergedDaytime.value / merged.population.value)) }));
  }

  // Metro area: inside when any member is inside one metro area (the 県西地域 draft, 3(1), treats the merged
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
