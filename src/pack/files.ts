import type * as z from 'zod';
import {
  CategoriesFileSchema,
  FactsFileSchema,
  InstrumentsFileSchema,
  PackManifestSchema,
  PrefectureFileSchema,
  RulesFileSchema,
} from './schema.js';
import { ChecksFileSchema } from './checks-schema.js';
import { DesignationsFileSchema } from './designations-schema.js';

/**
 * The files a rule pack directory may hold, each with its schema. A pack that does not extend
 * another must have the `required` ones; an extending pack may have any subset.
 * Feature modules add their files here (one place, so a typo'd file name is caught).
 */
export interface PackFileSpec {
  file: string;
  schema: z.ZodType;
  required: boolean;
  what: { ja: string; en: string };
}

export const PACK_FILES: PackFileSpec[] = [
  { file: 'pack.yaml', schema: PackManifestSchema, required: true, what: { ja: 'ルールパックの定義', en: 'rule pack manifest' } },
  { file: 'instruments.yaml', schema: InstrumentsFileSchema, required: true, what: { ja: '制度の定義', en: 'instrument definitions' } },
  { file: 'categories.yaml', schema: CategoriesFileSchema, required: true, what: { ja: '分類の定義', en: 'category definitions' } },
  { file: 'facts.yaml', schema: FactsFileSchema, required: true, what: { ja: '事実（質問）の定義', en: 'fact definitions' } },
  { file: 'recommend.yaml', schema: RulesFileSchema, required: true, what: { ja: '推奨ルール', en: 'recommendation rules' } },
  { file: 'prefecture.yaml', schema: PrefectureFileSchema, required: true, what: { ja: '県の役割と支援策', en: "the prefecture's roles and measures" } },
  { file: 'checks.yaml', schema: ChecksFileSchema, required: false, what: { ja: '政策案チェックのルール', en: 'policy draft check rules' } },
  { file: 'designations.yaml', schema: DesignationsFileSchema, required: false, what: { ja: '指定要件', en: 'designation criteria' } },
];

export function packFileSpec(name: string): PackFileSpec | undefined {
  return PACK_FILES.find((f) => f.file === name);
}
