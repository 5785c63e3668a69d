/** The two output languages. Identifiers in YAML/JSON stay English; labels follow the language. */
export type Lang = 'ja' | 'en';

/** A text in both languages, as the rule pack and the message catalogue hold it. */
export interface Localized {
  ja: string;
  en: string;
}

export const LANGS: readonly Lang[] = ['ja', 'en'];

/**
 * The default language: KOUIKI_LANG, else Japanese when the locale is Japanese, else English.
 * Scripts that parse output should pass --lang so that a planner's locale never changes it.
 */
export function defaultLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const forced = env.KOUIKI_LANG;
  if (forced === 'ja' || forced === 'en') return forced;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.startsWith('ja') ? 'ja' : 'en';
}

export function pick(text: Localized, lang: Lang): string {
  return text[lang];
}

/** Replaces `{name}` placeholders; unknown names stay visible so a missing value is noticed. */
export function fill(template: string, vars: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = vars[key];
    return v === undefined ? whole : String(v);
  });
}
