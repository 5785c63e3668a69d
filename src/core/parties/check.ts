import { KIND_LABEL } from '../../i18n/kind-labels.js';
import type { Localized } from '../../i18n/lang.js';
import { CITY_KINDS } from '../eligibility/model.js';
import type { MunicipalityKind } from '../../schemas/kinds.js';
import type { Party } from '../../schemas/task.js';
import type { NameResolution, NameResolver } from './names.js';

/**
 * Every party of a task against the code list and the data's kinds, as `check` checks a draft's
 * names (issue 15 item 1):
 *
 * - a name nobody knows is a problem, with the closest names (the other parties' prefecture first);
 * - a kind that contradicts the data is a problem naming both (a prefecture given as a city, a
 *   中核市 given as a town);
 * - a kind left out is taken from the data; `city` for a city the data holds as a 中核市 (or
 *   指定都市, 施行時特例市) is made the more precise kind, with a note;
 * - a 一部事務組合 or 広域連合 is not in the code list: its name is taken as written.
 */

export interface PartyProblem {
  /** The party's position in the list. */
  index: number;
  /** Which part of the party is wrong (for the position: its `name` or its `kind`). */
  key: 'name' | 'kind';
  message: Localized;
}

export interface CheckedParties {
  parties: Party[];
  notes: Localized[];
  problems: PartyProblem[];
}

const UNION_KINDS: readonly MunicipalityKind[] = ['partial-affairs-union', 'regional-federation'];

function kindWords(k: MunicipalityKind): Localized {
  return { ja: `${KIND_LABEL[k].ja}`, en: `${KIND_LABEL[k].en} (${k})` };
}

/** The message of a name that did not resolve (shared with the wizard's prompt). */
export function unresolvedMessage(r: Exclude<NameResolution, { ok: true }>, written: string): Localized {
  if (r.reason === 'ambiguous') {
    return {
      ja: `「${written}」に当たる団体が複数あります（${r.candidates.join('、')}）。どれか1つを正式な名称で書いてください`,
      en: `"${written}" matches several bodies (${r.candidates.join(', ')}); write the one you mean by its official name`,
    };
  }
  if (r.reason === 'bad-code') return { ja: `コード ${written} の検査数字が正しくありません`, en: `code ${written}: the check digit is wrong` };
  const close = r.suggestions;
  return close.length > 0
    ? {
        ja: `「${written}」という団体は市町村データにありません（${close.map((c) => `「${c}」`).join('、')}のことですか？）`,
        en: `no body named "${written}" in the municipality data (did you mean ${close.map((c) => `"${c}"`).join(', ')}?)`,
      }
    : {
        ja: `「${written}」という団体は市町村データにありません。正式な名称（例: 小田原市、鳥取県）で書いてください`,
        en: `no body named "${written}" in the municipality data; write its official name (e.g. 小田原市, 鳥取県)`,
      };
}

export function checkParties(resolver: NameResolver, parties: readonly Party[]): CheckedParties {
  const out: Party[] = [];
  const notes: Localized[] = [];
  const problems: PartyProblem[] = [];
  // The prefectures the other names point to (for suggestions and old names).
  const context: string[] = [];
  for (const p of parties) {
    const r = resolver.resolve(p.prefecture ? `${p.prefecture}${p.name}` : p.name);
    if (r.ok && r.body.prefecture && !context.includes(r.body.prefecture)) context.push(r.body.prefecture);
  }
  parties.forEach((p, index) => {
    const query = p.prefecture ? `${p.prefecture}${p.name}` : p.name;
    const r = resolver.resolve(query, context);
    if (!r.ok) {
      // A union or federation is named by its members, not listed in the code list.
      if (p.kind !== undefined && UNION_KINDS.includes(p.kind)) {
        out.push({ ...p });
        return;
      }
      problems.push({ index, key: 'name', message: unresolvedMessage(r, p.name) });
      return;
    }
    const b = r.body;
    if (b.note) notes.push(b.note);
    const data = b.kind;
    let kind = p.kind;
    if (data === null) {
      if (kind === undefined) {
        problems.push({ index, key: 'name', message: { ja: `「${b.name}」の種類がデータにありません。kind で種類を書いてください`, en: `the data has no kind for "${b.name}"; state it with kind:` } });
        return;
      }
    } else if (kind === undefined) kind = data;
    else if (kind !== data) {
      if (kind === 'city' && CITY_KINDS.includes(data)) {
        notes.push({
          ja: `${b.name}はデータ上${KIND_LABEL[data].ja}のため、種類を「${KIND_LABEL.city.ja}」から「${KIND_LABEL[data].ja}」にしました`,
          en: `${b.name} is a ${KIND_LABEL[data].en} in the data, so its kind is taken as ${data}, not city`,
        });
        kind = data;
      } else {
        const given = kindWords(kind);
        const known = kindWords(data);
        problems.push({
          index,
          key: 'kind',
          message: {
            ja: `「${b.name}」の種類が「${given.ja}」とされていますが、データでは「${known.ja}」です`,
            en: `"${b.name}" is given as a ${given.en}, but the data has it as a ${known.en}`,
          },
        });
        return;
      }
    }
    const party: Party = { name: b.name, kind: kind! };
    if (b.prefecture) party.prefecture = b.prefecture;
    if (out.some((x) => x.name === party.name && x.prefecture === party.prefecture)) {
      problems.push({ index, key: 'name', message: { ja: `「${b.name}」が参加団体に2回あります`, en: `"${b.name}" is listed twice among the parties` } });
      return;
    }
    out.push(party);
  });
  return { parties: out, notes, problems };
}
