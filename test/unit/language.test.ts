import { describe, expect, it } from 'vitest';
import { defaultLang } from '../../src/i18n/lang.js';
import { langOf } from '../../src/cli/main.js';

// Contract §4: `--lang ja|en` (default: KOUIKI_LANG, else ja when LANG starts with ja, else en).
describe('the output language', () => {
  it('follows KOUIKI_LANG before the locale', () => {
    expect(defaultLang({ KOUIKI_LANG: 'en', LANG: 'ja_JP.UTF-8' })).toBe('en');
    expect(defaultLang({ KOUIKI_LANG: 'ja', LANG: 'en_US.UTF-8' })).toBe('ja');
  });

  it('is Japanese when LANG starts with ja, else English', () => {
    expect(defaultLang({ LANG: 'ja_JP.UTF-8' })).toBe('ja');
    expect(defaultLang({ LANG: 'C.UTF-8' })).toBe('en');
    expect(defaultLang({})).toBe('en');
  });

  it('takes --lang over the environment, in both spellings', () => {
    expect(langOf(['recommend', '--lang', 'en'], { KOUIKI_LANG: 'ja' })).toBe('en');
    expect(langOf(['recommend', '--lang=ja'], { LANG: 'C' })).toBe('ja');
  });

  it('takes the last --lang when it is given twice, as commander does for the parsed options', () => {
    expect(langOf(['--lang', 'en', 'instruments', '--lang', 'ja'], {})).toBe('ja');
    expect(langOf(['--lang=ja', 'instruments', '--lang', 'en'], {})).toBe('en');
  });

  it('stops at --', () => {
    expect(langOf(['--lang', 'en', '--', '--lang', 'ja'], {})).toBe('en');
  });
});
