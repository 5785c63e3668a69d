// Language completeness of what commander renders and of `rules doc`: with --lang ja no English
// heading or note of commander's is left ("Usage:", "(choices: ...)"), the columns line up in
// display width (kana and kanji take two columns), and every line fits the 80-column help.
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/report/width.js';
import { kouiki } from '../helpers/cli.js';

const COMMANDS = [[], ['recommend'], ['wizard'], ['evaluate'], ['eligibility'], ['instruments'], ['check'], ['explain'], ['rules'], ['rules', 'validate'], ['rules', 'test'], ['rules', 'outdated'], ['rules', 'doc'], ['schema']];

const help = (cmd: string[], lang: string): string => {
  const r = kouiki([...cmd, '--help', '--lang', lang]);
  expect(r.code, `${cmd.join(' ')} --help`).toBe(0);
  return r.stdout;
};

describe('--help in Japanese', () => {
  it('has no heading, usage word or option note of commander in English', () => {
    for (const cmd of COMMANDS) {
      const text = help(cmd, 'ja');
      expect(text.startsWith('使い方: kouiki'), cmd.join(' ')).toBe(true);
      expect(text, cmd.join(' ')).not.toMatch(/^(Usage|Options|Commands|Arguments|Global Options):/m);
      expect(text, cmd.join(' ')).not.toMatch(/\((choices|default|preset|env): /);
      expect(text, cmd.join(' ')).not.toMatch(/\[options\]|\[command\]/);
    }
    expect(help(['recommend'], 'ja')).toContain('課題の分類。名称でも可（選択肢:');
  });

  it('lines its columns up by display width and fits 80 columns', () => {
    for (const cmd of COMMANDS) {
      // What commander lays out: the text before the examples and notes a command adds.
      const lines = help(cmd, 'ja').split('\n例:\n')[0]!.split('\n');
      // An item: two spaces, the term, two or more spaces, the description.
      const starts = lines.filter((l) => /^ {2}\S/.test(l)).flatMap((l) => {
        const m = /^( {2}\S.*?\S? {2,})\S/.exec(l);
        return m ? [displayWidth(m[1]!)] : [];
      });
      expect(starts.length, cmd.join(' ')).toBeGreaterThan(0);
      expect(new Set(starts).size, `${cmd.join(' ')}: description columns ${[...new Set(starts)].join(', ')}`).toBe(1);
      // A single word too long for the column is kept whole.
      for (const l of lines) if (/\s/.test(l.trim())) expect(displayWidth(l), `${cmd.join(' ')}: ${l}`).toBeLessThanOrEqual(80);
    }
  });

  it('leaves the English help as commander writes it', () => {
    const text = help(['recommend'], 'en');
    expect(text.startsWith('Usage: kouiki recommend [options]')).toBe(true);
    expect(text).toMatch(/^Options:$/m);
    expect(text).toContain('task category, by id or name (choices:');
  });
});

describe('rules doc', () => {
  it('says where a citation was read in the language of the run, and the party lists too', () => {
    const ja = kouiki(['rules', 'doc', '--lang', 'ja']).stdout;
    expect(ja).not.toMatch(/\(via \[/);
    expect(ja).not.toMatch(/\b(allowed|unconfirmed|excluded): [a-z]/);
    expect(ja).not.toMatch(/; except /);
    // A further source is named in the run's language, with its link (参照 / see also).
    expect(ja).toMatch(/（参照: \[長野県町村公平委員会共同設置規約\]\(https:/);
    expect(ja).toContain('| parties | 可: prefecture, municipal, special-ward<br>未確認: unions |');
    expect(ja).toContain('authorityRetained = true; 除外 事務の代替執行 (`proxy-execution`)');
    const en = kouiki(['rules', 'doc', '--lang', 'en']).stdout;
    expect(en).toMatch(/ \(see also \[Charter of the joint fair-treatment commission of the towns and villages of Nagano\]\(https:/);
    expect(en).toContain('| parties | allowed: prefecture, municipal, special-ward<br>unconfirmed: unions |');
    expect(en).toContain('authorityRetained = true; except Proxy execution of affairs (`proxy-execution`)');
  });
});
