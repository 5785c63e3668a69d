import { UserError } from '../errors.js';
import type { DataLayer } from '../core/eligibility/index.js';
import type { MunicipalityIndex } from '../core/eligibility/index.js';
import type { BaseData } from '../core/eligibility/model.js';
import type { Range } from '../core/check/types.js';
import { municipalityFileSchema, type MunicipalityRecord } from '../schemas/municipalities.js';
import { buildIndex, compiledBase } from './municipal-base.js';
import { embeddedBase, layerFromParsed } from './municipalities.js';
import { readInputFile } from './read.js';
import { nameResolverSync } from './names.js';
import type { NameResolver } from '../core/parties/names.js';
import { normalizeMunicipalityData } from './normalize.js';
import { staticVocabulary } from '../core/vocabulary.js';
import { validateDocument } from './validate.js';
import { parseYaml } from './yaml.js';

/**
 * The municipality data of `kouiki check`, through issue 3's data loader: the record format a
 * draft's `municipalities:` takes, data files (`data:`, `--data`) as layers, and the index over
 * the embedded data with the layers applied (later layers win: `--data`, then the draft's
 * `data:`, then its inline records).
 */

/** Reads a municipality data file; anything wrong is a UserError with its position (exit 2). */
export function loadDataFile(path: string, shown: string, maxBytes?: number): DataLayer {
  const input = readInputFile(path, maxBytes);
  if (input.text.trim() === '') {
    throw new UserError({ ja: '市町村データが空です', en: 'the municipality data file is empty' }, { position: { file: shown, line: 1, column: 1 }, hint: { ja: '`municipalities:` の下に市町村を書いてください', en: 'list municipalities under `municipalities:`' } });
  }
  const parsed = parseYaml(input.text, shown);
  const hints = normalizeMunicipalityData(parsed.value, staticVocabulary());
  const doc = validateDocument(municipalityFileSchema(), parsed, { ja: '市町村データ', en: 'municipality data file' }, 'municipalities', hints);
  return layerFromParsed(parsed, ['municipalities'], shown, doc.municipalities);
}

/** A draft's inline records (validated by the draft's schema), with their positions in the draft. */
export function inlineLayer(file: string, records: readonly MunicipalityRecord[], at: (path: (string | number)[]) => Range): DataLayer {
  const pos = (r: Range): { file: string; line: number; column: number; endLine: number; endColumn: number } => ({ file, ...r });
  return {
    file,
    // Only `at`, asked when a record has a problem: a large draft's position index is then built
    // only if something is reported (a record's `position` would be read for every record).
    records: records.map((record, i) => ({
      record,
      at: (p: (string | number)[]) => pos(at(['municipalities', i, ...p])),
    })),
  };
}

let base: BaseData | undefined;

/** The index over the embedded data with the layers applied in order; a layer's problems are a UserError (exit 2). */
export function dataIndex(layers: readonly DataLayer[]): MunicipalityIndex {
  base ??= compiledBase() ?? embeddedBase();
  return buildIndex(base, layers);
}

/** The name resolver over an index of dataIndex (prefectures, variants, wards, old names). */
export function dataResolver(index: MunicipalityIndex): NameResolver {
  base ??= compiledBase() ?? embeddedBase();
  return nameResolverSync(index, base);
}
