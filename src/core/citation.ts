import type { Lang } from '../i18n/lang.js';
import type { PackData } from '../pack/model.js';
import type { Ref } from '../pack/schema.js';

const UNCONFIRMED = { ja: '（未確認）', en: ' (unconfirmed)' } as const;

/** 地方自治法の条名: "252-16-3" → 第252条の16の3; "附則1" → 附則第1条. */
function articleJa(article: string): string {
  const m = /^(\D*)(\d.*)$/.exec(article);
  const prefix = m ? m[1]! : '';
  const body = m ? m[2]! : article;
  const [head, ...branches] = body.split('-');
  return `${prefix}第${head}条${branches.map((b) => `の${b}`).join('')}`;
}

function articleEn(article: string): string {
  const m = /^(\D*)(\d.*)$/.exec(article);
  if (m && m[1]) return `${m[1] === '附則' ? 'Suppl. Provisions' : m[1]} Art. ${m[2]}`;
  return `Art. ${article}`;
}

/**
 * A citation as one line: 地方自治法第252条の2第3項 / Local Autonomy Act Art. 252-2(3), or
 * 003 5(2)イ(ア) for a document section. Unconfirmed references say so.
 */
export function formatRef(ref: Ref, data: Pick<PackData, 'manifest'>, lang: Lang): string {
  const sources = data.manifest.sources;
  const source = sources && Object.hasOwn(sources, ref.source) ? sources[ref.source] : undefined;
  const name = source ? source.name[lang] : ref.source;
  let out: string;
  if (ref.article !== undefined) {
    if (lang === 'ja') {
      out = `${name}${articleJa(ref.article)}${ref.paragraph ? `第${ref.paragraph}項` : ''}${ref.item ? `第${ref.item}号` : ''}${ref.proviso ? 'ただし書' : ''}`;
    } else {
      out = `${name} ${articleEn(ref.article)}${ref.paragraph ? `(${ref.paragraph})` : ''}${ref.item ? ` item ${ref.item}` : ''}${ref.proviso ? ' proviso' : ''}`;
    }
  } else if (ref.section !== undefined) {
    out = source?.kind === 'document' && ref.source === 'legal-facts' ? `${name} §${ref.section}` : `${name} ${ref.section}`;
  } else {
    out = name;
  }
  if (ref.status === 'unconfirmed') out += UNCONFIRMED[lang];
  return out;
}

/** The sources behind a reference (S-numbers of the fact sheet, checked statute copies). */
export function formatVia(ref: Ref): string {
  return ref.via && ref.via.length > 0 ? ref.via.join(', ') : '';
}
