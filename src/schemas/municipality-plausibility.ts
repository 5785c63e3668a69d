/**
 * Figures that cannot be true together, in one municipality's record (a data file, a draft's
 * `municipalities:`) or once its layers are laid over each other. Each finding names the figures
 * involved by their path in a record (`commuting.to.乙町`), the part first, so a message can
 * point at it. Pure (the schemas layer): the record schema's refinement and the index's layering
 * (core) both call it.
 *
 * The bounds, with their reasons:
 *  - a count of people ≤ MAX_PEOPLE (20,000,000): more than 東京都 (14,047,594 in 2020) — no
 *    municipality, nor a merger what-if of a prefecture's municipalities, comes near it;
 *  - a part never exceeds its whole: workersAndStudents ≤ population (residents who work or
 *    study are residents), every count in commuting.to and toMetroCores ≤ workersAndStudents, and
 *    so is their sum; shares in commuteShareTo sum to at most 1;
 *  - the day/night ratio (given, or daytime ÷ resident population) within DAY_NIGHT_BAND, 0.2 to
 *    25: the 2020 census's extremes are 0.662 (七ヶ浜町) and 17.54 (千代田区). A population of 0 with
 *    a daytime population (双葉町 in 2020) has no ratio and is not checked.
 */

export const MAX_PEOPLE = 20_000_000;
export const DAY_NIGHT_BAND = [0.2, 25] as const;
/** A bare day/night ratio up to the band's top (千代田区 17.54 and beyond) is a ratio; above it, the census's percentage (98.96 → 0.9896). */
export const MAX_DAY_NIGHT_RATIO = DAY_NIGHT_BAND[1];

export interface FigureView {
  population?: number | null;
  daytimePopulation?: number | null;
  dayNightRatio?: number | null;
  imputedDaytimePopulation?: number | null;
  imputedDayNightRatio?: number | null;
  workersAndStudents?: number | null;
  toMetroCores?: number | null;
  to?: Record<string, number>;
  commuteShareTo?: Record<string, number>;
  pastCensus?: { population: number }[];
}

export interface Contradiction {
  /** The figures involved, as paths in a record; the first is the one to point at. */
  paths: (string | number)[][];
  ja: string;
  en: string;
}

// One formatter for every message: toLocaleString with options builds a new one per call (a
// national data file checks thousands of records; the formatting was a tenth of its load time).
// Made on first use: building an Intl.NumberFormat loads ICU's number data (~19 ms of a 130 ms
// `eligibility` run), and only a figure that fails a check is formatted.
let NUMBER: Intl.NumberFormat | undefined;
const fmt = (n: number): string => (NUMBER ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 })).format(n);

export function contradictions(f: FigureView): Contradiction[] {
  const out: Contradiction[] = [];
  const people = (path: (string | number)[], v: number | null | undefined, what: string): void => {
    if (v !== null && v !== undefined && v > MAX_PEOPLE) {
      out.push({
        paths: [path],
        ja: `${what} ${fmt(v)} は人数として大きすぎます（上限 ${fmt(MAX_PEOPLE)}。2020 年の東京都全体が 14,047,594）`,
        en: `${what} ${fmt(v)} is too many people (the limit is ${fmt(MAX_PEOPLE)}; all of 東京都 had 14,047,594 in 2020)`,
      });
    }
  };
  people(['population'], f.population, 'population');
  people(['daytimePopulation'], f.daytimePopulation, 'daytimePopulation');
  people(['imputedDaytimePopulation'], f.imputedDaytimePopulation, 'imputedDaytimePopulation');
  people(['workersAndStudents'], f.workersAndStudents, 'workersAndStudents');
  people(['commuting', 'toMetroCores'], f.toMetroCores, 'commuting.toMetroCores');
  // The flows are checked without making a path or a name for each (an imported record has
  // hundreds of them, a national file 400,000): those are made only for a figure that fails.
  const to = f.to ?? {};
  for (const k in to) if (to[k]! > MAX_PEOPLE) people(['commuting', 'to', k], to[k], `commuting.to.${k}`);
  (f.pastCensus ?? []).forEach((p, i) => people(['pastCensus', i, 'population'], p.population, `pastCensus[${i}].population`));

  const part = (partPath: (string | number)[], partName: string, v: number | null | undefined, wholePath: (string | number)[], wholeName: string, w: number | null | undefined): void => {
    if (v === null || v === undefined || w === null || w === undefined || v <= w) return;
    out.push({
      paths: [partPath, wholePath],
      ja: `${partName}（${fmt(v)}）が ${wholeName}（${fmt(w)}）を超えています。部分は全体を超えられません`,
      en: `${partName} (${fmt(v)}) is more than ${wholeName} (${fmt(w)}): a part cannot exceed its whole`,
    });
  };
  part(['workersAndStudents'], 'workersAndStudents', f.workersAndStudents, ['population'], 'population', f.population);
  part(['commuting', 'toMetroCores'], 'commuting.toMetroCores', f.toMetroCores, ['workersAndStudents'], 'workersAndStudents', f.workersAndStudents);
  const whole = f.workersAndStudents ?? Infinity;
  let flows = 0;
  let sum = 0;
  let eachWithin = true;
  for (const k in to) {
    const v = to[k]!;
    flows++;
    sum += v;
    if (v > whole) {
      eachWithin = false;
      part(['commuting', 'to', k], `commuting.to.${k}`, v, ['workersAndStudents'], 'workersAndStudents', f.workersAndStudents);
    }
  }
  if (flows > 1 && eachWithin) part(['commuting', 'to'], 'the sum of commuting.to', sum, ['workersAndStudents'], 'workersAndStudents', f.workersAndStudents);
  const shares = Object.entries(f.commuteShareTo ?? {});
  const shareSum = shares.reduce((a, [, v]) => a + v, 0);
  if (shares.length > 1 && shareSum > 1 + 1e-9) {
    out.push({ paths: [['commuteShareTo']], ja: `commuteShareTo の合計（${fmt(shareSum)}）が 1 を超えています`, en: `the shares of commuteShareTo add up to ${fmt(shareSum)}, more than 1` });
  }

  // `how` is a function: the text is made only for a ratio outside the band.
  const band = (path: (string | number)[], what: string, ratio: number, howOf: () => string): void => {
    if (ratio >= DAY_NIGHT_BAND[0] && ratio <= DAY_NIGHT_BAND[1]) return;
    const how = howOf();
    out.push({
      paths: [path],
      ja: `${what}（${how}）が ${DAY_NIGHT_BAND[0]}〜${DAY_NIGHT_BAND[1]} の範囲外です（2020 年の全国の最小 0.662 七ヶ浜町、最大 17.54 千代田区）。人数か比の書き方（98.96% は 0.9896）を確認してください`,
      en: `${what} (${how}) is outside ${DAY_NIGHT_BAND[0]} to ${DAY_NIGHT_BAND[1]} (the 2020 extremes are 0.662, 七ヶ浜町, and 17.54, 千代田区); check the counts, or write a ratio as a fraction (98.96% is 0.9896)`,
    });
  };
  for (const [key, ratioKey] of [['daytimePopulation', 'dayNightRatio'], ['imputedDaytimePopulation', 'imputedDayNightRatio']] as const) {
    const d = f[key];
    if (d !== null && d !== undefined && f.population) band([key], `${key} ÷ population`, d / f.population, () => `${fmt(d)} ÷ ${fmt(f.population!)} = ${fmt(d / f.population!)}`);
    const r = f[ratioKey];
    if (r !== null && r !== undefined) band([ratioKey], ratioKey, r, () => fmt(r));
  }
  return out;
}
