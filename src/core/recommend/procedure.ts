import { fill } from '../../i18n/lang.js';
import { formatRef } from '../citation.js';
import type { CompiledPack, CInstrument } from './compile.js';
import type { ProcedureStepOut } from './types.js';

/** What the procedure depends on: who is a party and which kind of council. */
export interface ProcedureContext {
  /** true / false / null (unknown) */
  prefectureParty: boolean | null;
  crossPrefecture: boolean | null;
  councilKind: string | null;
}

const memo = new WeakMap<CompiledPack, Map<string, ProcedureStepOut[]>>();

/**
 * The ordered steps of an instrument for this task: 届出 to the Minister when a prefecture is a
 * party, else to the governor (both named when unknown); 許可 likewise, by the Minister after
 * hearing the governors across prefectures; a liaison council's exemption from resolutions.
 * Steps the reference leaves unconfirmed say so. Memoised: a batch renders each variant once.
 */
export function renderProcedure(cp: CompiledPack, inst: CInstrument, ctx: ProcedureContext): ProcedureStepOut[] {
  let m = memo.get(cp);
  if (!m) memo.set(cp, (m = new Map()));
  const key = `${inst.id}|${ctx.prefectureParty}|${ctx.crossPrefecture}|${ctx.councilKind}`;
  const hit = m.get(key);
  if (hit) return hit;

  const data = cp.pack.data;
  const term = (k: string): string => data.terms[k]?.[cp.lang] ?? k;
  const filingTo = ctx.prefectureParty === true ? term('minister') : ctx.prefectureParty === false ? term('governor') : term('ministerOrGovernor');
  const permitBy =
    ctx.prefectureParty === true
      ? term('minister')
      : ctx.crossPrefecture === true
        ? term('ministerAfterGovernors')
        : ctx.prefectureParty === false
          ? term('governor')
          : term('ministerOrGovernor');
  const kind = ctx.councilKind;
  const vars = {
    filingTo,
    permitBy,
    councilKind: kind ? (cp.kindLabels.get(`${inst.id}/${kind}`) ?? kind) : term('councilKindUnknown'),
    resolutionNote: kind ? '' : term('resolutionNoteUnknownKind'),
  };
  const steps: ProcedureStepOut[] = [];
  for (const s of inst.def.procedure) {
    if (s.unlessKind && kind === s.unlessKind) continue;
    if (s.onlyKind && kind !== s.onlyKind) continue;
    const unconfirmed = s.status === 'unconfirmed' || s.ref.status === 'unconfirmed';
    const out: ProcedureStepOut = {
      step: fill(s.text[cp.lang], vars) + (unconfirmed ? term('unconfirmed') : ''),
      citation: formatRef(s.ref, data, cp.lang),
    };
    if (unconfirmed) out.status = 'unconfirmed';
    steps.push(out);
  }
  m.set(key, steps);
  return steps;
}
