import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kouiki, ROOT } from '../helpers/cli.js';

/**
 * Issue 14: every citation names a public source a reader can open. No output of any command,
 * in either language, may cite the project's working notes (legal-facts.md), their S-numbers,
 * or the two seed documents by their file numbers (a bare 003 / 000): a planner pastes these
 * reasons into a paper for the council. Checked on every golden file, every README and guide
 * page (their console examples are real output), and on the commands that print citations.
 */

const INTERNAL: { name: string; re: RegExp }[] = [
  { name: 'legal-facts', re: /legal-facts/ },
  // S1 … S80, S28a: the fact sheet's source numbers (never part of a longer word or number).
  { name: 'S-number', re: /(?<![\p{L}\p{N}_-])S\d{1,2}[abc]?(?![\p{L}\p{N}_])/u },
  // 003 / 000 standing alone: not a digit group of a longer number (100,000; 322AC0000000067).
  { name: 'bare 003/000', re: /(?<![\p{N},.])00[03](?![\p{N},])/u },
];

function offences(text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const p of INTERNAL) {
      const m = p.re.exec(line);
      if (m) out.push(`${i + 1}: ${p.name} "${m[0]}" in: ${line.trim().slice(0, 160)}`);
    }
  });
  return out;
}

function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, keep));
    else if (keep(p)) out.push(p);
  }
  return out.sort();
}

describe('no output cites the working notes, their S-numbers or a bare 003/000', () => {
  const goldens = filesUnder(join(ROOT, 'test', 'golden'), () => true);
  const docs = [join(ROOT, 'README.md'), ...filesUnder(join(ROOT, 'docs', 'guide'), (p) => p.endsWith('.md'))].filter(existsSync);

  it('finds the files it checks', () => {
    expect(goldens.length).toBeGreaterThan(10);
    expect(docs.length).toBeGreaterThan(0);
  });

  for (const file of [...goldens, ...docs]) {
    it(relative(ROOT, file), () => {
      expect(offences(readFileSync(file, 'utf8'))).toEqual([]);
    });
  }

  const ids = ['cooperation-agreement', 'council', 'joint-body', 'consignment', 'proxy-execution', 'partial-affairs-union', 'regional-federation', 'staff-dispatch', 'ordinance-transfer', 'voluntary-council'];
  const runs: string[][] = [
    ['instruments'],
    ...ids.map((id) => ['instruments', id]),
    ['instruments', '-f', 'json'],
    ['evaluate', 'examples/kensei-tasks.yaml', '-f', 'markdown'],
    ['evaluate', 'examples/kensei-tasks.yaml', '-f', 'json'],
    ['recommend', '--party', '神奈川県:prefecture', '--party', '小田原市:city', '--state-delegation', '--procedure', 'all'],
    ['explain', '--name', 'ごみ処理施設の広域化'],
    ['explain', '--category', 'regional-vitality', '-f', 'json'],
    ['check', 'examples/drafts/kensei-failing.yaml', '-f', 'stylish'],
    ['check', 'examples/drafts/kensei-failing.yaml', '-f', 'sarif'],
    ['eligibility', '小田原市'],
    ['eligibility', '小田原市', '--merge', '南足柄市', '-f', 'json'],
    ['explain', '小田原市', '--designation', 'cooperation-central-city'],
    ['rules', 'doc'],
    ['rules', 'test'],
    ['rules', 'validate', '-f', 'json'],
  ];
  for (const lang of ['ja', 'en'] as const) {
    for (const args of runs) {
      it(`kouiki ${args.join(' ')} --lang ${lang}`, () => {
        const r = kouiki([...args, '--lang', lang, '--as-of', '2026-12-04']);
        expect(r.stderr.includes('internal error')).toBe(false);
        expect(offences(r.stdout)).toEqual([]);
      });
    }
  }
});

describe('the patterns catch what they must (and only that)', () => {
  it('catches a fact-sheet citation, an S-number and a bare document number', () => {
    expect(offences('[legal-facts.md §0]')).toHaveLength(1);
    expect(offences('参照 S16、S17')).toHaveLength(1);
    expect(offences('(via S28a)')).toHaveLength(1);
    expect(offences('[003 5(2)イ(ア)]')).toHaveLength(1);
    expect(offences('(000 第2章3)')).toHaveLength(1);
  });
  it('leaves figures, ids and law numbers alone', () => {
    expect(offences('人口 200,000 以上; 322AC0000000067; 2000-04-01; 平成12年; SARIF 2.1.0; S-EGOV')).toEqual([]);
  });
});
