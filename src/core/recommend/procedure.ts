import { fill } from '../../i18n/lang.js';
import { formatRef } from '../citation.js';
import type { CompiledPack, CInstrument } from './compile.js';
import { markShared } from './shared.js';
import type { ProcedureStep } from '../../pack/schema.js';
import type { ProcedureStepOut } from './types.js';

/** What the procedure depends on: who is a party and which kind of council. */
export interface ProcedureContext {
  /** true / false / null (unknown) */
  prefectureParty: boolean | null;
  crossPrefecture: boolean | null;
  councilKind: string | null;
}

/** By compiled pack, instrument, and the two party facts (3 x 3 slots): steps by council kind. */
const memo = new WeakMap<CompiledPack, Map<string | null, ProcedureStepOut[]>[][]>();

const tri = (b: boolean | null): number => (b === true ? 1 : b === false ? 2 : 0);

/**
 * The ordered steps of an instrument for this task: 届出 to the Minister when a prefecture is a
 * party, else to the governor (both named when unknown); 許可 likewise, by the Minister after
 * hearing the governors across prefectures; a liaison council's exemption from resolutions.
 * Steps the reference leaves unconfirmed say so. Memoised: a batch renders each variant once.
 */
export function renderProcedure(cp: CompiledPack, inst: CInstrument, ctx: ProcedureContext): ProcedureStepOut[] {
  let byInstrument = memo.get(cp);
  if (!byInstrument) memo.set(cp, (byInstrument = cp.instruments.map(() => [])));
  const slots = byInstrument[inst.index]!;
  const slot = tri(ctx.prefectureParty) * 3 + tri(ctx.crossPrefecture);
  const m = (slots[slot] ??= new Map());
  const hit = m.get(ctx.councilKind);
  if (hit) return hit;

  const data = cp.pack.data;
  const term = (k: string): string => data.terms[k]?.[cp.lang] ?? k;
  const sel = selectProcedure(inst, ctx);
  const kind = ctx.councilKind;
  const vars = {
    filingTo: term(sel.filingTo),
    permitBy: term(sel.permitBy),
    councilKind: kind ? (cp.kindLabels.get(`${inst.id}/${kind}`) ?? kind) : term('councilKindUnknown'),
    resolutionNote: kind ? '' : term('resolutionNoteUnknownKind'),
  };
  const steps: ProcedureStepOut[] = [];
  for (const s of sel.steps) {
    const unconfirmed = s.status === 'unconfirmed' || s.ref.status === 'unconfirmed';
    const out: ProcedureStepOut = {
      step: fill(s.text[cp.lang], vars) + (unconfirmed ? term('unconfirmed') : ''),
      citation: formatRef(s.ref, data, cp.lang),
    };
    if (unconfirmed) out.status = 'unconfirmed';
    steps.push(out);
  }
  m.set(ctx.councilKind, markShared(steps));
  return steps;
}

/**
 * Which steps apply and who receives the 届出 / grants the 許可 (as procedureTerms keys), before
 * any text is filled in: the procedure as data, for `kouiki rules test`.
 */
export function selectProcedure(inst: CInstrument, ctx: ProcedureContext): { steps: ProcedureStep[]; filingTo: string; permitBy: string } {
  const filingTo = ctx.prefectureParty === true ? 'minister' : ctx.prefectureParty === false ? 'governor' : 'ministerOrGovernor';
  const permitBy =
    ctx.prefectureParty === true ? 'minister' : ctx.crossPrefecture === true ? 'ministerAfterGovernors' : ctx.prefectureParty === false ? 'governor' : 'ministerOrGovernor';
  const kind = ctx.councilKind;
  const steps = inst.def.procedure.filter((s) => !(s.unlessKind && kind === s.unlessKind) && !(s.onlyKind && kind !== s.onlyKind));
  return { steps, filingTo, permitBy };
}
