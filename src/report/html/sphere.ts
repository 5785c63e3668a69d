import type { SphereEntry, SphereResult } from '../../core/eligibility/sphere.js';
import type { Lang } from '../../i18n/lang.js';
import type { StreamRenderer } from '../stream.js';
import { badge, cover, documentPage, list, section, table, type Notes } from './blocks.js';
import { STATUS_MARK } from './chart.js';
import { censusText, coverRows, newNotes, say, type HtmlEnv } from './common.js';
import { esc, html, raw, type Content, type Safe } from './html.js';

/**
 * `kouiki sphere CITY -f html`: the commuting sphere as a report for the council — the cover
 * (what was asked, the date, the pack, the census the counts come from), the guidelines with
 * their citations, a bar chart of the shares with the guideline drawn across it, the table of
 * counts with each count's source as a numbered note, and the notes (a guideline is not a bar;
 * the sphere is only as wide as the data).
 */

const W = {
  title: { ja: '{c}の通勤通学圏（連携の相手の目安）', en: 'The commuting sphere of {c} (the partner guidelines)' },
  lead: {
    ja: '{c}へ通勤・通学する人の割合（常住地の15歳以上就業者・通学者のうち）が、連携の相手の目安を満たす市町村。目安は参加の条件ではない',
    en: 'The municipalities whose share of residents who work or study in {c} meets the partner guideline. The guideline is not a condition of joining',
  },
  guidelines: { ja: '目安', en: 'Guidelines' },
  from: { ja: '{d} から', en: 'from {d}' },
  chart: { ja: '割合', en: 'Shares' },
  table: { ja: '市町村', en: 'Municipalities' },
  rank: { ja: '順位', en: '#' },
  municipality: { ja: '市町村', en: 'Municipality' },
  to: { ja: '{c}へ', en: 'to {c}' },
  total: { ja: '通勤通学者', en: 'work or study' },
  share: { ja: '割合', en: 'Share' },
  status: { ja: '判定', en: 'Status' },
  meets: { ja: '目安以上', en: 'meets the guideline' },
  below: { ja: '目安未満', en: 'below the guideline' },
  unknown: { ja: '割合不明', en: 'share unknown' },
  given: { ja: '割合で指定', en: 'given as a share' },
  line: { ja: '目安 {p}', en: 'guideline {p}' },
  listedMin: { ja: '割合 {p} 以上の市町村を表示', en: 'every municipality with a share of {p} or more' },
  listedNearest: { ja: '目安以上の市町村と、目安未満で割合の高い {n} 市町村を表示', en: 'the municipalities at or above the guideline and the {n} nearest below it' },
  none: { ja: 'データに{c}への通勤通学の数値がある市町村はありません。', en: 'No municipality of the data has a commuting figure to {c}.' },
  where: { ja: '入手先', en: 'Where to get them' },
  notes: { ja: '注記', en: 'Notes' },
} as const;

const STATUS = {
  meets: { cls: 'st-pass', mark: STATUS_MARK.pass },
  below: { cls: 'st-not-applicable', mark: STATUS_MARK['not-applicable'] },
  unknown: { cls: 'st-unknown', mark: STATUS_MARK.unknown },
} as const;
const COLOUR = { meets: '#007a5a', below: '#888', unknown: '#4d4d4d' } as const;

export interface SphereHtmlEnv extends HtmlEnv {}

const count = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const percent = (s: number): string => `${(Math.round(s * 10000) / 100).toFixed(2)}%`;
const guidelinePercent = (t: number): string => `${Number((t * 100).toFixed(4))}%`;
const r1 = (n: number): string => String(Math.round(n * 10) / 10);

function lineOf(r: SphereResult): number {
  return Math.min(...r.guidelines.map((g) => g.threshold));
}

function statusBadge(e: SphereEntry, lang: Lang): Safe {
  const s = STATUS[e.status];
  return badge(s.cls, s.mark, W[e.status][lang]);
}

/** The shares as horizontal bars, the guideline as a line across them (SVG, no script). */
function shareChart(r: SphereResult, lang: Lang): Safe {
  const rows = r.municipalities.filter((e) => e.share !== null);
  const line = lineOf(r);
  const width = 640;
  const labelW = 150;
  const left = labelW + 8;
  const right = width - 70;
  const rowH = 20;
  const top = 20;
  const height = top + rows.length * rowH + 8;
  const max = Math.max(line, ...rows.map((e) => e.share!)) * 1.1 || 1;
  const x = (v: number): number => left + (Math.min(v, max) / max) * (right - left);
  const parts: string[] = [];
  rows.forEach((e, i) => {
    const y = top + i * rowH;
    parts.push(`<text x="${labelW}" y="${y + 14}" text-anchor="end" font-size="12">${esc(e.municipality.name)}</text>`);
    parts.push(`<rect x="${left}" y="${y + 3}" width="${r1(Math.max(1, x(e.share!) - left))}" height="${rowH - 6}" fill="${COLOUR[e.status]}"/>`);
    // The label after the bar, and clear of the guideline when the bar stops short of it.
    const lx = x(e.share!) < x(line) && x(line) - x(e.share!) < 60 ? x(line) + 4 : x(e.share!) + 4;
    parts.push(`<text x="${r1(lx)}" y="${y + 14}" font-size="11" fill="${COLOUR[e.status]}">${esc(`${STATUS[e.status].mark} ${percent(e.share!)}`)}</text>`);
  });
  const lx = x(line);
  const label = say(W.line, lang, { p: guidelinePercent(line) });
  parts.push(`<line x1="${r1(lx)}" y1="${top - 6}" x2="${r1(lx)}" y2="${height - 4}" stroke="#1a1a1a" stroke-width="2" stroke-dasharray="4 3"/>`);
  parts.push(`<text x="${r1(lx + 4)}" y="${top - 8}" font-size="11" fill="#1a1a1a">${esc(label)}</text>`);
  return html`<div class="chart">${raw(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(label)}">`)}${raw(parts.join(''))}</svg></div>`;
}

function entriesTable(r: SphereResult, lang: Lang, notes: Notes): Safe {
  let rank = 0;
  const rows: Content[][] = r.municipalities.map((e) => [
    e.share === null ? '' : String(++rank),
    `${e.municipality.name}${e.municipality.code ? ` (${e.municipality.code})` : ''}`,
    e.commuters ? html`${count(e.commuters.value)}${notes.ref(e.commuters.source)}` : e.shareSource !== undefined ? W.given[lang] : '',
    e.workersAndStudents ? html`${count(e.workersAndStudents.value)}${notes.ref(e.workersAndStudents.source)}` : '',
    e.share === null ? '' : html`${percent(e.share)}${e.shareSource !== undefined ? notes.ref(e.shareSource) : ''}`,
    statusBadge(e, lang),
  ]);
  return table(
    [
      { head: W.rank[lang], num: true },
      { head: W.municipality[lang], nowrap: true },
      { head: say(W.to, lang, { c: r.city.name }), num: true },
      { head: W.total[lang], num: true },
      { head: W.share[lang], num: true },
      { head: W.status[lang] },
    ],
    rows,
  );
}

export function sphereDocument(r: SphereResult, env: SphereHtmlEnv): string {
  const { lang } = env;
  const notes = newNotes(lang);
  const c = r.city;
  const title = say(W.title, lang, { c: c.name });
  const sources = r.municipalities.flatMap((e) => [e.commuters?.source, e.workersAndStudents?.source, e.shareSource]);
  const census = censusText(sources, [], lang);
  const data: Content = html`${census ?? ''}${notes.refs(sources)}`;
  const body: Content[] = [cover(title, coverRows(env, data), say(W.lead, lang, { c: c.name }))];
  body.push(
    section(W.guidelines[lang], [
      list(r.guidelines.map((g) => html`${g.name} (<code>${g.designation}</code>): ${g.required}${g.effectiveFrom ? ` (${say(W.from, lang, { d: g.effectiveFrom })})` : ''}${notes.ref(g.citation)}`)),
      html`<p class="muted">${'min' in r.listed ? say(W.listedMin, lang, { p: guidelinePercent(r.listed.min) }) : say(W.listedNearest, lang, { n: r.listed.nearestBelow })}</p>`,
    ]),
  );
  if (r.municipalities.length === 0) {
    body.push(section(W.table[lang], [html`<p>${say(W.none, lang, { c: c.name })}</p>`, r.where ? html`<p>${W.where[lang]}: ${r.where}</p>` : '']));
  } else {
    if (r.municipalities.some((e) => e.share !== null)) body.push(section(W.chart[lang], [shareChart(r, lang)]));
    body.push(section(W.table[lang], [entriesTable(r, lang, notes)]));
  }
  if (r.notes.length > 0) body.push(section(W.notes[lang], [list(r.notes)]));
  return documentPage({ lang, title, body, notes });
}

export function sphereHtmlRenderer(env: SphereHtmlEnv): StreamRenderer<SphereResult> {
  return { begin: () => '', item: (r) => sphereDocument(r, env), end: () => '' };
}
