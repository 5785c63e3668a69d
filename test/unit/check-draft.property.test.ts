import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { analyzeDraft, preciseSource } from '../../src/io/draft.js';
import { parseFast } from '../../src/io/yaml-positions.js';
import { needsPreciseParser, parseYaml } from '../../src/io/yaml.js';
import type { Range } from '../../src/core/check/types.js';
import { defaultPack } from '../helpers/engine.js';

const data = defaultPack().data;
const opts = { pack: data, lang: 'en' as const, schemaCitation: 'kouiki schema draft' };
const runs = Number(process.env.KOUIKI_FUZZ_RUNS ?? 100);

/** Names as planners write them, and the awkward ones: emoji (surrogate pairs), quotes, ':' and '#'. */
const nameArb = fc.oneof(
  fc.constantFrom('小田原市', '南足柄市', '箱根町', '真鶴町', '湯河原町', '神奈川県'),
  fc.stringMatching(/^[^\n\r\t\u2028\u2029]{1,16}$/).filter((s) => s.trim() === s && s !== ''),
  fc.constantFrom('𠮷野町', 'a: b', '#1 町', "O'Town", '"quoted"', '🏯城下町', '- dash', '[x]'),
);

const projectArb = fc.record(
  {
    name: nameArb,
    category: fc.constantFrom(...data.categories.map((c) => c.id)),
    instrument: fc.constantFrom(...data.instruments.map((i) => i.id)),
    parties: fc.array(nameArb, { minLength: 1, maxLength: 4 }),
    costSharing: nameArb,
    facts: fc.record({ retainAuthority: fc.boolean(), capacityGap: fc.boolean() }, { requiredKeys: [] }),
  },
  { requiredKeys: ['name', 'instrument', 'parties'] },
);

const draftArb = fc.record({
  name: nameArb,
  centralCity: nameArb,
  partners: fc.array(nameArb, { maxLength: 4 }),
  projects: fc.array(projectArb, { minLength: 1, maxLength: 5 }),
});

/** The source text between two positions (1-based lines, UTF-16 columns, end exclusive). */
function slice(text: string, r: Range): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return text.slice(starts[r.line - 1]! + r.column - 1, starts[r.endLine - 1]! + r.endColumn - 1);
}

const styleArb = fc.record({
  flow: fc.boolean(),
  indent: fc.integer({ min: 2, max: 4 }),
  quote: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE') as fc.Arbitrary<'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE'>,
});

describe('draft parser and position mapping (property)', () => {
  it('reads back every valid draft, however it is written', () => {
    fc.assert(
      fc.property(draftArb, styleArb, (draft, style) => {
        const text = stringify({ version: 1, ...draft }, { collectionStyle: style.flow ? 'flow' : 'any', indent: style.indent, defaultStringType: style.quote, lineWidth: 0 });
        const { loaded } = analyzeDraft(text, 'gen.yaml', opts);
        expect(loaded.schemaFindings).toEqual([]);
        expect(loaded.checked!.projects.map((p) => p.project)).toEqual(JSON.parse(JSON.stringify(draft.projects)));
        expect(loaded.checked!.draft.centralCity).toBe(draft.centralCity);
      }),
      { numRuns: runs },
    );
  });

  it('every value is found at the range it is reported at (UTF-16 columns, end exclusive)', () => {
    fc.assert(
      fc.property(draftArb, styleArb, (draft, style) => {
        const text = stringify({ version: 1, ...draft }, { collectionStyle: style.flow ? 'flow' : 'any', indent: style.indent, defaultStringType: style.quote, lineWidth: 0 });
        const { checked } = analyzeDraft(text, 'gen.yaml', opts).loaded;
        const at = checked!.at;
        expect(parse(slice(text, at(['centralCity'])))).toBe(draft.centralCity);
        draft.partners.forEach((p, i) => expect(parse(slice(text, at(['partners', i])))).toBe(p));
        draft.projects.forEach((p, i) => {
          expect(parse(slice(text, at(['projects', i, 'instrument'])))).toBe(p.instrument);
          p.parties.forEach((x, j) => expect(parse(slice(text, at(['projects', i, 'parties', j])))).toBe(x));
          expect(parse(slice(text, at(['projects', i, 'name'], { key: true })))).toBe('name');
          // A missing key points at its parent: the project's first key.
          if (!('provider' in p)) expect(at(['projects', i, 'provider'])).toEqual(at(['projects', i, 'name'], { key: true }));
        });
        // The whole draft: its name: key.
        expect(parse(slice(text, at([])))).toBe('name');
      }),
      { numRuns: runs },
    );
  });

  it('an unknown key in any project is a schema finding at that key, and the other projects still count', () => {
    fc.assert(
      fc.property(draftArb, fc.nat(), styleArb, (draft, pick, style) => {
        const i = pick % draft.projects.length;
        const projects = draft.projects.map((p, k) => (k === i ? { ...p, costShare: 'x' } : p));
        const text = stringify({ version: 1, ...draft, projects }, { collectionStyle: style.flow ? 'flow' : 'any', indent: style.indent, lineWidth: 0 });
        const { loaded } = analyzeDraft(text, 'gen.yaml', opts);
        expect(loaded.schemaFindings).toHaveLength(1);
        const f = loaded.schemaFindings[0]!;
        expect(f.rule).toBe('schema');
        expect(parse(slice(text, f.range))).toBe('costShare');
        expect(f.message).toMatch(/did you mean "costSharing"/);
        expect(loaded.checked!.projects.map((p) => p.index)).toEqual(draft.projects.map((_, k) => k).filter((k) => k !== i));
      }),
      { numRuns: runs },
    );
  });

  it('never throws anything but a UserError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          analyzeDraft(text, 'gen.yaml', opts);
        } catch (err) {
          expect((err as Error).name).toBe('UserError');
        }
      }),
      { numRuns: runs },
    );
  });
});

describe('fast position index (js-yaml events) against the precise parser', () => {
  const paths = (v: unknown, prefix: (string | number)[] = []): (string | number)[][] => {
    const out: (string | number)[][] = [prefix];
    if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...prefix, i])));
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, k]));
      out.push([...prefix, 'missingKey']);
    }
    return out;
  };
  /** Comments, blank lines, trailing spaces, empty values and block scalars sprinkled into the YAML. */
  const decorate = (text: string, seed: number): string =>
    text
      .split('\n')
      .map((line, i) => {
        const r = (seed + i * 7919) % 11;
        if (line.trim() === '' || /[|>][-+]?$/.test(line)) return line;
        if (r === 0) return `${line}   # 注記 ${i}`;
        if (r === 1) return `${line}\n`;
        if (r === 2) return `# comment ${i}\n${line}`;
        if (r === 3 && !/["']$/.test(line)) return `${line}  `;
        return line;
      })
      .join('\n');

  it('gives the same value and the same position for every path', () => {
    const extraArb = fc.record({ note: fc.constantFrom('line one\nline two\n', 'x', ''), empty: fc.constant(null) });
    fc.assert(
      fc.property(draftArb, styleArb, fc.nat(), extraArb, (draft, style, seed, extra) => {
        const raw = stringify({ version: 1, ...draft, description: extra.note, data: extra.empty }, { collectionStyle: style.flow ? 'flow' : 'any', indent: style.indent, defaultStringType: style.quote, lineWidth: 0 });
        const text = style.flow ? raw : decorate(raw, seed);
        let precise;
        try {
          precise = preciseSource(parseYaml(text, 'gen.yaml'));
        } catch {
          fc.pre(false); // the decoration broke the YAML (a comment inside a block scalar)
          return;
        }
        const fast = parseFast(text, 'gen.yaml');
        if (fast === undefined && needsPreciseParser(text)) return; // an anchor, a tag, a tab...: the precise parser's job
        expect(fast).toBeDefined();
        expect(fast!.value).toEqual(precise.value);
        for (const p of paths(precise.value)) {
          expect(fast!.has(p), p.join('.')).toBe(precise.has(p));
          expect(fast!.positionOf(p), p.join('.')).toEqual(precise.positionOf(p));
          expect(fast!.positionOf(p, true), `${p.join('.')} (key)`).toEqual(precise.positionOf(p, true));
        }
      }),
      { numRuns: runs },
    );
  });

  it('falls back (undefined) on anchors, syntax errors and duplicate keys', () => {
    expect(parseFast('a: &x 1\nb: *x\n', 'f')).toBeUndefined();
    expect(parseFast('a: [1\n', 'f')).toBeUndefined();
    expect(parseFast('a: 1\na: 2\n', 'f')).toBeUndefined();
  });

  it('the loader takes the same findings from either parser', () => {
    fc.assert(
      fc.property(draftArb, fc.nat(), (draft, pick) => {
        const i = pick % draft.projects.length;
        const projects = draft.projects.map((p, k) => (k === i ? { ...p, costShare: 'x', instrument: 'merger' } : p));
        const text = stringify({ version: 1, ...draft, projects, scheme: 'unknown-scheme' }, { lineWidth: 0 });
        const a = analyzeDraft(text, 'g.yaml', { ...opts, fastBytes: 0 }).loaded;
        const b = analyzeDraft(text, 'g.yaml', { ...opts, fastBytes: Infinity }).loaded;
        expect(a.schemaFindings).toEqual(b.schemaFindings);
        expect(a.schemaFindings.length).toBeGreaterThanOrEqual(3);
      }),
      { numRuns: Math.ceil(runs / 4) },
    );
  });
});
