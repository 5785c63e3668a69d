// The error audit (issue 8): every user error kouiki can report, triggered here, and
// docs/reference/errors.md generated from what the runs print (`npm run docs` rewrites it, through
// KOUIKI_UPDATE_DOCS=1; UPDATE_GOLDEN=1 does too).
//
// Every `new UserError(` in src/ (and every call of a function that passes its message on to
// one) must be reached by a case below: a new error site without a case fails this test, with
// the file and line to cover. Each case runs in-process with KOUIKI_DEBUG=1; the first stack frame
// says which site produced the error.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitAll, formatSpecs } from '../../src/cli/emit.js';
import type { RunContext } from '../../src/cli/context.js';
import { formatUserError, UserError } from '../../src/errors.js';
import { analyzeDraft, loadDraft } from '../../src/io/draft.js';
import { parseYaml, YAML_CODES_JA } from '../../src/io/yaml.js';
import { ROOT } from '../helpers/cli.js';
import { defaultPack } from '../helpers/engine.js';
import { Collector, runInProcess } from '../helpers/inproc.js';

const SRC = join(ROOT, 'src');
const DOC = join(ROOT, 'docs', 'reference', 'errors.md');

/** Functions that throw a UserError with the message their caller gives: each call is a site. */
const MESSAGE_FACTORIES: Record<string, string[]> = {
  'src/cli/commands/eligibility-input.ts': ['bad'],
  'src/core/eligibility/resolve.ts': ['err'],
  'src/cli/wizard/target.ts': ['fail'],
};

/** Sites no input can reach, with the reason (they stay in the code as a second line of defence). */
const UNREACHABLE: { site: RegExp; where: string; why: string }[] = [
  { site: /^src\/io\/estat\/decode\.ts:\d+ .*cannot decode/, where: 'src/io/estat/decode.ts `decodeEstat`: "this build of Node.js cannot decode" Shift_JIS', why: 'only a Node.js built without full ICU lacks the Shift_JIS decoder; the official builds (and this test run) have it' },
  { site: /^src\/io\/task-sheet\.ts:\d+ .*problem in the task table: \$\{issue\.message\}/, where: 'src/io/task-sheet.ts `tasksFromGrid`: "problem in the task table: …" (the schema check)', why: 'every cell is checked against the pack before the rows go through the task-list schema, which is kept as a second line of defence' },
  { site: /^src\/core\/eligibility\/resolve\.ts:9\d .*throw err\(/, where: 'src/core/eligibility/resolve.ts `designationsFor`: "unknown designation"', why: 'the CLI reads --designation through the table of names first (src/cli/vocab-args.ts), which refuses an unknown designation with the closest ids and names; the engine keeps its own check for callers that pass ids' },
  { site: /^src\/core\/eligibility\/resolve\.ts:\d+ .*unknownDesignation|^src\/core\/eligibility\/resolve\.ts:\d+ +throw err\($/, where: 'src/core/eligibility/resolve.ts `designationsFor`: an unknown designation id', why: 'the CLI reads --designation through the table of names first (ids and Japanese names, with did-you-mean), so an unknown id stops there; the engine keeps its own check for library callers' },
  { site: /^src\/io\/yaml\.ts:\d+ .*too many alias expansions/, where: 'src/io/yaml.ts `parseYaml`: "too many alias expansions"', why: 'the yaml library’s own alias bound; kouiki counts the expanded size first (MAX_ALIAS_EXPANSION), which is always stricter' },
];

interface Site {
  file: string;
  line: number;
  /** The source line, for messages. */
  code: string;
  /** The line and the three after it (to recognise a site by its message). */
  context: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Every place a user error is made: `new UserError(` (outside the factories) and factory calls. */
function scanSites(): Site[] {
  const sites: Site[] = [];
  for (const path of walk(SRC)) {
    const file = relative(ROOT, path);
    const lines = readFileSync(path, 'utf8').split('\n');
    const factories = MESSAGE_FACTORIES[file] ?? [];
    const inFactory = new Set<number>();
    lines.forEach((l, i) => {
      for (const f of factories) {
        if (new RegExp(`(function ${f}\\(|const ${f} = )`).test(l)) for (let k = i; k < Math.min(lines.length, i + 8); k++) inFactory.add(k);
      }
    });
    lines.forEach((l, i) => {
      const context = lines.slice(i, i + 4).join(' ');
      if (/new UserError\(/.test(l) && !inFactory.has(i)) sites.push({ file, line: i + 1, code: l.trim(), context });
      for (const f of factories) {
        if (new RegExp(`\\b${f}\\(`).test(l) && !new RegExp(`(function ${f}\\(|const ${f} = )`).test(l)) sites.push({ file, line: i + 1, code: l.trim(), context });
      }
    });
  }
  return sites;
}

interface Outcome {
  code: number;
  en: string;
  ja: string;
  /** `file:line` of the site that made the error (from the stack), or null for commander's errors. */
  site: string | null;
  /** The function the site is in, for the table. */
  fn: string | null;
}

interface ErrorCase {
  id: string;
  /** What the user did, as shown in the table. */
  cmd: string;
  /** Runs the case in `dir` and returns what it printed (en, ja) and the stack (KOUIKI_DEBUG=1). */
  run: (dir: string) => Promise<{ code: number; en: string; ja: string; stack: string }>;
  /** Only when not running as root (root may read and write anything). */
  needsNonRoot?: boolean;
  /** The site such a case covers (`file:line code`), counted as covered when it cannot run. */
  covers?: RegExp;
}

/** A case that runs `kouiki ARGV` in-process (cwd: the case's directory). */
function cli(id: string, argv: string[], opts: { stdin?: string | Buffer; stdout?: () => Collector; setup?: (dir: string) => void; needsNonRoot?: RegExp } = {}): ErrorCase {
  return {
    id,
    cmd: `kouiki ${argv.map((a) => (/[\s"'|]/.test(a) || a === '' ? JSON.stringify(a) : a)).join(' ')}${opts.stdin !== undefined ? ' < input' : ''}`,
    ...(opts.needsNonRoot ? { needsNonRoot: true, covers: opts.needsNonRoot } : {}),
    async run(dir) {
      opts.setup?.(dir);
      const go = (lang: string, debug: boolean) =>
        runInProcess([...argv, '--lang', lang], {
          cwd: dir,
          ...(opts.stdin !== undefined ? { stdin: opts.stdin } : {}),
          ...(opts.stdout ? { stdout: opts.stdout() } : {}),
          env: debug ? { KOUIKI_DEBUG: '1', COLUMNS: '100' } : { COLUMNS: '100' },
        });
      const en = await go('en', false);
      const ja = await go('ja', false);
      const dbg = await go('en', true);
      return { code: en.code, en: en.stderr, ja: ja.stderr, stack: dbg.stderr };
    },
  };
}

/** A case that calls a function directly (for errors no command line can reach in a test). */
function direct(id: string, cmd: string, fn: (dir: string) => Promise<unknown> | unknown): ErrorCase {
  return {
    id,
    cmd,
    async run(dir) {
      try {
        await fn(dir);
      } catch (err) {
        if (err instanceof UserError) return { code: err.exitCode, en: `${formatUserError(err, 'en')}\n`, ja: `${formatUserError(err, 'ja')}\n`, stack: err.stack ?? '' };
        throw err;
      }
      throw new Error(`${id}: no UserError`);
    },
  };
}

const TASK = 'tasks:\n  - name: 観光振興\n    category: regional-vitality\n';
const TWO = 'tasks:\n  - { id: a, name: 観光 }\n  - { id: b, name: 交通 }\n';
const DRAFT = 'version: 1\nname: 試験\nscheme: none\nprojects:\n  - { name: 観光, category: regional-vitality, instrument: consignment, parties: [小田原市, 箱根町], provider: 小田原市, costSharing: 均等割 }\n';
const PACK_EXT = 'version: 1\nname: ext\npackVersion: 0.0.1\nextends: default\ntitle: { ja: 拡張, en: extension }\nreviewed: 2026-11-23\n';
/** An extending pack with one of most cross-reference problems (each a line under the error). */
const BROKEN_PACK: Record<string, string> = {
  'pack.yaml': "version: 1\nname: broken\npackVersion: 0.0.1\nextends: default\ntitle: { ja: 壊れた例, en: broken example }\nreviewed: 2026-11-23\noverrides: [categories/nothing-replaced]\n",
  'categories.yaml': "version: 1\ncategories:\n  - id: wide-area-issue\n    name: { ja: 上書き, en: replaced without overrides }\n    description: { ja: 説明, en: description }\n    instruments: [council]\n    ref: { source: \"003\", section: \"5\" }\n    reviewed: 2026-11-23\n    keywords: { ja: [試験], en: [test] }\n  - id: new-category\n    name: { ja: 新分類, en: new category }\n    description: { ja: 説明, en: description }\n    instruments: [no-such-instrument]\n    ref: { source: nowhere }\n    reviewed: 2026-11-23\n    keywords: { ja: [試験], en: [test] }\n",
  'facts.yaml': "version: 1\nfacts:\n  - id: pickOne\n    type: enum\n    label: { ja: 選択, en: pick }\n    question: { ja: 選ぶか, en: pick? }\n    help: { ja: 説明, en: help }\n  - id: flag\n    type: boolean\n    label: { ja: 旗, en: flag }\n    question: { ja: 旗か, en: flag? }\n    help: { ja: 説明, en: help }\n    values: [{ id: x, label: { ja: x, en: x } }]\n",
  'recommend.yaml': "version: 1\nrules:\n  - id: no-cases\n    title: { ja: 試験, en: test }\n    ref: { source: lac, article: \"1\" }\n    reviewed: 2026-11-23\n  - id: no-citation\n    title: { ja: 試験, en: test }\n    reviewed: 2026-11-23\n    cases:\n      - if: true\n        effects:\n          - { to: { instruments: [council], mode: flying }, effect: \"-\", cap: not-allowed, message: { ja: 試験, en: test } }\n      - if: { all: [{ fact: category, is: tourism }, { fact: needsLegalEntity, is: \"yes\" }, { fact: mode, is: teleport }, { fact: nonsense, is: true }] }\n        effects:\n          - { to: { instruments: [nowhere] }, effect: \"+\", weight: 0.1, message: { ja: 試験, en: test } }\n",
};

/** The smallest e-Stat CSVs: a population table, and an origin–destination table (figures of 鳥取市). */
const ESTAT_POP = '"tab_code","表章項目","area_code","地域","time_code","時間軸","unit","value"\n"020","人口","31201","鳥取市","2020000000","2020年","人","188465"\n';
const ESTAT_OD =
  '"cat02_code","従業地・通学地","area_code","常住地","time_code","時間軸","unit","value"\n"00000","総数","31302","岩美町","2020000000","2020年","人","5682"\n"31201","鳥取市","31302","岩美町","2020000000","2020年","人","2564"\n';

const file = (dir: string, name: string, text: string | Buffer): void => {
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(join(dir, name), text);
};

function ctxFor(dir: string, format: string[]): RunContext {
  return {
    io: { stdout: new Collector(), stderr: new Collector(), stdin: process.stdin, env: {}, cwd: dir, stdoutIsTTY: false, stdinIsTTY: false },
    opts: { lang: 'en', data: [], asOf: '2026-11-23', color: false, format, maxInputSize: 1 << 20, quiet: false },
    pack: () => defaultPack(),
  };
}

export const CASES: ErrorCase[] = [
  // ── command line
  cli('as-of', ['evaluate', 't.yaml', '--as-of', '2023-02-29'], { setup: (d) => file(d, 't.yaml', TASK) }),
  cli('max-input-size', ['evaluate', 't.yaml', '--max-input-size', 'lots'], { setup: (d) => file(d, 't.yaml', TASK) }),
  cli('party', ['recommend', '--party', ':town']),
  cli('party-unknown', ['recommend', '--party', 'ほげ町', '--party', '鳥取県:city']),
  cli('unknown-format', ['evaluate', 't.yaml', '-f', 'yaml'], { setup: (d) => file(d, 't.yaml', TASK) }),
  cli('format-empty-file', ['evaluate', 't.yaml', '-f', 'json:'], { setup: (d) => file(d, 't.yaml', TASK) }),
  cli('schema-kind', ['schema', 'task']),
  cli('schema-no-kind', ['schema']),
  cli('two-stdout-formats', ['check', 'd.yaml', '-f', 'json', '-f', 'sarif'], { setup: (d) => file(d, 'd.yaml', DRAFT) }),
  cli('completion-shell', ['completion', 'powershell']),
  cli('config-project-settings', ['check', 'd.yaml', '--config', 'cfg.yaml'], {
    setup: (d) => {
      file(d, 'd.yaml', DRAFT);
      file(d, 'cfg.yaml', 'pack: 3\ndata: [1]\nignores: drafts/\n');
    },
  }),
  cli('instrument-id', ['instruments', 'consignmnet']),
  // ── reading files
  cli('no-such-file', ['evaluate', 'missing.yaml']),
  cli('is-directory', ['evaluate', 'somedir'], { setup: (d) => mkdirSync(join(d, 'somedir'), { recursive: true }) }),
  cli('permission-denied', ['evaluate', 'secret.yaml'], {
    needsNonRoot: /^src\/io\/read\.ts:\d+ .*permission denied/,
    setup: (d) => {
      file(d, 'secret.yaml', TASK);
      chmodSync(join(d, 'secret.yaml'), 0o000);
    },
  }),
  cli('cannot-open', ['evaluate', 'loop.yaml'], {
    setup: (d) => {
      if (!existsSync(join(d, 'loop.yaml'))) {
        symlinkSync(join(d, 'loop2.yaml'), join(d, 'loop.yaml'));
        symlinkSync(join(d, 'loop.yaml'), join(d, 'loop2.yaml'));
      }
    },
  }),
  cli('too-large', ['evaluate', 't.yaml', '--max-input-size', '16'], { setup: (d) => file(d, 't.yaml', TASK) }),
  cli('not-utf8', ['evaluate', 'sjis.yaml'], { setup: (d) => file(d, 'sjis.yaml', Buffer.concat([Buffer.from('tasks:\n  - name: '), Buffer.from([0x8a, 0xcf, 0x8c, 0xf5]), Buffer.from('\n')])) }),
  // ── YAML
  cli('yaml-syntax', ['evaluate', 'broken.yaml'], { setup: (d) => file(d, 'broken.yaml', 'tasks:\n  - name: [観光\n') }),
  cli('yaml-duplicate-key', ['evaluate', 'dup-key.yaml'], { setup: (d) => file(d, 'dup-key.yaml', 'tasks:\n  - name: 観光\n    name: 交通\n') }),
  cli('yaml-proto-key', ['evaluate', 'proto.yaml'], { setup: (d) => file(d, 'proto.yaml', 'tasks:\n  - name: 観光\n    __proto__: { polluted: true }\n') }),
  cli('global-data-missing', ['evaluate', 't.yaml', '--data', 'no-such-data.yaml'], { setup: (d) => file(d, 't.yaml', 'tasks:\n  - name: 観光\n') }),
  cli('yaml-missing-key', ['evaluate', 'nokey.yaml'], { setup: (d) => file(d, 'nokey.yaml', 'tasks:\n  - name: 観光\n    : 交通\n') }),
  cli('yaml-collection-key', ['evaluate', 'key.yaml'], { setup: (d) => file(d, 'key.yaml', 'tasks:\n  - ? [a, b]\n    : x\n') }),
  cli('yaml-alias-no-anchor', ['evaluate', 'alias.yaml'], { setup: (d) => file(d, 'alias.yaml', 'tasks:\n  - name: 観光\n    facts: { parties: *p }\n') }),
  cli('yaml-alias-cycle', ['evaluate', 'cycle.yaml'], { setup: (d) => file(d, 'cycle.yaml', 'tasks: &t\n  - name: 観光\n    facts: *t\n') }),
  cli('yaml-billion-laughs', ['evaluate', 'lol.yaml'], {
    setup: (d) => file(d, 'lol.yaml', `a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n${Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`).join('\n')}\ntasks: *i\n`),
  }),
  cli('yaml-too-deep', ['evaluate', 'deep.yaml'], { setup: (d) => file(d, 'deep.yaml', `tasks: ${'['.repeat(100)}${']'.repeat(100)}\n`) }),
  direct('yaml-too-big', 'a document with more YAML tokens than the memory allows (parseYaml with a budget of 100 tokens)', () => parseYaml(`tasks:\n${'  - name: x\n'.repeat(50)}`, 'big.yaml', { maxTokens: 100 })),
  // ── task lists
  cli('tasks-empty', ['evaluate', 'empty.yaml'], { setup: (d) => file(d, 'empty.yaml', '') }),
  cli('tasks-top-list', ['evaluate', 'list.yaml'], { setup: (d) => file(d, 'list.yaml', '- name: 観光\n') }),
  cli('tasks-is-data', ['evaluate', 'data.yaml'], { setup: (d) => file(d, 'data.yaml', 'municipalities:\n  - { name: 甲市, kind: city, source: test }\n') }),
  cli('tasks-shape', ['evaluate', 'shape.yaml'], { setup: (d) => file(d, 'shape.yaml', 'tasks:\n  - name: 観光\n    category: tourism\n    facts:\n      needsLegalEntity: "yes"\n      legalEntity: true\n') }),
  cli('tasks-shape-sizes', ['evaluate', 'sizes.yaml'], { setup: (d) => file(d, 'sizes.yaml', 'version: 2\ntasks:\n  - name: ""\n    id: [a]\n    facts: { parties: [{ name: 甲市 }] }\n') }),
  cli('tasks-duplicate-id', ['evaluate', 'dup-id.yaml'], { setup: (d) => file(d, 'dup-id.yaml', 'tasks:\n  - { id: a, name: 観光 }\n  - { id: a, name: 交通 }\n') }),
  cli('recommend-task-count', ['recommend', '--task', 'two.yaml'], { setup: (d) => file(d, 'two.yaml', TWO) }),
  // ── outputs
  cli('output-named-twice', ['evaluate', 't.yaml', '-f', 'json:out.txt', '-f', 'csv:out.txt'], { setup: (d) => file(d, 't.yaml', TASK) }),
  cli('output-is-input', ['evaluate', 't.yaml', '-f', 'json:t.yaml'], { setup: (d) => file(d, 't.yaml', TASK) }),
  cli('output-is-directory', ['evaluate', 't.yaml', '-f', 'json:outdir'], {
    setup: (d) => {
      file(d, 't.yaml', TASK);
      mkdirSync(join(d, 'outdir'), { recursive: true });
    },
  }),
  cli('output-cannot-create', ['evaluate', 't.yaml', '-f', 'json:no-such-dir/out.json'], { setup: (d) => file(d, 't.yaml', TASK) }),
  direct('output-write-failed', 'the output cannot be completed (here: its name became a non-empty directory during the run)', async (d) => {
    const ctx = ctxFor(d, ['json:race.json']);
    const results = (function* () {
      yield 1;
      mkdirSync(join(d, 'race.json', 'x'), { recursive: true });
      yield 2;
    })();
    await emitAll(ctx, formatSpecs(ctx, ['json'], 'json'), () => ({ begin: () => '[', item: (r: number) => String(r), end: () => ']' }), results, []);
  }),
  cli('stdout-failed', ['evaluate', 't.yaml', '-f', 'json'], { setup: (d) => file(d, 't.yaml', TASK), stdout: () => new Collector({ bytes: 0, code: 'ENOSPC' }) }),
  // ── municipality data and eligibility
  cli('data-empty', ['eligibility', '小田原市', '--data', 'empty-data.yaml'], { setup: (d) => file(d, 'empty-data.yaml', '') }),
  cli('data-is-tasks', ['eligibility', '小田原市', '--data', 't.yaml'], { setup: (d) => file(d, 't.yaml', TASK) }),
  cli('data-record', ['eligibility', '小田原市', '--data', 'wrong-pref.yaml'], { setup: (d) => file(d, 'wrong-pref.yaml', 'municipalities:\n  - { name: 小田原市, prefecture: 東京都, population: 180000, source: test }\n') }),
  cli('data-records', ['eligibility', '小田原市', '--data', 'records.yaml'], {
    setup: (d) =>
      file(
        d,
        'records.yaml',
        'municipalities:\n' +
          '  - { name: 小田原市, code: "142050", source: test }\n' +
          '  - { name: 南足柄市, code: "142174", source: test }\n' +
          '  - { name: 箱根町, code: "143821", prefecture: 東京都, source: test }\n' +
          '  - { name: 府中市, source: test }\n' +
          '  - { name: 真鶴町, population: 6500, source: test }\n' +
          '  - { name: 真鶴町, population: 6600, source: test }\n',
      ),
  }),
  cli('population', ['eligibility', '--population', '20万']),
  cli('ratio', ['eligibility', '--population', '200000', '--day-night-ratio', '3000%']),
  cli('share-bare-number', ['eligibility', '--population', '200000', '--metro-core-commute-share', '12']),
  cli('eligibility-nothing', ['eligibility']),
  cli('merge-one-name', ['eligibility', '小田原市', '南足柄市', '--merge', '箱根町']),
  cli('twin-one-name', ['eligibility', '小田原市', '南足柄市', '--twin', '箱根町']),
  cli('figures-one-name', ['eligibility', '小田原市', '南足柄市', '--population', '200000']),
  cli('partners-name', ['eligibility', '--partners', '--population', '200000']),
  cli('partners-partner-of', ['eligibility', '小田原市', '--partners', '--partner-of', '南足柄市']),
  cli('partners-figures', ['eligibility', '小田原市', '--partners', '--population', '200000']),
  cli('municipality-ambiguous', ['eligibility', '府中市']),
  cli('municipality-bad-code', ['eligibility', '142050']),
  cli('municipality-not-found', ['eligibility', 'ほげ市']),
  cli('no-designations', ['eligibility', '小田原市', '--rules', 'nodesig'], {
    setup: (d) => {
      if (existsSync(join(d, 'nodesig'))) return;
      cpSync(join(ROOT, 'rules'), join(d, 'nodesig'), { recursive: true });
      rmSync(join(d, 'nodesig', 'designations'), { recursive: true });
    },
  }),
  cli('designation-unknown', ['eligibility', '小田原市', '--designation', 'core']),
  cli('merge-self', ['eligibility', '小田原市', '--merge', '小田原市']),
  cli('merge-twice', ['eligibility', '小田原市', '--merge', '南足柄市,南足柄市']),
  cli('twin-self', ['eligibility', '小田原市', '--twin', '小田原市']),
  cli('merge-kind-without-merge', ['eligibility', '水戸市', '--merge-kind', 'incorporation']),
  cli('adjacent-without-twin', ['eligibility', '山口市', '--adjacent']),
  cli('prefecture-not-a-city', ['eligibility', '鳥取県']),
  cli('partners-not-partner-check', ['eligibility', '小田原市', '--partners', '--designation', 'core-city']),
  cli('partner-needs-central', ['eligibility', '南足柄市', '--designation', 'cooperation-partner']),
  cli('partner-of-self', ['eligibility', '小田原市', '--partner-of', '小田原市']),
  // ── explain, wizard
  cli('explain-task-count', ['explain', '--task', 'two.yaml'], { setup: (d) => file(d, 'two.yaml', TWO) }),
  cli('explain-mixed-flags', ['explain', '小田原市', '--designation', 'core-city', '--needs-legal-entity']),
  cli('explain-designation-count', ['explain', '小田原市']),
  cli('explain-two-designations', ['explain', '小田原市', '--designation', 'core-city,designated-city']),
  cli('wizard-answers-count', ['wizard', '--answers', 'two.yaml'], { setup: (d) => file(d, 'two.yaml', TWO) }),
  cli('wizard-missing', ['wizard', '--description', 'x']),
  cli('wizard-save-no-dir', ['wizard', '--name', '観光振興', '--category', 'regional-vitality', '--save', 'no-such-dir/task.yaml']),
  cli('wizard-save-directory', ['wizard', '--name', '観光振興', '--category', 'regional-vitality', '--save', 'savedir'], { setup: (d) => mkdirSync(join(d, 'savedir'), { recursive: true }) }),
  cli('wizard-save-not-writable', ['wizard', '--name', '観光振興', '--category', 'regional-vitality', '--save', 'ro/task.yaml'], {
    needsNonRoot: /^src\/cli\/wizard\/target\.ts:\d+ .*not writable/,
    setup: (d) => {
      mkdirSync(join(d, 'ro'), { recursive: true });
      chmodSync(join(d, 'ro'), 0o555);
    },
  }),
  // ── rule packs
  cli('pack-no-dir', ['evaluate', 't.yaml', '--rules', 'no-such-pack'], { setup: (d) => file(d, 't.yaml', TASK) }),
  cli('pack-broken', ['evaluate', 't.yaml', '--rules', 'badpack'], {
    setup: (d) => {
      file(d, 't.yaml', TASK);
      file(d, 'badpack/pack.yaml', PACK_EXT);
      file(d, 'badpack/facts.yaml', 'facts:\n  - id: toString\n    type: boolean\n    label: { ja: 試験, en: test }\n    question: { ja: 試験か, en: test? }\n    help: { ja: 試験, en: test }\n');
    },
  }),
  cli('pack-cross-references', ['evaluate', 't.yaml', '--rules', 'xpack'], {
    setup: (d) => {
      file(d, 't.yaml', TASK);
      for (const [name, text] of Object.entries(BROKEN_PACK)) file(d, `xpack/${name}`, text);
    },
  }),
  // ── policy drafts (kouiki check)
  cli('check-max-warnings', ['check', 'd.yaml', '--max-warnings', 'some'], { setup: (d) => file(d, 'd.yaml', DRAFT) }),
  cli('check-config-missing', ['check', 'd.yaml', '--config', 'no-such-config.yaml'], { setup: (d) => file(d, 'd.yaml', DRAFT) }),
  cli('check-config-shape', ['check', 'd.yaml', '--config', 'cfg.yaml'], {
    setup: (d) => {
      file(d, 'd.yaml', DRAFT);
      file(d, 'cfg.yaml', 'rules:\n  reciprocty: off\n  schema: loud\nmaxWarnings: many\n');
    },
  }),
  cli('check-no-checks', ['check', 'd.yaml', '--rules', 'nochecks'], {
    setup: (d) => {
      file(d, 'd.yaml', DRAFT);
      if (existsSync(join(d, 'nochecks'))) return;
      cpSync(join(ROOT, 'rules'), join(d, 'nochecks'), { recursive: true });
      rmSync(join(d, 'nochecks', 'checks'), { recursive: true });
    },
  }),
  cli('check-data-empty', ['check', 'd.yaml', '--data', 'empty.yaml'], {
    setup: (d) => {
      file(d, 'd.yaml', DRAFT);
      file(d, 'empty.yaml', '');
    },
  }),
  // kouiki check reports a file that cannot be read in its list and goes on with the others (the
  // exit code is the highest); these two are called directly, to see where they come from.
  direct('check-data-missing', 'kouiki check with-data.yaml (the draft says data: no-such-data.yaml)', async (d) => {
    file(d, 'with-data.yaml', DRAFT.replace('version: 1\n', 'version: 1\ndata: no-such-data.yaml\n'));
    await loadDraft(join(d, 'with-data.yaml'), { pack: defaultPack().data, lang: 'en', cwd: d, maxBytes: 1 << 20, schemaCitation: '' });
  }),
  direct('check-not-a-draft', 'kouiki check t.yaml (a task list)', () => analyzeDraft(TASK, 't.yaml', { pack: defaultPack().data, lang: 'en', schemaCitation: '' })),
  cli('check-no-such-path', ['check', 'no-such-draft.yaml']),
  cli('check-no-drafts-in-directory', ['check', 'nodrafts'], { setup: (d) => file(d, 'nodrafts/t.yaml', TASK) }),
  cli('check-pattern-matches-nothing', ['check', 'drafts/**/*.yaml']),
  cli('check-unreadable-directory', ['check', 'locked'], {
    needsNonRoot: /^src\/io\/discover\.ts:\d+ .*cannot read the directory/,
    setup: (d) => {
      mkdirSync(join(d, 'locked', 'sub'), { recursive: true });
      chmodSync(join(d, 'locked', 'sub'), 0o000);
    },
  }),
  // ── kouiki data import (e-Stat CSV)
  cli('import-no-such-file', ['data', 'import', 'missing.csv']),
  cli('import-directory', ['data', 'import', 'somedir'], { setup: (d) => mkdirSync(join(d, 'somedir'), { recursive: true }) }),
  cli('import-too-large', ['data', 'import', 'pop.csv', '--max-input-size', '16'], { setup: (d) => file(d, 'pop.csv', ESTAT_POP) }),
  cli('import-not-utf8-nor-sjis', ['data', 'import', 'bytes.csv'], { setup: (d) => file(d, 'bytes.csv', Buffer.from([0x61, 0x81, 0x0a, 0xff])) }),
  cli('import-bom-not-utf8', ['data', 'import', 'bom.csv'], { setup: (d) => file(d, 'bom.csv', Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0xff])) }),
  cli('import-unclosed-quote', ['data', 'import', 'cut.csv'], { setup: (d) => file(d, 'cut.csv', `${ESTAT_POP}"020","人`) }),
  cli('import-text-after-quote', ['data', 'import', 'q.csv'], { setup: (d) => file(d, 'q.csv', ESTAT_POP.replace('"188465"', '"188465"x')) }),
  cli('import-not-estat', ['data', 'import', 'plain.csv'], { setup: (d) => file(d, 'plain.csv', 'name,population\n鳥取市,188465\n') }),
  cli('import-api-error', ['data', 'import', 'err.csv'], { setup: (d) => file(d, 'err.csv', `"RESULT"\n"STATUS","100"\n"ERROR_MSG","認証に失敗しました。"\n${ESTAT_POP}`) }),
  cli('import-no-area', ['data', 'import', 'noarea.csv'], { setup: (d) => file(d, 'noarea.csv', '"tab_code","表章項目","time_code","時間軸","unit","value"\n"020","人口","2020000000","2020年","人","126146099"\n') }),
  cli('import-cell-count', ['data', 'import', 'cells.csv'], { setup: (d) => file(d, 'cells.csv', `${ESTAT_POP}"020","人口","31202","米子市","人","147317"\n`) }),
  cli('import-bad-value', ['data', 'import', 'value.csv'], { setup: (d) => file(d, 'value.csv', ESTAT_POP.replace('"188465"', '"188,46"')) }),
  cli('import-other-table', ['data', 'import', 'households.csv'], { setup: (d) => file(d, 'households.csv', ESTAT_POP.replace('"人口"', '"世帯数"')) }),
  cli('import-conflict', ['data', 'import', 'a.csv', 'b.csv'], {
    setup: (d) => {
      file(d, 'a.csv', ESTAT_POP);
      file(d, 'b.csv', ESTAT_POP.replace('"188465"', '"188466"'));
    },
  }),
  cli('import-commuting-twice', ['data', 'import', 'od.csv', 'od.csv'], { setup: (d) => file(d, 'od.csv', ESTAT_OD) }),
  cli('import-no-municipality', ['data', 'import', 'pref.csv'], { setup: (d) => file(d, 'pref.csv', ESTAT_POP.replace('"31201","鳥取市"', '"31000","鳥取県"')) }),
  cli('rules-no-tests', ['rules', 'test', 'notests'], { setup: (d) => file(d, 'notests/pack.yaml', PACK_EXT) }),
  cli('rules-filter', ['rules', 'test', '--filter', 'no case has this name']),
  cli('rules-test-files', ['rules', 'test', 'badtests'], {
    setup: (d) => {
      file(d, 'badtests/pack.yaml', PACK_EXT);
      file(d, 'badtests/tests/a.yaml', 'cases:\n  - name: no expectations\n    task: { name: x }\n');
    },
  }),
  // ── reports, workbooks and task lists from spreadsheets
  cli('template-no-format', ['template', 'tasks']),
  direct('xlsx-to-terminal', 'kouiki evaluate t.yaml -f xlsx (standard output is a terminal)', (d) => formatSpecs({ ...ctxFor(d, ['xlsx']), io: { ...ctxFor(d, ['xlsx']).io, stdoutIsTTY: true } }, ['table', 'xlsx'], 'table')),
  cli('csv-syntax', ['evaluate', 'open-quote.csv'], { setup: (d) => file(d, 'open-quote.csv', 'name,description\n鳥獣被害対策,"有害鳥獣の捕獲\n') }),
  cli('sheet-no-name-column', ['evaluate', 'no-name.csv'], { setup: (d) => file(d, 'no-name.csv', '分類,説明\nwide-area-issue,有害鳥獣の捕獲\n') }),
  cli('sheet-no-tasks', ['evaluate', 'headers-only.csv'], { setup: (d) => file(d, 'headers-only.csv', 'name,category\n') }),
  cli('sheet-cells', ['evaluate', 'bad-cells.csv'], { setup: (d) => file(d, 'bad-cells.csv', 'name,category,needsLegalEntity,parties\n鳥獣被害対策,tourism,perhaps,小田原市\n') }),
  cli('xlsx-unreadable', ['evaluate', 'not-a-workbook.xlsx'], { setup: (d) => file(d, 'not-a-workbook.xlsx', 'name\n鳥獣被害対策\n') }),
  cli('xlsx-merged-cells', ['evaluate', 'merged.xlsx'], { setup: (d) => file(d, 'merged.xlsx', readFileSync(join(ROOT, 'test/fixtures/sheets/merged.xlsx'))) }),
  cli('xlsx-formula', ['evaluate', 'formula.xlsx'], { setup: (d) => file(d, 'formula.xlsx', readFileSync(join(ROOT, 'test/fixtures/sheets/formula.xlsx'))) }),
];

/** Command-line errors commander reports (unknown option, missing argument...), for the table. */
const COMMANDER_CASES: ErrorCase[] = [
  cli('unknown-option', ['recommend', '--retain-authorty']),
  cli('unknown-command', ['evalute', 't.yaml']),
  cli('missing-argument', ['evaluate']),
  cli('option-argument-missing', ['recommend', '--category']),
  cli('invalid-choice', ['evaluate', 't.yaml', '--csv-header', 'names']),
  cli('too-many-arguments', ['instruments', 'council', 'consignment']),
];

const STALE = 'docs/reference/errors.md is out of date: run `npm run docs` and commit the result';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const results = new Map<string, Outcome>();
let base: string;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'kouiki-errors-'));
  for (const c of [...CASES, ...COMMANDER_CASES]) {
    if (c.needsNonRoot && isRoot) continue;
    const dir = join(base, c.id);
    mkdirSync(dir);
    const r = await c.run(dir);
    const clean = (s: string): string => s.split(dir).join('.').split(base).join('.').replace(/\r/g, '');
    const frame = /^\s+at (?:async )?(?:(\S+) \()?(\/[^:()]+\.ts):(\d+):\d+\)?$/m;
    // The first frame in src/ (under a factory, the caller's frame: that call is the site).
    const frames = [...r.stack.matchAll(new RegExp(frame.source, 'gm'))].map((m) => ({ fn: m[1] ?? null, file: relative(ROOT, m[2]!), line: Number(m[3]) })).filter((f) => f.file.startsWith('src/'));
    let at = frames[0];
    if (at && (MESSAGE_FACTORIES[at.file] ?? []).some((f) => at!.fn === f || at!.fn?.endsWith(`.${f}`))) at = frames[1] ?? at;
    results.set(c.id, { code: r.code, en: clean(r.en), ja: clean(r.ja), site: at ? `${at.file}:${at.line}` : null, fn: at?.fn?.replace(/^(Module|Object|async)\./, '') ?? null });
  }
}, 120_000);

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('error audit', () => {
  it('every case is a user error: exit 2, a message in both languages, no stack trace', () => {
    for (const c of [...CASES, ...COMMANDER_CASES]) {
      const r = results.get(c.id);
      if (!r) continue;
      expect(r.code, `${c.id}: ${r.en}`).toBe(2);
      expect(r.en.trim(), c.id).not.toBe('');
      expect(r.ja.trim(), c.id).not.toBe('');
      expect(r.en, c.id).not.toMatch(/^\s+at /m);
      expect(r.en, c.id).not.toMatch(/internal error/);
    }
  });

  it('every case, commander\'s included, says how to fix it, in the language of the run', () => {
    for (const c of [...CASES, ...COMMANDER_CASES]) {
      const r = results.get(c.id);
      if (!r) continue;
      expect(r.en, c.id).toMatch(/^ {2}fix: \S/m);
      expect(r.ja, c.id).toMatch(/^ {2}対処: \S/m);
      expect(r.ja, c.id).not.toMatch(/^ {2}fix:/m);
    }
  });

  it('every UserError site in src/ is reached by a case (add one to test/unit/errors.test.ts)', () => {
    const reached = new Set([...results.values()].map((r) => r.site));
    const skipped = CASES.filter((c) => c.covers && !results.has(c.id)).map((c) => c.covers!);
    const missing = scanSites().filter((s) => {
      const key = `${s.file}:${s.line} ${s.context}`;
      return !reached.has(`${s.file}:${s.line}`) && !UNREACHABLE.some((u) => u.site.test(key)) && !skipped.some((re) => re.test(key));
    });
    expect(
      missing.map((s) => `${s.file}:${s.line}  ${s.code}`),
      'these sites make user errors no case reaches: add a case for each to CASES in test/unit/errors.test.ts, then run `npm run docs` to refresh docs/reference/errors.md',
    ).toEqual([]);
  });

  it('every case reaches a UserError site (not commander, not an internal error)', () => {
    for (const c of CASES) {
      const r = results.get(c.id);
      if (r) expect(r.site, `${c.id} did not come from a UserError in src/: ${r.en}`).toMatch(/^src\//);
    }
  });

  it('docs/reference/errors.md lists every case with its messages, as kouiki prints them (npm run docs rewrites it)', () => {
    const text = renderDoc();
    if (process.env.UPDATE_GOLDEN === '1' || process.env.KOUIKI_UPDATE_DOCS === '1') writeFileSync(DOC, text);
    if (isRoot) {
      // Cases that need a non-root user keep the rows last written by a non-root run.
      const keep = (t: string): string => t.split('\n').filter((l) => !CASES.filter((c) => c.needsNonRoot).some((c) => l.includes(`\`${c.id}\``))).join('\n');
      expect(keep(readFileSync(DOC, 'utf8')), STALE).toBe(keep(text));
    } else expect(readFileSync(DOC, 'utf8'), STALE).toBe(text);
  });
});

/** Files whose messages are lines under an error (problems), by family. */
const DETAIL_FAMILIES: [string, string[]][] = [
  ['Shape (every input format: zod issues)', ['src/io/validate.ts']],
  ['Rule packs (`--rules DIR`, `kouiki rules validate`)', ['src/rules-tools/load.ts', 'src/rules-tools/compose.ts', 'src/rules-tools/validate.ts', 'src/rules-tools/validate-designations.ts', 'src/rules-tools/lint.ts']],
  ['Rule pack tests (`tests/*.yaml`)', ['src/rules-tools/tests/load.ts']],
  ['Municipality data (`--data FILE`)', ['src/io/municipalities.ts', 'src/core/eligibility/index.ts']],
];

const LITERAL = String.raw`(\`(?:[^\`\\]|\\.)*\`|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")`;

/** `{ ja: …, en: … }` pairs and `(…, 'ja', 'en')` calls in a source file, with `${…}` as `…`. */
function extractMessages(file: string): { ja: string; en: string }[] {
  const src = readFileSync(join(ROOT, file), 'utf8');
  const strip = (lit: string): string => lit.slice(1, -1).replace(/\$\{[^}]*\}/g, '…').replace(/\\n/g, ' ');
  const out: { ja: string; en: string }[] = [];
  const seen = new Set<string>();
  const add = (ja: string, en: string): void => {
    const key = `${ja}|${en}`;
    if (seen.has(key) || !/[\u3040-\u30ff\u4e00-\u9fff]/.test(ja)) return;
    seen.add(key);
    out.push({ ja, en });
  };
  for (const m of src.matchAll(new RegExp(`ja:\\s*${LITERAL},\\s*en:\\s*${LITERAL}`, 'g'))) add(strip(m[1]!), strip(m[2]!));
  for (const m of src.matchAll(new RegExp(`\\(\\s*(?:\\[[^\\]]*\\]|[\\w.]+),\\s*${LITERAL},\\s*${LITERAL}`, 'g'))) add(strip(m[1]!), strip(m[2]!));
  return out;
}

let testTexts: string[] | undefined;
/**
 * Where a message is checked: a case above whose output shows it (this test compares every
 * case's output with this file), else a test file that contains its longest fixed part, or —.
 */
function testedIn(en: string, ja: string): string {
  const fragment = (s: string): string => s.split('…').map((x) => x.trim()).sort((a, b) => b.length - a.length)[0] ?? '';
  // The whole template, with each … standing for some text, on one line of a case's output.
  const template = new RegExp(en.split('…').map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+?'));
  for (const [id, r] of results) if (r.en.split('\n').some((line) => template.test(line))) return `errors.test.ts \`${id}\``;
  testTexts ??= [...walkAll(join(ROOT, 'test'))].filter((f) => !f.endsWith('errors.test.ts')).map((f) => `${relative(ROOT, f)}\n${readFileSync(f, 'utf8')}`);
  for (const frag of [fragment(en), fragment(ja)]) {
    if (frag.length < 8) continue;
    const hit = testTexts.find((t) => t.includes(frag));
    if (hit) return hit.slice(0, hit.indexOf('\n'));
  }
  return '—';
}

function* walkAll(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) yield* walkAll(join(dir, e.name));
    else if (/\.(ts|txt|json|md|csv|yaml)$/.test(e.name)) yield join(dir, e.name);
  }
}

function cell(s: string): string {
  return s
    .trimEnd()
    .replace(/\|/g, '\\|')
    .split('\n')
    .map((l) => l.replace(/^ {2}/, '').replace(/`/g, "'"))
    .map((l) => (l ? `\`${l}\`` : l))
    .join('<br>');
}

function position(en: string): string {
  if (/^\s*(\S.*?):\d+:\d+: /m.test(en)) return 'file:line:col';
  if (!en.startsWith('kouiki:') && /^[^\s:]+: /.test(en)) return 'file';
  return '—';
}

function renderDoc(): string {
  const out: string[] = [];
  out.push('# Errors kouiki reports');
  out.push('');
  out.push('Every user error kouiki can report, as it prints it in English and Japanese, where in the');
  out.push('code it comes from, whether it names a position, and the test that triggers it. All of them');
  out.push('exit 2 and print no stack trace (`KOUIKI_DEBUG=1` adds one). An unexpected internal error');
  out.push('also exits 2, with one line asking for a report (`kouiki: internal error; please report it');
  out.push('with the command that caused it: …`).');
  out.push('');
  out.push('This file is generated: `test/unit/errors.test.ts` runs every case below and fails when the');
  out.push('text here differs from what kouiki prints, or when a `new UserError(` in `src/` has no case.');
  out.push('After changing a message or adding an error: add or adjust the case, then `npm run docs`.');
  out.push('');
  out.push('Positions: `file:line:col` (1-based; columns count UTF-16 code units), `file` (the file as a');
  out.push('whole), or — (a problem of the command line).');
  out.push('');
  out.push('## User errors (exit 2)');
  out.push('');
  out.push('| case | what the user did | message (en) | message (ja) | where | position |');
  out.push('|---|---|---|---|---|---|');
  for (const c of CASES) {
    const r = results.get(c.id);
    if (!r) {
      out.push(`| \`${c.id}\` | ${cell(c.cmd)} | (needs a non-root user to trigger) | | | |`);
      continue;
    }
    const where = r.site ? `${r.site.replace(/:\d+$/, '')}${r.fn && !/^<anonymous>$/.test(r.fn) ? ` \`${r.fn}\`` : ''}` : '';
    out.push(`| \`${c.id}\` | ${cell(c.cmd)} | ${cell(r.en)} | ${cell(r.ja)} | ${where} | ${position(r.en)} |`);
  }
  out.push('');
  out.push('Each row is the case of the same name in `test/unit/errors.test.ts`.');
  out.push('');
  out.push('## Command-line errors (commander, exit 2)');
  out.push('');
  out.push('| case | what the user did | message (en) | message (ja) |');
  out.push('|---|---|---|---|');
  for (const c of COMMANDER_CASES) {
    const r = results.get(c.id);
    if (r) out.push(`| \`${c.id}\` | ${cell(c.cmd)} | ${cell(r.en)} | ${cell(r.ja)} |`);
  }
  out.push('');
  out.push('## Sites no input reaches');
  out.push('');
  for (const u of UNREACHABLE) out.push(`- ${u.where}: ${u.why}.`);
  out.push('');
  out.push('## Problems listed under an error');
  out.push('');
  out.push('Errors about a file\'s content (the YAML, its shape, a rule pack, municipality data, rule');
  out.push('pack tests) list every problem found, each on its own line with `file:line:col` (at most 50');
  out.push('for a schema, 20 for YAML syntax; the first line then says how many there were). The');
  out.push('messages of these lines, as written in the code (`…` stands for a value filled in), and a');
  out.push('test that checks each (a test file that contains the message):');
  out.push('');
  for (const [title, files] of DETAIL_FAMILIES) {
    out.push(`### ${title}`);
    out.push('');
    out.push('| message (en) | message (ja) | from | tested in |');
    out.push('|---|---|---|---|');
    for (const f of files) for (const m of extractMessages(f)) out.push(`| ${cell(m.en)} | ${cell(m.ja)} | ${f} | ${testedIn(m.en, m.ja)} |`);
    out.push('');
  }
  out.push('### YAML syntax (the yaml library\'s message in English; in Japanese by error code)');
  out.push('');
  out.push('| code | message (ja) |');
  out.push('|---|---|');
  for (const [code, ja] of Object.entries(YAML_CODES_JA)) out.push(`| \`${code}\` | ${ja} |`);
  out.push('');
  return `${out.join('\n')}\n`;
}
