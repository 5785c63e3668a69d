/**
 * The municipalities that no longer exist, and who carries each on: a lookup over the
 * 廃置分合 table (data/mergers/history.csv: mergers 編入/新設, renames, 市制・町制施行, a city's
 * move to 指定都市 with a new code). Pure: built from rows already read.
 *
 *   new MunicipalHistory(rows, current)     current(code6) → today's name and prefecture, or null
 *   history.lookup('浦和市')                 → [{ old, successors: [{ code, name, ... }], date, kind, chain }]
 *   history.lookup('大宮町', '茨城県')        → only the one in that prefecture
 *
 * A name the code list still has (釧路市, which a 新設合併 of 2005 re-created under the same name)
 * is found by the code list first; the caller asks the history only for a name it does not know.
 */

export type HistoryKind = '編入' | '新設' | '名称変更' | '市制施行' | '町制施行' | '政令指定都市移行';

/** One row of the table: one old municipality in one event. */
export interface HistoryRow {
  /** YYYY-MM-DD the change took effect (廃置分合等施行年月日). */
  date: string;
  kind: HistoryKind;
  /** The prefecture of the old municipality. */
  prefecture: string;
  oldCode: string;
  oldName: string;
  newCode: string;
  newName: string;
  /** When the successor is a ward of a designated city (京北町 → 右京区): that city's code. */
  newCity: string;
  /** A part of the old municipality only (a split: 上九一色村's 大字). */
  part: string;
}

/** The municipality of today an old one ended in. */
export interface Successor {
  code: string;
  name: string;
  prefecture: string;
  /** The part of the old municipality that went there, when it was split. */
  part?: string;
}

export interface HistoryMatch {
  /** The old municipality as the table names it. */
  old: { name: string; code: string; prefecture: string };
  /** When it ceased to exist under this name, and how. */
  date: string;
  kind: HistoryKind;
  /** Today's municipality (two when it was split). */
  successors: Successor[];
  /** Every step from the old municipality to today's, in order. */
  chain: HistoryRow[];
}

/** A step that changes nothing (a reading corrected: 佐伯町 さえきちょう → さいきちょう). */
const noop = (r: HistoryRow): boolean => r.oldCode === r.newCode && r.oldName === r.newName;
/**
 * The order of changes on one day: a merger, then the renaming of its result, then its 市制 or
 * 町制 (茨城県大宮町 2004-10-16: 編入, then 常陸大宮市; 三好町 2010-01-04: みよし町, then みよし市),
 * then a move to 指定都市 (a new code).
 */
const RANK: Record<HistoryKind, number> = { 編入: 0, 新設: 0, 名称変更: 1, 市制施行: 2, 町制施行: 2, 政令指定都市移行: 3 };
const rank = (k: HistoryKind): number => RANK[k];
const after = (r: HistoryRow, date: string, kind: HistoryKind): boolean => r.date > date || (r.date === date && rank(r.kind) > rank(kind));

export class MunicipalHistory {
  private readonly byCode = new Map<string, HistoryRow[]>();
  private readonly byName = new Map<string, HistoryRow[]>();

  constructor(
    rows: readonly HistoryRow[],
    private readonly current: (code: string) => { name: string; prefecture: string } | null,
  ) {
    for (const r of rows) {
      if (noop(r)) continue;
      push(this.byCode, r.oldCode, r);
      push(this.byName, r.oldName, r);
    }
  }

  /**
   * The old municipalities of that name (in that prefecture, when given), each with today's
   * municipality that carries it on. Empty when the table does not know the name.
   */
  lookup(name: string, prefecture?: string): HistoryMatch[] {
    const rows = (this.byName.get(name) ?? []).filter((r) => prefecture === undefined || r.prefecture === prefecture);
    // The first event of each old municipality (by code): when the name ended.
    const first = new Map<string, HistoryRow[]>();
    for (const r of rows) {
      const key = `${r.oldCode}|${r.oldName}`;
      const list = first.get(key);
      if (!list || r.date < list[0]!.date) first.set(key, [r]);
      else if (r.date === list[0]!.date) list.push(r);
    }
    const out: HistoryMatch[] = [];
    for (const events of first.values()) {
      const e = events[0]!;
      const successors: Successor[] = [];
      const chain: HistoryRow[] = [];
      for (const step of events) {
        const { end, path } = this.follow(step);
        chain.push(...path);
        for (const s of end) if (!successors.some((x) => x.code === s.code)) successors.push(step.part ? { ...s, part: step.part } : s);
      }
      out.push({ old: { name: e.oldName, code: e.oldCode, prefecture: e.prefecture }, date: e.date, kind: e.kind, successors, chain });
    }
    return out.sort((a, b) => a.date.localeCompare(b.date) || a.old.code.localeCompare(b.old.code));
  }

  /** From one event, the later events of its successor until a municipality of today. */
  private follow(step: HistoryRow, depth = 0): { end: Successor[]; path: HistoryRow[] } {
    if (depth > 20) return { end: [], path: [step] };
    const target = step.newCity || step.newCode;
    const next = (this.byCode.get(target) ?? []).filter((r) => after(r, step.date, step.kind));
    if (next.length === 0) {
      const now = this.current(target);
      return { end: now ? [{ code: target, name: now.name, prefecture: now.prefecture }] : [], path: [step] };
    }
    const soonest = next.reduce((a, b) => (after(a, b.date, b.kind) ? b : a));
    const same = next.filter((r) => r.date === soonest.date && r.kind === soonest.kind);
    const end: Successor[] = [];
    const path: HistoryRow[] = [step];
    for (const r of same) {
      const f = this.follow(r, depth + 1);
      end.push(...f.end);
      path.push(...f.path);
    }
    return { end, path };
  }

  /** The old municipality of a code no longer in use (an area code of an old table), as lookup gives it. */
  lookupCode(code: string): HistoryMatch | null {
    const rows = this.byCode.get(code);
    if (!rows || rows.length === 0) return null;
    const first = rows.reduce((a, b) => (after(a, b.date, b.kind) ? b : a));
    return this.lookup(first.oldName, first.prefecture).find((m) => m.old.code === code) ?? null;
  }

  /** Every old name the table knows (for suggestions). */
  names(): string[] {
    return [...this.byName.keys()];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
