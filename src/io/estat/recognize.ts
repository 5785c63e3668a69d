import type { Localized } from '../../i18n/lang.js';
import { UserError } from '../../errors.js';
import { Mark, type EstatTable } from './table.js';

/**
 * What an e-Stat table holds, in kouiki's terms. Three contents are recognised:
 *
 *  - population: an item named 人口 / 総人口 / 夜間人口 / A1101 (人口等基本集計, SSDS A1101);
 *  - daytime: 昼間人口 (a count) or 昼夜間人口比率 (a percentage) (従業地・通学地集計 0003454499);
 *  - commuting: an origin–destination table, i.e. a second area-like dimension named 従業地・通学地
 *    or 従業・通学市区町村 (従業地・通学地集計 表6-1 0003454527; 2015: 常住地による従業・通学市区町村,
 *    15歳以上就業者数及び15歳以上通学者数): the area dimension is where people live, the other where
 *    they work or study.
 *
 * Every other dimension (男女, 年齢, ...) must be at its total (総数, 男女計) for a row to count; a
 * dimension with a single category is ignored. A row whose items are neither a recognised measure
 * nor totals (男, 他市区町村で従業・通学, 流出人口) is skipped, and the skips are reported. Values: `-`
 * (皆無) is 0 for a count and no figure for a ratio; `…` (秘匿) and an empty cell are no figure.
 */

export type Measure = 'population' | 'daytimePopulation' | 'dayNightRatio';

export interface Cell {
  value: number;
  line: number;
}

export interface Recognized {
  table: EstatTable;
  kind: 'figures' | 'commuting';
  /** Title for sources: 統計表ID and title, or the file name when the file has no header block. */
  title: string;
  /** Survey year of the figures used (the latest in the file). */
  year: number | null;
  /** 確定 or 速報 as the file's titles state it (a final tabulation's name counts as 確定); null when it does not say. */
  censusKind: '確定' | '速報' | null;
  /** The file's titles say 不詳補完 (imputed figures). */
  imputed: boolean;
  /** figures: measure → area code → year → value. */
  figures: Map<Measure, Map<string, Map<number, Cell>>>;
  /** commuting: origin → total (the destination 総数), and origin → destination → count. */
  totals: Map<string, Cell>;
  /**
   * Per origin, its flows as two parallel arrays: the destination's index in `destinations` and
   * the count (a national table has millions; arrays, not maps). A pair may come twice (summed).
   */
  flows: Map<string, { dests: Int32Array; counts: Float64Array }>;
  /** The destination categories (code and name), for the indices of `flows`. */
  destinations: { code: string; name: string }[];
  /** The label of the destination total, for the source text (e.g. 総数). */
  totalLabel: string;
  /** What was left out, for the report (one line each). */
  notes: Localized[];
}

const TOTAL = /^(総数|男女計|総計|合計|計|全体|全数|総人口)$|^総数[（(]/;
const RATIO = /昼夜間人口比率/;
const DAYTIME = /昼間人口/;
const POPULATION = /^人口$|総人口|人口総数|夜間人口|常住人口|^人口[（(]人[)）]$|男女別人口|A1101/;
const DESTINATION = /従業|通学/;
/** In an origin–destination table, the item that is everyone counted (通勤者・通学者数, 就業者及び通学者): a total. */
const ALL_COMMUTERS = /(就業者|通勤者).*通学者|通勤・通学者/;

function measureOf(name: string): Measure | null {
  if (RATIO.test(name)) return 'dayNightRatio';
  if (DAYTIME.test(name)) return 'daytimePopulation';
  if (POPULATION.test(name)) return 'population';
  return null;
}
const PRIORITY: Record<Measure, number> = { dayNightRatio: 3, daytimePopulation: 2, population: 1 };

/** The survey year of a time category: 「2020000000」, 「2020100000」, 「2020年」, 「令和2年」. */
export function yearOf(code: string, name: string): number | null {
  const c = /^(\d{4})/.exec(code);
  if (c) return Number(c[1]);
  const n = /(\d{4})\s*年/.exec(name);
  if (n) return Number(n[1]);
  const e = /(令和|平成)\s*(\d{1,2}|元)\s*年/.exec(name);
  if (e) return (e[1] === '令和' ? 2018 : 1988) + (e[2] === '元' ? 1 : Number(e[2]));
  return null;
}

function notRecognised(t: EstatTable, what: Localized): UserError {
  return new UserError(
    { ja: `この表は取り込めません: ${what.ja}`, en: `this table cannot be imported: ${what.en}` },
    {
      position: { file: t.file, line: t.headerLine },
      hint: {
        ja: '取り込めるのは、市区町村別の人口（人口等基本集計、SSDS A1101）、昼夜間人口（昼間人口・昼夜間人口比率）、従業地・通学地集計の常住地×従業地・通学地の表です',
        en: 'kouiki imports tables by municipality of population (人口等基本集計, SSDS A1101), daytime population (昼間人口, 昼夜間人口比率) and the residence × place of work or school table of the 従業地・通学地集計',
      },
    },
  );
}

export function recognize(t: EstatTable): Recognized {
  const h = t.header;
  const text = [h.statName, h.statisticsName, h.title, h.all.TITLE_SPEC, h.all.STATISTICS_NAME_SPEC].filter(Boolean).join(' ');
  const censusKind = /速報/.test(text) ? '速報' : /確定|確報|基本集計|従業地・通学地|抽出詳細集計/.test(text) ? '確定' : null;
  const imputed = /不詳補完/.test(text);
  const title = [h.tableId ? `e-Stat ${h.tableId}` : null, h.statisticsName ?? h.statName, h.title].filter(Boolean).join(' ') || t.file;
  const out: Recognized = { table: t, kind: 'figures', title, year: null, censusKind, imputed, figures: new Map(), totals: new Map(), flows: new Map(), destinations: [], totalLabel: '総数', notes: [] };

  const n = t.dims.length;
  if (t.area < 0) throw notRecognised(t, { ja: '地域（area_code）の列がない', en: 'there is no area_code column' });
  const dest = t.dims.findIndex((d, i) => i !== t.area && i !== t.time && DESTINATION.test(d.label) && d.categories.length > 1 && d.categories.every((c) => /^\d{5,6}$/.test(c.code)));
  // The role of each category of each other dimension: total, a measure, or a breakdown. A
  // dimension with one category names what the whole table counts (表章項目「人口」, SSDS
  // 「A1101_総人口」) or is ignored; only a 表章項目 (tab) may be anything else.
  const roles: ('ignore' | 'total' | Measure | 'other')[][] = t.dims.map((d, i) => {
    if (i === t.area || i === t.time || i === dest) return [];
    const single = d.categories.length === 1;
    if (dest >= 0) return d.categories.map((c) => (TOTAL.test(c.name) || ALL_COMMUTERS.test(c.name) || (single && d.id === 'tab') ? 'total' : 'other'));
    return d.categories.map((c) => measureOf(c.name) ?? (TOTAL.test(c.name) ? 'total' : single && d.id === 'tab' ? 'ignore' : 'other'));
  });
  // The year of each time category (the latest one is used for daytime and commuting).
  const years = t.time >= 0 ? t.dims[t.time]!.categories.map((c) => yearOf(c.code, c.name)) : [];
  const fileYear = yearOf(h.surveyDate ?? '', '') ;
  const latest = Math.max(...years.filter((y): y is number => y !== null), fileYear ?? 0) || null;
  out.year = latest;

  let skipped = 0;
  let secret = 0;
  let olderYears = 0;
  if (dest >= 0) {
    out.kind = 'commuting';
    const dcats = t.dims[dest]!.categories;
    const totalCat = dcats.findIndex((c) => c.code === '00000' || c.code === '000000' || TOTAL.test(c.name));
    if (totalCat < 0) throw notRecognised(t, { ja: `従業地・通学地（${t.dims[dest]!.label}）に総数がない`, en: `the destination dimension (${t.dims[dest]!.label}) has no total (総数)` });
    out.totalLabel = dcats[totalCat]!.name;
    out.destinations = dcats;
    // Two passes over the rows: count each origin's flows, then fill its arrays.
    const keep = new Uint8Array(t.rowCount);
    const perOrigin = new Map<number, number>();
    for (let r = 0; r < t.rowCount; r++) {
      const base = r * n;
      let use = true;
      for (let d = 0; d < n && use; d++) {
        const role = roles[d]![t.cats[base + d]!];
        if (role !== undefined && role !== 'ignore' && role !== 'total') use = false;
      }
      if (!use) {
        skipped++;
        continue;
      }
      if (t.time >= 0 && years[t.cats[base + t.time]!] !== latest) {
        olderYears++;
        continue;
      }
      const mark = t.marks[r]!;
      if (mark === Mark.Secret || mark === Mark.Empty) {
        secret++;
        continue;
      }
      const value = mark === Mark.Dash ? 0 : t.values[r]!;
      const oc = t.cats[base + t.area]!;
      if (t.cats[base + dest] === totalCat) {
        out.totals.set(t.dims[t.area]!.categories[oc]!.code, { value, line: t.lines[r]! });
        continue;
      }
      if (value === 0) continue;
      keep[r] = 1;
      perOrigin.set(oc, (perOrigin.get(oc) ?? 0) + 1);
    }
    const filled = new Map<number, { dests: Int32Array; counts: Float64Array; n: number }>();
    for (const [oc, count] of perOrigin) filled.set(oc, { dests: new Int32Array(count), counts: new Float64Array(count), n: 0 });
    for (let r = 0; r < t.rowCount; r++) {
      if (keep[r] === 0) continue;
      const f = filled.get(t.cats[r * n + t.area]!)!;
      f.dests[f.n] = t.cats[r * n + dest]!;
      f.counts[f.n++] = t.marks[r] === Mark.Dash ? 0 : t.values[r]!;
    }
    for (const [oc, f] of filled) out.flows.set(t.dims[t.area]!.categories[oc]!.code, { dests: f.dests, counts: f.counts });
    if (out.totals.size === 0) throw notRecognised(t, { ja: '総数に当たる行がない（男女・年齢などの総数で絞ってください）', en: 'no row is at the totals (filter 男女, 年齢 etc. to 総数)' });
  } else {
    for (let r = 0; r < t.rowCount; r++) {
      const base = r * n;
      let measure: Measure | null = null;
      let use = true;
      for (let d = 0; d < n && use; d++) {
        const role = roles[d]![t.cats[base + d]!];
        if (role === undefined || role === 'ignore' || role === 'total') continue;
        if (role === 'other') use = false;
        else if (measure === null || PRIORITY[role] > PRIORITY[measure]) measure = role;
      }
      if (!use || measure === null) {
        skipped++;
        continue;
      }
      const year = t.time >= 0 ? years[t.cats[base + t.time]!] ?? latest : latest;
      if (year === null || year === undefined) continue;
      const mark = t.marks[r]!;
      if (mark === Mark.Secret || mark === Mark.Empty || (mark === Mark.Dash && measure === 'dayNightRatio')) {
        secret++;
        continue;
      }
      let value = mark === Mark.Dash ? 0 : t.values[r]!;
      // e-Stat prints 昼夜間人口比率 as a percentage (昼間人口 / 夜間人口 × 100); kouiki holds fractions.
      if (measure === 'dayNightRatio') value = value / 100;
      let byArea = out.figures.get(measure);
      if (!byArea) out.figures.set(measure, (byArea = new Map()));
      const area = t.dims[t.area]!.categories[t.cats[base + t.area]!]!.code;
      let byYear = byArea.get(area);
      if (!byYear) byArea.set(area, (byYear = new Map()));
      byYear.set(year, { value, line: t.lines[r]! });
    }
    if (out.figures.size === 0) {
      const items = t.dims
        .filter((_, i) => i !== t.area && i !== t.time)
        .map((d) => `${d.label}: ${d.categories.slice(0, 4).map((c) => c.name).join('、')}${d.categories.length > 4 ? '…' : ''}`)
        .join('; ');
      throw notRecognised(t, { ja: `人口・昼間人口・昼夜間人口比率・通勤通学の項目が見つからない（${items}）`, en: `no item is a population, daytime population, day/night ratio or commuting count (${items})` });
    }
    // Daytime figures: the latest year only (an older one is not kept).
    for (const m of ['daytimePopulation', 'dayNightRatio'] as const) {
      for (const byYear of out.figures.get(m)?.values() ?? []) {
        for (const y of [...byYear.keys()]) {
          if (y !== latest) {
            byYear.delete(y);
            olderYears++;
          }
        }
      }
    }
  }
  if (skipped > 0) out.notes.push({ ja: `内訳の行 ${skipped} 行（男女別・区分別など）は使わなかった`, en: `${skipped} rows of breakdowns (by sex, by category, ...) were not used` });
  if (secret > 0) out.notes.push({ ja: `値が秘匿（…）又は空の行 ${secret} 行は数値なしとした`, en: `${secret} rows with a secret (…) or empty value were taken as no figure` });
  if (olderYears > 0) out.notes.push({ ja: `${latest} 年より前の調査年の行 ${olderYears} 行は使わなかった`, en: `${olderYears} rows of survey years before ${latest} were not used` });
  return out;
}
