import { UserError } from '../../errors.js';
import type { Localized } from '../../i18n/lang.js';
import type { CensusLookup } from '../../core/eligibility/census.js';
import type { MunicipalHistory } from '../../core/eligibility/history.js';
import type { MunicipalityIndex } from '../../core/eligibility/index.js';
import { normalizeCode } from '../../core/eligibility/model.js';
import type { Measure, Recognized } from './recognize.js';

/**
 * Recognised e-Stat tables → a municipality data file (the `--data` format): every figure with
 * its source (the file, the table's id and title, the survey year, 確定/速報 as the file states
 * it, the day of the import). Area codes are joined to today's code list (5 or 6 digits); a code
 * the list no longer has is reported by name, with its successor and what to do.
 *
 * Commuting (an origin–destination table) gives each municipality of residence:
 *   workersAndStudents  the table's total over destinations (総数: everyone it counts, 不詳 included)
 *   commuting.to        the count to every other municipality (a designated city as a whole; each
 *                       special ward on its own), self excluded, zero flows left out
 *   commuting.toMetroCores  the sum over the metro cores of data/metro-cores.yaml (the 23 special
 *                       wards and the ten designated cities of the 三大都市圏), self excluded
 */

export interface MetroCores {
  source: string;
  /** 6-digit codes of the designated cities counted (the special wards are always counted). */
  designatedCities: Set<string>;
}

export interface ImportContext {
  index: MunicipalityIndex;
  history: MunicipalHistory;
  census: CensusLookup | null;
  metroCores: MetroCores;
  /** YYYY-MM-DD: the day of the import (written into every source). */
  date: string;
}

export interface ImportResult {
  /** The data file, a piece at a time (the header, then one record each): a national file need not be held whole. */
  chunks(): Iterable<string>;
  records: number;
  /** Warnings for stderr: codes no longer in the code list, each with what to do. */
  warnings: Localized[];
  /** What each file gave and what was left out. */
  notes: Localized[];
}

type FieldName = 'population' | 'daytimePopulation' | 'dayNightRatio' | 'imputedDaytimePopulation' | 'imputedDayNightRatio' | 'workersAndStudents' | 'commuting';

interface Out {
  code: string;
  name: string;
  prefecture: string;
  population?: number;
  pastCensus: { year: number; population: number }[];
  daytimePopulation?: number;
  dayNightRatio?: number;
  imputedDaytimePopulation?: number;
  imputedDayNightRatio?: number;
  workersAndStudents?: number;
  toMetroCores?: number;
  to?: [string, number][];
  sources: Partial<Record<FieldName | 'pastCensus', string>>;
  /** The (year, kind) of each field, to write one `census:` when they agree. */
  censuses: string[];
  /** Where each field came from (file:line), for a conflict between two files. */
  from: Partial<Record<FieldName, string>>;
}

const q = (s: string): string => JSON.stringify(s);
const keys = new Map<string, string>();
/** A key as a plain YAML scalar when it is a name, else quoted (memoised: a national table writes each name thousands of times). */
const key = (s: string): string => {
  let k = keys.get(s);
  if (k === undefined) keys.set(s, (k = /^[\p{L}\p{N}ー々〆ヶヵ・]+$/u.test(s) && !/^\d/.test(s) ? s : q(s)));
  return k;
};

export function sourceText(r: Recognized, ctx: ImportContext, what: string): string {
  const parts = [`${r.year ?? '?'}年国勢調査`, r.censusKind ?? '速報・確定の別は記載なし', r.imputed ? '不詳補完値' : null, what, r.table.file, `kouiki data import ${ctx.date}`].filter(Boolean);
  return `${r.title}（${parts.join('、')}）`;
}

export function buildDataFile(tables: Recognized[], ctx: ImportContext): ImportResult {
  const outs = new Map<string, Out>();
  const warnings: Localized[] = [];
  const notes: Localized[] = [];
  const merged = new Map<string, { label: string; lines: string[] }>();
  const census = ctx.census;

  /** Today's municipality of an area code, or why not (a prefecture, a ward, merged away). */
  const place = (raw: string): { code: string; name: string; prefecture: string } | 'skip' | 'merged' => {
    const code = normalizeCode(raw);
    if (!code) return 'skip';
    // Japan and the prefectures (XX000), 特別区部 (13100), 不詳 (99998 「不詳・外国」, 99999 「不詳」).
    if (raw.endsWith('000') || code === '131008' || raw.startsWith('999')) return 'skip';
    const m = ctx.index.get(code);
    if (m && m.inCodeList) return { code, name: m.name, prefecture: m.prefecture ?? '' };
    if (census?.row(code)?.areaType === '0') return 'skip';
    return 'merged';
  };
  const out = (p: { code: string; name: string; prefecture: string }): Out => {
    let o = outs.get(p.code);
    if (!o) outs.set(p.code, (o = { ...p, pastCensus: [], sources: {}, censuses: [], from: {} }));
    return o;
  };
  const set = (o: Out, field: FieldName, value: number, r: Recognized, line: number, source: string): void => {
    const prev = o.from[field];
    const here = `${r.table.file}:${line}`;
    if (prev !== undefined) {
      // The same figure in two tables (夜間人口 of a daytime table is the population): one is kept.
      const had = (o as unknown as Record<string, number>)[field];
      if (had === value) return;
      throw new UserError(
        { ja: `${o.name}の ${field} が 2 つのファイルで違います（${prev} は ${had}、${here} は ${value}）`, en: `${field} of ${o.name} differs between two files (${prev}: ${had}; ${here}: ${value})` },
        { position: { file: r.table.file, line }, hint: { ja: '同じ数値を含むファイルは 1 つだけ指定してください（調査年や速報・確定の違いを確認）', en: 'give only one file for each figure (check the survey year and 速報/確定)' } },
      );
    }
    o.from[field] = here;
    (o as unknown as Record<string, number>)[field] = value;
    o.sources[field] = source;
    o.censuses.push(`${r.year}|${r.censusKind ?? ''}`);
  };
  const noteMerged = (raw: string, label: string, what: string): void => {
    const code = normalizeCode(raw) ?? raw;
    let e = merged.get(code);
    if (!e) merged.set(code, (e = { label, lines: [] }));
    e.lines.push(what);
  };

  for (const r of tables) {
    const t = r.table;
    const areaCats = t.dims[t.area]!.categories;
    const labelOf = new Map(areaCats.map((c) => [c.code, c.name]));
    const used = new Set<string>();
    if (r.kind === 'figures') {
      for (const [measure, byArea] of r.figures) {
        const field: FieldName = r.imputed && measure !== 'population' ? (measure === 'daytimePopulation' ? 'imputedDaytimePopulation' : 'imputedDayNightRatio') : measure;
        for (const [raw, byYear] of byArea) {
          const p = place(raw);
          const years = [...byYear.keys()].sort((a, b) => b - a);
          if (p === 'skip') continue;
          if (p === 'merged') {
            noteMerged(raw, labelOf.get(raw) ?? raw, `${measureLabel(measure)} ${years.map((y) => `${y}: ${byYear.get(y)!.value}`).join(', ')}`);
            continue;
          }
          const o = out(p);
          const latest = byYear.get(years[0]!)!;
          set(o, field, latest.value, { ...r, year: years[0]! }, latest.line, sourceText({ ...r, year: years[0]! }, ctx, measureLabel(measure)));
          if (measure === 'population') {
            for (const y of years.slice(1)) o.pastCensus.push({ year: y, population: byYear.get(y)!.value });
            if (years.length > 1) o.sources.pastCensus = sourceText({ ...r, year: years[1]! }, ctx, measureLabel(measure));
          }
          used.add(p.code);
        }
      }
    } else {
      const dcats = r.destinations;
      // Each destination category resolved once: today's municipality (a ward of a designated
      // city counted in its city, unless the table has the city's own row), a merged-away code,
      // or nothing (Japan, a prefecture, 特別区部, 不詳); then its key in `to:` and whether it is
      // a metro core. A national table has millions of flows and a few thousand destinations.
      const resolved = dcats.map((c) => place(c.code));
      const cityRows = new Set(resolved.filter((p): p is { code: string; name: string; prefecture: string } => typeof p === 'object').map((p) => p.code));
      const designated = [...cityRows].filter((c) => census?.row(c)?.areaType === '1').sort();
      type Dest = { code: string; key: string; core: boolean; target: number } | 'skip' | 'merged';
      // One target per municipality (several categories may count into one: a city and its wards).
      const targets: { key: string; order: number }[] = [];
      const targetOf = new Map<string, number>();
      const dests: Dest[] = dcats.map((c, i) => {
        let p = resolved[i]!;
        if (p === 'skip') {
          const code = normalizeCode(c.code);
          if (!code || c.code.startsWith('131') || census?.row(code)?.areaType !== '0') return 'skip';
          // The city of a ward: the designated city whose code is the largest one below it.
          const city = designated.filter((d) => d.slice(0, 2) === code.slice(0, 2) && d < code).pop();
          if (!city || cityRows.has(city)) return 'skip';
          const m = ctx.index.get(city)!;
          p = { code: city, name: m.name, prefecture: m.prefecture ?? '' };
        }
        if (p === 'merged') return 'merged';
        const res = ctx.index.resolve(p.name);
        const key = res.ok && res.municipality.code === p.code ? p.name : `${p.prefecture}${p.name}`;
        let target = targetOf.get(p.code);
        if (target === undefined) {
          target = targets.length;
          targets.push({ key, order: 0 });
          targetOf.set(p.code, target);
        }
        return { code: p.code, key, core: p.code.startsWith('131') || ctx.metroCores.designatedCities.has(p.code), target };
      });
      // `to:` lists the places in code order (stable, diffable output).
      [...targetOf].sort((a, b) => (a[0] < b[0] ? -1 : 1)).forEach(([, ti], i) => (targets[ti]!.order = i));
      const sums = new Float64Array(targets.length);
      const touched: number[] = [];
      const totalSource = sourceText(r, ctx, `常住地の${r.totalLabel}（従業地・通学地の総数）`);
      const flowSource = sourceText(r, ctx, '常住地×従業地・通学地の人数');
      const origins = new Set([...r.totals.keys(), ...r.flows.keys()]);
      for (const raw of [...origins].sort()) {
        const p = place(raw);
        if (p === 'skip') continue;
        const total = r.totals.get(raw);
        const flows = r.flows.get(raw) ?? { dests: new Int32Array(0), counts: new Float64Array(0) };
        if (p === 'merged') {
          noteMerged(raw, labelOf.get(raw) ?? raw, `${r.totalLabel} ${total?.value ?? '?'}`);
          continue;
        }
        const o = out(p);
        if (total) set(o, 'workersAndStudents', total.value, r, total.line, totalSource);
        // Counts summed per target (a ward's into its city) in an array, the targets touched listed.
        let core = 0;
        touched.length = 0;
        for (let k = 0; k < flows.dests.length; k++) {
          const di = flows.dests[k]!;
          const count = flows.counts[k]!;
          const d = dests[di]!;
          if (d === 'skip') continue;
          if (d === 'merged') {
            noteMerged(dcats[di]!.code, dcats[di]!.name, `← ${p.name} ${count}`);
            continue;
          }
          if (d.code === p.code) continue;
          if (sums[d.target] === 0) touched.push(d.target);
          sums[d.target] = sums[d.target]! + count;
          if (d.core) core += count;
        }
        touched.sort((a, b) => targets[a]!.order - targets[b]!.order);
        const toList: [string, number][] = touched.map((ti) => [targets[ti]!.key, sums[ti]!]);
        for (const ti of touched) sums[ti] = 0;
        const line = total?.line ?? r.table.headerLine;
        if (o.from.commuting !== undefined) {
          throw new UserError(
            { ja: `${o.name}の通勤通学の人数が 2 つのファイルにあります（${o.from.commuting} と ${r.table.file}:${line}）`, en: `the commuting counts of ${o.name} are in two files (${o.from.commuting} and ${r.table.file}:${line})` },
            { position: { file: r.table.file, line }, hint: { ja: '同じ表は 1 度だけ指定してください', en: 'give each table once' } },
          );
        }
        o.from.commuting = `${r.table.file}:${line}`;
        o.to = toList;
        // Self excluded (a metro core's own residents are not commuters to a core); 0 is a figure.
        o.toMetroCores = core;
        o.sources.commuting = flowSource;
        o.censuses.push(`${r.year}|${r.censusKind ?? ''}`);
        used.add(p.code);
      }
    }
    const kindText: Localized = r.kind === 'commuting' ? { ja: '通勤通学（常住地×従業地・通学地）', en: 'commuting (residence × place of work or school)' } : { ja: [...r.figures.keys()].map(measureLabel).join('・'), en: [...r.figures.keys()].join(', ') };
    notes.push({
      ja: `${t.file}: ${r.title}、${kindText.ja}、${r.year ?? '?'}年、${r.censusKind ?? '速報・確定の別は記載なし'}${r.imputed ? '、不詳補完値' : ''}（${t.encoding === 'shift_jis' ? 'Shift_JIS' : 'UTF-8'}、${t.rowCount} 行）→ ${used.size} 市区町村`,
      en: `${t.file}: ${r.title}, ${kindText.en}, ${r.year ?? '?'}, ${r.censusKind ?? 'final/preliminary not stated'}${r.imputed ? ', imputed' : ''} (${t.encoding === 'shift_jis' ? 'Shift_JIS' : 'UTF-8'}, ${t.rowCount} rows) → ${used.size} municipalities`,
    });
    for (const n of r.notes) notes.push({ ja: `  ${n.ja}`, en: `  ${n.en}` });
  }

  for (const [code, e] of merged) {
    const m = ctx.history.lookupCode(code);
    if (m && m.successors.length > 0) {
      const succ = m.successors.map((s) => `${s.prefecture}${s.name}`).join('、');
      warnings.push({
        ja: `${e.label}（${code}）は今の市区町村一覧にありません: ${m.date} に${succ}へ${m.kind}。この表の数値は出力に含めず、末尾にコメントで残しました。今の境域の表（組替）を取り込むか、必要なら${succ}の数値に自分で加えてください`,
        en: `${e.label} (${code}) is not in today's code list: it became part of ${succ} on ${m.date} (${m.kind}). Its figures are left out of the records and kept as a comment at the end; import a table on today's boundaries (組替), or add them to ${succ} yourself`,
      });
    } else {
      warnings.push({
        ja: `${e.label}（${code}）は今の市区町村一覧にありません（合併の履歴にもありません）。数値は末尾にコメントで残しました`,
        en: `${e.label} (${code}) is neither in today's code list nor in the merger history; its figures are kept as a comment at the end`,
      });
    }
  }
  const list = [...outs.values()];
  return { chunks: () => render(list, merged, ctx), records: outs.size, warnings, notes };
}

function measureLabel(m: Measure): string {
  return m === 'population' ? '人口' : m === 'daytimePopulation' ? '昼間人口' : '昼夜間人口比率';
}

/** The data file, written by hand (not by the YAML library): a national table has millions of lines. */
function* render(list: Out[], merged: Map<string, { label: string; lines: string[] }>, ctx: ImportContext): Iterable<string> {
  yield [
    `# kouiki data import, ${ctx.date}: figures of the census from e-Stat (政府標準利用規約 2.0; 出典：政府統計の総合窓口(e-Stat)).`,
    '# Every figure names its table and file in `source`/`sources`. Use it with: kouiki eligibility NAME --data THIS_FILE',
    '# commuting.to: residents who work or study in each other municipality; commuting.toMetroCores: to the special',
    `# wards and the designated cities of the 三大都市圏 (${ctx.metroCores.source}).`,
    'version: 1',
    list.length === 0 ? 'municipalities: []\n' : 'municipalities:\n',
  ].join('\n');
  list.sort((a, b) => a.code.localeCompare(b.code));
  for (const o of list) {
    const lines: string[] = [`  - name: ${key(o.name)}`, `    code: "${o.code}"`, `    prefecture: ${key(o.prefecture)}`];
    const kinds = new Set(o.censuses);
    if (kinds.size === 1) {
      const [year, kind] = [...kinds][0]!.split('|');
      if (year && year !== 'null') lines.push(kind ? `    census: { year: ${year}, kind: ${kind} }` : `    census: { year: ${year} }`);
    }
    lines.push(`    imported: "${ctx.date}"`);
    for (const f of ['population', 'daytimePopulation', 'dayNightRatio', 'imputedDaytimePopulation', 'imputedDayNightRatio', 'workersAndStudents'] as const) {
      const v = o[f];
      if (v !== undefined) lines.push(`    ${f}: ${v}`);
    }
    if (o.pastCensus.length > 0) {
      lines.push('    pastCensus:');
      for (const p of o.pastCensus.sort((a, b) => a.year - b.year)) lines.push(`      - { year: ${p.year}, population: ${p.population} }`);
    }
    if (o.to !== undefined) {
      lines.push('    commuting:');
      if (o.toMetroCores !== undefined) lines.push(`      toMetroCores: ${o.toMetroCores}`);
      if (o.to.length === 0) lines.push('      to: {}');
      else {
        lines.push('      to:');
        for (const [name, v] of o.to) lines.push(`        ${key(name)}: ${v}`);
      }
    }
    lines.push('    sources:');
    for (const [k, v] of Object.entries(o.sources)) lines.push(`      ${k}: ${q(v!)}`);
    yield `${lines.join('\n')}\n`;
  }
  if (merged.size > 0) {
    const lines = ['', "# Areas not in today's code list (merged away): their figures, not used. See the warnings of the import."];
    for (const [code, e] of merged) lines.push(`#   ${e.label} (${code}): ${e.lines.slice(0, 20).join('; ')}${e.lines.length > 20 ? `; … (${e.lines.length})` : ''}`);
    yield `${lines.join('\n')}\n`;
  }
}
