import type { Lang } from '../../i18n/lang.js';
import { esc, html, raw, render, type Content, type Safe } from './html.js';
import { STYLE } from './style.js';

/**
 * The building blocks every HTML report is made of: the document, its cover, tables, status
 * badges, a numbered procedure and the numbered notes. A report (tasks, eligibility, explain,
 * check, and later sphere) is these blocks in a row; charts are in chart.ts.
 */

/** The citations of a document as numbered notes: the same citation gets the same number. */
export class Notes {
  private readonly texts: string[] = [];
  private readonly numbers = new Map<string, number>();

  constructor(readonly title: string) {}

  /** The note number of a citation (added on first use). */
  number(citation: string): number {
    let n = this.numbers.get(citation);
    if (n === undefined) {
      this.texts.push(citation);
      n = this.texts.length;
      this.numbers.set(citation, n);
    }
    return n;
  }

  /** A superscript reference to the citation's note, or nothing for an empty citation. */
  ref(citation: string | null | undefined): Safe {
    if (!citation) return raw('');
    const n = this.number(citation);
    return html`<sup class="ref"><a href="#note-${n}">[${n}]</a></sup>`;
  }

  /** Several citations as one run of references ([1][4]). */
  refs(citations: readonly (string | null | undefined)[]): Safe {
    return raw([...new Set(citations.filter((c): c is string => !!c))].map((c) => this.ref(c).html).join(''));
  }

  get size(): number {
    return this.texts.length;
  }

  /** The notes at the end of the document. */
  section(): Safe {
    if (this.texts.length === 0) return raw('');
    return html`<section class="notes"><h2>${this.title}</h2><ol>${this.texts.map((t, i) => html`<li id="note-${i + 1}">${linked(t)}</li>`)}</ol></section>`;
  }
}

/**
 * A citation's text with its public web addresses as links (a statute on e-Gov, a table on
 * e-Stat). Nothing else becomes a link: a citation that names a document without an address
 * stays text.
 */
export function linked(text: string): Safe {
  const parts: string[] = [];
  let last = 0;
  for (const m of text.matchAll(/https:\/\/[^\s)）」、，,]+/g)) {
    parts.push(esc(text.slice(last, m.index)));
    const url = m[0].replace(/[.。]+$/, '');
    parts.push(`<a href="${esc(url)}">${esc(url)}</a>`);
    last = m.index + url.length;
  }
  parts.push(esc(text.slice(last)));
  return raw(parts.join(''));
}

/** The whole document: one self-contained file, no script, no external request. */
export function documentPage(opts: { lang: Lang; title: string; body: Content[]; notes?: Notes }): string {
  return `<!DOCTYPE html>\n${render(html`<html lang="${opts.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="generator" content="kouiki"><title>${opts.title}</title><style>${raw(STYLE)}</style></head>
<body>
${opts.body.map((b) => html`${b}\n`)}${opts.notes ? opts.notes.section() : ''}
</body></html>`)}\n`;
}

/** The cover summary: the title, then what was asked, the date, the rule pack, the data. */
export function cover(title: string, rows: readonly (readonly [string, Content])[], lead?: Content): Safe {
  return html`<header class="cover"><h1>${title}</h1>${lead ? html`<p>${lead}</p>` : ''}<table><tbody>${rows.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`)}</tbody></table></header>`;
}

export interface Column {
  head: string;
  /** Right-aligned numbers. */
  num?: boolean;
  nowrap?: boolean;
}

/** A table whose header repeats on every printed page and whose rows are never cut. */
export function table(columns: readonly Column[], rows: readonly (readonly Content[])[], caption?: string): Safe {
  const cls = (c: Column): string => [c.num ? 'num' : '', c.nowrap ? 'nowrap' : ''].filter(Boolean).join(' ');
  const attr = (c: Column): Safe => (cls(c) ? html` class="${cls(c)}"` : raw(''));
  return html`<table>${caption ? html`<caption>${caption}</caption>` : ''}<thead><tr>${columns.map((c) => html`<th scope="col"${attr(c)}>${c.head}</th>`)}</tr></thead><tbody>${rows.map(
    (r) => html`<tr>${r.map((cell, i) => html`<td${attr(columns[i] ?? { head: '' })}>${cell}</td>`)}</tr>`,
  )}</tbody></table>`;
}

/** A coloured label that also carries a symbol (readable in black and white). */
export function badge(kind: string, symbol: string, label: string): Safe {
  return html`<span class="badge ${kind}">${symbol} ${label}</span>`;
}

export interface Step {
  text: Content;
  /** The article or section the step rests on, shown after it and as a note. */
  citation?: string;
  extra?: Content;
}

/** A numbered procedure, each step with the article it rests on. */
export function procedure(steps: readonly Step[], notes: Notes): Safe {
  return html`<ol class="procedure">${steps.map((s) => html`<li>${s.text}${s.citation ? html` <span class="article">— ${s.citation}</span>${notes.ref(s.citation)}` : ''}${s.extra ?? ''}</li>`)}</ol>`;
}

export function section(title: Content, body: Content[], opts: { page?: boolean; id?: string; level?: 2 | 3 } = {}): Safe {
  const h = opts.level === 3 ? 'h3' : 'h2';
  return html`<section${opts.page ? raw(' class="page"') : ''}${opts.id ? html` id="${opts.id}"` : ''}>${raw(`<${h}>`)}${title}${raw(`</${h}>`)}${body}</section>`;
}

export function list(items: readonly Content[], ordered = false): Safe {
  if (items.length === 0) return raw('');
  return ordered ? html`<ol>${items.map((i) => html`<li>${i}</li>`)}</ol>` : html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>`;
}

/** YYYY-MM-DD in the output language (2026年11月23日 / 23 November 2026). */
export function longDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (lang === 'ja') return `${y}年${mo}月${d}日`;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${d} ${months[mo - 1]} ${y}`;
}
