// Hostile input generators: YAML documents mutated at the text, structure and byte level.
import fc from 'fast-check';
import { parse as parseYamlLoose, stringify } from 'yaml';

/** Size of the large generated values: modest in `npm test`, larger in `npm run fuzz`. */
const BIG = Number(process.env.KOUIKI_FUZZ_RUNS) > 20_000 ? 5000 : 600;

/** Keys that must never reach a prototype, plus Object.prototype members used as plain keys. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];

/** Characters that break naive text handling: controls, separators, BOM, RTL override, wide/combining/emoji. */
export const ODD_CHARS = [
  '\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u001b[2J', '\u007f', '\u0085', '\u00a0',
  '\u2028', '\u2029', '\ufeff', '\u200b', '\u200d', '\u202e', '\u2066', '\u3000', '\uff0c', '\uff1a', '\uff5b',
  '\u0301', '\u0e47\u0e47\u0e47', 'ｶﾞ', '👨‍👩‍👧‍👦', '🏳️‍🌈', '𠮷', '\ud83d', '\udc00', '\ufffd', '\uffff', '\t', '\r', '\r\n', '\n',
];

/** Fragments of YAML syntax, in and out of place. */
export const YAML_FRAGMENTS = [
  'tasks:', '- ', '  - ', ': ', ':', '? ', '[', ']', '{', '}', ',', '"', "'", '#', '&a ', '*a', '&b [*a, *a]', '!!str ', '!!map ', '!!binary ',
  '!<tag:yaml.org,2002:int> ', '!custom ', '|', '>', '|-', '>+2', '---\n', '...\n', '%YAML 1.1\n', '%TAG ! tag:x,2000:\n', '<<: *a', '~', 'null',
  'true', 'yes', 'no', 'on', '0x1F', '0o17', '.inf', '-.inf', '.nan', '1e400', '-0', '12345678901234567890', '2024-02-30', '2024-13-01',
  '"\\u0000"', '"\\x00"', '"\\e"', '"\\N\\_\\L\\P"', "'it''s'", 'name: x', 'name:', 'facts: {}', 'facts: []', 'parties: [{name: a, kind: city}]',
  'category: wide-area-issue', 'category: nope', 'needsLegalEntity: maybe', 'id: 1', 'id: [1]', 'version: 2', 'version: 1',
];

const oneOfChars = fc.constantFrom(...ODD_CHARS);

/** A string that is hostile to text handling (wide, combining, controls, long). */
export const hostileString = (maxLength = 40): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength, unit: 'grapheme' }) },
    { weight: 2, arbitrary: fc.array(fc.oneof(oneOfChars, fc.string({ maxLength: 4 })), { maxLength: Math.max(1, maxLength >> 2) }).map((a) => a.join('')) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '-', '--', '=', '""', "''", '~', 'null', ...PROTO_KEYS) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', '漢', 'ｱ', '😀', ' ', '\u0301'), fc.integer({ min: 200, max: BIG * 2 })).map(([c, n]) => c.repeat(n)) },
  );

/** A JSON-ish value of the wrong type for wherever it lands. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(0), fc.constant(-1)) },
  { weight: 3, arbitrary: hostileString(30) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 90 }).map((d) => nestValue(d, 'x')) },
  { weight: 1, arbitrary: fc.integer({ min: 60, max: BIG }).map((n) => Array.from({ length: n }, (_, i) => i)) },
  { weight: 1, arbitrary: fc.integer({ min: 60, max: BIG }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))) },
);

function nestValue(depth: number, leaf: unknown): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { k: v };
  return v;
}

/** Deep nesting written each way YAML allows. */
export const deepNesting: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('flow-seq', 'flow-map', 'block-seq', 'block-map', 'dash-line', 'question', 'mixed-flow', 'tab-dash', 'quoted-flow'),
    // Around the limit (64) mostly, sometimes far beyond it.
    fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: 100 }) }, { weight: 1, arbitrary: fc.integer({ min: 100, max: BIG > 1000 ? 8000 : 3000 }) }),
  )
  .map(([kind, n]) => {
    switch (kind) {
      case 'flow-seq': return `tasks: ${'['.repeat(n)}x${']'.repeat(n)}\n`;
      case 'flow-map': return `tasks: ${'{a: '.repeat(n)}x${'}'.repeat(n)}\n`;
      case 'block-seq': return `tasks:\n${Array.from({ length: Math.min(n, 400) }, (_, i) => `${'  '.repeat(i + 1)}-\n`).join('')}`;
      case 'block-map': return `tasks:\n${Array.from({ length: Math.min(n, 400) }, (_, i) => `${'  '.repeat(i + 1)}k${i}:\n`).join('')}`;
      case 'dash-line': return `tasks:\n  ${'- '.repeat(n)}x\n`;
      case 'question': return `tasks:\n  ${'? '.repeat(n)}x\n`;
      case 'mixed-flow': return `tasks: ${'[{a: '.repeat(n)}x${'}]'.repeat(n)}\n`;
      case 'tab-dash': return `tasks:\n  ${'-\t'.repeat(n)}x\n`;
      default: return `tasks: [a 'b, ${'['.repeat(n)}${']'.repeat(n)}]\n`;
    }
  });

/** "Billion laughs": aliases of aliases, `width` wide and `depth` deep. */
export const aliasBomb: fc.Arbitrary<string> = fc.tuple(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 12 }), fc.boolean()).map(([width, depth, flow]) => {
  let out = `a0: &a0 [${Array(width).fill('"lol"').join(', ')}]\n`;
  for (let i = 1; i <= depth; i++) {
    out += flow
      ? `a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(', ')}]\n`
      : `a${i}: &a${i}\n${Array(width).fill(`  - *a${i - 1}\n`).join('')}`;
  }
  return `${out}tasks: *a${depth}\n`;
});

export type Mutation = (text: string) => string;

const at = (text: string, f: number): number => Math.floor(f * (text.length + 1));
const lineIndex = (text: string, f: number): number => Math.floor(f * text.split('\n').length);
const frac = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

/** One text-level edit. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // truncated file
  frac.map((f): Mutation => (t) => t.slice(0, at(t, f))),
  // a fragment of syntax, an odd character or a hostile string anywhere
  fc.tuple(frac, fc.oneof(fc.constantFrom(...YAML_FRAGMENTS), oneOfChars, hostileString(20))).map(([f, s]): Mutation => (t) => t.slice(0, at(t, f)) + s + t.slice(at(t, f))),
  // a range deleted
  fc.tuple(frac, fc.integer({ min: 1, max: 200 })).map(([f, n]): Mutation => (t) => t.slice(0, at(t, f)) + t.slice(at(t, f) + n)),
  // line ends, BOM, tabs
  fc.constant<Mutation>((t) => t.replace(/\n/g, '\r\n')),
  fc.constant<Mutation>((t) => t.replace(/\n/g, '\r')),
  fc.constant<Mutation>((t) => `\ufeff${t}`),
  fc.constant<Mutation>((t) => t.replace(/^( {2})+/gm, (m) => '\t'.repeat(m.length / 2))),
  fc.tuple(frac).map(([f]): Mutation => (t) => {
    const lines = t.split('\n');
    const i = lineIndex(t, f);
    if (lines[i] !== undefined) lines[i] = lines[i]!.replace(/^ +/, (m) => `${m}\t`);
    return lines.join('\n');
  }),
  // a line duplicated, dropped, or its indentation changed
  fc.tuple(frac, fc.constantFrom('dup', 'drop', 'indent', 'dedent')).map(([f, op]): Mutation => (t) => {
    const lines = t.split('\n');
    const i = lineIndex(t, f);
    const line = lines[i];
    if (line === undefined) return t;
    if (op === 'dup') lines.splice(i, 0, line);
    else if (op === 'drop') lines.splice(i, 1);
    else if (op === 'indent') lines[i] = `  ${line}`;
    else lines[i] = line.replace(/^ {1,2}/, '');
    return lines.join('\n');
  }),
  // a key next to an existing one (prototype keys, unknown keys, duplicates)
  fc.tuple(frac, fc.constantFrom(...PROTO_KEYS, 'name', 'id', 'facts', 'tasks', 'unknownKey', 'version'), fc.oneof(fc.constantFrom('x', '{polluted: true}', '[1]', '{}', 'null', '&p {polluted: 1}'), hostileString(10).map((s) => JSON.stringify(s)))).map(
    ([f, key, value]): Mutation => (t) => {
      const lines = t.split('\n');
      const i = lineIndex(t, f);
      const m = /^(\s*)(- )?[^\s#-][^:]*:/.exec(lines[i] ?? '');
      const indent = m ? m[1]! + (m[2] ? '  ' : '') : '';
      lines.splice(i + 1, 0, `${indent}${key}: ${value}`);
      return lines.join('\n');
    },
  ),
  // a scalar value replaced by something of another type
  fc.tuple(frac, fc.oneof(fc.constantFrom(...YAML_FRAGMENTS), hostileString(20).map((s) => JSON.stringify(s)), wrongValue.map((v) => JSON.stringify(v) ?? 'null'))).map(([f, v]): Mutation => (t) => {
    const lines = t.split('\n');
    const i = lineIndex(t, f);
    if (lines[i] !== undefined) lines[i] = lines[i]!.replace(/:\s+\S.*$/, `: ${v}`);
    return lines.join('\n');
  }),
  // deep nesting and alias bombs spliced in
  fc.tuple(frac, deepNesting).map(([f, d]): Mutation => (t) => t.slice(0, at(t, f)) + d.replace(/^tasks: /, '') + t.slice(at(t, f))),
  aliasBomb.map((b): Mutation => (t) => `${b}${t}`),
);

/** Paths of a JSON value (for structural edits). */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = [], depth = 0): (string | number)[][] {
  out.push(prefix);
  if (depth > 8 || out.length > 2000) return out;
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out, depth + 1));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out, depth + 1);
  return out;
}

function setAt(root: unknown, path: (string | number)[], op: 'replace' | 'delete' | 'wrap-list' | 'wrap-map', value: unknown): unknown {
  if (path.length === 0) return op === 'replace' ? value : op === 'wrap-list' ? [root] : op === 'wrap-map' ? { value: root } : null;
  let parent = root as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (op === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (op === 'replace') parent[last] = value;
  else parent[last] = op === 'wrap-list' ? [parent[last]] : { value: parent[last] };
  return root;
}

const seedValues = new Map<string, unknown>();
const parsedSeed = (seed: string): unknown => {
  if (!seedValues.has(seed)) seedValues.set(seed, parseYamlLoose(seed));
  return seedValues.get(seed);
};

/** Valid YAML with values of the wrong type, keys missing, lists where maps belong: written in a random style. */
export const structuralEdit = (seed: string): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.array(fc.tuple(frac, fc.constantFrom('replace', 'replace', 'delete', 'wrap-list', 'wrap-map') as fc.Arbitrary<'replace' | 'delete' | 'wrap-list' | 'wrap-map'>, wrongValue), { minLength: 1, maxLength: 4 }),
      fc.constantFrom('block', 'flow', 'any'),
      fc.boolean(),
    )
    .map(([edits, style, quote]) => {
      let doc: unknown = structuredClone(parsedSeed(seed));
      for (const [f, op, value] of edits) {
        const all = paths(doc);
        doc = setAt(doc, all[Math.floor(f * all.length)]!, op, value);
      }
      return stringify(doc, {
        collectionStyle: style as 'block' | 'flow' | 'any',
        defaultStringType: quote ? 'QUOTE_DOUBLE' : 'PLAIN',
        lineWidth: 0,
      });
    });

/** A seed with 1..4 text mutations, or a structural edit followed by a few. */
export const mutatedDoc = (seeds: string[], bigSeeds: string[] = []): fc.Arbitrary<string> =>
  (bigSeeds.length === 0 ? fc.constantFrom(...seeds) : fc.oneof({ weight: 15, arbitrary: fc.constantFrom(...seeds) }, { weight: 1, arbitrary: fc.constantFrom(...bigSeeds) })).chain((seed) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => ms.reduce((t, m) => m(t), seed)) },
      { weight: 2, arbitrary: structuralEdit(seed) },
      { weight: 1, arbitrary: fc.tuple(structuralEdit(seed), fc.array(mutation, { maxLength: 2 })).map(([t, ms]) => ms.reduce((x, m) => m(x), t)) },
      { weight: 1, arbitrary: fc.oneof(deepNesting, aliasBomb) },
      { weight: 1, arbitrary: fc.array(fc.oneof(fc.constantFrom(...YAML_FRAGMENTS, '\n', '\n  ', '\n    '), oneOfChars, fc.string({ maxLength: 6 })), { maxLength: 40 }).map((a) => a.join('')) },
    ),
  );

/** Byte-level damage: invalid UTF-8, BOMs, NULs, a multi-byte character cut in half. */
export const byteMutation: fc.Arbitrary<(b: Buffer) => Buffer> = fc.oneof(
  fc.tuple(frac, fc.constantFrom([0xff], [0xfe], [0xc0, 0xaf], [0xc3], [0xe3, 0x81], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x00], [0xef, 0xbb, 0xbf], [0xfe, 0xff], [0x80])).map(
    ([f, bytes]) => (b: Buffer) => {
      const i = Math.floor(f * (b.length + 1));
      return Buffer.concat([b.subarray(0, i), Buffer.from(bytes), b.subarray(i)]);
    },
  ),
  frac.map((f) => (b: Buffer) => b.subarray(0, Math.floor(f * (b.length + 1)))),
  fc.constant((b: Buffer) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('utf8'), 'utf16le')])),
  fc.constant((b: Buffer) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b])),
  fc.constant((b: Buffer) => Buffer.from(b.toString('utf8'), 'latin1')),
);
