import type { Lang } from '../../i18n/lang.js';
import type { MunicipalityKind } from '../../schemas/kinds.js';
import type { Party } from '../../schemas/task.js';
import type { Reason } from './types.js';

/**
 * The facts a list of parties answers, derived one way for every command (recommend, evaluate,
 * the wizard and check all evaluate through evaluateTask, which calls this): whether a
 * prefecture takes part, a special ward, a union; whether the parties lie in more than one
 * prefecture (crossPrefecture); and the central city's status (centralCityStatus) from the
 * parties' kinds. A derived fact is only as known as the parties: one party of unknown kind or
 * prefecture leaves it unknown.
 */

/** The centralCityStatus value of a city of this kind (`none` for any other 市町村). */
export function centralStatusOfKind(kind: MunicipalityKind): 'designated-city' | 'core-city' | 'none' {
  return kind === 'designated-city' ? 'designated-city' : kind === 'core-city' ? 'core-city' : 'none';
}

export interface Derived {
  prefectureParty: boolean | null;
  specialWardParty: boolean | null;
  unionParty: boolean | null;
  /** Derived from the parties' prefectures (a prefecture's own name is its prefecture); null: not all known. */
  crossPrefecture: boolean | null;
  /** The highest status among the parties' kinds; null when a kind is unknown. */
  centralCityStatus: 'designated-city' | 'core-city' | 'none' | null;
}

function some(parties: readonly Party[], test: (k: MunicipalityKind) => boolean): boolean | null {
  if (parties.some((p) => p.kind !== undefined && test(p.kind))) return true;
  return parties.every((p) => p.kind !== undefined) ? false : null;
}

export function deriveFromParties(parties: readonly Party[]): Derived {
  const prefs = parties.map((p) => (p.kind === 'prefecture' ? (p.prefecture ?? p.name) : p.prefecture));
  const kinds = parties.map((p) => p.kind);
  let centralCityStatus: Derived['centralCityStatus'] = null;
  if (kinds.every((k) => k !== undefined)) {
    const statuses = (kinds as MunicipalityKind[]).map(centralStatusOfKind);
    centralCityStatus = statuses.includes('designated-city') ? 'designated-city' : statuses.includes('core-city') ? 'core-city' : 'none';
  }
  return {
    prefectureParty: some(parties, (k) => k === 'prefecture'),
    specialWardParty: some(parties, (k) => k === 'special-ward'),
    unionParty: some(parties, (k) => k === 'partial-affairs-union' || k === 'regional-federation'),
    crossPrefecture: prefs.every((p) => p !== undefined && p !== '') ? new Set(prefs).size > 1 : null,
    centralCityStatus,
  };
}

/**
 * Lays the derived facts over the stated ones: an unknown fact takes the derived value; a stated
 * crossPrefecture that the parties contradict gives way to them, as includesPrefecture does
 * (contract §2: the parties win, and a reason says so); a stated centralCityStatus is kept (the
 * central city need not be a party) and the difference noted. Returns the notes.
 */
export function applyDerived(
  facts: Record<string, unknown>,
  d: Derived,
  has: (fact: string) => boolean,
  lang: Lang,
  /** A fact's value in words (中核市, はい). */
  label: (fact: string, value: unknown) => string,
): Reason[] {
  const notes: Reason[] = [];
  if (has('crossPrefecture') && d.crossPrefecture !== null) {
    const stated = facts.crossPrefecture;
    if (typeof stated === 'boolean' && stated !== d.crossPrefecture) {
      notes.push({
        rule: 'parties',
        effect: '?',
        message:
          lang === 'ja'
            ? `参加団体は${d.crossPrefecture ? '複数の都道府県にまたがる' : '1つの都道府県の中にある'}ため、「県境を越える」の回答（${label('crossPrefecture', stated)}）より参加団体を優先しました`
            : `the parties lie in ${d.crossPrefecture ? 'more than one prefecture' : 'one prefecture'}, so they win over the answer to "crosses prefectural borders" (${label('crossPrefecture', stated)})`,
        citation: '',
      });
    }
    facts.crossPrefecture = d.crossPrefecture;
  }
  if (has('centralCityStatus') && d.centralCityStatus !== null) {
    const stated = facts.centralCityStatus;
    if (stated === null || stated === undefined) facts.centralCityStatus = d.centralCityStatus;
    else if (stated !== d.centralCityStatus) {
      notes.push({
        rule: 'parties',
        effect: '?',
        message:
          lang === 'ja'
            ? `中心市の区分の回答（${label('centralCityStatus', stated)}）は、参加団体の種類から分かる区分（${label('centralCityStatus', d.centralCityStatus)}）と異なります。中心市が参加団体にないなら、このままで構いません`
            : `the answer on the central city's status (${label('centralCityStatus', stated)}) differs from what the parties' kinds give (${label('centralCityStatus', d.centralCityStatus)}); that is fine when the central city is not one of the parties`,
        citation: '',
      });
    }
  }
  return notes;
}
