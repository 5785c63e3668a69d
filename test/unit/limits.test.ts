// Limits (issue 8): alias expansion, nesting depth, input size, map size, and keys that could
// reach a prototype, for the YAML reader every input format goes through and for each parser.
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatUserError, UserError } from '../../src/errors.js';
import { DEFAULT_MAX_INPUT_SIZE, readInputFile, readStdin } from '../../src/io/read.js';
import { parseTaskList } from '../../src/io/tasks.js';
import { MAX_ALIAS_COUNT, MAX_ALIAS_EXPANSION, MAX_DEPTH, parseYaml } from '../../src/io/yaml.js';
import { loadPackDir } from '../../src/rules-tools/load.js';
import { defaultPack } from '../helpers/engine.js';
import { runInProcess } from '../helpers/inproc.js';

/** The UserError a function throws (fails the test when it throws nothing or something else). */
function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw new Error(`expected a UserError, got ${(err as Error)?.name}: ${(err as Error)?.message}`);
  }
  throw new Error('expected a UserError, got none');
}

// How fast these inputs are refused is measured by `npm run bench` (bench/limits.mjs), not
// here: a unit test asserts behaviour; wall-clock limits failed under a loaded machine.

function billionLaughs(levels: number, width = 10): string {
  let out = `l0: &l0 "lol"\n`;
  for (let i = 1; i <= levels; i++) out += `l${i}: &l${i} [${Array(width).fill(`*l${i - 1}`).join(', ')}]\n`;
  return out;
}

describe('alias expansion is bounded', () => {
  it('a "billion laughs" document (10^9 expansions) is refused with a clear message', () => {
    const err = userError(() => parseYaml(billionLaughs(9), 'lol.yaml'));
    const en = formatUserError(err, 'en');
    expect(en).toMatch(/^kouiki: the file cannot be read\n {2}lol\.yaml:\d+:\d+: the aliases expand to more than 10000 values; refusing a possible "billion laughs" document/);
    expect(formatUserError(err, 'ja')).toContain('別名（エイリアス）を展開すると 10000 個を超える値になります');
  });

  it('the block-style variant and a wide shallow one are refused too', () => {
    const block = `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b\n${'  - *a\n'.repeat(10)}c: &c\n${'  - *b\n'.repeat(10)}d:\n${'  - *c\n'.repeat(10)}`;
    expect(formatUserError(userError(() => parseYaml(block, 'b.yaml')), 'en')).toMatch(/b\.yaml:\d+:5: the aliases expand to more than 10000 values/);
    const wide = `a: &a [${Array(200).fill('x').join(', ')}]\nb: [${Array(60).fill('*a').join(', ')}]\n`;
    expect(formatUserError(userError(() => parseYaml(wide, 'w.yaml')), 'en')).toContain('the aliases expand to more than 10000 values');
    expect(MAX_ALIAS_EXPANSION).toBe(10_000);
  });

  it('ordinary anchors and aliases still work', () => {
    const text = 'base: &p { name: 甲市, kind: city }\ntasks:\n  - name: x\n    facts: { parties: [*p, { name: 乙町, kind: town }] }\n  - name: y\n    facts: { parties: [*p] }\n';
    expect((parseYaml(text, 'ok.yaml').value as { tasks: unknown[] }).tasks).toHaveLength(2);
    expect(MAX_ALIAS_COUNT).toBe(10_000);
    // 150 tasks sharing one list of parties: about a thousand values, well within the bound
    // (the yaml library's default bound of 100 aliases refused it).
    const shared = `base: &p [{name: 甲市, kind: city}, {name: 乙町, kind: town}]\ntasks:\n${Array.from({ length: 150 }, (_, i) => `  - {name: t${i}, facts: {parties: *p}}\n`).join('')}`;
    expect(() => parseYaml(shared, 'shared.yaml')).not.toThrow();
  });

  it('an alias inside its own anchor (a cycle) is refused, not walked forever', () => {
    const err = userError(() => parseYaml('tasks: &t\n  - name: x\n    facts: *t\n', 'cycle.yaml'));
    expect(formatUserError(err, 'en')).toContain('cycle.yaml:3:12: the alias *t refers to a node that contains it (a cycle)');
  });

  it('an alias to an anchor that does not exist is a syntax error with its position', () => {
    expect(formatUserError(userError(() => parseYaml('tasks: *nothing\n', 'u.yaml')), 'en')).toContain('u.yaml:1:8: the alias *nothing has no anchor &nothing before it');
    expect(formatUserError(userError(() => parseYaml('a: *x\nb: &x 1\n', 'u.yaml')), 'en')).toContain('u.yaml:1:4: the alias *x has no anchor &x before it');
  });
});

describe('nesting depth is bounded before the parser recurses', () => {
  // Every way YAML nests, 100,000 levels deep: refused with the limit's message
  // (not the parser's own "Maximum call stack size exceeded").
  const n = 100_000;
  const kinds: [string, string][] = [
    ['flow sequences [[[[', `tasks: ${'['.repeat(n)}${']'.repeat(n)}\n`],
    ['flow maps {a: {a:', `tasks: ${'{a: '.repeat(n)}x${'}'.repeat(n)}\n`],
    ['block indentation', `tasks:\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(2 * i + 2)}k:\n`).join('')}`],
    ['block sequences on one line - - - -', `tasks:\n  ${'- '.repeat(n)}x\n`],
    ['block sequences with tabs -\\t-\\t', `tasks:\n  ${'-\t'.repeat(n)}x\n`],
    ['explicit keys ? ? ? ?', `tasks:\n  ${'? '.repeat(n)}x\n`],
    ['mixed - ? - ?', `tasks:\n  ${'- ? '.repeat(n)}x\n`],
    ['brackets after a stray quote', `tasks: [a 'b, ${'['.repeat(n)}${']'.repeat(n)}]\n`],
    ['anchored block sequences', `tasks:\n${Array.from({ length: 2000 }, (_, i) => `${' '.repeat(2 * i)}- &a${i}\n`).join('')}`],
  ];
  for (const [name, text] of kinds) {
    it(name, () => {
      const err = userError(() => parseYaml(text, 'deep.yaml'));
      const en = formatUserError(err, 'en');
      expect(en).toMatch(/^deep\.yaml:\d+:\d+: nesting is deeper than the limit of 64 levels/);
      expect(en).not.toContain('call stack');
    });
  }

  it('64 levels are accepted, 66 are not', () => {
    const nest = (d: number): string => `v: ${'['.repeat(d)}${']'.repeat(d)}\n`;
    expect(() => parseYaml(nest(MAX_DEPTH - 1), 'ok.yaml')).not.toThrow();
    expect(formatUserError(userError(() => parseYaml(nest(MAX_DEPTH + 2), 'deep.yaml')), 'en')).toContain('nesting is deeper');
  });
});

describe('input size is capped before parsing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kouiki-limits-'));

  it('a file over --max-input-size is refused before it is read or parsed', () => {
    const file = join(dir, 'big.yaml');
    writeFileSync(file, `tasks: [${'x, '.repeat(1000)}\n`); // also broken YAML: the size is what is reported
    const err = userError(() => readInputFile(file, 1024));
    expect(formatUserError(err, 'en')).toContain('the input is larger than the limit of 1024 bytes');
    expect(formatUserError(err, 'ja')).toContain('入力が大きすぎます');
  });

  it('the default cap is 64 MB: a 65 MB (sparse) file is refused at once', () => {
    expect(DEFAULT_MAX_INPUT_SIZE).toBe(64 * 1024 * 1024);
    const file = join(dir, 'huge.yaml');
    writeFileSync(file, '');
    truncateSync(file, 65 * 1024 * 1024);
    const err = userError(() => readInputFile(file));
    expect(formatUserError(err, 'en')).toContain(`larger than the limit of ${DEFAULT_MAX_INPUT_SIZE} bytes`);
  });

  it('stdin is capped the same way, while it is being read', async () => {
    const stream = Readable.from((function* () {
      for (let i = 0; i < 100; i++) yield Buffer.alloc(1024, 0x61);
    })());
    await expect(readStdin(10 * 1024, stream)).rejects.toThrow(/larger than the limit of 10240 bytes/);
  });

  it('--max-input-size takes bytes, k, M and G; anything else is a usage error', async () => {
    const file = join(dir, 'small.yaml');
    writeFileSync(file, 'tasks:\n  - name: 観光振興\n');
    expect((await runInProcess(['evaluate', file, '--max-input-size', '10', '-f', 'json'])).stderr).toContain('larger than the limit of 10 bytes');
    expect((await runInProcess(['evaluate', file, '--max-input-size', '1k', '-f', 'json'])).code).toBe(0);
    const bad = await runInProcess(['evaluate', file, '--max-input-size', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-input-size: not a size: lots');
  });
});

describe('large maps and garbled files stay linear', () => {
  it('a map of 50,000 keys is read (duplicate keys are found with a hash set)', () => {
    const text = Array.from({ length: 50_000 }, (_, i) => `k${i}: ${i}\n`).join('');
    expect(Object.keys(parseYaml(text, 'keys.yaml').value as object)).toHaveLength(50_000);
  });

  it('a task list with 50,000 unknown keys lists the first 50 problems and says how many there were', () => {
    const text = `tasks:\n  - name: x\n${Array.from({ length: 50_000 }, (_, i) => `k${i}: ${i}\n`).join('')}`;
    const err = userError(() => parseTaskList(text, 'wide.yaml', defaultPack().data));
    expect(err.details).toHaveLength(50);
    expect(formatUserError(err, 'en').split('\n')[0]).toBe('kouiki: the task list does not have the expected shape (showing the first 50 of 50000 problems)');
  });

  it('a file with 100,000 syntax errors is answered with the first 20', () => {
    const text = `tasks:\n${'- !!seq '.repeat(50_000)}x\n`;
    const err = userError(() => parseYaml(text, 'garbled.yaml'));
    expect(err.details).toHaveLength(20);
    expect(err.text.en).toMatch(/^the file is not valid YAML \(showing the first 20 of \d+ problems\)$/);
  });

  it('duplicate keys are reported at the second key, also when the JavaScript keys would collide (1 and "1")', () => {
    expect(formatUserError(userError(() => parseYaml('a: 1\nb: 2\na: 3\n', 'd.yaml')), 'en')).toContain('d.yaml:3:1: invalid YAML: Map keys must be unique (duplicate key "a")');
    expect(formatUserError(userError(() => parseYaml('1: a\n"1": b\n', 'd.yaml')), 'en')).toContain('d.yaml:2:1: invalid YAML: Map keys must be unique');
  });

  it('an entry without a key is reported at its colon, not as a duplicate of a key nobody wrote', () => {
    const text = 'tasks:\n  - name: a\n    : x\n    : y\n';
    const shown = formatUserError(userError(() => parseYaml(text, 'k.yaml')), 'en');
    expect(shown).toContain('k.yaml:3:5: an entry has no key (write the key before the ":")');
    expect(shown).toContain('k.yaml:4:5: an entry has no key');
    expect(shown).not.toContain('duplicate');
    expect(formatUserError(userError(() => parseYaml('a: 1\n~: 2\n', 'k.yaml')), 'ja')).toContain('k.yaml:2:1: キーのない項目があります');
  });

  it('a list or a map as a key is refused (it would be turned into a string silently)', () => {
    expect(formatUserError(userError(() => parseYaml('? [a, b]\n: x\n', 'k.yaml')), 'en')).toContain('k.yaml:1:3: a key cannot be a list or a map');
    expect(formatUserError(userError(() => parseYaml('{a: 1}: x\n', 'k.yaml')), 'en')).toContain('a key cannot be a list or a map');
  });
});

describe('keys never reach a prototype', () => {
  const before = Object.getOwnPropertyNames(Object.prototype).sort();
  const intact = (): void => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  };

  it('the YAML reader refuses __proto__ as a key anywhere, written plainly, quoted or through an alias', () => {
    for (const text of ['__proto__: {polluted: 1}\n', 'tasks:\n  - name: x\n    __proto__: {polluted: 1}\n', '"__proto__": {polluted: 1}\n', 'a: {"__proto__": [1]}\n', 'k: &k __proto__\nm: {*k : {polluted: 1}}\n']) {
      const err = userError(() => parseYaml(text, 'p.yaml'));
      expect(formatUserError(err, 'en')).toMatch(/p\.yaml:\d+:\d+: the key "__proto__" is not allowed/);
      expect(formatUserError(err, 'ja')).toContain('キー「__proto__」は使えません');
      intact();
    }
  });

  it('constructor, prototype and Object.prototype names are plain keys: unknown keys in a task list, never inherited values', () => {
    for (const key of ['constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf']) {
      const err = userError(() => parseTaskList(`tasks:\n  - name: x\n    facts: { ${key}: {prototype: {polluted: 1}} }\n`, 't.yaml', defaultPack().data));
      expect(formatUserError(err, 'en')).toContain(`t.yaml:3:14: unknown key "${key}"`);
      intact();
    }
  });

  it('a task list never hands the engine an inherited fact', async () => {
    const r = await runInProcess(['evaluate', '-', '-f', 'json', '--as-of', '2026-11-23'], { stdin: 'tasks:\n  - name: toString\n    id: constructor\n    description: __proto__ prototype\n' });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.results[0].task).toEqual({ id: 'constructor', name: 'toString' });
    intact();
  });

  const PACK_HEAD = 'version: 1\nname: proto\npackVersion: 0.0.1\nextends: default\ntitle: { ja: 試験, en: test }\nreviewed: 2026-11-23\n';
  const rule = (fact: string): string =>
    'version: 1\nrules:\n  - id: proto-rule\n    title: { ja: 試験, en: test }\n    ref: { source: lac, article: "1" }\n    reviewed: 2026-11-23\n    cases:\n' +
    `      - if: { fact: ${fact}, is: true }\n        effects:\n          - to: { instruments: [council] }\n            effect: "+"\n            weight: 0.05\n            message: { ja: 試験, en: test }\n`;
  const fact = (id: string): string =>
    `  - id: ${id}\n    type: boolean\n    label: { ja: 試験, en: test }\n    question: { ja: 試験か, en: test? }\n    help: { ja: 試験, en: test }\n`;

  it('a pack may use constructor/toString as record keys (sources), and refuses them as ids that become keys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kouiki-proto-pack-'));
    writeFileSync(
      join(dir, 'pack.yaml'),
      PACK_HEAD + 'sources:\n  constructor: { kind: law, name: { ja: 構成法, en: Construct Act } }\n  toString: { kind: law, name: { ja: 文字法, en: String Act } }\n',
    );
    writeFileSync(join(dir, 'facts.yaml'), `version: 1\nfacts:\n${fact('ownFact')}`);
    writeFileSync(join(dir, 'recommend.yaml'), rule('ownFact').replace('source: lac', 'source: constructor'));
    const ok = await runInProcess(['evaluate', '-', '--rules', dir, '-f', 'json', '--as-of', '2026-11-23', '--lang', 'en'], { stdin: 'tasks:\n  - name: x\n    facts: { ownFact: true }\n' });
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('Construct Act Art. 1');
    // A fact id is a key of `facts:`; named like an Object.prototype member, validation would read
    // the inherited member for a task that leaves the fact out ("expected boolean, got function").
    for (const id of ['constructor', 'toString', 'valueOf']) {
      writeFileSync(join(dir, 'facts.yaml'), `version: 1\nfacts:\n${fact(id)}`);
      const err = userError(() => loadPackDir(dir));
      expect(formatUserError(err, 'en')).toMatch(/facts\.yaml:3:9: this name cannot be an id \(every JavaScript object already has it/);
    }
    intact();
  });

  it('a pack condition on an undeclared fact named like an Object.prototype member is reported, not taken for a built-in', () => {
    for (const name of ['toString', 'constructor', 'valueOf']) {
      const dir = mkdtempSync(join(tmpdir(), 'kouiki-proto-rule-'));
      writeFileSync(join(dir, 'pack.yaml'), PACK_HEAD);
      writeFileSync(join(dir, 'recommend.yaml'), rule(name));
      const err = userError(() => loadPackDir(dir));
      expect(formatUserError(err, 'en')).toMatch(new RegExp(`recommend\\.yaml:\\d+:\\d+: .*${name}`));
      intact();
    }
  });

  it('`kouiki schema` with a kind named like an Object.prototype member is an unknown kind (was a crash)', async () => {
    for (const kind of ['hasOwnProperty', 'constructor', '__proto__', 'toString']) {
      const r = await runInProcess(['schema', kind, '--lang', 'en']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`unknown schema kind "${kind}"`);
    }
  });
});
