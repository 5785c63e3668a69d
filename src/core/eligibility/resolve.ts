import { UserError } from '../../errors.js';
import type { Lang, Localized } from '../../i18n/lang.js';
import { suggest } from '../../util/suggest.js';
import type { Designation } from '../../pack/designations-schema.js';
import type { PackData } from '../../pack/model.js';
import { packDesignations } from '../../pack/model.js';
import type { MunicipalityKind } from '../../schemas/kinds.js';
import type { MunicipalityIndex } from './index.js';
import { asOfDay, heldFromKind } from './held.js';
import { mergeMunicipalities, type MergeKind } from './merge.js';
import { emptyMunicipality, type Figure, type MetroArea, type Municipality, type Subject } from './model.js';
import { both, fill } from './text.js';

/**
 * What a request asks about (stage 1 of evaluate.ts): names and codes → municipalities (or a
 * user error with suggestions), a merger what-if (merge.ts), figures given as flags laid over
 * the data (the top layer, above the embedded data and `--data` files in the index), the twin
 * city of a two-city centre, the central city of a partner check, and the designations to
 * check. Every user error of an eligibility run is raised here, before anything is evaluated.
 */

export interface FigureOverrides {
  population?: number;
  dayNightRatio?: number;
  metroArea?: MetroArea;
  metroCoreCommuteShare?: number;
  kind?: MunicipalityKind;
  /** How to label these figures' source (default: the command line). */
  source?: string;
}

export interface EligibilityRequest {
  /** Municipalities to check: names, `都道府県名+名前`, or codes. Empty: a city described by `figures`. */
  names: string[];
  figures?: FigureOverrides;
  /** Merger what-if: the first name merged with these. */
  merge?: string[];
  /** 複眼型: the other city of a two-city centre. */
  twin?: string;
  /** Partner checks: the central city the name is a partner of. */
  partnerOf?: string;
  /** List the municipalities in the data whose commuting share to the name meets each partner guideline. */
  partners?: boolean;
  /** Limit the checks (designation ids); default: the central designations within reach (and the partner ones with partnerOf). */
  designations?: string[];
  /**
   * A merger's kind: 編入 (`incorporation`: the first municipality absorbs the others and keeps
   * its kind and designations) or 新設合併 (`new`, the default: a new city, no designation).
   */
  mergeKind?: MergeKind;
  /** 複眼型: whether NAME and its twin are adjacent (隣接), as the user states it. */
  adjacent?: boolean;
}

const W = {
  givenFigures: { ja: '指定された数値', en: 'figures given' },
  commandLine: { ja: 'コマンドライン', en: 'command line' },
  notFound: { ja: '市町村「{q}」が見つかりません', en: 'no municipality named "{q}"' },
  didYouMean: { ja: '候補: {s}', en: 'did you mean: {s}' },
  notFoundHint: { ja: '市町村名（例: 小田原市）、都道府県名付き（例: 東京都府中市）又は全国地方公共団体コードで指定してください', en: 'give a municipality name (e.g. 小田原市), the prefecture and name (e.g. 東京都府中市), or its 全国地方公共団体コード' },
  ambiguous: { ja: '「{q}」は複数あります: {c}', en: '"{q}" is ambiguous: {c}' },
  ambiguousHint: { ja: '都道府県名を付ける（例: {e}）かコードで指定してください', en: 'write the prefecture before the name (e.g. {e}) or give the code' },
  badCode: { ja: 'コード {q} の検査数字が正しくありません', en: 'code {q}: the check digit is wrong' },
  badCodeHint: { ja: '全国地方公共団体コードは 5 桁、又は検査数字付きの 6 桁です', en: 'a 全国地方公共団体コード has 5 digits, or 6 with the check digit' },
  mergeSelf: { ja: '--merge に合併元の市町村自身（{n}）が含まれています', en: '--merge names the municipality itself ({n})' },
  mergeDup: { ja: '--merge に同じ市町村（{n}）が 2 回あります', en: '--merge names {n} twice' },
  mergeHint: { ja: '合併する相手の市町村を重複なく指定してください（例: 小田原市 --merge 南足柄市）', en: 'name the other municipalities once each (e.g. 小田原市 --merge 南足柄市)' },
  twinSelf: { ja: '--twin に同じ市（{n}）が指定されています', en: '--twin names the city itself ({n})' },
  twinHint: { ja: '--twin には複眼型の中心となるもう一方の市を指定してください（例: 山口市 --twin 宇部市）', en: 'name the other city of the two-city centre with --twin (e.g. 山口市 --twin 宇部市)' },
  partnerSelf: { ja: '--partner-of に同じ市町村（{n}）が指定されています', en: '--partner-of names the municipality itself ({n})' },
  partnerOfHint: { ja: '--partner-of には連携の相手となる中心市を指定してください（例: 南足柄市 --partner-of 小田原市）', en: 'name the central city with --partner-of (e.g. 南足柄市 --partner-of 小田原市)' },
  unknownDesignation: { ja: '不明な指定の種類「{d}」', en: 'unknown designation "{d}"' },
  designationHint: { ja: '使えるのは {list}', en: 'known: {list}' },
  partnerNeeds: { ja: '{d} は連携の相手（中心市）が必要です', en: '{d} needs the central city' },
  partnerHint: { ja: '--partner-of 中心市 を付けるか、中心市 --partners で一覧にしてください', en: 'add --partner-of CITY, or list the partners with CITY --partners' },
  noDesignations: { ja: 'ルールパックに指定要件（designations.yaml）がありません', en: 'the rule pack has no designations (designations.yaml)' },
  noDesignationsHint: { ja: '既定のパックを拡張してください（pack.yaml に extends: default）', en: 'extend the default pack (extends: default in pack.yaml)' },
  prefecture: {
    ja: '{q}は都道府県です。指定都市・中核市・連携中枢都市・定住自立圏の中心市は、市が受ける指定です',
    en: '{q} is a prefecture; 指定都市, 中核市, 連携中枢都市 and 定住自立圏の中心市 are designations of a city (市)',
  },
  prefectureHint: { ja: '{q}の市を指定してください（例: kouiki eligibility {e}）', en: 'name a city of {q} (e.g. kouiki eligibility {e})' },
  adjacentGiven: { ja: '利用者による申告（--adjacent）', en: 'stated by the user (--adjacent)' },
} as const;

function err(text: Localized, hint?: Localized): UserError {
  return new UserError(text, hint ? { hint } : {});
}

/**
 * Finds a municipality or throws the user error the CLI prints (exit 2). A prefecture is an
 * error too: every designation checked here is one a city receives (decided in
 * docs/decisions.md: a question with no answer exits 2, like a name not found).
 */
export function resolveMunicipality(index: MunicipalityIndex, query: string): Municipality {
  const r = index.resolve(query);
  if ((r.ok && r.municipality.kind?.value === 'prefecture') || (!r.ok && index.isPrefecture(query))) {
    const q = r.ok ? r.municipality.name : query.trim();
    const city = index.capitalOf(q);
    throw err(both(W.prefecture, { q }), both(W.prefectureHint, { q, e: city ?? '鳥取市' }));
  }
  if (r.ok) return r.municipality;
  if (r.reason === 'ambiguous') {
    const c = r.candidates.map((x) => `${x.label}${x.code ? ` (${x.code})` : ''}`).join(', ');
    throw err(both(W.ambiguous, { q: query, c }), both(W.ambiguousHint, { e: r.candidates[0]!.label }));
  }
  if (r.reason === 'bad-code') throw err(both(W.badCode, { q: query }), W.badCodeHint);
  const hint = r.suggestions.length > 0 ? both(W.didYouMean, { s: r.suggestions.join(', ') }) : W.notFoundHint;
  throw err(both(W.notFound, { q: query }), hint);
}

/** The designations a request checks: those named, else the central ones (and the partner ones with `partnerOf`). */
export function designationsFor(data: PackData, request: EligibilityRequest): Designation[] {
  const all = packDesignations(data);
  if (all.length === 0) throw err(W.noDesignations, W.noDesignationsHint);
  if (request.designations && request.designations.length > 0) {
    return request.designations.map((id) => {
      const d = all.find((x) => x.id === id);
      if (!d) {
        const close = suggest(id, all.map((x) => x.id));
        const list = all.map((x) => x.id).join(', ');
        throw err(
          { ja: fill(W.unknownDesignation.ja, { d: id }), en: fill(W.unknownDesignation.en, { d: id }) },
          { ja: `${close ? `「${close}」のことですか？ ` : ''}${fill(W.designationHint.ja, { list })}`, en: `${close ? `did you mean "${close}"? ` : ''}${fill(W.designationHint.en, { list })}` },
        );
      }
      return d;
    });
  }
  return all.filter((d) => d.role === 'central' || (request.partnerOf !== undefined && d.role === 'partner'));
}

/** The designations of `--partners`: those named (partner ones only), else every partner guideline. */
export function partnerDesignationsFor(data: PackData, request: EligibilityRequest): Designation[] {
  const partnerDesignations = request.designations && request.designations.length > 0 ? designationsFor(data, request) : packDesignations(data).filter((d) => d.role === 'partner');
  for (const d of partnerDesignations) {
    if (d.role !== 'partner') {
      throw err(
        { ja: `--partners で判定できるのは連携の相手の目安だけです（${d.id} は不可）`, en: `--partners checks the partner guidelines only (not ${d.id})` },
        { ja: 'cooperation-partner 又は settlement-partner を指定してください', en: 'use cooperation-partner or settlement-partner' },
      );
    }
  }
  return partnerDesignations;
}

/** The central city of a partner check (`--partner-of`), when the designations include a partner one. */
export function centralFor(index: MunicipalityIndex, request: EligibilityRequest, designations: Designation[]): Subject | undefined {
  const partnerIds = designations.filter((d) => d.role === 'partner');
  if (partnerIds.length === 0) return undefined;
  if (request.partnerOf === undefined) {
    const d = partnerIds[0]!.id;
    throw err(both(W.partnerNeeds, { d }), W.partnerHint);
  }
  const c = resolveMunicipality(index, request.partnerOf);
  return { municipality: c, members: [c], derived: [], twin: null };
}

/** A partner cannot be (a member of) the central city it is checked against. */
export function assertNotCentral(subject: Subject, central: Subject): void {
  if (subject.members.some((m) => central.members.some((c) => c.id === m.id))) {
    throw err(both(W.partnerSelf, { n: central.municipality.name }), W.partnerOfHint);
  }
}

/** Lays figures given on the command line over a municipality (they win over every file). */
function withFigures(m: Municipality, f: FigureOverrides | undefined, lang: Lang): Municipality {
  if (!f) return m;
  const source = f.source ?? W.commandLine[lang];
  const out = structuredClone(m);
  const fig = <T>(value: T): Figure<T> => ({ value, source });
  if (f.kind !== undefined) {
    out.kind = fig(f.kind);
    // An assumed kind is an assumed designation (held from a day not given), unless it is the one the data has.
    if (out.designation?.kind !== f.kind) out.designation = heldFromKind(out.kind);
  }
  if (f.population !== undefined) out.population = fig(f.population);
  if (f.dayNightRatio !== undefined) {
    out.dayNightRatio = fig(f.dayNightRatio);
    out.daytimePopulation = null;
  }
  if (f.metroArea !== undefined) out.metroArea = fig(f.metroArea);
  if (f.metroCoreCommuteShare !== undefined) {
    out.metroCoreCommuteShare = fig(f.metroCoreCommuteShare);
    out.toMetroCores = null;
  }
  return out;
}

/**
 * Builds the subject of a request: one municipality, a merger, or figures alone. With `asOf`,
 * each municipality is taken as it stood that day (a designation made later is not yet held:
 * held.ts).
 */
export function subjectFor(index: MunicipalityIndex, name: string | null, request: EligibilityRequest, lang: Lang, asOf?: string): Subject {
  const lookup = (q: string): Municipality => (asOf ? asOfDay(resolveMunicipality(index, q), asOf) : resolveMunicipality(index, q));
  let base: Municipality;
  const derived: string[] = [];
  let members: Municipality[];
  if (name === null) {
    base = emptyMunicipality('given', W.givenFigures[lang], null, null, false);
    members = [base];
  } else {
    const first = lookup(name);
    members = [first];
    for (const other of request.merge ?? []) {
      const m = lookup(other);
      if (m.id === first.id) throw err(both(W.mergeSelf, { n: m.name }), W.mergeHint);
      if (members.some((x) => x.id === m.id)) throw err(both(W.mergeDup, { n: m.name }), W.mergeHint);
      members.push(m);
    }
    if (members.length > 1) {
      const r = mergeMunicipalities(members, index, lang, request.mergeKind ?? 'new');
      base = r.municipality;
      derived.push(...r.derived);
    } else base = first;
  }
  const municipality = withFigures(base, request.figures, lang);
  let twin: Municipality | null = null;
  if (request.twin !== undefined) {
    twin = lookup(request.twin);
    if (members.some((m) => m.id === twin!.id)) throw err(both(W.twinSelf, { n: twin.name }), W.twinHint);
  }
  const subject: Subject = { municipality, members, derived, twin };
  if (twin && request.adjacent !== undefined) subject.adjacent = { value: request.adjacent, source: request.figures?.source ?? W.adjacentGiven[lang] };
  return subject;
}
