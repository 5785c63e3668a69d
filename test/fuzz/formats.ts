// The input formats the fuzz suite attacks: one entry per format, each with the function kouiki
// itself uses to read it, real documents to mutate, and the command lines that read it.
//
// A new input format plugs in with ONE entry in FORMATS below (and registry.test.ts fails when a
// `kouiki schema` kind has none). `parse` must do exactly what the command does with the text
// (parse + validate + the format's own checks) and throw a UserError for bad input.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYamlLoose, stringify } from 'yaml';
import { UserError, type ProblemDetail } from '../../src/errors.js';
import { validateDocument } from '../../src/io/validate.js';
import { parseYaml } from '../../src/io/yaml.js';
import { parseTaskList } from '../../src/io/tasks.js';
import { loadConfig } from '../../src/io/config.js';
import { analyzeDraft } from '../../src/io/draft.js';
import { parseDataText } from '../../src/io/municipalities.js';
import { checkPack } from '../../src/pack/checks.js';
import { readPackFile } from '../../src/rules-tools/compose.js';
import { PACK_KINDS } from '../../src/pack/files.js';
import { flattenPack } from '../../src/rules-tools/flatten.js';
import { readRuleTests } from '../../src/rules-tools/tests/load.js';
import { ROOT } from '../helpers/cli.js';
import { defaultPack } from '../helpers/engine.js';

export interface FuzzFormat {
  /** A name for messages ("tasks", "rules/facts.yaml", ...). */
  name: string;
  /** The `kouiki schema KIND` this format is, if any (registry.test.ts checks every kind is here). */
  schemaKind?: string;
  /** Small valid documents to mutate (most cases start from one of these: fast). */
  seeds: () => string[];
  /** Full-size real documents (examples, the default pack), mutated in one case out of sixteen. */
  bigSeeds: () => string[];
  /** Reads the text as kouiki does; returns the value, or throws a UserError. */
  parse: (text: string, file: string) => unknown;
  /**
   * Command lines that read this format in-process: from standard input where they say `-`,
   * from a file in the sandbox where they say `@file`; empty when the format is only read from a
   * directory (rule packs: see the packdir cases in cli.test.ts).
   */
  argv: string[][];
}

const read = (rel: string): string => readFileSync(join(ROOT, rel), 'utf8');

let scratchDir: string | undefined;
const scratch = (): string => (scratchDir ??= mkdtempSync(join(tmpdir(), 'kouiki-fuzz-scratch-')));

/** A valid document cut down to the first `n` items of each top-level list (faster to mutate). */
export function shrinkDoc(text: string, n: number): string {
  const v = parseYamlLoose(text) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) out[k] = Array.isArray(val) ? val.slice(0, n) : val;
  return stringify(out);
}

let seedCache: Map<string, string[]> | undefined;
const cached = (key: string, make: () => string[]): string[] => {
  seedCache ??= new Map();
  let s = seedCache.get(key);
  if (!s) seedCache.set(key, (s = make()));
  return s;
};

/** The default pack in the flat layout (one file per kind), as the loader composes its tree. */
let flatPack: Map<string, string> | undefined;
const flatFile = (file: string): string | null => (flatPack ??= flattenPack(join(ROOT, 'rules')).files).get(file) ?? null;

/** A file of each directory of the default pack's tree, to mutate (one item, or a group). */
const TREE_SAMPLES: Record<string, string> = {
  sources: 'acts.yaml',
  instruments: 'consignment.yaml',
  categories: 'wide-area-issue.yaml',
  facts: 'parties.yaml',
  recommend: 'workload.yaml',
  prefecture: 'measures.yaml',
  checks: 'reciprocity.yaml',
  designations: 'core-city.yaml',
  affairs: 'essential-service.yaml',
};

/** Reads one pack file as the loader does (rel: its place in the pack), throwing on a problem. */
function readOnePackFile(text: string, rel: string, file: string, what: { ja: string; en: string }): unknown {
  const r = readPackFile(text, rel, file);
  if (r.problems.length > 0) throw new UserError({ ja: `${what.ja}の形式が正しくありません`, en: `the ${what.en} does not have the expected shape` }, { details: r.problems });
  return r.data;
}

const taskSeeds = (): string[] =>
  cached('tasks', () => {
    const example = read('examples/kensei-tasks.yaml');
    return [
      shrinkDoc(example, 2),
      shrinkDoc(example, 1),
      'tasks:\n  - name: 鳥獣被害対策\n',
      'version: 1\ntasks:\n  - id: a\n    name: ごみ処理\n    category: essential-service\n    facts: { parties: [{ name: 甲市, kind: city }, { name: 乙町, kind: town }], needsLegalEntity: true, mode: joint-operation }\n',
      'tasks: [{name: x, description: 観光振興, facts: {retainAuthority: false, setupUrgency: high, frequency: rare}}]\n',
    ];
  });

export const FORMATS: FuzzFormat[] = [
  {
    name: 'tasks',
    schemaKind: 'tasks',
    seeds: taskSeeds,
    bigSeeds: () => [read('examples/kensei-tasks.yaml')],
    parse: (text, file) => parseTaskList(text, file, defaultPack().data).tasks,
    argv: [
      ['wizard', '--answers', '-', '-f', 'json'],
      ['wizard', '--answers', '-', '--save', 'saved.yaml', '--lang', 'ja'],
      ['explain', '--task', '-', '--lang', 'en'],
      ['evaluate', '-', '-f', 'json'],
      ['evaluate', '-', '-f', 'csv', '--lang', 'ja'],
      ['evaluate', '-', '-f', 'markdown', '--as-of', '2014-01-01'],
      ['evaluate', '-', '--lang', 'en'],
      ['recommend', '--task', '-', '-f', 'json'],
      ['recommend', '--task', '-', '--lang', 'ja'],
    ],
  },
  // The same, forced through the fast path large lists take (js-yaml; any doubt falls back to the
  // precise parser): whatever the size of the file, the answer must be the same.
  {
    name: 'tasks (fast path)',
    seeds: taskSeeds,
    bigSeeds: () => [read('examples/kensei-tasks.yaml')],
    parse: (text, file) => parseTaskList(text, file, defaultPack().data, 0).tasks,
    argv: [],
  },
  {
    name: 'municipalities',
    schemaKind: 'municipalities',
    seeds: () =>
      cached('municipalities', () => {
        const example = read('examples/kensei-commuting.example.yaml');
        return [
          shrinkDoc(example, 2),
          'municipalities:\n  - { name: 甲市, prefecture: 甲県, kind: city, population: 210000, dayNightRatio: 0.97, metroArea: none, source: test }\n',
          'version: 1\nmunicipalities:\n  - name: 乙町\n    kind: town\n    population: 12000\n    workersAndStudents: 6000\n    commuting: { toMetroCores: 100, to: { 甲市: 2000 } }\n    source: test\n',
        ];
      }),
    bigSeeds: () => [read('examples/kensei-commuting.example.yaml')],
    parse: (text, file) => parseDataText(text, file).records.map((r) => r.record),
    argv: [
      ['eligibility', '小田原市', '--data', '-', '-f', 'json'],
      ['eligibility', '小田原市', '--partners', '--data', '-', '--lang', 'en'],
      ['eligibility', '甲市', '--merge', '乙町', '--data', '-', '--lang', 'ja'],
      ['eligibility', '--data', '-', '-f', 'markdown'],
    ],
  },
  {
    name: 'rule-tests',
    schemaKind: 'rule-tests',
    seeds: () =>
      cached('rule-tests', () => [
        'asOf: 2026-11-23\ncases:\n  - name: c\n    task: { name: x, facts: { needsLegalEntity: true } }\n    expect: { verdicts: { council: unsuitable } }\n',
        shrinkDoc(read('rules/tests/recommend.yaml'), 2),
        shrinkDoc(read('rules/tests/instruments/council.yaml'), 2),
      ]),
    bigSeeds: () => [read('rules/tests/recommend.yaml')],
    // The loader reads files: the text goes to a scratch file first.
    parse: (text, file) => {
      const path = join(scratch(), 'case.yaml');
      writeFileSync(path, text);
      // Messages name the scratch file; give them the name the fuzz case uses.
      const rename = (details: ProblemDetail[]): ProblemDetail[] => details.map((d) => (d.position ? { ...d, position: { ...d.position, file } } : d));
      let r: ReturnType<typeof readRuleTests>;
      try {
        r = readRuleTests([path], defaultPack().data);
      } catch (err) {
        if (err instanceof UserError) throw new UserError(err.text, { details: rename(err.details), ...(err.hint ? { hint: err.hint } : {}) });
        throw err;
      }
      if (r.problems.length > 0) throw new UserError({ ja: 'テストケースのファイルに問題があります', en: 'the test files have problems' }, { details: rename(r.problems) });
      return r.cases.map((c) => ({ name: c.name, kind: c.kind }));
    },
    argv: [],
  },
  {
    name: 'draft',
    schemaKind: 'draft',
    seeds: () =>
      cached('draft', () => [
        shrinkDoc(read('examples/drafts/kensei-failing.yaml'), 2),
        shrinkDoc(read('examples/drafts/kensei-clean.yaml'), 1),
        'version: 1\nname: 試験\nscheme: settlement-area\ncentralCity: 小田原市\npartners: [南足柄市]\nagreements: [{ partner: 南足柄市, type: cooperation-agreement }]\nprojects:\n  - { name: 観光, category: regional-vitality, instrument: consignment, parties: [小田原市, 南足柄市], provider: 小田原市, costSharing: 均等割 }\n',
      ]),
    bigSeeds: () => [read('examples/drafts/kensei-failing.yaml'), read('examples/drafts/kensei-clean.yaml')],
    // A draft of the wrong shape is a `schema` finding (exit 1), not an error: the value has them.
    parse: (text, file) => analyzeDraft(text, file, { pack: defaultPack().data, lang: 'en', schemaCitation: '' }).loaded,
    argv: [
      ['check', '-'],
      ['check', '-', '-f', 'json', '--lang', 'ja'],
      ['check', '-', '-f', 'sarif', '-f', 'junit'],
      ['check', '-', '-f', 'github', '--max-warnings', '0'],
      ['check', '@file', '-f', 'markdown', '--fail-on-warn'],
    ],
  },
  {
    name: 'config',
    schemaKind: 'config',
    seeds: () =>
      cached('config', () => [
        'version: 1\nrules:\n  instrument-fit: error\n  partner-commuting: off\noptions:\n  reciprocity: { maxShare: 0.5, minProjects: 4 }\n  instrument-fit: { margin: 0.2 }\nmaxWarnings: 10\n',
        'rules: { schema: warn }\n',
        'maxWarnings: 0\n',
      ]),
    bigSeeds: () => [],
    parse: (text, file) => {
      const path = join(scratch(), 'kouiki.config.yaml');
      writeFileSync(path, text);
      try {
        return loadConfig(path, scratch(), checkPack(defaultPack().data)!);
      } catch (err) {
        if (err instanceof UserError) throw new UserError(err.text, { details: err.details.map((d) => (d.position ? { ...d, position: { ...d.position, file } } : d)), ...(err.hint ? { hint: err.hint } : {}) });
        throw err;
      }
    },
    argv: [
      ['check', 'draft.yaml', '--config', '@file'],
      ['check', 'draft.yaml', '--config', '@file', '-f', 'json'],
    ],
  },
  // Rule pack files, in both layouts: each kind as one flat file, and a file of its directory
  // in the tree (the pack loader's first step: its place, its defaults, its shape).
  ...PACK_KINDS.flatMap((kind): FuzzFormat[] => {
    const sample = `${kind.dir}/${TREE_SAMPLES[kind.dir]}`;
    return [
      {
        name: `rules/${kind.file}`,
        schemaKind: 'rules',
        seeds: () => cached(`rules/${kind.file}`, () => (flatFile(kind.file) === null ? [] : [shrinkDoc(flatFile(kind.file)!, 2), shrinkDoc(flatFile(kind.file)!, 1)])),
        bigSeeds: () => (flatFile(kind.file) === null ? [] : [flatFile(kind.file)!]),
        parse: (text, file) => readOnePackFile(text, kind.file, file, kind.what),
        argv: [],
      },
      {
        name: `rules/${sample}`,
        schemaKind: 'rules',
        seeds: () => cached(`rules/${sample}`, () => [shrinkDoc(read(`rules/${sample}`), 2), read(`rules/${sample}`)]),
        bigSeeds: () => [read(`rules/${sample}`)],
        parse: (text, file) => readOnePackFile(text, sample, file, kind.what),
        argv: [],
      },
    ];
  }),
];
