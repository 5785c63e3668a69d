import { drawTable } from './table.js';
import type { ChalkInstance } from 'chalk';
import type { Lang } from '../i18n/lang.js';
import { PROPERTY_LABEL, PROPERTY_ORDER, type InstrumentOut } from '../core/instruments.js';
import type { JsonHead } from './stream.js';
import { citedSources, collectCitations } from '../core/citation.js';
import type { PackData } from '../pack/model.js';
import { sourcesMarkdown, sourcesText } from './sources.js';
import { mdCell, wrapText } from './text.js';

const MATRIX: (keyof typeof PROPERTY_LABEL)[] = ['basis', 'legalPersonality', 'authority', 'parties', 'councilResolution', 'approval', 'exit', 'typicalUses'];

function cell(inst: InstrumentOut, key: keyof typeof PROPERTY_LABEL): string {
  // Every core basis is in the Local Autonomy Act: the matrix shows the article alone.
  if (key === 'basis') return inst.basis.map((b) => b.replace(/^地方自治法|^Local Autonomy Act /, '')).join('\n');
  if (key === 'inForce') return inst.inForce ? inst.inForce.from : '';
  const p = inst.properties[key];
  if (!p) return '';
  return (p.short ?? p.text) + (p.status === 'unconfirmed' && !(p.short ?? '').includes('未確認') && !(p.short ?? '').includes('unconfirmed') ? ' ?' : '');
}

/** The comparison matrix: one row per instrument, one column per property. */
export function renderMatrix(list: InstrumentOut[], format: string, lang: Lang, head: JsonHead, width: number, chalk: ChalkInstance, data: PackData): string {
  const sources = citedSources(collectCitations(list.map((i) => ({ basis: i.basis.map((citation) => ({ citation })) }))), data, lang);
  if (format === 'json') return `${JSON.stringify({ ...head, instruments: list, sources: citedSources(collectCitations(list), data, lang) }, null, 2)}\n`;
  const headers = [lang === 'ja' ? '制度' : 'Instrument', ...MATRIX.map((k) => PROPERTY_LABEL[k][lang])];
  if (format === 'markdown') {
    const rows = list.map((i) => `| ${mdCell(`${i.name} (\`${i.id}\`)`)} | ${MATRIX.map((k) => mdCell(cell(i, k))).join(' | ')} |`);
    return `${[`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows].join('\n')}\n\n${legend(lang)}\n${sources.length > 0 ? `\n${sourcesMarkdown(sources, lang).join('\n')}\n` : ''}`;
  }
  // Column widths with padding; the borders take one column each between and around them.
  const first = Math.max(20, ...list.map((i) => i.id.length + 2));
  const rest = Math.floor((width - (MATRIX.length + 2) - first) / MATRIX.length);
  // The matrix only where no word has to be cut (English words, article numbers, ids).
  const words = [...headers, ...list.flatMap((i) => MATRIX.map((k) => cell(i, k)))].flatMap((t) => t.match(/[\x21-\x7e]+/g) ?? []);
  const longest = Math.max(6, ...words.map((w) => w.length));
  if (rest - 2 < longest) {
    // Too narrow for the matrix (it needs about 120 columns): one block per instrument.
    const out: string[] = [];
    for (const i of list) {
      out.push(chalk.bold(wrapText(`${i.name} (${i.id})${i.tier === 'supplementary' ? (lang === 'ja' ? '（補完）' : ' (supplementary)') : ''}`, width)));
      for (const k of MATRIX) {
        const text = cell(i, k).replace(/\n/g, lang === 'ja' ? '、' : ', ');
        if (text) out.push(wrapText(`  ${PROPERTY_LABEL[k][lang]}: ${text}`, width).replace(/\n/g, '\n    '));
      }
      out.push('');
    }
    return `${out.join('\n')}${wrapText(legend(lang), width)}\n`;
  }
  const rows: string[][] = [];
  for (const i of list) {
    const head = `${wrapText(i.name, first - 2)}\n${chalk.dim(i.id)}${i.tier === 'supplementary' ? chalk.dim(lang === 'ja' ? '\n（補完）' : '\n(suppl.)') : ''}`;
    rows.push([head, ...MATRIX.map((k) => wrapText(cell(i, k), rest - 2))]);
  }
  const table = drawTable({ head: headers.map((h, i) => wrapText(h, (i === 0 ? first : rest) - 2)), colWidths: [first, ...MATRIX.map(() => rest)], rows, chalk });
  return `${table}\n${wrapText(legend(lang), width)}\n${sources.length > 0 ? `\n${sourcesText(sources, lang).join('\n')}\n` : ''}`;
}

function legend(lang: Lang): string {
  return lang === 'ja'
    ? '? = 参照資料で未確認。各制度の詳細と出典は `kouiki instruments ID`'
    : '? = unconfirmed in the reference. Details and citations: `kouiki instruments ID`';
}

/** One instrument in full: every property with its citation, and its procedure. */
export function renderDetail(inst: InstrumentOut, format: string, lang: Lang, head: JsonHead, chalk: ChalkInstance, data: PackData): string {
  if (format === 'json') return `${JSON.stringify({ ...head, instrument: inst, sources: citedSources(collectCitations({ ...inst, basis: inst.basis.map((citation) => ({ citation })) }), data, lang) }, null, 2)}\n`;
  const md = format === 'markdown';
  const out: string[] = [];
  out.push(md ? `# ${inst.name} (\`${inst.id}\`)` : chalk.bold(`${inst.name} (${inst.id})`));
  out.push('', inst.summary, '');
  const line = (label: string, text: string, citation?: string, extra?: string): void => {
    const cite = citation ? ` [${citation}${extra ? `; ${extra}` : ''}]` : '';
    out.push(md ? `- **${label}**: ${text}${cite}` : `${chalk.bold(label)}: ${text}${cite}`);
  };
  line(PROPERTY_LABEL.basis[lang], inst.basis.join(', '));
  if (inst.inForce) line(PROPERTY_LABEL.inForce[lang], `${inst.inForce.from}${inst.inForce.certainFrom !== inst.inForce.from ? ` – ${inst.inForce.certainFrom}` : ''}${inst.inForce.note ? ` (${inst.inForce.note})` : ''}`, inst.inForce.citation);
  if (inst.kinds) line(lang === 'ja' ? '種類' : 'Kinds', inst.kinds.map((k) => `${k.name} (${k.id})`).join(', '));
  for (const key of PROPERTY_ORDER) {
    const p = inst.properties[key];
    if (!p) continue;
    line(PROPERTY_LABEL[key][lang], p.text + (p.status === 'unconfirmed' ? (lang === 'ja' ? '（未確認）' : ' (unconfirmed)') : ''), p.citation, p.via ? `${lang === 'ja' ? '参照' : 'see also'} ${p.via}` : undefined);
  }
  out.push('', md ? `## ${lang === 'ja' ? '手続' : 'Procedure'}` : chalk.bold(lang === 'ja' ? '手続:' : 'Procedure:'));
  if (md) out.push('');
  inst.procedure.forEach((s, k) => out.push(`${md ? '' : '  '}${k + 1}. ${s.step} [${s.citation}]`));
  const sources = citedSources(collectCitations({ ...inst, basis: inst.basis.map((citation) => ({ citation })) }), data, lang);
  if (sources.length > 0) out.push('', ...(md ? sourcesMarkdown(sources, lang, { citations: true }) : sourcesText(sources, lang, { citations: true })));
  return `${out.join('\n')}\n`;
}
