// The reference pages generated from the program (docs/reference/) are up to date: each is
// rendered again from the built binary and compared with the file. docs/reference/errors.md is
// checked by test/unit/errors.test.ts, which writes it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
      for (const s of help.sections.Commands ?? []) expect(text).toContain(`\`kouiki ${name} ${s.term.split(' ')[0]}\``);
    }
  });

  it('reads commander help back into its parts', () => {
    const help = parseHelp(['Usage: kouiki x [options] <a>', '', 'does x to', 'a thing', '', 'Options:', '  --long <v>   the first line', '               and its wrap', '  -q           quiet', '', 'Examples:', '  $ kouiki x a', ''].join('\n'));
    expect(help).toEqual({ usage: 'kouiki x [options] <a>', description: 'does x to a thing', sections: { Options: [{ term: '--long <v>', text: 'the first line and its wrap' }, { term: '-q', text: 'quiet' }] }, rest: 'Examples:\n  $ kouiki x a' });
  });
});
