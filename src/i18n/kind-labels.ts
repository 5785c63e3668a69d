import type { MunicipalityKind } from '../schemas/kinds.js';
import type { Localized } from './lang.js';

/** Municipality kinds in words (the ids stay in YAML and JSON). */
export const KIND_LABEL: Record<MunicipalityKind, Localized> = {
  prefecture: { ja: '都道府県', en: 'prefecture' },
  'designated-city': { ja: '指定都市', en: 'designated city' },
  'core-city': { ja: '中核市', en: 'core city' },
  'transitional-special-city': { ja: '施行時特例市', en: 'transitional special city' },
  city: { ja: '市', en: 'city' },
  town: { ja: '町', en: 'town' },
  village: { ja: '村', en: 'village' },
  'special-ward': { ja: '特別区', en: 'special ward' },
  'partial-affairs-union': { ja: '一部事務組合', en: 'partial-affairs union' },
  'regional-federation': { ja: '広域連合', en: 'regional federation' },
};

/** The 三大都市圏 a municipality lies in (`metroArea`), in words. */
export const METRO_LABEL: Record<string, Localized> = {
  none: { ja: '三大都市圏外', en: 'outside the 三大都市圏' },
  tokyo: { ja: '三大都市圏（東京圏）', en: '三大都市圏 (Tokyo)' },
  osaka: { ja: '三大都市圏（大阪圏）', en: '三大都市圏 (Osaka)' },
  nagoya: { ja: '三大都市圏（名古屋圏）', en: '三大都市圏 (Nagoya)' },
};

/** A kind or metro-area id in words, or undefined for any other string. */
export function idLabel(id: string): Localized | undefined {
  return Object.hasOwn(KIND_LABEL, id) ? KIND_LABEL[id as MunicipalityKind] : Object.hasOwn(METRO_LABEL, id) ? METRO_LABEL[id] : undefined;
}
