import type { ChalkInstance } from 'chalk';
import type { SphereEntry, SphereResult } from '../core/eligibility/sphere.js';
import { idLabel } from '../i18n/kind-labels.js';
import type { Lang } from '../i18n/lang.js';
import type { JsonHead, StreamRenderer } from './stream.js';
import { drawTable } from './table.js';
import { csvField, hang, mdCell, wrapText } from './text.js';

export { SPHERE_FORMATS } from './formats.js';

/**
 * `kouiki sphere CITY` in each format: the table and Markdown list the municipalities by share
 * with the guideline drawn as a line between those that meet it and those just below, each
 * count marked with the number of its source (the sources listed once below the table: an
 * import's source text is long, and most rows share it); CSV has one row per municipality with
 * the sources in full; JSON is the result as the core built it, after the contract's head.
 */

export interface SphereRenderEnv {
  lang: Lang;
  head: JsonHead;
  width: number;
  chalk: ChalkInstance;
}

const WORDS = {
  title: { ja: '{c} の通勤通学圏', en: 'the commuting sphere of {c}' },
  guidelines: { ja: '目安', en: 'Guidelines' },
  from: { ja: '{d} から', en: 'from {d}' },
  rank: { ja: '順位', en: '#' },
  municipality: { ja: '市町村', en: 'Municipality' },
  to: { ja: '{c}へ', en: 'to {c}' },
  total: { ja: '通勤通学者', en: 'workers+students' },
  share: { ja: '割合', en: 'Share' },
  status: { ja: '判定', en: 'Status' },
  meets: { ja: '✓ 目安以上', en: '✓ meets the guideline' },
  below: { ja: '- 目安未満', en: '- below the guideline' },
  unknown: { ja: '? 割合不明', en: '? share unknown' },
  meetsOnly: { ja: '✓ {g} の目安以上', en: '✓ meets {g}' },
  line: { ja: '目安 {p}', en: 'guideline {p}' },
  none: { ja: 'データに {c} への通勤通学の数値がある市町村はありません。', en: 'no municipality of the data has a commuting figure to {c}.' },
  where: { ja: '入手先', en: 'where to get it' },
  sources: { ja: '出典', en: 'Sources' },
  notes: { ja: '注記', en: 'Notes' },
  listedMin: { ja: '割合 {p} 以上の市町村を表示', en: 'listing every municipality with a share of {p} or more' },
  listedNearest: { ja: '目安以上の市町村と、目安未満で割合の高い {n} 市町村を表示（--min で広げる）', en: 'listing the municipalities at or above the guideline and the {n} nearest below it (--min widens it)' },
  given: { ja: '割合で指定', en: 'given as a share' },
} as const;

function w(lang: Lang, key: keyof typeof WORDS, vars: Record<string, string | number> = {}): string {
  return WORDS[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

/** 12345 → "12,345" (locale-independent). */
function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 0.3272 → "32.72%": two decimals, so a share just under the line never shows as the line. */
export function percent(share: number): string {
  return `${(Math.round(share * 10000) / 100).toFixed(2)}%`;
}

/** 0.1 → "10%", 0.075 → "7.5%": a guideline as the pack states it. */
function guidelinePercent(t: number): string {
  return `${Number((t * 100).toFixed(4))}%`;
}

function cityTitle(r: SphereResult, lang: Lang): string {
  const c = r.city;
  const bits = [c.prefecture, c.code, c.kind ? (idLabel(c.kind)?.[lang] ?? c.kind) : null].filter(Boolean);
  return w(lang, 'title', { c: `${c.name}${bits.length > 0 ? ` (${bits.join(', ')})` : ''}` });
}

function guidelineLines(r: SphereResult, lang: Lang): string[] {
  return r.guidelines.map((g) => `${g.name} (${g.designation}): ${g.required} [${g.citation}]${g.effectiveFrom ? ` (${w(lang, 'from', { d: g.effectiveFrom })})` : ''}`);
}

/** Whether every guideline has the same threshold (one line in the table), and which. */
function singleLine(r: SphereResult): number | null {
  const ts = new Set(r.guidelines.map((g) => g.threshold));
  return ts.size === 1 ? r.guidelines[0]!.threshold : null;
}

function statusWords(e: SphereEntry, r: SphereResult, lang: Lang): string {
  if (e.status === 'below') return w(lang, 'below');
  if (e.status === 'unknown') return w(lang, 'unknown');
  if (singleLine(r) !== null) return w(lang, 'meets');
  // Guidelines with different thresholds: say which ones it meets.
  const met = r.guidelines.filter((g) => e.guidelines[g.designation] === 'pass').map((g) => `${g.designation} ${guidelinePercent(g.threshold)}`);
  return w(lang, 'meetsOnly', { g: met.join(', ') });
}

/** Numbers the distinct sources of the listed figures, in the order they first appear. */
class SourceNotes {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  mark(source: string): string {
    let n = this.index.get(source);
    if (n === undefined) {
      this.list.push(source);
      n = this.list.length;
      this.index.set(source, n);
    }
    return `[${n}]`;
  }
}

interface Row {
  rank: string;
  name: string;
  to: string;
  total: string;
  share: string;
  status: string;
}

/** The rows of the table and Markdown, with the line drawn before the first row below it. */
function rows(r: SphereResult, lang: Lang, notes: SourceNotes): { rows: Row[]; lineAt: number } {
  let lineAt = -1;
  const out: Row[] = [];
  let rank = 0;
  r.municipalities.forEach((e, i) => {
    if (lineAt < 0 && e.status !== 'meets') lineAt = i;
    const place = `${e.municipality.name}${e.municipality.code ? ` (${e.municipality.code})` : ''}`;
    const share = e.share === null ? '' : e.shareSource !== undefined ? `${percent(e.share)} ${notes.mark(e.shareSource)}` : percent(e.share);
    out.push({
      rank: e.share === null ? '' : String(++rank),
      name: place,
      to: e.commuters ? `${count(e.commuters.value)} ${notes.mark(e.commuters.source)}` : e.shareSource !== undefined ? w(lang, 'given') : '',
      total: e.workersAndStudents ? `${count(e.workersAndStudents.value)} ${notes.mark(e.workersAndStudents.source)}` : '',
      share,
      status: statusWords(e, r, lang),
    });
  });
  return { rows: out, lineAt: lineAt < 0 ? out.length : lineAt };
}

function lineLabel(r: SphereResult, lang: Lang): string {
  const t = singleLine(r) ?? Math.min(...r.guidelines.map((g) => g.threshold));
  return w(lang, 'line', { p: guidelinePercent(t) });
}

function listedWords(r: SphereResult, lang: Lang): string {
  return 'min' in r.listed ? w(lang, 'listedMin', { p: guidelinePercent(r.listed.min) }) : w(lang, 'listedNearest', { n: r.listed.nearestBelow });
}


function tableText(r: SphereResult, env: SphereRenderEnv): string {
  const { lang, chalk } = env;
  const out: string[] = [chalk.bold(`■ ${cityTitle(r, lang)}`), `${w(lang, 'guidelines')}:`];
  for (const g of guidelineLines(r, lang)) out.push(hang('  ', g, env.width - 2));
  if (r.municipalities.length === 0) {
    out.push('', w(lang, 'none', { c: r.city.name }));
    if (r.where) out.push(hang(`${w(lang, 'where')}: `, r.where, env.width));
  } else {
    out.push(listedWords(r, lang));
    const notes = new SourceNotes();
    const { rows: rs, lineAt } = rows(r, lang, notes);
    const cols = [6, 22, 14, 18, 10];
    const statusWidth = Math.max(16, env.width - cols.reduce((a, b) => a + b, 0) - 7);
    const lineText = chalk.yellow(`── ${lineLabel(r, lang)} ──`);
    const body: string[][] = [];
    const fullRows: number[] = [];
    rs.forEach((row, i) => {
      if (i === lineAt) {
        fullRows.push(body.length);
        body.push([lineText]);
      }
      const status = row.status.startsWith('✓') ? chalk.green(row.status) : row.status.startsWith('?') ? chalk.cyan(row.status) : chalk.dim(row.status);
      body.push([row.rank, wrapText(row.name, cols[1]! - 2), row.to, row.total, row.share, wrapText(status, statusWidth - 2)]);
    });
    if (lineAt === rs.length) {
      fullRows.push(body.length);
      body.push([lineText]);
    }
    out.push(
      drawTable({
        head: [w(lang, 'rank'), w(lang, 'municipality'), w(lang, 'to', { c: r.city.name }), w(lang, 'total'), w(lang, 'share'), w(lang, 'status')],
        colWidths: [...cols, statusWidth],
        align: ['right', 'left', 'right', 'right', 'right', 'left'],
        rows: body,
        fullRows,
        chalk,
      }),
    );
    if (notes.list.length > 0) {
      out.push(`${w(lang, 'sources')}:`);
      notes.list.forEach((s, i) => out.push(hang(`  [${i + 1}] `, s, env.width - 2)));
    }
  }
  if (r.notes.length > 0) {
    out.push(`${w(lang, 'notes')}:`);
    for (const n of r.notes) out.push(hang('  - ', n, env.width - 2));
  }
  return `${out.join('\n')}\n`;
}

function markdownText(r: SphereResult, lang: Lang): string {
  const out: string[] = [`## ${mdCell(cityTitle(r, lang))}`, '', `**${w(lang, 'guidelines')}**`, ''];
  for (const g of guidelineLines(r, lang)) out.push(`- ${mdCell(g)}`);
  out.push('');
  if (r.municipalities.length === 0) {
    out.push(w(lang, 'none', { c: r.city.name }));
    if (r.where) out.push('', `${w(lang, 'where')}: ${mdCell(r.where)}`);
  } else {
    out.push(`*${listedWords(r, lang)}*`, '');
    const notes = new SourceNotes();
    const { rows: rs, lineAt } = rows(r, lang, notes);
    out.push(`| ${w(lang, 'rank')} | ${w(lang, 'municipality')} | ${mdCell(w(lang, 'to', { c: r.city.name }))} | ${w(lang, 'total')} | ${w(lang, 'share')} | ${w(lang, 'status')} |`, '|---:|---|---:|---:|---:|---|');
    const line = `| | **── ${mdCell(lineLabel(r, lang))} ──** | | | | |`;
    rs.forEach((row, i) => {
      if (i === lineAt) out.push(line);
      out.push(`| ${row.rank} | ${mdCell(row.name)} | ${mdCell(row.to)} | ${mdCell(row.total)} | ${mdCell(row.share)} | ${mdCell(row.status)} |`);
    });
    if (lineAt === rs.length) out.push(line);
    if (notes.list.length > 0) {
      out.push('', `**${w(lang, 'sources')}**`, '');
      notes.list.forEach((s, i) => out.push(`${i + 1}. ${mdCell(s)}`));
    }
  }
  if (r.notes.length > 0) {
    out.push('', `**${w(lang, 'notes')}**`, '');
    for (const n of r.notes) out.push(`- ${mdCell(n)}`);
  }
  return `${out.join('\n')}\n`;
}

const CSV_HEADER = ['city', 'city_code', 'rank', 'code', 'municipality', 'prefecture', 'status', 'share', 'commuters', 'workers_and_students', 'guidelines', 'commuters_source', 'workers_and_students_source', 'share_source'];

function csvText(r: SphereResult): string {
  let out = `${CSV_HEADER.join(',')}\r\n`;
  let rank = 0;
  for (const e of r.municipalities) {
    out += `${[
      csvField(r.city.name),
      csvField(r.city.code ?? ''),
      csvField(e.share === null ? '' : ++rank),
      csvField(e.municipality.code ?? ''),
      csvField(e.municipality.name),
      csvField(e.municipality.prefecture ?? ''),
      csvField(e.status),
      csvField(e.share),
      csvField(e.commuters?.value ?? null),
      csvField(e.workersAndStudents?.value ?? null),
      csvField(Object.entries(e.guidelines).map(([d, s]) => `${d}:${s}`).join(' ')),
      csvField(e.commuters?.source ?? ''),
      csvField(e.workersAndStudents?.source ?? ''),
      csvField(e.shareSource ?? ''),
    ].join(',')}\r\n`;
  }
  return out;
}

/** One result, one document: a renderer of the CLI's streaming kind with a single item. */
export function sphereRenderer(format: string, env: SphereRenderEnv): StreamRenderer<SphereResult> {
  const once = (render: (r: SphereResult) => string): StreamRenderer<SphereResult> => ({ begin: () => '', item: render, end: () => '' });
  switch (format) {
    case 'json':
      return once((r) => `${JSON.stringify({ ...env.head, ...r }, null, 2)}\n`);
    case 'csv':
      return once(csvText);
    case 'markdown':
      return once((r) => markdownText(r, env.lang));
    default:
      return once((r) => tableText(r, env));
  }
}
