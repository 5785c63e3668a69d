import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDigit } from '../src/core/eligibility/model.js';
import { parseCensusCsv } from '../src/io/municipal-census.js';

/**
 * data/mergers/history.csv from the 廃置分合 records of e-Stat「市区町村を探す」as compiled in
 * Kondo's Municipality Converter (RIETI Technical Paper 19-T-001/23-T-001; the file
 * `data_converter/municipality_converter_jp.csv` of github.com/keisukekondokk/municipality-converter,
 * commit 4c74105). Its note columns carry e-Stat's 改正事由 word for word, with the date:
 *
 *   2004年12月1日、戸井町(01339)、恵山町(01340)、椴法華村(01341)、南茅部町(01342)が函館市(01202)に編入
 *   2001年5月1日、浦和市(11204)、大宮市(11205)、与野市(11220)が合併し、さいたま市(11244)を新設
 *   2019年5月1日、篠山市(28221)が丹波篠山市(28221)に名称変更
 *
 * Only the facts are taken (date, kind, the old municipality, its successor); the table is
 * written in kouiki's own layout, one row per old municipality and event. The input is not part
 * of the repository: fetch it and run
 *
 *   node scripts/build-data.mjs mergers PATH/municipality_converter_jp.csv
 *
 * Every step is checked: a clause the patterns do not know stops the script, as does a chain of
 * successors that does not end at a municipality of today's code list (test/unit/municipal-history.test.ts
 * checks the committed table the same way).
 */

const PREFECTURES = ['北海道', '青森県', '岩手県', '宮城県', '秋田県', '山形県', '福島県', '茨城県', '栃木県', '群馬県', '埼玉県', '千葉県', '東京都', '神奈川県', '新潟県', '富山県', '石川県', '福井県', '山梨県', '長野県', '岐阜県', '静岡県', '愛知県', '三重県', '滋賀県', '京都府', '大阪府', '兵庫県', '奈良県', '和歌山県', '鳥取県', '島根県', '岡山県', '広島県', '山口県', '徳島県', '香川県', '愛媛県', '高知県', '福岡県', '佐賀県', '長崎県', '熊本県', '大分県', '宮崎県', '鹿児島県', '沖縄県'];

const NOTE_COLUMNS = ['note_merge_consol', 'note_merge_incorp', 'note_change_name', 'note_city', 'note_town', 'note_seirei'];

type Entity = { name: string; code: string | null };
interface Row {
  date: string;
  kind: '編入' | '新設' | '名称変更' | '市制施行' | '町制施行' | '政令指定都市移行';
  old: Entity;
  next: Entity;
  part: string;
}

/** A minimal CSV reader for the converter's file (quoted fields may hold commas and newlines). */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) row.push(cell), rows.push(row);
  return rows;
}

const ENTITY = /([^、()（）；]+?)[（(]([^)）]*)[)）]/g;

function clean(name: string): string {
  let n = name.trim().replace(/^[、と]+/, '');
  for (const p of PREFECTURES) if (n.startsWith(p) && n.length > p.length) n = n.slice(p.length);
  return n;
}

/** The municipalities named in a list: 「戸井町(01339)、恵山町(01340)」; 郡 and 支庁 are skipped. */
function entities(s: string): Entity[] {
  const out: Entity[] = [];
  for (const m of s.matchAll(ENTITY)) {
    const name = clean(m[1]!);
    if (/(郡|支庁)$/.test(name)) continue;
    out.push({ name, code: /(\d{5})/.exec(m[2]!)?.[1] ?? null });
  }
  return out;
}

function parseNote(text: string): Row[] {
  const m = /^(\d{4})年(\d{1,2})月(\d{1,2})日、(.*)$/s.exec(text);
  if (!m) throw new Error(`not a dated record: ${text}`);
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const body = m[4]!;
  const rows: Row[] = [];
  // The one split incorporation of the period: 上九一色村 went to two municipalities.
  if (body.includes('上九一色村(19341)大字梯及び古関が甲府市(19201)に編入し、')) {
    const old = { name: '上九一色村', code: '19341' };
    rows.push({ date, kind: '編入', old, next: { name: '甲府市', code: '19201' }, part: '大字梯及び古関' });
    rows.push({ date, kind: '編入', old, next: { name: '富士河口湖町', code: '19430' }, part: '大字精進、本栖及び富士ヶ嶺' });
    return rows;
  }
  for (const raw of body.split(/；|　/)) {
    const c = raw.trim().replace(/^(\S+?(郡|支庁)\(\d{5}\)の(廃止|新設)、)+/, '');
    if (c === '') continue;
    if (!c.includes('を新設') && /(郡|支庁)\(\d{5}\)の(廃止|新設)$|の新設$|区域変更$/.test(c)) continue;
    let k = /^(.*)\((\d{5})\)の(.*)\((\d{5})\)への政令指定都市(?:施行|移行)$/.exec(c);
    if (k) {
      rows.push({ date, kind: '政令指定都市移行', old: { name: clean(k[1]!), code: k[2]! }, next: { name: clean(k[3]!), code: k[4]! }, part: '' });
      continue;
    }
    k = /^(.*)が合併し、(.*)を新設$/.exec(c);
    if (k) {
      const olds = entities(k[1]!);
      const next = entities(k[2]!)[0] ?? { name: clean(k[2]!), code: null };
      // 「…が合併し、北上市を新設」: the new city keeps the code of its namesake member.
      next.code ??= olds.find((o) => o.name === next.name)?.code ?? null;
      for (const old of olds) rows.push({ date, kind: '新設', old, next, part: '' });
      continue;
    }
    k = /^(.*)が(.*)に編入$/.exec(c);
    if (k) {
      const targets = entities(k[2]!);
      if (targets.length !== 1) throw new Error(`編入 into ${targets.length} municipalities: ${c}`);
      for (const old of entities(k[1]!)) {
        const part = new RegExp(`${old.name}\\(\\d{5}\\)(大字[^、が]+)`).exec(k[1]!)?.[1] ?? '';
        rows.push({ date, kind: '編入', old, next: targets[0]!, part });
      }
      continue;
    }
    k = /^(.*?)が(.*)に(名称変更|市制施行|町制施行)$/.exec(c);
    if (k) {
      const olds = entities(k[1]!);
      const last = k[2]!.split(/に(?:市制施行|町制施行|名称変更)し、/).pop()!;
      const next = entities(last).pop() ?? { name: clean(last), code: null };
      next.code ??= olds[0]?.code ?? null;
      for (const old of olds) rows.push({ date, kind: k[3] as Row['kind'], old, next, part: '' });
      continue;
    }
    throw new Error(`a clause the patterns do not know: ${c} (in: ${text})`);
  }
  return rows;
}

const code6 = (c5: string): string => `${c5}${checkDigit(c5)}`;

/** Reads the converter's CSV and returns the rows of data/mergers/history.csv (sorted, no duplicates). */
export function mergerRows(converterCsv: string, root: string): string[][] {
  const table = readCsv(converterCsv.replace(/^\uFEFF/, ''));
  const head = table[0]!;
  const cols = NOTE_COLUMNS.map((n) => {
    const i = head.indexOf(n);
    if (i < 0) throw new Error(`the converter has no column ${n}`);
    return i;
  });
  const notes = new Set<string>();
  for (const r of table.slice(1)) for (const i of cols) for (const t of (r[i] ?? '').split('\n')) if (t.trim()) notes.add(t.trim());
  const rows: Row[] = [...notes].sort().flatMap(parseNote);

  // A ward of a designated city as successor (京北町 → 京都市右京区): the row also names the city.
  const census = parseCensusCsv(readFileSync(join(root, 'data', 'census', '2020.csv'), 'utf8'), 'data/census/2020.csv');
  const cities = census.filter((r) => r.areaType === '1' && r.code !== '13100').map((r) => r.code).sort();
  const wardCity = (c5: string): string | null => {
    if (!census.some((r) => r.code === c5 && r.areaType === '0' && !c5.startsWith('131'))) return null;
    return cities.filter((c) => c.slice(0, 2) === c5.slice(0, 2) && c <= c5).pop() ?? null;
  };

  const seen = new Set<string>();
  const out: string[][] = [];
  const rank = (k: Row['kind']): number => ({ 編入: 0, 新設: 0, 名称変更: 1, 市制施行: 2, 町制施行: 2, 政令指定都市移行: 3 })[k];
  rows.sort((a, b) => a.date.localeCompare(b.date) || rank(a.kind) - rank(b.kind) || a.old.code!.localeCompare(b.old.code!) || a.next.code!.localeCompare(b.next.code!));
  for (const r of rows) {
    if (!r.old.code || !r.next.code) throw new Error(`no code: ${JSON.stringify(r)}`);
    const key = [r.date, r.kind, r.old.code, r.old.name, r.next.code, r.part].join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    const city = wardCity(r.next.code);
    out.push([r.date, r.kind, PREFECTURES[Number(r.old.code.slice(0, 2)) - 1]!, code6(r.old.code), r.old.name, code6(r.next.code), r.next.name, city ? code6(city) : '', r.part]);
  }
  return out;
}

export const HISTORY_HEADER = ['date', 'kind', 'prefecture', 'oldCode', 'oldName', 'newCode', 'newName', 'newCity', 'part'];

/** node scripts/build-data.mjs mergers PATH: rewrites data/mergers/history.csv (atomically). */
export function main(root: string, converterPath: string | undefined): void {
  if (!converterPath) throw new Error('usage: node scripts/build-data.mjs mergers PATH/municipality_converter_jp.csv');
  const rows = mergerRows(readFileSync(converterPath, 'utf8'), root);
  const csv = `${[HISTORY_HEADER, ...rows].map((r) => r.join(',')).join('\n')}\n`;
  const out = join(root, 'data', 'mergers', 'history.csv');
  writeFileSync(`${out}.tmp`, csv);
  renameSync(`${out}.tmp`, out);
  process.stdout.write(`wrote ${out} (${rows.length} rows)\n`);
}
