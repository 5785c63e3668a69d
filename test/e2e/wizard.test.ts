import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { kouiki, ROOT } from '../helpers/cli.js';

const AS_OF = ['--as-of', '2026-11-23'];
const dir = mkdtempSync(join(tmpdir(), 'kouiki-wizard-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

// Without a terminal (the runner's stdin is a pipe) the wizard never prompts.
describe('kouiki wizard without a terminal (built binary)', () => {
  it('exits 2 and names every missing answer with its flag and YAML key', () => {
    const none = kouiki(['wizard', '--lang', 'en']);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toBe(
      [
        'kouiki: not on a terminal (or CI=true), so the wizard cannot ask; required answers are missing',
        "  the task's name: --name NAME (YAML: name)",
        "  the task's category: --category ID (YAML: category), or words in --name / --description (YAML: name / description) it can be inferred from",
        '  fix: give them as flags or in --answers FILE, or run kouiki wizard in a terminal',
        '',
      ].join('\n'),
    );
    // A name it cannot infer a category from: only the category is missing.
    const vague = kouiki(['wizard', '--lang', 'ja', '--name', '共同事業']);
    expect(vague.code).toBe(2);
    expect(vague.stderr).toContain('課題の分類: --category ID（YAML: category）');
    expect(vague.stderr).not.toContain('課題の名称');
    // A description it can infer from is enough.
    const inferred = kouiki(['wizard', '--lang', 'en', '--name', '共同事業', '--description', 'ごみ処理施設の共同運営', ...AS_OF, '-f', 'json']);
    expect(inferred.code).toBe(0);
    expect(JSON.parse(inferred.stdout).results[0].category).toMatchObject({ id: 'essential-service', inferred: true });
  });

  it('--answers gives the result evaluate gives for the same file, and --save writes a file evaluate reads to the same JSON', () => {
    const answers = write(
      'answers.yaml',
      'version: 1\ntasks:\n  - id: board\n    name: 介護認定審査会\n    facts: { mode: joint-organ, capacityGap: true, frequency: rare, crossPrefecture: null }\n',
    );
    const saved = join(dir, 'saved.yaml');
    const own = join(dir, 'own.json');
    const w = kouiki(['wizard', '--answers', answers, '--save', saved, ...AS_OF, '--lang', 'ja', '-f', 'json', '-f', `json:${own}`]);
    expect(w.code).toBe(0);
    expect(w.stderr).toContain(`kouiki wizard: 保存しました: ${saved}`);
    const evaluated = kouiki(['evaluate', answers, ...AS_OF, '--lang', 'ja', '-f', 'json']);
    expect(w.stdout).toBe(evaluated.stdout);
    expect(readFileSync(own, 'utf8')).toBe(evaluated.stdout);
    const again = kouiki(['evaluate', saved, ...AS_OF, '--lang', 'ja', '-f', 'json']);
    expect(again.stdout).toBe(evaluated.stdout);
    // The saved file: the schema line (the schema's stable $id, as `kouiki schema --list` gives
    // it), then a task list the schema with that $id accepts.
    const text = readFileSync(saved, 'utf8');
    const first = text.split('\n')[0]!;
    const ref = /^# yaml-language-server: \$schema=(\S+)$/.exec(first)?.[1];
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'tasks.schema.json'), 'utf8'));
    expect(ref).toBe(schema.$id);
    expect(kouiki(['schema', '--list']).stdout).toContain(`tasks\t${ref}\t`);
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate(parse(text))).toBe(true);
    expect(text).toContain('id: board');
    // --answers - reads the task list from stdin.
    const piped = kouiki(['wizard', '--answers', '-', ...AS_OF, '--lang', 'ja', '-f', 'json'], { input: readFileSync(answers, 'utf8') });
    expect(piped.stdout).toBe(evaluated.stdout);
    expect(text).toContain('crossPrefecture: null # わからない');
  });

  it('applies the skips of the pack: implied answers are reported and saved, so evaluate of the saved file agrees', () => {
    const saved = join(dir, 'implied.yaml');
    const w = kouiki(['wizard', '--name', '鳥獣被害対策', '--mode', 'coordination', '--party', '小田原市:transitional-special-city', '--party', '箱根町:town', '--save', saved, ...AS_OF, '--lang', 'en', '-f', 'json']);
    expect(w.code).toBe(0);
    expect(w.stderr).toContain('kouiki wizard: Needs its own legal entity (needsLegalEntity) = no (coordination alone needs no body');
    expect(w.stderr).toContain("kouiki wizard: Takes on the state's or a prefecture's affairs (stateDelegation) = no");
    const text = readFileSync(saved, 'utf8');
    expect(text).toContain('needsLegalEntity: false # implied: coordination alone needs no body with its own budget, assembly and staff');
    expect(text).toContain('- { name: 小田原市, kind: transitional-special-city, prefecture: 神奈川県 }');
    expect(text).not.toMatch(/^\s+category:/m); // inferred, not stated: inferred again by evaluate
    const evaluated = kouiki(['evaluate', saved, ...AS_OF, '--lang', 'en', '-f', 'json']);
    expect(w.stdout).toBe(evaluated.stdout);
    expect(JSON.parse(w.stdout).results[0].category).toMatchObject({ id: 'wide-area-issue', inferred: true });
    // -q keeps stderr quiet; the default output is recommend's table.
    const q = kouiki(['wizard', '--name', '鳥獣被害対策', '--mode', 'coordination', ...AS_OF, '--lang', 'en', '-q']);
    expect(q.stderr).toBe('');
    expect(q.stdout).toMatch(/^■ 鳥獣被害対策 \(1\)\nCategory: Wide-area issues \(wide-area-issue\) — inferred: 鳥獣被害 \(name\) → Wildlife damage control \[the 県西地域 draft \(\n小田原市・南足柄市\) 5\(2\)イ\(ア\)\]\n┌/);
  });

  it('refuses an answers file of several tasks and a --save it could not write, before doing anything', () => {
    const two = write('two.yaml', 'tasks:\n  - name: a\n  - name: b\n');
    const r = kouiki(['wizard', '--answers', two, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--answers: the file holds 2 tasks; the wizard takes one');
    const nowhere = join(dir, 'missing-dir', 'x.yaml');
    const s = kouiki(['wizard', '--name', '鳥獣被害対策', '--save', nowhere, '--lang', 'en']);
    expect(s.code).toBe(2);
    expect(s.stdout).toBe('');
    expect(s.stderr).toContain('the directory does not exist');
    expect(existsSync(dirname(nowhere))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('takes every fact flag of recommend (one flag per fact of the pack), and --answers/--save instead of --task', () => {
    const options = (cmd: string): string[] =>
      kouiki([cmd, '--help', '--lang', 'en'])
        .stdout.split('\n')
        .map((l) => /^\s{2}(-[-\w]+(?:, --[-\w]+)?)/.exec(l)?.[1])
        .filter((x): x is string => x !== undefined);
    const rec = options('recommend');
    const wiz = options('wizard');
    expect(wiz.filter((o) => !['--answers', '--save'].includes(o))).toEqual(rec.filter((o) => o !== '--task'));
    for (const fact of ['--party', '--mode', '--needs-legal-entity', '--no-needs-legal-entity', '--multiple-affairs', '--beyond-municipal-effort']) expect(wiz).toContain(fact);
  });
});

describe('start-up cost', () => {
  // The prompt library is a bundle of its own (dist/prompts.cjs), required only by the wizard's
  // terminal prompter (src/cli/wizard/prompts.ts), and only on a terminal.
  it('@inquirer/prompts is in dist/prompts.cjs, not in the CLI bundle, and is required from one place', () => {
    const cli = readFileSync(join(ROOT, 'dist', 'kouiki.cjs'), 'utf8');
    const prompts = readFileSync(join(ROOT, 'dist', 'prompts.cjs'), 'utf8');
    expect(prompts).toContain('User force closed the prompt');
    expect(cli).not.toContain('User force closed the prompt');
    expect(cli.match(/require\("\.\/prompts\.cjs"\)/g)).toHaveLength(1);
  });

  it('no command but the wizard on a terminal loads the prompt library (the modules a run loaded, seen from a preload)', () => {
    const hook = write('loaded.cjs', "process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(Object.keys(require.cache)) + '\\n'));\n");
    const runs = [
      ['recommend', '--category', 'wide-area-issue', '--format', 'json'],
      ['check', 'examples/drafts/'],
      ['evaluate', 'examples/kensei-tasks.yaml'],
      ['wizard', '--answers', write('answers.yaml', 'tasks:\n  - name: 消防の共同運営\n    category: essential-service\n')],
    ];
    for (const args of runs) {
      const r = kouiki(args, { env: { NODE_OPTIONS: `--require ${hook}` } });
      const line = r.stderr.split('\n').find((l) => l.startsWith('LOADED '));
      expect(line, args.join(' ')).toBeDefined();
      const loaded = JSON.parse(line!.slice('LOADED '.length)) as string[];
      expect(loaded.some((f) => f.endsWith('prompts.cjs')), args.join(' ')).toBe(false);
      // The HTML report and the workbook (exceljs) are bundles of their own, read only for their format.
      expect(loaded.filter((f) => /report-(html|xlsx)\.cjs$/.test(f)), args.join(' ')).toEqual([]);
    }
    const out = mkdtempSync(join(tmpdir(), 'kouiki-loaded-'));
    try {
      for (const [format, bundle] of [
        ['html', 'report-html.cjs'],
        ['xlsx', 'report-xlsx.cjs'],
      ] as const) {
        const r = kouiki(['evaluate', 'examples/kensei-tasks.yaml', '-f', `${format}:${join(out, `r.${format}`)}`], { env: { NODE_OPTIONS: `--require ${hook}` } });
        const loaded = JSON.parse(r.stderr.split('\n').find((l) => l.startsWith('LOADED '))!.slice('LOADED '.length)) as string[];
        expect(loaded.filter((f) => /(prompts|report-html|report-xlsx)\.cjs$/.test(f)).map((f) => f.split('/').pop())).toEqual([bundle]);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
