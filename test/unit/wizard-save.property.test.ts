import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answersYaml } from '../../src/cli/wizard/save.js';
import { emptyAnswers, makePlan, taskOf, type Answers } from '../../src/core/wizard/plan.js';
import { parseTaskList } from '../../src/io/tasks.js';
import { MUNICIPALITY_KINDS } from '../../src/schemas/kinds.js';
import { defaultPack } from '../helpers/engine.js';

const data = defaultPack().data;
const plan = makePlan(data);

// Text a planner might type, with what YAML treats specially: "null", "yes", numbers, ": ", "#", quotes, line breaks.
const text = fc.oneof(
  fc.string({ minLength: 1, maxLength: 30 }),
  fc.constantFrom('null', 'true', 'no', '123', '0x1F', '1e3', '~', '- a', ': x', '#1', '"q"', "'s'", 'a\nb', ' lead', 'trail ', '鳥獣被害対策', '[x]', '{y}', '*ref', '&anchor', '!tag', '%'),
);
const nonBlank = text.filter((s) => s.trim() !== '');

const answersArb: fc.Arbitrary<Answers> = fc
  .record({
    id: fc.option(fc.oneof(nonBlank, fc.constant('1')), { nil: undefined }),
    name: nonBlank,
    description: fc.option(nonBlank, { nil: undefined }),
    category: fc.option(fc.constantFrom(...data.categories.map((c) => c.id)), { nil: undefined }),
    facts: fc.record(
      Object.fromEntries(
        data.facts.map((f) => {
          const value: fc.Arbitrary<unknown> =
            f.type === 'boolean'
              ? fc.boolean()
              : f.type === 'enum'
                ? fc.constantFrom(...f.values!.map((v) => v.id))
                : fc.array(fc.record({ name: nonBlank, kind: fc.constantFrom(...MUNICIPALITY_KINDS) }), { minLength: 1, maxLength: 4 });
          return [f.id, fc.option(value, { nil: null })];
        }),
      ),
      { requiredKeys: [] },
    ),
    implied: fc.subarray(data.facts.filter((f) => f.type !== 'parties').map((f) => f.id)),
  })
  .map((r) => {
    const a = emptyAnswers();
    if (r.id !== undefined) a.id = r.id;
    a.name = r.name;
    if (r.description !== undefined) a.description = r.description;
    if (r.category !== undefined) a.category = r.category;
    for (const [k, v] of Object.entries(r.facts)) {
      a.facts[k] = v as never;
      a.origin[k] = r.implied.includes(k) && v !== null ? 'implied' : 'asked';
      if (a.origin[k] === 'implied') a.implied[k] = { ja: '理由: # と : を含む', en: 'because: # and : inside' };
    }
    return a;
  });

describe('the saved answers (property)', () => {
  it('read back as exactly the task the wizard evaluated, whatever was typed', () => {
    fc.assert(
      fc.property(answersArb, fc.constantFrom('ja', 'en') as fc.Arbitrary<'ja' | 'en'>, (a, lang) => {
        const text = answersYaml(a, plan, lang, './schemas/tasks.schema.json');
        expect(text.startsWith('# yaml-language-server: $schema=./schemas/tasks.schema.json\n')).toBe(true);
        const { tasks } = parseTaskList(text, 'saved.yaml', data);
        expect(tasks).toHaveLength(1);
        const want = taskOf(a);
        const got = tasks[0]!;
        expect(got.id).toBe(want.id);
        expect(got.name).toBe(want.name);
        expect(got.description).toBe(want.description);
        expect(got.category).toBe(want.category);
        expect(got.facts).toEqual(want.facts);
      }),
      { numRuns: 200 },
    );
  });
});
