import type { Lang } from '../i18n/lang.js';
import { citedSources, collectCitations, type CitedSource } from '../core/citation.js';
import type { PackData } from '../pack/model.js';
import type { StreamRenderer } from './stream.js';
import { mdCell, wrapText } from './text.js';

/**
 * The "Sources" part of every output: each public source the output cites, in full (title,
 * number, publisher, date, URL), so a reader who pastes a reason into a council paper can open
 * what it rests on. Inline citations stay short (地方自治法第252条の2第3項); this list resolves them.
 */

const HEADING = { ja: '出典', en: 'Sources' } as const;

/** Gathers the citations of the results an output renders, and lists their sources at the end. */
export class SourceCollector {
  private readonly seen = new Set<string>();
  constructor(
    private readonly data: PackData,
    private readonly lang: Lang,
  ) {}

  add(result: unknown): void {
    collectCitations(result, this.seen);
  }

  addCitation(citation: string): void {
    if (citation) this.seen.add(citation);
  }

  list(): CitedSource[] {
    return citedSources(this.seen, this.data, this.lang);
  }
}

/**
 * Text: one numbered line per source; with `citations`, each citation under it with the URL that
 * opens it (an e-Gov article anchor for a statute).
 */
export function sourcesText(list: CitedSource[], lang: Lang, opts: { citations?: boolean; width?: number } = {}): string[] {
  if (list.length === 0) return [];
  const out = [`${HEADING[lang]}:`];
  list.forEach((s, i) => {
    out.push(...fitted(`  [${i + 1}] `, s.reference, s.url, opts.width));
    if (opts.citations) for (const c of s.citations) if (c.url && c.url !== s.url) out.push(...fitted('      ', `${c.citation} — ${c.url}`, c.url, opts.width));
  });
  return out;
}

/**
 * One entry fitted to the terminal: the words wrapped under a hanging indent, the URL kept whole
 * (a URL cut in two no longer opens), on the last line when it fits there, else on its own line.
 */
function fitted(prefix: string, text: string, url: string | undefined, width: number | undefined): string[] {
  if (!width) return [`${prefix}${text}`];
  const indent = ' '.repeat(prefix.length);
  const room = Math.max(20, width - prefix.length);
  const body = url && text.endsWith(url) ? text.slice(0, -url.length).trimEnd() : text;
  const lines = body ? wrapText(body, room).split('\n') : [];
  if (url && text.endsWith(url)) {
    const last = lines.length > 0 ? lines[lines.length - 1]! : '';
    if (lines.length > 0 && last.length + 1 + url.length <= room && !/[\u3000-\uffff]/.test(last)) lines[lines.length - 1] = `${last} ${url}`;
    else lines.push(url);
  }
  return lines.map((l, k) => `${k === 0 ? prefix : indent}${l}`);
}

export function sourcesMarkdown(list: CitedSource[], lang: Lang, opts: { citations?: boolean; level?: number } = {}): string[] {
  if (list.length === 0) return [];
  const out = [`${'#'.repeat(opts.level ?? 2)} ${HEADING[lang]}`, ''];
  list.forEach((s, i) => {
    out.push(`${i + 1}. ${mdCell(s.reference.replace(s.url ?? '\u0000', `<${s.url}>`))}`);
    if (opts.citations) for (const c of s.citations) if (c.url && c.url !== s.url) out.push(`   - [${mdCell(c.citation)}](${c.url})`);
  });
  return out;
}

/** The JSON form: the cited sources, each with its citations and their URLs. */
export function sourcesJson(list: CitedSource[]): CitedSource[] {
  return list;
}

/**
 * A text or Markdown renderer with the Sources list after the last result. The list covers
 * every result the renderer wrote (a batch cites each source once).
 */
export function withSources<R>(inner: StreamRenderer<R>, format: 'text' | 'markdown', data: PackData, lang: Lang, opts: { citations?: boolean; width?: number } = {}): StreamRenderer<R> {
  const collector = new SourceCollector(data, lang);
  return {
    begin: () => inner.begin(),
    item: (r, i) => {
      collector.add(r);
      return inner.item(r, i);
    },
    end: (count) => {
      const tail = inner.end(count);
      const lines = format === 'markdown' ? sourcesMarkdown(collector.list(), lang, opts) : sourcesText(collector.list(), lang, opts);
      if (lines.length === 0) return tail;
      return `${tail}\n${lines.join('\n')}\n`;
    },
  };
}

/**
 * `jsonArrayRenderer` with the cited sources after the results: `{ ..., "results": [...],
 * "sources": [...] }`. An output that cites nothing has `"sources": []`.
 */
export function jsonWithSources<R>(
  data: PackData,
  lang: Lang,
  make: (tail: () => object) => StreamRenderer<R>,
): StreamRenderer<R> {
  const collector = new SourceCollector(data, lang);
  const inner = make(() => ({ sources: sourcesJson(collector.list()) }));
  const out: StreamRenderer<R> = {
    begin: () => inner.begin(),
    item: (r, i) => {
      collector.add(r);
      return inner.item(r, i);
    },
    end: (count) => inner.end(count),
  };
  if (inner.itemTo) {
    const itemTo = inner.itemTo;
    out.itemTo = (r, i, sink) => {
      collector.add(r);
      itemTo(r, i, sink);
    };
  }
  return out;
}
