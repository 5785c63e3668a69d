import { drawTable } from './table.js';
import type { ChalkInstance } from 'chalk';
import type { Lang } from '../i18n/lang.js';
import { PROPERTY_LABEL, PROPERTY_ORDER, type InstrumentOut } from '../core/instruments.js';
import type { JsonHead } from './stream.js';
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
export function renderMatrix(list: InstrumentOut[], format: string, lang: Lang, head: JsonHead, width: number, chalk: ChalkInstance): string {
  if (format === 'json') return `${JSON.stringify({ ...head, instruments: list }, null, 2)}\n`;
  const headers = [lang === 'ja' ? '制度' : 'Instrument', ...MATRIX.map((k) => PROPERTY_LABEL[k][lang])];
  if (format === 'markdown') {
    const rows = list.map((i) => `| ${mdCell(`${i.name} (\`${i.id}\`)`)} | ${MATRIX.map((k) => mdCell(cell(i, k))).join(' | ')} |`);
    return `${[`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows].join('\n')}\n\n${legend(lang)}\n`;
  }
  const first = 20;
  const rest = Math.max(10, Math.floor((width - first - 2 - MATRIX.length * 3) / MATRIX.length));
  const rows: string[][] = [];
  for (const i of list) {
    const head = `${wrapText(i.name, first - 2)}\n${chalk.dim(i.id)}${i.tier === 'supplementary' ? chalk.dim(lang === 'ja' ? '\n（補完）' : '\n(suppl.)') : ''}`;
    rows.push([head, ...MATRIX.map((k) => wrapText(cell(i, k), rest - 2))]);
  }
  const table = drawTable({ head: headers.map((h, i) => wrapText(h, (i === 0 ? first : rest) - 2)), colWidths: [first, ...MATRIX.map(() => rest)], rows, chalk });
  return `${table}\n${legend(lang)}\n`;
}

function legend(lang: Lang): string {
  return lang === 'ja'
    ? '? = 参照資料で未確認。各制度の詳細と出典は `kouiki instruments ID`'
    : '? = unconfirmed in the reference. Details and citations: `kouiki instruments ID`';
}

/** One instrument in full: every property with its citation, and its procedure. */
export function renderDetail(inst: InstrumentOut, format: string, lang: Lang, head: JsonHead, chalk: ChalkInstance): string {
  if (format === 'json') return `${JSON.stringify({ ...head, instrument: inst }, null, 2)}\n`;
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
    line(PROPERTY_LABEL[key][lang], p.text + (p.status === 'unconfirmed' ? (lang === 'ja' ? '（未確認）' : ' (unconfirmed)') : ''), p.citation, p.via ? `${lang === 'ja' ? '資料' : 'via'} ${p.via}` : undefined);
  }
  out.push('', md ? `## ${lang === 'ja' ? '手続' : 'Procedure'}` : chalk.bold(lang === 'ja' ? '手続:' : 'Procedure:'));
  if (md) out.push('');
  inst.procedure.forEach((s, k) => out.push(`${md ? '' : '  '}${k + 1}. ${s.step} [${s.citation}]`));
  return `${out.join('\n')}\n`;
}
