import { describe, expect, it } from 'vitest';
import { usageHint, wrapJa } from '../../src/cli/commander-text.js';
import { Command } from 'commander';
import { displayWidth } from '../../src/report/width.js';

describe('wrapJa: Japanese help text to a column width', () => {
  const text = '再確認の期限（reviewed から pack.yaml の review.everyMonths か月）を過ぎた値を file:line で示す（--as-of の日に対して）。問題は file:line:col で、出典の URL、S# と並べる';

  it('breaks between kana and kanji, never inside an ASCII word, and keeps every character', () => {
    for (const width of [20, 24, 30, 40]) {
      const lines = wrapJa(text, width).split('\n');
      expect(lines.length).toBeGreaterThan(1);
      for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(width);
      const words = text.match(/[\x21-\x7e]+/g)!;
      for (const w of words) expect(lines.some((l) => l.includes(w)), w).toBe(true);
      expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    }
  });

  it('starts no line with closing punctuation and ends none with an opening bracket', () => {
    for (let width = 12; width <= 40; width++) {
      const lines = wrapJa(text, width).split('\n');
      for (const l of lines.slice(1)) expect(l, `width ${width}`).not.toMatch(/^[、。）」：]/);
      for (const l of lines.slice(0, -1)) expect(l, `width ${width}`).not.toMatch(/[（「]$/);
    }
  });

  it('keeps the text as it is when it fits', () => {
    expect(wrapJa('課題の説明（分類の推定に使う）', 80)).toBe('課題の説明（分類の推定に使う）');
  });
});

describe('usageHint: how to fix a command line commander rejected', () => {
  const program = new Command('kouiki');
  const rules = program.command('rules');
  const test = rules.command('test');

  it('names the help of the command being parsed, in the language of the run', () => {
    expect(usageHint('commander.unknownOption', test, 'en')).toBe('  fix: see kouiki rules test --help for the usage\n');
    expect(usageHint('commander.excessArguments', test, 'ja')).toBe('  対処: 使い方は kouiki rules test --help を参照してください\n');
    expect(usageHint('commander.unknownCommand', rules, 'en')).toBe('  fix: kouiki rules --help lists the commands\n');
    expect(usageHint('commander.unknownCommand', program, 'ja')).toBe('  対処: コマンドの一覧は kouiki --help にあります\n');
  });

  it('adds nothing after help or the version', () => {
    expect(usageHint('commander.helpDisplayed', test, 'en')).toBe('');
    expect(usageHint('commander.version', program, 'ja')).toBe('');
  });
});
