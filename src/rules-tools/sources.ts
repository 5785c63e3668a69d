import type { Localized } from '../i18n/lang.js';
import { formatRef, isStatute, sourceOf, sourceQuality } from '../core/citation.js';
import type { PackData } from '../pack/model.js';
import type { Ref } from '../pack/schema.js';
import { walkRefs } from './refs.js';

/**
 * The quality of the pack's citations (`kouiki rules validate`, `kouiki rules outdated`):
 *
 * - every source has a title, and anything but a statute or cabinet order a URL (or, where the
 *   publisher's own address is not known, the copy it was read from) and says whether it is
 *   official or secondary;
 * - every `via:` names a source of the registry (never the project's working notes or their
 *   S-numbers);
 * - a value resting on secondary sources alone (its source and every `via:` secondary) is marked
 *   `status: unconfirmed` and says why no official source was found (`note:` on the reference,
 *   or on the source); such values are listed, not hidden.
 */

type Add = (collection: string, id: string | null, path: (string | number)[], message: Localized) => void;

/** A value resting on secondary sources alone, and why no official source was found. */
export interface SecondaryOnly {
  collection: string;
  id: string | null;
  path: (string | number)[];
  /** `instruments/proxy-execution/properties/typicalUses`: what the value is. */
  label: string;
  citation: string;
  sources: string[];
  reason: Localized | null;
}

export function checkSources(data: PackData, add: Add): void {
  for (const [id, s] of Object.entries(data.manifest.sources ?? {})) {
    if (!s.title) {
      add('sources', null, [id], { ja: `出典「${id}」に正式な題名（title）がありません`, en: `source "${id}" has no title: give its full title` });
    }
    if (!isStatute(s) && !s.url && !s.copy) {
      add('sources', null, [id], {
        ja: `出典「${id}」に URL がありません（法令・政令以外は、読者が開ける URL が必要です）`,
        en: `source "${id}" has no URL: anything but a statute or cabinet order needs an address a reader can open`,
      });
    }
    if (!isStatute(s) && s.quality === undefined) {
      add('sources', null, [id], {
        ja: `出典「${id}」が公的資料（official）か二次資料（secondary）かを quality で示してください`,
        en: `source "${id}": say whether it is official or secondary (quality:)`,
      });
    }
  }
  walkRefs(data, (collection, id, path, ref) => {
    (ref.via ?? []).forEach((v, i) => {
      if (sourceOf(data, v)) return;
      add(
        collection,
        id,
        [...path, 'via', i],
        /^S\d+[a-z]?$/.test(v) || v === 'egov-2015'
          ? {
              ja: `via の「${v}」は開発用の作業メモの番号です。その背後にある公開の出典を sources に登録し、その id を書いてください`,
              en: `via "${v}" is a number of the project's working notes: register the public source behind it under sources: and name its id`,
            }
          : { ja: `via の「${v}」は出典一覧（sources）にありません`, en: `via "${v}" is not a source of the pack (sources:)` },
      );
    });
  });
  for (const item of secondaryOnly(data)) {
    if (item.reason === null) {
      add(item.collection, item.id, item.path, {
        ja: `二次資料だけに基づく値です（${item.sources.join(', ')}）。公的な出典を挙げるか、status: unconfirmed と公的な出典が見つからない理由（note）を書いてください`,
        en: `this value rests on secondary sources only (${item.sources.join(', ')}): cite an official source, or mark it status: unconfirmed and say in a note why no official source was found`,
      });
    }
  }
}

/**
 * Every value whose citation rests on secondary sources alone. `reason` is null when the value
 * is not marked unconfirmed or does not say why (an error for `rules validate`).
 */
export function secondaryOnly(data: PackData): SecondaryOnly[] {
  const out: SecondaryOnly[] = [];
  walkRefs(data, (collection, id, path, ref, unconfirmed) => {
    const ids = [ref.source, ...(ref.via ?? [])];
    const sources = ids.map((x) => sourceOf(data, x));
    if (sources.some((s) => s === undefined)) return; // an unknown source: reported by the loader
    if (sources.some((s) => sourceQuality(s!) === 'official')) return;
    const note = ref.note ?? sources.find((s) => s!.note)?.note ?? null;
    out.push({
      collection,
      id,
      path,
      label: [collection, ...(id === null ? [] : [id]), ...path.filter((p) => p !== 'ref')].join('/'),
      citation: formatRef(ref as Ref, data, 'ja'),
      sources: ids,
      reason: unconfirmed && note ? note : null,
    });
  });
  return out;
}
