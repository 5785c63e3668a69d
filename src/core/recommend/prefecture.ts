import type { Category } from '../../pack/schema.js';
import { formatRef } from '../citation.js';
import type { CompiledPack } from './compile.js';
import { compileCondition, TRUE, type CondFn } from './conditions.js';
import { markShared } from './shared.js';
import type { PrefectureAdvice } from './types.js';

const measureConds = new WeakMap<CompiledPack, (CondFn | null)[]>();
/** The advice, memoised by what it depends on (a batch makes each variant once). */
const memo = new WeakMap<CompiledPack, Map<string, PrefectureAdvice>>();

/**
 * The prefecture's part (the prefectural study's roles and measures): shown when the task says
 * municipal effort cannot solve it, and for the 県西地域 draft's administrative-efficiency category, where the prefecture's own affairs are at stake.
 * Lists the subsidiarity principle, the roles, and the support measures whose condition holds.
 */
export function advisePrefecture(cp: CompiledPack, facts: Record<string, unknown>, category: Category | undefined): PrefectureAdvice | undefined {
  const pref = cp.pack.data.prefecture;
  if (!pref) return undefined;
  const beyond = facts.beyondMunicipalEffort === true;
  const implied = category?.impliesPrefectureParty === true;
  if (!beyond && !implied) return undefined;
  const data = cp.pack.data;
  const lang = cp.lang;
  let conds = measureConds.get(cp);
  if (!conds) {
    conds = pref.measures.map((m) => (m.when ? compileCondition(m.when) : null));
    measureConds.set(cp, conds);
  }
  // What the advice depends on: why it is given, and (beyond municipal effort) which support
  // measures hold. For administrative-efficiency alone the prefecture is the one consigning, so
  // the support measures (which answer municipal need) do not apply.
  const ctx = { facts, text: '', matched: [] as string[] };
  let key = beyond ? 'b' : 'i';
  if (beyond) for (const c of conds) key += !c || c(ctx) === TRUE ? '1' : '0';
  let memoised = memo.get(cp);
  if (!memoised) memo.set(cp, (memoised = new Map()));
  const hit = memoised.get(key);
  if (hit) return hit;
  const why = beyond
    ? lang === 'ja'
      ? '市町村の最大限の努力でも解決できない課題とされたため、県の役割と支援策を示す'
      : 'the task is beyond municipal effort, so the prefecture’s role and support measures apply'
    : lang === 'ja'
      ? '各町の区域に係る中核市事務は県の事務であり、県が委託する側の当事者となる'
      : "the 中核市 affairs in the towns' areas are the prefecture's own, so the prefecture is the consigning party";
  const measures: PrefectureAdvice['measures'] = [];
  pref.measures.forEach((m, i) => {
    if (key[i + 1] !== '1') return;
    const out: PrefectureAdvice['measures'][number] = { id: m.id, name: m.name[lang], citation: formatRef(m.ref, data, lang) };
    if (m.instrument) out.instrument = m.instrument;
    measures.push(out);
  });
  const advice: PrefectureAdvice = {
    why,
    principle: { name: pref.principle.name[lang], text: pref.principle.text[lang], citation: formatRef(pref.principle.ref, data, lang) },
    roles: pref.roles.map((r) => ({ id: r.id, name: r.name[lang], citation: formatRef(r.ref, data, lang) })),
    measures,
  };
  memoised.set(key, markShared(advice));
  return advice;
}
