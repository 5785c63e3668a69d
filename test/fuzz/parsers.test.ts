// Fuzz suite, part 1 (issue 8): hostile text for every input format, given straight to the
// function kouiki reads that format with. Whatever the text, the answer is a value or a
// UserError positioned inside the file, within a second, and no key reaches a prototype.
// Part 2 (cli.test.ts) runs the commands. `npm run fuzz` runs both much longer.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { analyzeDraft } from '../../src/io/draft.js';
import { decodeUtf8 } from '../../src/io/read.js';
import { parseTaskList } from '../../src/io/tasks.js';
import { defaultPack } from '../helpers/engine.js';
import { mutatedDoc } from './arbitraries.js';
import { FORMATS } from './formats.js';
import { count, counts, expectPlainValue, expectPrototypesIntact, expectUserErrorShape, MAX_MS, params, share, timeoutFor, TOTAL_RUNS } from './harness.js';

/** This file's part of the budget. */
const PART = 0.5;

afterAll(() => {
  console.log(`fuzz (parsers): ${[...counts.values()].reduce((a, b) => a + b, 0)} generated cases (${[...counts].map(([k, v]) => `${k} ${v}`).join(', ')})`);
});

describe('fuzz: every input format, parsed directly', () => {
  const formats = FORMATS.filter((f) => f.seeds().length > 0);
  // Task lists are read by most commands: the biggest share; the rest split evenly.
  const weight = (name: string): number => (name === 'tasks' ? 0.44 : 0.5 / Math.max(1, formats.length - 1));
  for (const format of formats) {
    it(`${format.name}: a value or a positioned UserError, within a second, no prototype reached`, () => {
      const file = `fuzz/${format.name.replace(/\W/g, '_')}.yaml`;
      fc.assert(
        fc.property(mutatedDoc(format.seeds(), format.bigSeeds()), (text) => {
          count(`parse ${format.name}`);
          const c0 = process.cpuUsage();
          let value: unknown;
          try {
            value = format.parse(text, file);
          } catch (err) {
            expectUserErrorShape(err, file, text);
          }
          const c = process.cpuUsage(c0);
          const ms = (c.user + c.system) / 1000;
          expect(ms, `parsing took ${Math.round(ms)} ms of CPU time`).toBeLessThan(MAX_MS);
          if (value !== undefined) expectPlainValue(value);
          expectPrototypesIntact();
        }),
        params(share(PART * weight(format.name))),
      );
    }, timeoutFor(share(PART * weight(format.name))));
  }
});

describe('fuzz: the fast paths large files take agree with the precise parser', () => {
  // Task lists of 1 MB and more and drafts of 64 KB and more are read by js-yaml first (anything
  // it might read differently goes to the precise parser: needsPreciseParser in src/io/yaml.ts).
  // Whatever the fast path accepts must be what the precise parser accepts, with the same
  // positions, or the same file would pass or fail by its size. Input is decoded as a file is.
  const data = defaultPack().data;
  const asFile = (raw: string): string => decodeUtf8(Buffer.from(raw, 'utf8'), 'diff.yaml');
  const attempt = (f: () => unknown): unknown => {
    try {
      return f();
    } catch (err) {
      if (err instanceof UserError) return 'UserError';
      throw err;
    }
  };
  it('task lists: the same tasks, or an error from both', () => {
    const tasks = FORMATS.find((f) => f.name === 'tasks')!;
    const outcome = (text: string, fastBytes: number): string => JSON.stringify(attempt(() => parseTaskList(text, 'diff.yaml', data, fastBytes).tasks));
    fc.assert(
      fc.property(mutatedDoc(tasks.seeds(), tasks.bigSeeds()), (raw) => {
        count('fast/precise tasks');
        const text = asFile(raw);
        expect(outcome(text, 0)).toBe(outcome(text, Number.POSITIVE_INFINITY));
      }),
      params(share(PART * 0.03)),
    );
  }, timeoutFor(share(PART * 0.03)));

  it('drafts: the same draft, the same findings at the same places, or an error from both', () => {
    const drafts = FORMATS.find((f) => f.name === 'draft')!;
    // Messages may word a null key differently (js-yaml "null", yaml ""); rules and ranges may not.
    const outcome = (text: string, fastBytes: number): string =>
      JSON.stringify(
        attempt(() => {
          const { loaded } = analyzeDraft(text, 'diff.yaml', { pack: data, lang: 'en', schemaCitation: '', fastBytes });
          return { draft: loaded.checked?.draft ?? null, findings: loaded.schemaFindings.map((f) => [f.rule, f.range]) };
        }),
      );
    fc.assert(
      fc.property(mutatedDoc(drafts.seeds(), drafts.bigSeeds()), (raw) => {
        count('fast/precise drafts');
        const text = asFile(raw);
        expect(outcome(text, 0)).toBe(outcome(text, Number.POSITIVE_INFINITY));
      }),
      params(share(PART * 0.03)),
    );
  }, timeoutFor(share(PART * 0.03)));
});

it('ran its share of the generated cases (with cli.test.ts: at least 10,000 in npm test)', () => {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThanOrEqual(Math.floor(TOTAL_RUNS * PART) - FORMATS.length);
});
