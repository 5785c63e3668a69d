import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPosition } from '../../src/errors.js';
import { defaultRulesDir } from '../../src/io/paths.js';
import { listPackFiles } from '../../src/rules-tools/default.js';
import { flattenPack } from '../../src/rules-tools/flatten.js';
import { displayPath, inspectPackDir, loadPackDir } from '../../src/rules-tools/load.js';
import { reviewItems } from '../../src/rules-tools/outdated.js';
import { ROOT } from '../helpers/cli.js';
import { lineOf } from '../helpers/pack-copy.js';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'pack-tree');

/** The YAML files under a directory, relative to it. */
function yamlFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.yaml')).sort();
}

/** `reviewed:` lines in some YAML files (how often a review date is written down). */
function reviewedLines(texts: string[]): number {
  return texts.reduce((n, t) => n + t.split('\n').filter((l) => /^\s*reviewed: \d{4}-\d{2}-\d{2}/.test(l)).length, 0);
}

/** A copy of the tree fixture with files written (text) or removed (null). */
function treeWith(files: Record<string, string | null>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kouiki-tree-'));
  cpSync(join(FIXTURE, 'tree'), dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    const path = join(dir, file);
    if (text === null) rmSync(path, { recursive: true });
    else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
  }
  return dir;
}

/** A path shown in a message, relative to the pack directory. */
const inPack = (dir: string, shown: string): string => shown.replace(`${displayPath(dir)}/`, '');

/** Every problem of a pack, as `file:line:col: message` with the file relative to the pack. */
function problems(dir: string): string[] {
  return inspectPackDir(dir).problems.map((p) => `${p.position ? inPack(dir, formatPosition(p.position)) : ''}: ${p.message.en}`);
}

describe('the default pack: the tree and the one-file layout are the same pack', () => {
  it('flattening the tree into one file per kind compiles to the identical pack (and to dist/default-pack.json)', () => {
    const { files, problems: found } = flattenPack(defaultRulesDir());
    expect(found).toEqual([]);
    expect([...files.keys()]).toEqual(['affairs.yaml', 'categories.yaml', 'checks.yaml', 'designations.yaml', 'facts.yaml', 'instruments.yaml', 'pack.yaml', 'prefecture.yaml', 'recommend.yaml']);
    const flat = mkdtempSync(join(tmpdir(), 'kouiki-flat-'));
    for (const [file, text] of files) {
      expect(text).not.toMatch(/^(defaults|order):/m);
      writeFileSync(join(flat, file), text);
    }
    const fromFlat = loadPackDir(flat).pack.data;
    const fromTree = loadPackDir(defaultRulesDir()).pack.data;
    // Byte for byte, so the order of items and keys is pinned too, not only the values.
    expect(JSON.stringify(fromFlat)).toBe(JSON.stringify(fromTree));
    const compiled = JSON.parse(readFileSync(join(ROOT, 'dist', 'default-pack.json'), 'utf8')) as { data: unknown };
    expect(JSON.stringify(compiled.data)).toBe(JSON.stringify(fromTree));
    // The inheritance is exercised: the tree writes a review date down far fewer times than
    // the values that carry one.
    const tree = defaultRulesDir();
    const treeTexts = listPackFiles(tree).map((f) => readFileSync(join(tree, f), 'utf8'));
    expect(reviewedLines([...files.values()])).toBeGreaterThan(reviewedLines(treeTexts) + 50);
  });

  it('is a tree: one file per instrument, designation, category and check, each named by its id', () => {
    const files = listPackFiles(defaultRulesDir());
    const data = loadPackDir(defaultRulesDir()).pack.data;
    for (const i of data.instruments) expect(files).toContain(`instruments/${i.id}.yaml`);
    for (const c of data.categories) expect(files).toContain(`categories/${c.id}.yaml`);
    for (const d of data.extra.designations as { id: string }[]) expect(files).toContain(`designations/${d.id}.yaml`);
    for (const c of data.extra.checks as { id: string }[]) expect(files).toContain(`checks/${c.id}.yaml`);
    expect(files.some((f) => f.startsWith('tests/'))).toBe(false);
    // Small files: the largest is a fraction of the old 54 KB instruments.yaml.
    for (const f of files) expect(readFileSync(join(defaultRulesDir(), f)).length, f).toBeLessThan(12_000);
  });
});

describe('inheritance and order: the tree fixture and its flat twin (test/fixtures/pack-tree)', () => {
  it('load to the identical pack', () => {
    expect(yamlFiles(join(FIXTURE, 'flat'))).toEqual(['categories.yaml', 'designations.yaml', 'facts.yaml', 'pack.yaml', 'recommend.yaml']);
    const tree = loadPackDir(join(FIXTURE, 'tree')).pack;
    const flat = loadPackDir(join(FIXTURE, 'flat')).pack;
    expect(JSON.stringify(tree.data)).toBe(JSON.stringify(flat.data));
    expect(tree.origin).toEqual({ ...flat.origin, dir: join(FIXTURE, 'tree') });
    // What the fixture pins, stated: the order of index.yaml, a value's own date over its file's
    // default over the pack's, and the pack's default reaching pack.yaml itself.
    expect(tree.data.rules.slice(-2).map((r) => [r.id, r.reviewed])).toEqual([['local-b', '2027-03-03'], ['local-a', '2027-02-02']]);
    expect(tree.data.manifest.reviewed).toBe('2027-01-01');
  });

  it('rules outdated: an inherited date is reported at the line where its default is written', () => {
    const dir = join(FIXTURE, 'tree');
    const items = reviewItems(inspectPackDir(dir).parsed, 12, '2030-01-01');
    const at = (label: string): string => {
      const i = items.find((x) => x.label === label);
      return i ? `${inPack(dir, i.file)}:${i.line} ${i.reviewed}` : `no ${label}`;
    };
    const packDefaults = lineOf(join(dir, 'pack.yaml'), 'defaults:');
    expect(at('pack')).toBe(`pack.yaml:${packDefaults} 2027-01-01`);
    expect(at('categories/regional-vitality')).toBe(`pack.yaml:${packDefaults} 2027-01-01`);
    expect(at('categories/tourism')).toBe(`categories/tourism.yaml:${lineOf(join(dir, 'categories/tourism.yaml'), 'reviewed:')} 2027-05-05`);
    expect(at('rules/local-a')).toBe(`recommend/local.yaml:1 2027-02-02`);
    expect(at('rules/local-b')).toBe(`recommend/local.yaml:${lineOf(join(dir, 'recommend/local.yaml'), 'reviewed: 2027-03-03')} 2027-03-03`);
    expect(at('designations/local-hub/criteria/population/threshold')).toBe('designations/local-hub.yaml:1 2027-04-04');
    expect(at('designations/local-hub/criteria/kind')).toBe(`designations/local-hub.yaml:${lineOf(join(dir, 'designations/local-hub.yaml'), 'reviewed: 2027-06-06')} 2027-06-06`);
    // The `defaults:` blocks themselves are not values.
    expect(items.every((i) => !i.label.includes('defaults'))).toBe(true);
  });
});

describe('the tree: problems, each at file:line:col', () => {
  it('the fixture has none', () => {
    expect(problems(join(FIXTURE, 'tree'))).toEqual([]);
  });

  it('a source id given by two files of sources/: both positions', () => {
    const dir = treeWith({ 'sources/more.yaml': 'sources:\n  local-plan:\n    kind: law\n    name: { ja: 重複, en: twice }\n' });
    expect(problems(dir)).toEqual([`sources/more.yaml:2:3: sources "local-plan" is also defined at ${dir}/sources/local.yaml:2:3`]);
  });

  it('an item id given by two files: both positions, and the second is left out', () => {
    const dir = treeWith({ 'categories/tourism-2.yaml': readFileSync(join(FIXTURE, 'tree/categories/tourism.yaml'), 'utf8').replace('id: tourism', 'id: tourism-2') });
    expect(problems(dir)).toEqual([]);
    const twice = treeWith({ 'recommend/more.yaml': 'rules:\n  - id: local-a\n    title: { ja: 重複, en: twice }\n    reviewed: 2027-01-01\n    builtin: in-force\n' });
    expect(problems(twice)).toEqual([`recommend/more.yaml:2:5: rules id "local-a" is also defined at ${twice}/recommend/local.yaml:3:5`]);
  });

  it('a one-item file whose id is not its name', () => {
    const dir = treeWith({ 'categories/tourism.yaml': readFileSync(join(FIXTURE, 'tree/categories/tourism.yaml'), 'utf8').replace('id: tourism', 'id: tourist') });
    expect(problems(dir)).toEqual(['categories/tourism.yaml:1:5: the file is named tourism.yaml but its id is "tourist" (a file of one item is named after its id: tourist.yaml)']);
  });

  it('order: an id no file defines, an id listed twice', () => {
    const dir = treeWith({ 'recommend/index.yaml': 'version: 1\norder: [local-b, local-c, local-b, local-a]\n' });
    expect(problems(dir)).toEqual(['recommend/index.yaml:2:18: order names "local-c", which no file of recommend/ defines', 'recommend/index.yaml:2:27: order lists "local-b" twice']);
  });

  it('defaults: a key no value of the file takes, a value that does not fit, a default that is not a mapping', () => {
    const unused = treeWith({ 'facts/localFact.yaml': `defaults: { reviewed: 2027-01-01 }\n${readFileSync(join(FIXTURE, 'tree/facts/localFact.yaml'), 'utf8')}` });
    expect(problems(unused)).toEqual(['facts/localFact.yaml:1:13: defaults: no value of this file takes "reviewed"']);
    const packUnused = treeWith({ 'pack.yaml': readFileSync(join(FIXTURE, 'tree/pack.yaml'), 'utf8').replace('defaults: { reviewed: 2027-01-01 }', 'defaults: { reviewed: 2027-01-01, revieved: 2027-01-01 }') });
    expect(problems(packUnused)).toEqual([`pack.yaml:${lineOf(join(packUnused, 'pack.yaml'), 'defaults:')}:35: defaults: no value of this pack takes "revieved"`]);
    const wrong = treeWith({ 'recommend/local.yaml': readFileSync(join(FIXTURE, 'tree/recommend/local.yaml'), 'utf8').replace('defaults: { reviewed: 2027-02-02 }', 'defaults: { reviewed: soon }') });
    const found = problems(wrong);
    expect(found[0]).toMatch(/^recommend\/local\.yaml:1:23: defaults: "reviewed": /);
    // Not filled where it does not fit: the rule without a date of its own is then missing one.
    expect(found.slice(1)).toEqual([expect.stringMatching(/^recommend\/local\.yaml:3:\d+: missing required key "reviewed"/)]);
    // The pack's default that does not fit: reported once, at pack.yaml.
    const packWrong = treeWith({ 'pack.yaml': readFileSync(join(FIXTURE, 'tree/pack.yaml'), 'utf8').replace('defaults: { reviewed: 2027-01-01 }', 'defaults: { reviewed: 2027-13-01 }') });
    expect(problems(packWrong).filter((p) => p.includes('defaults:'))).toEqual([expect.stringMatching(new RegExp(`^pack\\.yaml:${lineOf(join(packWrong, 'pack.yaml'), 'defaults:')}:23: defaults: "reviewed": `))]);
    const notMap = treeWith({ 'recommend/local.yaml': readFileSync(join(FIXTURE, 'tree/recommend/local.yaml'), 'utf8').replace('defaults: { reviewed: 2027-02-02 }', 'defaults: 2027-02-02') });
    expect(problems(notMap)[0]).toBe('recommend/local.yaml:1:11: defaults: expected a mapping of keys to values');
  });

  it('a file with no place in the layout, and a kind in a directory without a key it needs', () => {
    const deep = treeWith({ 'categories/more/x.yaml': 'id: x\n', 'notes.yaml': 'x: 1\n' });
    expect(problems(deep).map((p) => p.replace(/\(expected one of .*\)/, '(…)'))).toEqual(['categories/more/x.yaml:1:1: unknown rule pack file (…)', 'notes.yaml:1:1: unknown rule pack file (…)']);
    const dir = mkdtempSync(join(tmpdir(), 'kouiki-tree-'));
    cpSync(defaultRulesDir(), dir, { recursive: true });
    rmSync(join(dir, 'prefecture', 'principle.yaml'));
    expect(problems(dir)).toEqual(['prefecture: no file of prefecture/ gives "principle"']);
  });

  it('a kind may be one file and a directory at once: the file is read first', () => {
    const walking = readFileSync(join(FIXTURE, 'tree/categories/tourism.yaml'), 'utf8').replace('id: tourism', 'id: walking').replace('観光客', '散策').replace('tourist', 'walk');
    const dir = treeWith({ 'categories.yaml': `categories:\n${walking.replace(/^/gm, '    ').replace(/^ {4}id:/m, '  - id:')}` });
    expect(problems(dir)).toEqual([]);
    // regional-vitality replaces the default's in place; the new ones follow, the flat file's first.
    expect(loadPackDir(dir).pack.data.categories.map((c) => c.id).slice(-2)).toEqual(['walking', 'tourism']);
  });
});
