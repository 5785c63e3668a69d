import * as z from 'zod';
import { bilingual, LocalizedSchema, MunicipalityKindSchema, VERSION_FIELD } from './common.js';

/**
 * Municipality data (contract §3): the figures the eligibility checks read. Counts and ratios
 * may both be given; counts are needed for a merger what-if and win when both are present.
 * `null` says "unknown" explicitly (it also clears a figure of the embedded data).
 *
 * Beyond the contract's example, a record may carry `sources:` (the source of one figure, e.g.
 * `metroArea`, where it differs from the record's `source:`), `mergedFrom:` (the former
 * municipalities of a merged city, for the 定住自立圏 merged-city rule) and `note:`.
 */

export const METRO_AREAS = ['none', 'tokyo', 'osaka', 'nagoya'] as const;
export type MetroAreaId = (typeof METRO_AREAS)[number];

/** The figures a record holds; `sources:` is keyed by these. */
export const FIELD_KEYS = [
  'kind',
  'population',
  'daytimePopulation',
  'dayNightRatio',
  'metroArea',
  'workersAndStudents',
  'commuting',
  'metroCoreCommuteShare',
  'commuteShareTo',
  'mergedFrom',
] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

/**
 * The schemas are built on first use, not at import: building zod schemas costs a check run
 * milliseconds, and most runs validate no municipality record (the embedded data is compiled).
 */
function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

const recordSchemas = once(() => {
  const Count = z.number().int().min(0);
  /** A day/night ratio as a fraction (98.96% is 0.9896); the contract bounds a given ratio to [0, 10]. */
  const Ratio = z.number().min(0).max(10);
  const Share = z.number().min(0).max(1);
  const Code = z
    .string()
    .regex(/^\d{5,6}$/, bilingual('全国地方公共団体コード（5 桁又は検査数字付き 6 桁の数字）', '全国地方公共団体コード: 5 digits, or 6 with the check digit'));

  const FormerMunicipalitySchema = z.strictObject({
    name: z.string().min(1),
    code: Code.optional(),
    population: Count.nullable().optional(),
    daytimePopulation: Count.nullable().optional(),
    dayNightRatio: Ratio.nullable().optional(),
    source: z.string().min(1).optional(),
  });

  const MunicipalityRecordSchema = z.strictObject({
    name: z.string().min(1),
    code: Code.optional(),
    prefecture: z.string().min(1).optional(),
    kind: MunicipalityKindSchema.nullable().optional(),
    /** 国勢調査 resident (夜間) population. */
    population: Count.nullable().optional(),
    daytimePopulation: Count.nullable().optional(),
    dayNightRatio: Ratio.nullable().optional(),
    metroArea: z.enum(METRO_AREAS).nullable().optional(),
    /** Residents who work or study (常住地ベース), the denominator of commuting shares. */
    workersAndStudents: Count.nullable().optional(),
    commuting: z
      .strictObject({
        /** To the 指定都市 inside the 三大都市圏 and the special wards. */
        toMetroCores: Count.nullable().optional(),
        /** To named municipalities (a name, `都道府県名+名前`, or a code). */
        to: z.record(z.string().min(1), Count).optional(),
      })
      .optional(),
    metroCoreCommuteShare: Share.nullable().optional(),
    commuteShareTo: z.record(z.string().min(1), Share).optional(),
    mergedFrom: z.array(FormerMunicipalitySchema).min(2).optional(),
    /** Where the figures come from: census year, 速報 or 確定, table or URL (shown in reports). */
    source: z.string().min(1).optional(),
    sources: z.partialRecord(z.enum(FIELD_KEYS), z.string().min(1)).optional(),
    note: z.string().min(1).optional(),
  });
  return { FormerMunicipalitySchema, MunicipalityRecordSchema };
});

/** A record of a municipality data file (and of a draft's `municipalities:`). */
export const municipalityRecordSchema = () => recordSchemas().MunicipalityRecordSchema;
export type FormerMunicipalityRecord = z.infer<ReturnType<typeof recordSchemas>['FormerMunicipalitySchema']>;
export type MunicipalityRecord = z.infer<ReturnType<typeof municipalityRecordSchema>>;

/** A municipality data file (`--data`, a draft's `data:`). */
export const municipalityFileSchema = once(() =>
  z.strictObject({
    version: VERSION_FIELD,
    municipalities: z.array(municipalityRecordSchema()),
  }),
);

/**
 * The embedded default data (data/municipalities.yaml): the kinds of the designated cities as
 * lists, where each missing figure can be obtained, and the records with sourced figures.
 */
export const embeddedDataSchema = once(() => {
  /** The designation lists of the embedded data: names, the date of the list and its source. */
  const DesignationListSchema = z.strictObject({
    asOf: z.string().min(4),
    source: z.string().min(1),
    names: z.array(z.string().min(1)).min(1),
  });
  return z.strictObject({
    version: VERSION_FIELD,
    lists: z.strictObject({
      'designated-city': DesignationListSchema,
      'core-city': DesignationListSchema,
      'transitional-special-city': DesignationListSchema,
    }),
    /** For every other 市 of the code list: the kind `city`, with this source. */
    otherCities: z.strictObject({ source: z.string().min(1) }),
    codeList: z.strictObject({ source: z.string().min(1) }),
    figureSources: z.record(z.enum(['population', 'dayNightRatio', 'metroArea', 'commuting', 'metroCoreCommuteShare', 'commuteShare', 'kind']), LocalizedSchema),
    municipalities: z.array(municipalityRecordSchema()),
  });
});
export type EmbeddedData = z.infer<ReturnType<typeof embeddedDataSchema>>;
