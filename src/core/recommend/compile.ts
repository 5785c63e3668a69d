import { fill, type Lang } from '../../i18n/lang.js';
import type { Pack } from '../../pack/model.js';
import type { CategoryView, Effect as EffectDef, Fact, Instrument, Rule, Standing, Target } from '../../pack/schema.js';
import { formatRef } from '../citation.js';
import { caseCondition, compileCondition, type CondFn } from './conditions.js';
import { markShared } from './shared.js';
import type { Effect, Reason } from './types.js';

/** Caps: what a rule can do to a verdict beyond the score. */
export const CAP_NONE = 0;
export const CAP_UNSUITABLE = 1;
export const CAP_NOT_ALLOWED = 2;

export interface CInstrument {
  index: number;
  def: Instrument;
  id: string;
  name: string;
  tier: 'core' | 'supplementary';
  level: 'municipal' | 'prefecture';
  /** Base score in hundredths (scores are kept as integers so sums are exact). */
  base: number;
  /** Position in the pack's PRIORITY order (the tie-break). */
  priority: number;
  allowed: Set<string>;
  unconfirmed: Set<string>;
  excluded: Set<string>;
}

export interface CEffect {
  rule: string;
  targets: number[];
  effect: '+' | '-';
  weight: number;
  cap: number;
  /** Pre-rendered reason per instrument index, or null when the message is filled per task. */
  reasons: (Reason | null)[];
  template: string;
  citation: string;
}

export interface CCase {
  cond: CondFn;
  effects: CEffect[];
  /**
   * Whether this case being undecided is what the rule's "?" warns about. When a rule has cases
   * that cap a verdict, only those count: an undecided "+" case (a bonus that may or may not
   * apply) must not raise a doubt about a cap whose own case is already known to be false.
   */
  doubt: boolean;
}

export interface CRule {
  id: string;
  title: string;
  def: Rule;
  cases: CCase[];
  /** Mode-style rules: per fact value, the effect for each instrument. */
  match: { fact: string; byValue: Map<string, CEffect[]> } | null;
  unknownTargets: number[];
  unknownReasons: Reason[];
  /** The cap the unknown could bring (1 unsuitable, 2 not-allowed): its "?" is dropped where the verdict is already that low. */
  unknownCap: number;
  /** The facts the rule reads (for the trace and for unknown-fact reporting). */
  facts: string[];
}

/** One instrument named for a category by one source: its weight follows the source's standing. */
export interface CategoryFitEntry {
  index: number;
  standing: Standing;
  weight: number;
  reason: Reason;
}

export interface CompiledPack {
  pack: Pack;
  lang: Lang;
  asOf: string;
  instruments: CInstrument[];
  byId: Map<string, CInstrument>;
  facts: Fact[];
  rules: CRule[];
  categoryFit: { weight: number; byCategory: Map<string, CategoryFitEntry[]> } | null;
  inForce: { reasons: (Reason | null)[]; caps: number[]; state: (InForceState | null)[] };
  /** Rules whose `effective` date is after `asOf`: not applied (the trace lists them). */
  dormant: { rule: Rule; effective: string }[];
  partyKinds: { rule: Rule; unconfirmed: string; excluded: string } | null;
  settings: { recommendedAt: number; unsuitableBelow: number };
  /** True when the subsidiarity order is lifted for the task (ranking.subsidiarityUnless). */
  subsidiarityLifted: CondFn;
  kindLabels: Map<string, string>;
}

/** An instrument's status on `asOf` from its `inForce` dates (null: no dates, always in force). */
export type InForceState = 'not-yet' | 'in-doubt' | 'in-force';

const cache = new Map<string, CompiledPack>();

const pct = (x: number): number => Math.round(x * 100);

/** Compiles a pack for one language and one `asOf` date; cached, so a batch compiles once. */
export function compilePack(pack: Pack, lang: Lang, asOf: string): CompiledPack {
  const key = `${lang}|${asOf}`;
  const hit = cache.get(key);
  if (hit && hit.pack === pack) return hit;
  const compiled = doCompile(pack, lang, asOf);
  cache.set(key, compiled);
  return compiled;
}

function doCompile(pack: Pack, lang: Lang, asOf: string): CompiledPack {
  const data = pack.data;
  const settings = data.manifest.settings ?? {};
  const base = settings.baseScore ?? { core: 0.45, supplementary: 0.35 };
  const order = data.manifest.ranking?.order ?? data.instruments.map((i) => i.id);
  const groups = data.manifest.partyGroups ?? {};
  const expand = (kinds: string[] | undefined): Set<string> => {
    const out = new Set<string>();
    for (const k of kinds ?? []) for (const x of groups[k] ?? [k]) out.add(x);
    return out;
  };
  const instruments: CInstrument[] = data.instruments.map((def, index) => ({
    index,
    def,
    id: def.id,
    name: def.name[lang],
    tier: def.tier,
    level: def.level,
    base: pct(def.tier === 'core' ? base.core : base.supplementary),
    priority: order.indexOf(def.id),
    allowed: expand(def.properties.parties.allowed),
    unconfirmed: expand(def.properties.parties.unconfirmed),
    excluded: expand(def.properties.parties.excluded),
  }));
  const byId = new Map(instruments.map((i) => [i.id, i]));
  const cite = (ref: Parameters<typeof formatRef>[0] | undefined): string => (ref ? formatRef(ref, data, lang) : '');

  const select = (t: Target): number[] =>
    instruments
      .filter((i) => {
        const p = i.def.properties;
        if (t.instruments && !t.instruments.includes(i.id)) return false;
        if (t.except?.includes(i.id)) return false;
        if (t.tier !== undefined && i.tier !== t.tier) return false;
        if (t.level !== undefined && i.level !== t.level) return false;
        if (t.legalPersonality !== undefined && p.legalPersonality.value !== t.legalPersonality) return false;
        if (t.authorityRetained !== undefined && p.authority.retained !== t.authorityRetained) return false;
        if (t.approval !== undefined && p.approval.value !== t.approval) return false;
        if (t.mode !== undefined && !i.def.modes.includes(t.mode)) return false;
        return true;
      })
      .map((i) => i.index);

  const makeEffect = (rule: Rule, e: EffectDef | (Omit<EffectDef, 'to'> & { targets: number[] }), vars: Record<string, string> = {}): CEffect => {
    const targets = 'targets' in e ? e.targets : select(e.to);
    const citation = cite(e.ref ?? rule.ref);
    const template = e.message[lang];
    const reasons: (Reason | null)[] = instruments.map(() => null);
    const dynamic = /\{matched\}/.test(template);
    const refFrom = 'refFrom' in e ? e.refFrom : undefined;
    const citationFor = (t: number): string => {
      const def = instruments[t]!.def;
      const own = refFrom === 'basis' ? def.basis[0] : refFrom ? def.properties[refFrom]?.ref : undefined;
      return own ? cite(own) : citation;
    };
    if (!dynamic) {
      for (const t of targets) {
        reasons[t] = { rule: rule.id, effect: e.effect, message: fill(template, { ...vars, instrument: instruments[t]!.name }), citation: citationFor(t) };
      }
    }
    return {
      rule: rule.id,
      targets,
      effect: e.effect,
      weight: pct(e.weight ?? 0),
      cap: e.cap === 'not-allowed' ? CAP_NOT_ALLOWED : e.cap === 'unsuitable' ? CAP_UNSUITABLE : CAP_NONE,
      reasons,
      template,
      citation,
    };
  };

  const factLabels = new Map<string, string>();
  for (const f of data.facts) for (const v of f.values ?? []) factLabels.set(`${f.id}=${v.id}`, v.label[lang]);

  const rules: CRule[] = [];
  let categoryFit: CompiledPack['categoryFit'] = null;
  let partyKinds: CompiledPack['partyKinds'] = null;
  const inForceReasons: (Reason | null)[] = instruments.map(() => null);
  const inForceCaps: number[] = instruments.map(() => CAP_NONE);
  const inForceState: (InForceState | null)[] = instruments.map(() => null);
  const dormant: CompiledPack['dormant'] = [];

  for (const rule of data.rules) {
    // A rule applies from its `effective` date: before it, the law it encodes did not exist.
    if (rule.effective !== undefined && asOf < rule.effective) {
      dormant.push({ rule, effective: rule.effective });
      continue;
    }
    if (rule.builtin === 'category-fit') {
      // Each source that names instruments for a category is a reason of its own, weighed by its
      // standing: national guidance above a prefecture's guidance above one region's precedent.
      const byCategory = new Map<string, CategoryFitEntry[]>();
      const weightOf = (standing: Standing): number => pct(rule.weights?.[standing] ?? rule.weight ?? 0);
      const messageOf = (standing: Standing, own: { ja: string; en: string } | undefined): string =>
        (own ?? rule.messages?.[standing] ?? rule.messages?.named ?? { ja: '{category}', en: '{category}' })[lang];
      for (const c of data.categories) {
        const views: CategoryView[] = [{ standing: c.standing ?? 'regional', instruments: c.instruments, ref: c.ref, ...(c.message ? { message: c.message } : {}) }, ...(c.views ?? [])];
        const entries: CategoryFitEntry[] = [];
        for (const v of views) {
          const citation = cite(v.ref);
          const template = messageOf(v.standing, v.message);
          for (const id of v.instruments) {
            const inst = byId.get(id);
            if (!inst) continue;
            entries.push({ index: inst.index, standing: v.standing, weight: weightOf(v.standing), reason: { rule: rule.id, effect: '+' as Effect, message: fill(template, { category: c.name[lang], instrument: inst.name }), citation } });
          }
        }
        byCategory.set(c.id, entries);
      }
      categoryFit = { weight: pct(rule.weight ?? 0), byCategory };
      continue;
    }
    if (rule.builtin === 'in-force') {
      for (const inst of instruments) {
        const f = inst.def.inForce;
        if (!f) continue;
        const vars = { asOf, from: f.from, certainFrom: f.certainFrom };
        const citation = cite(f.ref);
        inForceState[inst.index] = asOf < f.from ? 'not-yet' : asOf < f.certainFrom ? 'in-doubt' : 'in-force';
        if (asOf < f.from) {
          inForceCaps[inst.index] = CAP_NOT_ALLOWED;
          inForceReasons[inst.index] = { rule: rule.id, effect: '-', message: fill(rule.messages!.notYet![lang], vars), citation };
        } else if (asOf < f.certainFrom) {
          inForceReasons[inst.index] = { rule: rule.id, effect: '?', message: fill(rule.messages!.doubt![lang], vars), citation };
        }
      }
      continue;
    }
    if (rule.builtin === 'party-kinds') {
      partyKinds = { rule, unconfirmed: rule.messages!.unconfirmed![lang], excluded: rule.messages!.excluded![lang] };
      continue;
    }
    const capping = (rule.cases ?? []).some((c) => c.effects.some((e) => e.cap));
    const cases: CCase[] = (rule.cases ?? []).map((c) => ({
      cond: compileCondition(caseCondition(rule.fact, c.if)),
      effects: c.effects.map((e) => makeEffect(rule, e)),
      doubt: !capping || c.effects.some((e) => e.cap),
    }));
    let match: CRule['match'] = null;
    if (rule.match && rule.fact) {
      const fact = data.facts.find((f) => f.id === rule.fact);
      const byValue = new Map<string, CEffect[]>();
      for (const v of fact?.values ?? []) {
        const yes = instruments.filter((i) => i.def.modes.includes(v.id)).map((i) => i.index);
        const no = instruments.filter((i) => !i.def.modes.includes(v.id)).map((i) => i.index);
        const value = v.label[lang];
        byValue.set(v.id, [
          makeEffect(rule, { ...rule.match.yes, targets: yes }, { value }),
          makeEffect(rule, { ...rule.match.no, targets: no }, { value }),
        ]);
      }
      match = { fact: rule.fact, byValue };
    }
    const unknownTargets = rule.unknown ? select(rule.unknown.to) : [];
    const unknownReasons: Reason[] = instruments.map((i) => ({
      rule: rule.id,
      effect: '?' as Effect,
      message: rule.unknown ? fill(rule.unknown.message[lang], { instrument: i.name }) : '',
      citation: cite(rule.ref),
    }));
    rules.push({
      id: rule.id,
      title: rule.title[lang],
      def: rule,
      cases,
      match,
      unknownTargets,
      unknownReasons,
      unknownCap: (rule.cases ?? []).some((c) => c.effects.some((e) => e.cap === 'not-allowed')) ? CAP_NOT_ALLOWED : CAP_UNSUITABLE,
      facts: ruleFacts(rule),
    });
  }

  const kindLabels = new Map<string, string>();
  for (const inst of data.instruments) for (const k of inst.kinds ?? []) kindLabels.set(`${inst.id}/${k.id}`, k.name[lang]);

  const cp: CompiledPack = {
    pack,
    lang,
    asOf,
    instruments,
    byId,
    facts: data.facts,
    rules,
    categoryFit,
    inForce: { reasons: inForceReasons, caps: inForceCaps, state: inForceState },
    dormant,
    partyKinds,
    settings: { recommendedAt: pct(settings.recommendedAt ?? 0.7), unsuitableBelow: pct(settings.unsuitableBelow ?? 0.35) },
    subsidiarityLifted: compileCondition(data.manifest.ranking?.subsidiarityUnless ?? { fact: 'beyondMunicipalEffort', is: true }),
    kindLabels,
  };
  markReasons(cp);
  return cp;
}

/** Every reason the compiled pack holds is handed as it is to the results that earn it. */
function markReasons(cp: CompiledPack): void {
  const mark = (r: Reason | null | undefined): void => void (r && markShared(r));
  const effects = (list: readonly CEffect[]): void => list.forEach((e) => e.reasons.forEach(mark));
  for (const rule of cp.rules) {
    rule.cases.forEach((c) => effects(c.effects));
    rule.match?.byValue.forEach(effects);
    rule.unknownReasons.forEach(mark);
  }
  cp.categoryFit?.byCategory.forEach((list) => list.forEach((x) => mark(x.reason)));
  cp.inForce.reasons.forEach(mark);
}

function ruleFacts(rule: Rule): string[] {
  const out = new Set<string>();
  if (rule.fact) out.add(rule.fact);
  for (const c of rule.cases ?? []) {
    const cond = caseCondition(rule.fact, c.if);
    collect(cond, out);
  }
  return [...out];
}

function collect(c: ReturnType<typeof caseCondition>, out: Set<string>): void {
  if ('all' in c) c.all.forEach((x) => collect(x, out));
  else if ('any' in c) c.any.forEach((x) => collect(x, out));
  else if ('not' in c) collect(c.not, out);
  else if ('fact' in c) out.add(c.fact);
  else if ('known' in c) out.add(c.known);
}
