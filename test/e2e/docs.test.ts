// The reference pages generated from the program (docs/reference/) are up to date: each is
// rendered again from the built binary and compared with the file. docs/reference/errors.md is
// checked by test/unit/errors.test.ts, which writes it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillRegions, GENERATED, parseHelp } from '../../scripts/docs.mjs';
import { exampleFiles, ROOT } from '../../scripts/docs-examples.mjs';
import { kouiki } from '../helpers/cli.js';

describe('generated reference', () => {
  for (const g of GENERATED) {
    it(`${g.path} is what \`npm run docs\` generates`, () => {
      const expected = g.render();
      expect(readFileSync(join(ROOT, g.path), 'utf8') === expected, `${g.path} is out of date: run \`npm run docs\` and commit the result`).toBe(true);
    });
  }

  it('the generated parts of the README and the guide (<!-- generated:NAME -->) are up to date', () => {
    for (const file of exampleFiles()) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      expect(fillRegions(text) === text, `${file}: a generated part is out of date: run \`npm run docs\``).toBe(true);
    }
  });

  it('commands.md names every command, every action of a group and every option of its help', () => {
    const text = readFileSync(join(ROOT, 'docs/reference/commands.md'), 'utf8');
    const top = parseHelp(kouiki(['--help', '--lang', 'en']).stdout);
    for (const c of top.sections.Commands!) {
      const name = c.term.split(' ')[0]!;
      expect(text).toContain(`\`kouiki ${name}\``);
      const help = parseHelp(kouiki([name, '--help', '--lang', 'en']).stdout);
      for (const o of help.sections.Options ?? []) expect(text, `${name} ${o.term}`).toContain(`\`${o.term.replace(/\|/g, '\\|')}\``);
      // `kouiki help` lists the commands themselves, not actions of its own.
      if (name !== 'help') for (const s of help.sections.Commands ?? []) expect(text).toContain(`\`kouiki ${name} ${s.term.split(' ')[0]}\``);
    }
  });

  it('reads commander help back into its parts', () => {
    const help = parseHelp(['Usage: kouiki x [options] <a>', '', 'does x to', 'a thing', '', 'Options:', '  --long <v>   the first line', '               and its wrap', '  -q           quiet', '', 'Examples:', '  $ kouiki x a', ''].join('\n'));
    expect(help).toEqual({ usage: 'kouiki x [options] <a>', description: 'does x to a thing', sections: { Options: [{ term: '--long <v>', text: 'the first line and its wrap' }, { term: '-q', text: 'quiet' }] }, rest: 'Examples:\n  $ kouiki x a' });
  });
});

/** GitHub's heading anchor: lower case, punctuation dropped (letters, digits, '-', '_' kept), spaces to '-'. */
function slug(heading: string): string {
  return heading
    .replace(/`/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  const text = markdown.replace(/^```[\s\S]*?^```/gm, '');
  for (const m of text.matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(m[1]!.trim());
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

describe('links between the pages', () => {
  it('every relative link of the README and docs/ (research aside) leads to a file, and to a heading of it', () => {
    const pages = ['README.md', ...readdirSync(join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md') && !f.startsWith('research')).map((f) => `docs/${f}`)];
    const broken: string[] = [];
    for (const page of pages) {
      const text = readFileSync(join(ROOT, page), 'utf8').replace(/^```[\s\S]*?^```/gm, '');
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!;
        if (/^[a-z]+:/.test(target)) continue;
        const [path, hash] = target.split('#') as [string, string | undefined];
        const file = path === '' ? join(ROOT, page) : join(ROOT, dirname(page), path);
        if (!existsSync(file)) {
          broken.push(`${page}: ${target} (no such file)`);
          continue;
        }
        if (hash && file.endsWith('.md') && !anchors(readFileSync(file, 'utf8')).has(hash)) broken.push(`${page}: ${target} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });
});
