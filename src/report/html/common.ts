import type { Lang, Localized } from '../../i18n/lang.js';
import type { JsonHead } from '../stream.js';
import { longDate, Notes } from './blocks.js';
import { html, type Content } from './html.js';

/** What every HTML report is told besides its results. */
export interface HtmlEnv {
  lang: Lang;
  head: JsonHead;
  /** What was asked, in words, one line each (the cover's first row). */
  asked: string[];
}

export const COMMON = {
  asked: { ja: '依頼内容', en: 'What was asked' },
  date: { ja: '基準日（--as-of）', en: 'Date (--as-of)' },
  dateText: { ja: '{date}（この日に施行されている法令で判定）', en: '{date} (the law in force on this day)' },
  pack: { ja: 'ルールパック', en: 'Rule pack' },
  data: { ja: 'データ', en: 'Data' },
  noData: { ja: '市町村データは使っていません', en: 'no municipality data used' },
  notes: { ja: '注（出典）', en: 'Notes (sources)' },
  generator: { ja: 'kouiki で作成', en: 'made with kouiki' },
  sourcesInNotes: { ja: '出典は注 {refs}', en: 'sources: notes {refs}' },
} as const satisfies Record<string, Localized>;

export function say(text: Localized, lang: Lang, vars: Record<string, string | number> = {}): string {
  return text[lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

export function newNotes(lang: Lang): Notes {
  return new Notes(COMMON.notes[lang]);
}

/** The cover's rows every report has: what was asked, the date, the rule pack (and the data, when given). */
export function coverRows(env: HtmlEnv, data?: Content): [string, Content][] {
  const { lang, head } = env;
  const rows: [string, Content][] = [
    [COMMON.asked[lang], env.asked.length <= 1 ? (env.asked[0] ?? '') : html`${env.asked.map((a, i) => html`${i > 0 ? html`<br>` : ''}${a}`)}`],
    [COMMON.date[lang], say(COMMON.dateText, lang, { date: longDate(head.asOf, lang) })],
    [COMMON.pack[lang], `${head.rulePack.name} ${head.rulePack.version}`],
  ];
  if (data !== undefined) rows.push([COMMON.data[lang], data]);
  return rows;
}

/** A census a figure's source names: 令和2年国勢調査 → 2020, with 確定/速報 when it says. */
export function censusOf(source: string): { year: number; kind: string | null } | null {
  let year: number | null = null;
  const reiwa = /令和(\d+|元)年国勢調査/.exec(source);
  const heisei = /平成(\d+)年国勢調査/.exec(source);
  const western = /(\d{4})\s*年?\s*国勢調査|(\d{4})\s+(?:population\s+)?census/i.exec(source);
  if (reiwa) year = 2018 + (reiwa[1] === '元' ? 1 : Number(reiwa[1]));
  else if (heisei) year = 1988 + Number(heisei[1]);
  else if (western) year = Number(western[1] ?? western[2]);
  if (year === null) return null;
  const kind = /確定|final/i.test(source) ? '確定' : /速報|preliminary/i.test(source) ? '速報' : null;
  return { year, kind };
}

/** The census years (and kinds) among the figures' sources, in words: 2020年国勢調査（確定値）. */
export function censusText(sources: readonly (string | null | undefined)[], structured: readonly ({ year: number; kind: string } | undefined)[], lang: Lang): string | null {
  const seen = new Map<string, { year: number; kind: string | null }>();
  for (const c of structured) if (c) seen.set(`${c.year}${c.kind}`, c);
  if (seen.size === 0) {
    for (const s of sources) {
      const c = s ? censusOf(s) : null;
      if (c) seen.set(`${c.year}${c.kind ?? ''}`, c);
    }
  }
  if (seen.size === 0) return null;
  const kindText = (k: string | null): string => (k === null ? '' : lang === 'ja' ? `（${k}値）` : k === '確定' ? ' (final)' : ' (preliminary)');
  return [...seen.values()]
    .sort((a, b) => a.year - b.year || String(a.kind).localeCompare(String(b.kind)))
    .map((c) => (lang === 'ja' ? `${c.year}年国勢調査${kindText(c.kind)}` : `${c.year} census${kindText(c.kind)}`))
    .join(lang === 'ja' ? '、' : ', ');
}
