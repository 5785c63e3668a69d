import type { Lang } from './lang.js';

/**
 * A category's evidence as a reader sees it: the contract's strings (`ごみ (name)`, `… (description)
 * → affair [citation]`) keep their English tags in JSON; Japanese text says where the word was
 * found in Japanese (「ごみ（名称）」).
 */
export function evidenceText(evidence: readonly string[], lang: Lang): string {
  const joined = evidence.join(lang === 'ja' ? '、' : ', ');
  return lang === 'ja' ? joined.replace(/ \((name|description)\)/g, (_m, where: string) => (where === 'name' ? '（名称）' : '（説明）')) : joined;
}
