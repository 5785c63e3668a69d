import { fmtNumber } from '../eligibility/text.js';
import type { Lang } from '../../i18n/lang.js';
import { idLabel } from '../../i18n/kind-labels.js';
import type { Pack } from '../../pack/model.js';
import { checkPack, type CheckPack, type Scheme } from '../../pack/checks.js';
import type { Draft, DraftProject } from '../../schemas/draft.js';
import type { Party, Task } from '../../schemas/task.js';
import { formatRef } from '../citation.js';
import type { CriterionResult, DesignationResult } from '../eligibility/types.js';
import { compilePack, type CompiledPack } from '../recommend/compile.js';
import { evaluateTask } from '../recommend/evaluate.js';
import { centralStatusOfKind } from '../recommend/derive.js';
import type { Reason, Recommendation, TaskResult } from '../recommend/types.js';
import type { CheckData } from './eligibility.js';
import type { Finding, Range } from './types.js';
import { percent, requiredShown, SHARE_CRITERIA } from '../../util/share.js';

/** A path into the draft, as a zod issue gives it (`['projects', 3, 'instrument']`). */
export type DraftPath = readonly (string | number)[];

/**
 * A draft ready for the rules: the validated head, the projects that passed validation (with
 * their index in the file), and a function from a path to its source range. The range of a
 * missing key is its parent's (contract §6); `key: true` points at the key instead of the value.
 */
export interface CheckedDraft {
  draft: Omit<Draft, 'projects'>;
  projects: { index: number; project: DraftProject }[];
  at(path: DraftPath, opts?: { key?: boolean }): Range;
}

export interface CheckEnv {
  pack: Pack;
  lang: Lang;
  asOf: string;
  data: CheckData;
  /** Options per rule: the pack's defaults with the configuration's values over them. */
  options: Record<string, Record<string, unknown>>;
  /** Rules that are off are not run at all. */
  enabled(rule: string): boolean;
}

/**
 * Runs every enabled rule on one draft. Pure: the draft, the pack, the data and the date in;
 * findings (before severities and suppressions apply) out, in rule order.
 */
export function checkDraft(d: CheckedDraft, env: CheckEnv): Finding[] {
  const cp = checkPack(env.pack.data);
  if (!cp) return [];
  const ctx = new RuleContext(d, env, cp);
  if (env.enabled('unknown-municipality')) unknownMunicipality(ctx);
  if (env.enabled('central-city-eligibility')) centralCityEligibility(ctx);
  if (env.enabled('instrument-allowed') || env.enabled('instrument-fit')) instruments(ctx);
  if (env.enabled('statutory-content')) statutoryContent(ctx);
  if (env.enabled('scheme-structure')) schemeStructure(ctx);
  if (env.enabled('partner-commuting')) partnerCommuting(ctx);
  if (env.enabled('reciprocity')) reciprocity(ctx);
  return ctx.findings;
}

class RuleContext {
  readonly findings: Finding[] = [];
  readonly scheme: Scheme | null;
  constructor(
    readonly d: CheckedDraft,
    readonly env: CheckEnv,
    readonly cp: CheckPack,
  ) {
    const id = d.draft.scheme;
    this.scheme = id && id !== 'none' ? (cp.schemes.find((s) => s.id === id) ?? null) : null;
  }
  t(ja: string, en: string): string {
    return this.env.lang === 'ja' ? ja : en;
  }
  report(rule: string, path: DraftPath, message: string, citation: string, extra: { key?: boolean; maxSeverity?: 'warning' } = {}): void {
    const f: Finding = { rule, message, range: this.d.at(path, extra.key ? { key: true } : undefined), citation };
    if (extra.maxSeverity) f.maxSeverity = extra.maxSeverity;
    this.findings.push(f);
  }
  /** The rule's citation from checks.yaml. */
  ruleCitation(rule: string): string {
    const def = this.cp.byId.get(rule);
    if (!def) return '';
    if (def.ref) return formatRef(def.ref, this.env.pack.data, this.env.lang);
    return def.citation ? def.citation[this.env.lang] : '';
  }
  cite(ref: Scheme['ref']): string {
    return formatRef(ref, this.env.pack.data, this.env.lang);
  }
  option(rule: string, key: string, fallback: number): number {
    const v = this.env.options[rule]?.[key];
    return typeof v === 'number' ? v : fallback;
  }
  /** The instrument's name; in English, lower-cased for the middle of a sentence unless `start`. */
  instrumentName(id: string, start = false): string {
    const name = this.env.pack.data.instruments.find((i) => i.id === id)?.name[this.env.lang] ?? id;
    return this.env.lang === 'en' && !start ? name.charAt(0).toLowerCase() + name.slice(1) : name;
  }
}

const q = (ctx: RuleContext, name: string): string => ctx.t(`「${name}」`, `"${name}"`);

// ───────────────────────────────────────────── unknown-municipality

function unknownMunicipality(ctx: RuleContext): void {
  const { draft } = ctx.d;
  const check = (name: string | null | undefined, path: DraftPath): void => {
    if (typeof name !== 'string') return;
    const r = ctx.env.data.resolve(name);
    if (r.ok) return;
    let message: string;
    if (r.reason === 'ambiguous') {
      message = ctx.t(
        `${q(ctx, name)}は複数あります（${r.candidates.join('、')}）。都道府県名を付けて書いてください（例: ${r.candidates[0]}）`,
        `${q(ctx, name)} is ambiguous (${r.candidates.join(', ')}); write it with its prefecture (e.g. ${r.candidates[0]})`,
      );
    } else {
      const close = r.reason === 'not-found' ? r.suggestions : [];
      const hint = close.length > 0 ? ctx.t(`（${close.map((c) => `「${c}」`).join('、')}のことですか？）`, ` (did you mean ${close.map((c) => `"${c}"`).join(', ')}?)`) : '';
      message = ctx.t(
        `${q(ctx, name)}は市町村データにありません${hint}。正式な名称で書くか、data: 又は municipalities: でデータに加えてください`,
        `${q(ctx, name)} is not in the municipality data${hint}; write the official name, or add it to the data with data: or municipalities:`,
      );
    }
    ctx.report('unknown-municipality', path, message, ctx.ruleCitation('unknown-municipality'));
  };
  check(draft.centralCity, ['centralCity']);
  draft.partners?.forEach((p, i) => check(p, ['partners', i]));
  draft.agreements?.forEach((a, i) => check(a.partner, ['agreements', i, 'partner']));
  for (const { index, project } of ctx.d.projects) {
    project.parties.forEach((p, i) => check(p, ['projects', index, 'parties', i]));
    check(project.provider, ['projects', index, 'provider']);
  }
}

// ───────────────────────────────────────────── central-city-eligibility

const CRITERION_LABEL: Record<string, { ja: string; en: string }> = {
  population: { ja: '人口', en: 'population' },
  scale: { ja: '規模（指定都市又は中核市）', en: 'scale (designated city or core city)' },
  'day-night-ratio': { ja: '昼夜間人口比率', en: 'day/night population ratio' },
  'metro-core-commute-share': { ja: '三大都市圏の指定都市・特別区への通勤通学割合', en: 'commuting share to the metro cores (designated cities and special wards)' },
  location: { ja: '所在地（三大都市圏の外）', en: 'location (outside the three metropolitan areas)' },
  'commute-share': { ja: '通勤通学割合', en: 'commuting share' },
};

function criterionLabel(ctx: RuleContext, id: string): string {
  const l = CRITERION_LABEL[id];
  return l ? l[ctx.env.lang] : id;
}

/** A criterion's actual value in a message: numbers with separators, a kind or metro area in words. */
function formatActual(v: number | string | null, lang: Lang): string {
  if (v === null) return '?';
  // fmtNumber, not toLocaleString: the first toLocaleString of a run loads ICU's number data (~15 ms).
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) >= 10000 ? fmtNumber(v) : String(v);
  return idLabel(v)?.[lang] ?? v;
}

/** A criterion's figure in a message: a share as a percentage (8%), anything else as formatActual. */
function criterionActual(c: CriterionResult, lang: Lang): string {
  return typeof c.actual === 'number' && SHARE_CRITERIA.has(c.id) ? percent(c.actual) : formatActual(c.actual, lang);
}

function centralCityEligibility(ctx: RuleContext): void {
  const { draft } = ctx.d;
  const scheme = ctx.scheme;
  const city = draft.centralCity;
  if (!scheme || !city || !ctx.env.data.lookup(city)) return;
  const result = ctx.env.data.designation(city, scheme.designation);
  if (!result) return;
  const designation = ctx.env.data.designationName(scheme.designation);
  for (const c of result.criteria) {
    const label = c.name ?? criterionLabel(ctx, c.id);
    const cite = c.citation || ctx.ruleCitation('central-city-eligibility');
    if (c.status === 'fail') {
      ctx.report(
        'central-city-eligibility',
        ['centralCity'],
        ctx.t(
          `${q(ctx, city)}は${scheme.name.ja}の中心市となる${designation}の要件「${label}」を満たしません: ${criterionActual(c, 'ja')}（必要: ${requiredShown(c)}）。中心市か scheme を見直してください`,
          `${q(ctx, city)} does not meet the ${designation} requirement "${label}" that a ${scheme.name.en} needs of its central city: ${criterionActual(c, 'en')} (required: ${requiredShown(c)}); choose another central city or scheme`,
        ),
        cite,
      );
    } else if (c.status === 'borderline') {
      ctx.report(
        'central-city-eligibility',
        ['centralCity'],
        ctx.t(
          `${q(ctx, city)}の${designation}の要件「${label}」は境界上です: ${criterionActual(c, 'ja')}（必要: ${requiredShown(c)}）。「おおむね」の幅の中で、満たすかは要綱の運用次第です`,
          `${q(ctx, city)} is borderline on the ${designation} requirement "${label}": ${criterionActual(c, 'en')} (required: ${requiredShown(c)}); within the "roughly" band, whether it counts is for the guideline's practice`,
        ),
        cite,
        { maxSeverity: 'warning' },
      );
    } else if (c.status === 'unknown' && c.actual !== null && c.note) {
      // The figure is there but something else leaves the test open (e.g. whether the city lies in the 三大都市圏).
      ctx.report(
        'central-city-eligibility',
        ['centralCity'],
        ctx.t(
          `${q(ctx, city)}の${designation}の要件「${label}」は判定できません: ${c.note}（実際: ${formatActual(c.actual, 'ja')}、必要: ${c.required}）`,
          `${q(ctx, city)}: the ${designation} requirement "${label}" cannot be decided: ${c.note} (actual: ${formatActual(c.actual, 'en')}; required: ${c.required})`,
        ),
        cite,
        { maxSeverity: 'warning' },
      );
    } else if (c.status === 'unknown') {
      ctx.report(
        'central-city-eligibility',
        ['centralCity'],
        ctx.t(
          `${q(ctx, city)}の${designation}の要件「${label}」は判定できません（数値がデータにありません。必要: ${requiredShown(c)}）。数値を data: 又は --data で加えると判定できます`,
          `${q(ctx, city)}: the ${designation} requirement "${label}" cannot be decided (the figure is not in the data; required: ${requiredShown(c)}); add it with data: or --data`,
        ),
        cite,
        { maxSeverity: 'warning' },
      );
    }
  }
}

// ───────────────────────────────────────────── instrument-allowed, instrument-fit

/** The rules of the pack that can make an instrument not-allowed (their "-" reasons say why). */
function notAllowedRules(cp: CompiledPack): Set<string> {
  const out = new Set<string>();
  for (const r of cp.pack.data.rules) {
    if (r.builtin === 'in-force' || r.builtin === 'party-kinds') out.add(r.id);
    for (const c of r.cases ?? []) if (c.effects.some((e) => e.cap === 'not-allowed')) out.add(r.id);
  }
  return out;
}

/** Maps a draft's project to the task the recommendation engine reads. */
export function projectTask(project: DraftProject, index: number, draft: Omit<Draft, 'projects'>, data: CheckData, factIds: ReadonlySet<string>): Task {
  const facts: Task['facts'] = {};
  for (const [k, v] of Object.entries(project.facts ?? {})) facts[k] = v;
  const refs = project.parties.map((name) => data.lookup(name));
  // The parties with their kinds and prefectures: evaluateTask derives from them what they answer
  // (prefectureParty, crossPrefecture, ...), the one derivation recommend and evaluate use too.
  if (factIds.has('parties') && refs.every((r) => r?.kind)) {
    facts.parties = refs.map((r) => (r!.prefecture ? { name: r!.name, kind: r!.kind!, prefecture: r!.prefecture } : { name: r!.name, kind: r!.kind! }) satisfies Party);
  }
  // The draft names its central city, which need not be a party: its kind gives the status.
  if (factIds.has('centralCityStatus') && (facts.centralCityStatus === undefined || facts.centralCityStatus === null) && draft.centralCity) {
    const kind = data.lookup(draft.centralCity)?.kind;
    if (kind) facts.centralCityStatus = centralStatusOfKind(kind);
  }
  const task: Task = { id: project.id === undefined ? String(index + 1) : String(project.id), name: project.name, facts };
  if (project.description !== undefined) task.description = project.description;
  if (project.category !== undefined) task.category = project.category;
  return task;
}

const keywordCache = new WeakMap<Pack, string[]>();

/** Every keyword of a `{ text: [...] }` condition in the pack's rules and measures, lower-cased. */
function textKeywords(pack: Pack): string[] {
  const hit = keywordCache.get(pack);
  if (hit) return hit;
  const out = new Set<string>();
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x !== null && typeof x === 'object') {
      for (const [k, v] of Object.entries(x)) {
        if (k === 'text' && Array.isArray(v) && v.every((w) => typeof w === 'string')) for (const w of v) out.add(w.toLowerCase());
        else walk(v);
      }
    }
  };
  walk(pack.data.rules);
  walk(pack.data.prefecture);
  const list = [...out];
  keywordCache.set(pack, list);
  return list;
}

function reasonsText(reasons: Reason[], max = 2): string {
  return reasons
    .slice(0, max)
    .map((r) => r.message)
    .join(' / ');
}

function instruments(ctx: RuleContext): void {
  const cp = compilePack(ctx.env.pack, ctx.env.lang, ctx.env.asOf);
  const blocking = notAllowedRules(cp);
  const factIds = new Set(ctx.env.pack.data.facts.map((f) => f.id));
  const margin = ctx.option('instrument-fit', 'margin', 0.2);
  // Projects alike in what the engine reads get the same verdicts: the facts, the category and,
  // of the name and description, only which of the pack's keywords they contain. Such projects
  // are evaluated once (a draft listing the same kind of project per town repeats them).
  const keywords = textKeywords(ctx.env.pack);
  const memo = new Map<string, TaskResult>();
  for (const { index, project } of ctx.d.projects) {
    const task = projectTask(project, index, ctx.d.draft, ctx.env.data, factIds);
    let result: TaskResult | undefined;
    let key: string | null = null;
    if (task.category !== undefined) {
      const text = `${task.name}\n${task.description ?? ''}`.toLowerCase();
      let sig = '';
      for (const w of keywords) sig += text.includes(w) ? '1' : '0';
      key = `${task.category}|${sig}|${JSON.stringify(task.facts)}`;
      result = memo.get(key);
    }
    if (!result) {
      // A check reads each project's verdict, never which unknown facts would break a tie (that
      // probe re-evaluates the task once per answer: 4 ms of a check of the example drafts).
      result = evaluateTask(cp, task, { procedure: 'top', supplementary: 'all', separateTies: false });
      if (key !== null) memo.set(key, result);
    }
    const chosen = result.recommendations.find((r) => r.instrument === project.instrument);
    if (!chosen) continue;
    const path = ['projects', index, 'instrument'];
    const name = ctx.instrumentName(project.instrument);
    if (chosen.verdict === 'not-allowed') {
      if (!ctx.env.enabled('instrument-allowed')) continue;
      const why = chosen.reasons.filter((r) => r.effect === '-' && blocking.has(r.rule));
      const shown = why.length > 0 ? why : chosen.reasons.filter((r) => r.effect === '-');
      ctx.report(
        'instrument-allowed',
        path,
        ctx.t(
          `この事業に${name}は法令上使えません（${ctx.env.asOf} 時点）: ${reasonsText(shown, 3)}。別の制度を選ぶか、当事者の構成を見直してください`,
          `${ctx.instrumentName(project.instrument, true)} cannot be used for this project (law in force on ${ctx.env.asOf}): ${reasonsText(shown, 3)}; choose another instrument or change the parties`,
        ),
        shown.find((r) => r.citation)?.citation ?? ctx.ruleCitation('instrument-allowed'),
      );
      continue;
    }
    if (!ctx.env.enabled('instrument-fit')) continue;
    const best = result.recommendations.find((r) => r.instrument !== project.instrument && r.verdict !== 'not-allowed');
    if (chosen.verdict === 'unsuitable') {
      const why = chosen.reasons.filter((r) => r.effect === '-');
      const alt = best && (best.verdict === 'recommended' || best.verdict === 'possible') ? best : null;
      ctx.report(
        'instrument-fit',
        path,
        ctx.t(
          `${name}はこの事業に適しません: ${reasonsText(why)}。${alt ? `${alt.name}（${verdictJa(alt)}、${alt.score.toFixed(2)}）を検討してください` : '事実（facts）を見直してください'}`,
          `${ctx.instrumentName(project.instrument, true)} is unsuitable for this project: ${reasonsText(why)}; ${alt ? `consider ${ctx.instrumentName(alt.instrument)} (${alt.verdict}, ${alt.score.toFixed(2)})` : 'review the facts'}`,
        ),
        why.find((r) => r.citation)?.citation ?? ctx.ruleCitation('instrument-fit'),
      );
    } else if (best && best.verdict === 'recommended' && chosen.verdict !== 'recommended' && best.score - chosen.score >= margin - 1e-9) {
      const why = best.reasons.filter((r) => r.effect === '+');
      ctx.report(
        'instrument-fit',
        path,
        ctx.t(
          `この事業には${best.name}の方が明らかに適しています（${best.score.toFixed(2)} 対 ${chosen.score.toFixed(2)}）: ${reasonsText(why)}`,
          `${ctx.instrumentName(best.instrument, true)} fits this project clearly better than ${name} (${best.score.toFixed(2)} vs ${chosen.score.toFixed(2)}): ${reasonsText(why)}`,
        ),
        why.find((r) => r.citation)?.citation ?? ctx.ruleCitation('instrument-fit'),
      );
    }
  }
}

function verdictJa(r: Recommendation): string {
  return r.verdict === 'recommended' ? '推奨' : r.verdict === 'possible' ? '可能' : r.verdict === 'unsuitable' ? '不適' : '不可';
}

// ───────────────────────────────────────────── statutory-content

function statutoryContent(ctx: RuleContext): void {
  const byInstrument = new Map<string, typeof ctx.cp.statutory>();
  for (const s of ctx.cp.statutory) {
    const list = byInstrument.get(s.instrument) ?? [];
    list.push(s);
    byInstrument.set(s.instrument, list);
  }
  for (const { index, project } of ctx.d.projects) {
    const reqs = byInstrument.get(project.instrument);
    if (!reqs) continue;
    const name = ctx.instrumentName(project.instrument);
    for (const req of reqs) {
      const cite = formatRef(req.ref, ctx.env.pack.data, ctx.env.lang);
      if (req.field === 'parties') {
        if (project.parties.length >= 2) continue;
        ctx.report(
          'statutory-content',
          ['projects', index, 'parties'],
          ctx.t(
            `${name}の規約には${req.what.ja}を定めます。parties に当事者を 2 団体以上挙げてください`,
            `the charter of a ${name} names ${req.what.en}; list at least two parties`,
          ),
          cite,
        );
        continue;
      }
      const v = project[req.field];
      if (typeof v === 'string' && v.trim() !== '') continue;
      ctx.report(
        'statutory-content',
        ['projects', index, req.field],
        ctx.t(
          `${name}の規約には${req.what.ja}を定める必要がありますが、この事業にはありません。${req.field}: を書いてください`,
          `the charter of a ${name} must state ${req.what.en}, which this project lacks; add ${req.field}:`,
        ),
        cite,
      );
    }
  }
}

// ───────────────────────────────────────────── scheme-structure

function schemeStructure(ctx: RuleContext): void {
  const scheme = ctx.scheme;
  if (!scheme) return;
  const { draft } = ctx.d;
  const central = draft.centralCity;
  const cite = ctx.cite(scheme.ref);
  const partners = draft.partners ?? [];
  const agreements = draft.agreements ?? [];
  const agreementName = scheme.agreementName[ctx.env.lang];
  partners.forEach((p, i) => {
    if (p === central) {
      ctx.report(
        'scheme-structure',
        ['partners', i],
        ctx.t(`中心市${q(ctx, p)}が自らの連携先（partners）に挙がっています。partners から除いてください`, `the central city ${q(ctx, p)} is listed among its own partners; remove it from partners`),
        cite,
      );
      return;
    }
    if (partners.indexOf(p) !== i) {
      ctx.report('scheme-structure', ['partners', i], ctx.t(`連携先${q(ctx, p)}が重複しています`, `partner ${q(ctx, p)} is listed twice`), cite);
      return;
    }
    if (!agreements.some((a) => a.partner === p && a.type === scheme.agreement)) {
      ctx.report(
        'scheme-structure',
        ['partners', i],
        ctx.t(
          `連携先${q(ctx, p)}と中心市${central ? q(ctx, central) : ''}の${agreementName}が agreements にありません。${scheme.name.ja}は連携先ごとの 1 対 1 の${agreementName}（双方の議会の議決）で形成します。{ partner: ${p}, type: ${scheme.agreement} } を加えてください`,
          `partner ${q(ctx, p)} has no ${agreementName} with the central city${central ? ` ${q(ctx, central)}` : ''} under agreements; a ${scheme.name.en} is formed by one such agreement per partner, each resolved by both councils; add { partner: ${p}, type: ${scheme.agreement} }`,
        ),
        cite,
      );
    }
  });
  const seen = new Set<string>();
  agreements.forEach((a, j) => {
    if (!partners.includes(a.partner)) {
      ctx.report(
        'scheme-structure',
        ['agreements', j, 'partner'],
        ctx.t(`協定の相手${q(ctx, a.partner)}が partners にありません。partners に加えるか、この協定を削除してください`, `the agreement's partner ${q(ctx, a.partner)} is not among the partners; add it to partners or remove the agreement`),
        cite,
      );
    }
    if (a.type !== scheme.agreement) {
      ctx.report(
        'scheme-structure',
        ['agreements', j, 'type'],
        ctx.t(`${scheme.name.ja}の連携先との協定は${agreementName}（${scheme.agreement}）です`, `the agreement with a partner of a ${scheme.name.en} is the ${agreementName} (${scheme.agreement})`),
        cite,
      );
    } else if (seen.has(a.partner)) {
      ctx.report('scheme-structure', ['agreements', j, 'partner'], ctx.t(`${q(ctx, a.partner)}との${agreementName}が重複しています`, `a second ${agreementName} with ${q(ctx, a.partner)}`), cite);
    } else seen.add(a.partner);
  });
}

// ───────────────────────────────────────────── partner-commuting

function partnerCommuting(ctx: RuleContext): void {
  const scheme = ctx.scheme;
  const central = ctx.d.draft.centralCity;
  if (!scheme || !central || !ctx.env.data.lookup(central)) return;
  (ctx.d.draft.partners ?? []).forEach((p, i) => {
    if (p === central || !ctx.env.data.lookup(p)) return;
    const result: DesignationResult | null = ctx.env.data.partner(p, central, scheme.partnerCheck);
    if (!result) return;
    for (const c of result.criteria) {
      // A guideline criterion below its guideline is `not-applicable` with a note (the engine
      // never says `fail` for a guideline); one replaced by a special case is not reported.
      const below = c.status === 'not-applicable' && c.guideline === true && c.replacedBy === undefined && c.actual !== null;
      if (c.status === 'pass' || (c.status === 'not-applicable' && !below)) continue;
      reportPartner(ctx, ['partners', i], p, central, c);
    }
  });
}

function reportPartner(ctx: RuleContext, path: DraftPath, partner: string, central: string, c: CriterionResult): void {
  const cite = c.citation || ctx.ruleCitation('partner-commuting');
  const label = c.id === 'commute-share' || !c.name ? criterionLabel(ctx, c.id) : c.name;
  if (c.status === 'unknown') {
    ctx.report(
      'partner-commuting',
      path,
      ctx.t(
        `${q(ctx, partner)}から中心市${q(ctx, central)}への${label}は不明です（目安: ${requiredShown(c)}）。通勤通学者数をデータに加えると確かめられます。目安は参加の条件ではありません`,
        `the ${label} from ${q(ctx, partner)} to the central city ${q(ctx, central)} is unknown (guideline: ${requiredShown(c)}); add the commuting counts to the data to check it. The guideline does not bar joining`,
      ),
      cite,
    );
    return;
  }
  ctx.report(
    'partner-commuting',
    path,
    ctx.t(
      `${q(ctx, partner)}から中心市${q(ctx, central)}への${label}は${criterionActual(c, 'ja')}で、要綱の目安（${requiredShown(c)}）に届きません。目安は法的な制限ではなく、連携の意思があれば参加できます（宣言では目安未満の団体として別に記載）`,
      `the ${label} from ${q(ctx, partner)} to the central city ${q(ctx, central)} is ${criterionActual(c, 'en')}, below the guideline (${requiredShown(c)}); the guideline is not a legal bar, and a willing municipality may still join (listed separately in the declaration)`,
    ),
    cite,
  );
}

// ───────────────────────────────────────────── reciprocity

function reciprocity(ctx: RuleContext): void {
  const central = ctx.d.draft.centralCity;
  if (!central) return;
  const costRef = ctx.cp.byId.get('reciprocity')?.refs?.costSharing;
  const citeCost = costRef ? ctx.cite(costRef) : ctx.ruleCitation('reciprocity');
  let withProvider = 0;
  let byCentral = 0;
  for (const { index, project } of ctx.d.projects) {
    if (typeof project.provider !== 'string') continue;
    withProvider++;
    if (project.provider !== central) continue;
    byCentral++;
    if (typeof project.costSharing === 'string' && project.costSharing.trim() !== '') continue;
    ctx.report(
      'reciprocity',
      ['projects', index, 'provider'],
      ctx.t(
        `中心市${q(ctx, central)}がこの事業を担いますが、費用負担（costSharing）の定めがありません。中心市が過度に負担しないよう、負担の方法（例: 人口割・均等割）を書いてください`,
        `the central city ${q(ctx, central)} provides this service, but no cost sharing is agreed; so that the central city does not carry an excessive burden, state how the cost is shared (costSharing, e.g. 人口割・均等割)`,
      ),
      citeCost,
    );
  }
  const maxShare = ctx.option('reciprocity', 'maxShare', 0.75);
  const minProjects = ctx.option('reciprocity', 'minProjects', 4);
  if (withProvider >= minProjects && byCentral / withProvider > maxShare + 1e-12) {
    const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;
    ctx.report(
      'reciprocity',
      ['projects'],
      ctx.t(
        `提供者を定めた ${withProvider} 事業のうち ${byCentral} 事業（${pct(byCentral / withProvider)}）を中心市${q(ctx, central)}が担い、上限 ${pct(maxShare)} を超えます。各町が担う事業も検討してください（県西地域の案 4(1) は現状を約75% としています）`,
        `the central city ${q(ctx, central)} provides ${byCentral} of the ${withProvider} projects that name a provider (${pct(byCentral / withProvider)}), above the limit of ${pct(maxShare)}; look for projects the towns can carry (the 県西地域 draft, 4(1), puts today's share at about 75%)`,
      ),
      ctx.ruleCitation('reciprocity'),
      { key: true },
    );
  }
}
