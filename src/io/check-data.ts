import { z } from 'zod';
import { UserError } from '../errors.js';
import { MUNICIPALITY_KINDS } from '../schemas/kinds.js';
import type { SimpleRecord } from '../core/check/eligibility.js';
import { readInputFile } from './read.js';
import { validateDocument } from './validate.js';
import { parseYaml } from './yaml.js';

/**
 * The municipality data of `kouiki check`: the record format a draft's `municipalities:` takes,
 * data files (`data:`, `--data`) and the embedded default data. Part of the seam to issue 3's
 * data loader (see core/check/eligibility.ts).
 */

/** One municipality record, as in a data file (contract §3). */
export function municipalityRecordSchema(): z.ZodType {
  return z.looseObject({
    name: z.string().min(1),
    kind: z.enum(MUNICIPALITY_KINDS).optional(),
    prefecture: z.string().min(1).optional(),
  });
}

export interface DataSet {
  /** Where it came from, for messages. */
  file: string;
  records: SimpleRecord[];
}

/** Reads a municipality data file; anything wrong is a UserError with its position (exit 2). */
export function loadDataFile(path: string, shown: string, maxBytes?: number): DataSet {
  const input = readInputFile(path, maxBytes);
  const parsed = parseYaml(input.text, shown);
  const doc = validateDocument(z.looseObject({ version: z.literal(1).optional(), municipalities: z.array(municipalityRecordSchema()) }), parsed, { ja: '市町村データ', en: 'municipality data file' }, 'municipalities') as { municipalities: SimpleRecord[] };
  return { file: shown, records: doc.municipalities };
}

/** Records given inline in a draft (already validated by the draft's schema). */
export function inlineDataSet(file: string, records: unknown[]): DataSet {
  return { file, records: records as SimpleRecord[] };
}

/** The embedded default data. */
export function embeddedDataSets(): DataSet[] {
  return [];
}

export function dataFileMissing(path: string, shown: string, at: { file: string; line: number; column: number }): UserError {
  return new UserError(
    { ja: `data: のファイルが見つかりません: ${shown}`, en: `the data: file does not exist: ${shown}` },
    { position: at, hint: { ja: 'data: のパスは政策案のファイルからの相対パスです', en: 'a data: path is relative to the draft file' } },
  );
}
