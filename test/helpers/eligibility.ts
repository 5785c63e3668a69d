import { evaluateEligibility, type EligibilityRequest, type FigureOverrides } from '../../src/core/eligibility/evaluate.js';
import type { DataLayer } from '../../src/core/eligibility/index.js';
import type { BaseData } from '../../src/core/eligibility/model.js';
import type { CriterionResult, DesignationResult, EligibilityResult, TraceHook } from '../../src/core/eligibility/types.js';
import type { Lang } from '../../src/i18n/lang.js';
import { buildIndex } from '../../src/io/municipal-base.js';
import { embeddedBase } from '../../src/io/municipalities.js';
import type { PackData } from '../../src/pack/model.js';
import type { MunicipalityRecord } from '../../src/schemas/municipalities.js';
import { defaultPack } from './engine.js';

/** An index with no code list: only the records given (synthetic cities for rule tests). */
export const EMPTY_BASE: BaseData = { codes: [], records: [], figureSources: { population: { ja: 'e-Stat 0003445078', en: 'e-Stat 0003445078' } }, otherCitiesSource: 'list', codeListSource: 'codes' };

export function layer(records: MunicipalityRecord[], file = 'test.yaml'): DataLayer {
  return { file, records: records.map((record) => ({ record })) };
}

export function tinyIndex(records: MunicipalityRecord[]) {
  return buildIndex(EMPTY_BASE, [layer(records)]);
}

/** The real embedded data (code list + data/municipalities.yaml), with optional layers over it. */
export function realIndex(records: MunicipalityRecord[] = []) {
  return buildIndex(embeddedBase(), records.length > 0 ? [layer(records)] : []);
}

export function run(
  request: Partial<EligibilityRequest>,
  opts: { asOf?: string; lang?: Lang; records?: MunicipalityRecord[]; real?: boolean; data?: PackData; trace?: TraceHook } = {},
): EligibilityResult[] {
  const index = opts.real ? realIndex(opts.records) : tinyIndex(opts.records ?? []);
  return evaluateEligibility(opts.data ?? defaultPack().data, index, { names: [], ...request }, opts.asOf ?? '2026-11-23', opts.lang ?? 'en', opts.trace);
}

/** One designation for a city described by figures only. */
export function check(designation: string, figures: FigureOverrides, asOf = '2026-11-23', data?: PackData): DesignationResult {
  return run({ figures, designations: [designation] }, { asOf, ...(data ? { data } : {}) })[0]!.designations[0]!;
}

export function crit(d: DesignationResult, id: string): CriterionResult {
  const c = d.criteria.find((x) => x.id === id);
  if (!c) throw new Error(`no criterion ${id} in ${d.designation}: ${d.criteria.map((x) => x.id).join(', ')}`);
  return c;
}

export function status(d: DesignationResult, id: string): string {
  return crit(d, id).status;
}
