import * as z from 'zod';
import { bilingual, LocalizedSchema, MunicipalityKindSchema, VERSION_FIELD } from './common.js';
import { contradictions } from './municipality-plausibility.js';

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
  'pastCensus',
  'area',
  'daytimePopulation',
  'dayNightRatio',
  'imputedDaytimePopulation',
  'imputedDayNightRatio',
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
  /**
   * A day/night ratio as a fraction (98.96% is 0.9896). Its plausible band (0.2 to 25: 千代田区's
   * 17.54 is real) is a refinement of the record, with the other contradictions (plausibility.ts).
   */
  const Ratio = z.number().min(0);
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

  const CensusKind = z.enum(['確定', '速報']);
  const Year = z.number().int().min(1920).max(2100).refine((y) => y % 5 === 0, bilingual('国勢調査の調査年（5 の倍数: 2015, 2020, 2025）', 'a census year (a multiple of 5: 2015, 2020, 2025)'));
  const Day = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, bilingual('YYYY-MM-DD（又は YYYY-MM）', 'YYYY-MM-DD (or YYYY-MM)'));

  const MunicipalityRecordSchema = z.strictObject({
    name: z.string().min(1),
    code: Code.optional(),
    prefecture: z.string().min(1).optional(),
    /** A municipality that does not exist (a what-if): its name is not checked against the code list. */
    new: z.literal(true).optional(),
    kind: MunicipalityKindSchema.nullable().optional(),
    /** The census the record's census figures come from (else read from the text of `source`). */
    census: z.strictObject({ year: Year, kind: CensusKind.optional(), published: Day.optional() }).optional(),
    /** 国勢調査 resident (夜間) population. */
    population: Count.nullable().optional(),
    /** Populations of earlier censuses, for `--as-of` before the record's census was published. */
    pastCensus: z.array(z.strictObject({ year: Year, kind: CensusKind.optional(), population: Count, source: z.string().min(1).optional() })).optional(),
    /** km². */
    area: z.number().min(0).nullable().optional(),
    /** 昼間人口 and 昼夜間人口比率 as 原数値 (raw; the census tabulation's own, 不詳 left as 不詳). */
    daytimePopulation: Count.nullable().optional(),
    dayNightRatio: Ratio.nullable().optional(),
    /** The same as 不詳補完値 (imputed; the 2020 census's 参考表, marked ※ in its major-results file). */
    imputedDaytimePopulation: Count.nullable().optional(),
    imputedDayNightRatio: Ratio.nullable().optional(),
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
    /** The day `kouiki data import` wrote the record (its figures are then of the `import` layer). */
    imported: Day.optional(),
    sources: z.partialRecord(z.enum(FIELD_KEYS), z.string().min(1)).optional(),
    /**
     * Figures that rest on a secondary source alone (no official table or prefecture's
     * publication found): why, and what would confirm them. Shown with the figure; such a figure
     * never decides a criterion against the official version of the same figure.
     */
    unconfirmed: z.partialRecord(z.enum(FIELD_KEYS), z.string().min(1)).optional(),
    note: z.string().min(1).optional(),
  }).superRefine((rec, ctx) => {
    // Figures that cannot be true together (a part above its whole, 10^12 people, a ratio of
    // 98.96 meaning 98.96 %): each reported at the figure, so the message has its line.
    for (const c of contradictions({ ...rec, toMetroCores: rec.commuting?.toMetroCores, to: rec.commuting?.to })) {
      ctx.addIssue({ code: 'custom', path: c.paths[0]!, message: c.en, params: { ja: c.ja, en: c.en } });
    }
    rec.mergedFrom?.forEach((f, i) => {
      for (const c of contradictions({ population: f.population, daytimePopulation: f.daytimePopulation, dayNightRatio: f.dayNightRatio })) {
        ctx.addIssue({ code: 'custom', path: ['mergedFrom', i, ...c.paths[0]!], message: c.en, params: { ja: c.ja, en: c.en } });
      }
    });
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
  const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, bilingual('日付は YYYY-MM-DD', 'a date is YYYY-MM-DD'));
  /** A city of a designation list; `before:` is the kind it held before (where a source says). */
  const ListedCitySchema = z.union([
    z.string().min(1),
    z.strictObject({
      name: z.string().min(1),
      before: z.strictObject({ kind: MunicipalityKindSchema, since: Day.nullable(), source: z.string().min(1) }).optional(),
    }),
  ]);
  /**
   * The designation lists of the embedded data: the 政令 (its source and the date of its text)
   * and its cities in groups, each group with the day its designation took effect (`since`), the
   * amending 政令 that added it (`by`), and `assignment: order` when only the order of the list
   * places the group (no source read names it).
   */
  const DesignationListSchema = z.strictObject({
    asOf: z.string().min(4),
    source: z.string().min(1),
    groups: z
      .array(
        z.strictObject({
          since: Day,
          by: z.string().min(1),
          evidence: z.string().min(1).optional(),
          assignment: z.literal('order').optional(),
          names: z.array(ListedCitySchema).min(1),
        }),
      )
      .min(1),
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
    /** Prefectures outside the 三大都市圏 under every reading: their municipalities read metroArea none. */
    outsideMetroAreas: z.strictObject({ source: z.string().min(1), prefectures: z.array(z.string().min(1)).min(1) }).optional(),
    figureSources: z.partialRecord(z.enum(['population', 'dayNightRatio', 'area', 'metroArea', 'commuting', 'metroCoreCommuteShare', 'commuteShare', 'kind']), LocalizedSchema),
    municipalities: z.array(municipalityRecordSchema()),
  });
});
export type EmbeddedData = z.infer<ReturnType<typeof embeddedDataSchema>>;
