import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MunicipalHistory, type HistoryKind, type HistoryRow } from '../core/eligibility/history.js';
import type { MunicipalityIndex } from '../core/eligibility/index.js';
import type { FormedBy } from '../core/eligibility/model.js';
import { packageRoot } from './paths.js';

/**
 * The 廃置分合 table (data/mergers/history.csv, see data/mergers/README.md), read on first use:
 * name resolution asks it only for a name the code list does not have (浦和市 → さいたま市).
 *
 *   parseHistoryCsv(text, file)  → rows (every row checked; a bad one is an error with its line)
 *   municipalHistory(index)      → MunicipalHistory whose successors are the index's municipalities
 */

export const HISTORY_CSV = join('data', 'mergers', 'history.csv');
export const HISTORY_SOURCE =
  'e-Stat「市区町村を探す」廃置分合等情報（総務省統計局、https://www.e-stat.go.jp/municipalities/cities/absorption-separation-of-municipalities）; Kondo (2019/2023) Municipality Converter, RIETI Technical Paper 19-T-001';

const KINDS: readonly HistoryKind[] = ['編入', '新設', '名称変更', '市制施行', '町制施行', '政令指定都市移行'];
const HEADER = 'date,kind,prefecture,oldCode,oldName,newCode,newName,newCity,part';

export function parseHistoryCsv(text: string, file: string): HistoryRow[] {
  const lines = text.split('\n');
  if (lines[0] !== HEADER) throw new Error(`${file}:1: expected the header ${HEADER}`);
  const rows: HistoryRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const c = line.split(',');
    const [date, kind, prefecture, oldCode, oldName, newCode, newName, newCity, part] = c;
    const ok = c.length === 9 && /^\d{4}-\d{2}-\d{2}$/.test(date!) && KINDS.includes(kind as HistoryKind) && /^\d{6}$/.test(oldCode!) && /^\d{6}$/.test(newCode!) && /^(\d{6})?$/.test(newCity!) && oldName !== '' && newName !== '';
    if (!ok) throw new Error(`${file}:${i + 1}: not a row of the history table: ${line}`);
    rows.push({ date: date!, kind: kind as HistoryKind, prefecture: prefecture!, oldCode: oldCode!, oldName: oldName!, newCode: newCode!, newName: newName!, newCity: newCity!, part: part! });
  }
  return rows;
}

let bytes: Buffer | undefined;
let text: string | undefined;
let rows: HistoryRow[] | undefined;

/** The table as read (once a run): searched as bytes, decoded only when rows are needed. */
function historyBytes(): Buffer {
  return (bytes ??= readFileSync(join(packageRoot(), HISTORY_CSV)));
}

function historyText(): string {
  return (text ??= historyBytes().toString('utf8'));
}

/**
 * Whether the table can know the name as an old municipality's: it appears as a whole field.
 * A name that is not there (箱根村, a typo) is answered without decoding, parsing and checking
 * the 2,127 rows and building the lookup (12 ms of a `check` that reports one unknown name).
 */
export function historyMentions(name: string): boolean {
  return name !== '' && !name.includes(',') && historyBytes().includes(`,${name},`, 0, 'utf8');
}

/** The history over an index: a successor is a municipality of the index's code list. */
export function municipalHistory(index: MunicipalityIndex): MunicipalHistory {
  rows ??= parseHistoryCsv(historyText(), HISTORY_CSV);
  return new MunicipalHistory(rows, (code) => {
    const m = index.get(code);
    return m && m.inCodeList ? { name: m.name, prefecture: m.prefecture ?? '' } : null;
  });
}

let formed: Map<string, FormedBy> | undefined;

/**
 * The 新設合併 that made each code (its latest one), from the table's text: a municipality made of
 * two or more. Only the 新設 rows are read, without the full row checks (parseHistoryCsv checks
 * every row for name resolution); the build compiles this into dist/ (compiledFormedBy), so a
 * run reads it only when dist/ is stale.
 */
export function formedFromCsv(csv: string): Map<string, FormedBy> {
  const groups = new Map<string, { date: string; names: string[] }>();
  for (const line of csv.split('\n')) {
    if (!line.includes(',新設,')) continue;
    const [date, , , , oldName, newCode, , , part] = line.split(',');
    const r = { date: date!, oldName: oldName!, newCode: newCode!, part: part ?? '' };
    if (r.part !== '') continue;
    const key = `${r.newCode}@${r.date}`;
    const g = groups.get(key) ?? { date: r.date, names: [] };
    if (!g.names.includes(r.oldName)) g.names.push(r.oldName);
    groups.set(key, g);
  }
  const out = new Map<string, FormedBy>();
  for (const [key, g] of groups) {
    const newCode = key.slice(0, key.indexOf('@'));
    const prev = out.get(newCode);
    if (g.names.length >= 2 && (!prev || prev.date < g.date)) out.set(newCode, { date: g.date, names: g.names, source: HISTORY_SOURCE });
  }
  return out;
}

/** The compiled form of formedFromCsv: [code, date, names] (the source is HISTORY_SOURCE for all). */
export type CompiledFormedBy = [string, string, string[]][];

export function compileFormedBy(csv: string): CompiledFormedBy {
  return [...formedFromCsv(csv)].map(([code, f]) => [code, f.date, f.names]);
}

/**
 * The 合併市 lookup: from the build's compiled table when given (dist/ is fresh), else from the
 * table's text on first use.
 */
export function formedByLookup(compiled?: CompiledFormedBy): (code: string) => FormedBy | null {
  return (code) => {
    formed ??= compiled ? new Map(compiled.map(([c, date, names]) => [c, { date, names, source: HISTORY_SOURCE }])) : formedFromCsv(historyText());
    return formed.get(code) ?? null;
  };
}
