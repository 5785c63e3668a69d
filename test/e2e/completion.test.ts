// `kouiki completion bash|zsh|fish` (issue 18): each script is run by its shell. bash: the
// completion function is called as bash's programmable completion calls it (COMP_WORDS,
// COMP_CWORD) and its compgen answers are read back; fish: `complete -C` completes a command
// line with the script loaded; zsh: a syntax check, and the function run with compadd and
// _files stubbed (the completion system itself needs a terminal).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kouiki, ROOT } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'kouiki-completion-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(shell: string): string {
  const r = kouiki(['completion', shell]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const file = join(dir, `kouiki.${shell}`);
  writeFileSync(file, r.stdout);
  return file;
}

const has = (shell: string): boolean => spawnSync(shell, ['-c', 'exit 0']).status === 0;

describe('bash', () => {
  const file = script('bash');
  /** What bash offers for the words typed so far (the last one is being completed). */
  const complete = (...words: string[]): string[] => {
    const body = `source ${JSON.stringify(file)}\nCOMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(' ')})\nCOMP_CWORD=${words.length - 1}\n_kouiki\nprintf '%s\\n' "\${COMPREPLY[@]}"\n`;
    return execFileSync('bash', ['-c', body], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8' } })
      .split('\n')
      .filter((l) => l !== '');
  };

  it('is valid bash and registers itself for kouiki', () => {
    expect(execFileSync('bash', ['-n', file]).toString()).toBe('');
    expect(execFileSync('bash', ['-c', `source ${JSON.stringify(file)}; complete -p kouiki`], { encoding: 'utf8' })).toContain('complete -F _kouiki kouiki');
  });

  it('completes the commands (from the program, the new ones included) and a group\'s subcommands', () => {
    expect(complete('kouiki', '')).toEqual(expect.arrayContaining(['recommend', 'evaluate', 'check', 'eligibility', 'instruments', 'explain', 'rules', 'schema', 'wizard', 'completion', 'help']));
    expect(complete('kouiki', 'ch')).toEqual(['check']);
    expect(complete('kouiki', 'rules', '')).toEqual(['validate', 'test', 'outdated', 'doc']);
    expect(complete('kouiki', 'help', 'ev')).toEqual(['evaluate']);
  });

  it("completes each command's options, those that come from the rule pack included", () => {
    expect(complete('kouiki', 'check', '--max')).toEqual(['--max-warnings', '--max-input-size']);
    expect(complete('kouiki', 'recommend', '--retain')).toEqual(['--retain-authority']);
    expect(complete('kouiki', 'rules', 'test', '--fil')).toEqual(['--filter']);
  });

  it('completes ids: formats, instruments, categories, designations, schema kinds, shells', () => {
    expect(complete('kouiki', 'check', '-f', '')).toEqual(['stylish', 'json', 'sarif', 'junit', 'github', 'markdown', 'html', 'xlsx']);
    expect(complete('kouiki', '--lang', 'en', 'check', '--format', 'sa')).toEqual(['sarif']);
    expect(complete('kouiki', 'instruments', 'con')).toEqual(['consignment']);
    expect(complete('kouiki', 'recommend', '--category', 'w')).toEqual(['wide-area-issue']);
    expect(complete('kouiki', 'eligibility', '小田原市', '--designation', 'core')).toEqual(['core-city']);
    expect(complete('kouiki', 'schema', 'r')).toEqual(['rules', 'rule-tests']);
    expect(complete('kouiki', 'completion', '')).toEqual(['bash', 'zsh', 'fish']);
  });

  it('completes municipality names from the data, and paths where a command reads files', () => {
    expect(complete('kouiki', 'eligibility', '小田原')).toEqual(['小田原市']);
    expect(complete('kouiki', 'eligibility', '小田原市', '--merge', '南足')).toEqual(['南足柄市']);
    expect(complete('kouiki', 'explain', '南足')).toEqual(['南足柄市']);
    expect(complete('kouiki', 'evaluate', 'examples/kensei-t')).toEqual(['examples/kensei-tasks.yaml']);
    expect(complete('kouiki', 'check', '--config', 'test/fixtures/check/cfg-s')).toEqual(['test/fixtures/check/cfg-strict']);
  });

  it('a --data file adds its names', () => {
    const data = join(dir, 'extra.yaml');
    writeFileSync(data, 'version: 1\nmunicipalities:\n  - { name: 架空テスト市, prefecture: 甲県, kind: city, population: 1 }\n');
    const withData = join(dir, 'with-data.bash');
    writeFileSync(withData, kouiki(['completion', 'bash', '--data', data]).stdout);
    const body = `source ${JSON.stringify(withData)}\nCOMP_WORDS=(kouiki eligibility 架空)\nCOMP_CWORD=2\n_kouiki\nprintf '%s\\n' "\${COMPREPLY[@]}"\n`;
    expect(execFileSync('bash', ['-c', body], { encoding: 'utf8' }).trim()).toBe('架空テスト市');
  });
});

describe.runIf(has('fish'))('fish', () => {
  const file = script('fish');
  const complete = (line: string): string[] =>
    execFileSync('fish', ['-c', `source ${file}; complete -C ${JSON.stringify(line)}`], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8', HOME: dir } })
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.split('\t')[0]!);

  it('is valid fish', () => {
    expect(spawnSync('fish', ['-n', file]).status).toBe(0);
  });

  it('completes commands, options, ids and names', () => {
    expect(complete('kouiki ch')).toEqual(['check']);
    expect(complete('kouiki check --max-w')).toEqual(['--max-warnings']);
    expect(complete('kouiki check -f s').sort()).toEqual(['sarif', 'stylish']);
    expect(complete('kouiki instruments con')).toEqual(['consignment']);
    expect(complete('kouiki eligibility 小田原')).toEqual(['小田原市']);
    expect(complete('kouiki rules t')).toEqual(['test']);
  });
});

describe.runIf(has('zsh'))('zsh', () => {
  const file = script('zsh');
  /** _kouiki with compadd printing its candidates (zsh itself filters them by the prefix). */
  const offered = (...words: string[]): string[] => {
    const body = `compadd() { [[ $1 == -- ]] && shift; print -l -- "$@"; }\n_files() { print -- "<files $*>"; }\nsource ${JSON.stringify(file)}\nwords=(${words.map((w) => JSON.stringify(w)).join(' ')})\nCURRENT=${words.length}\n_kouiki\n`;
    return execFileSync('zsh', ['-f', '-c', body], { encoding: 'utf8' }).split('\n').filter((l) => l !== '');
  };

  it('is valid zsh', () => {
    expect(spawnSync('zsh', ['-n', file]).status).toBe(0);
  });

  it('offers commands, options, ids, names and files', () => {
    expect(offered('kouiki', '')).toEqual(expect.arrayContaining(['check', 'completion', 'help']));
    expect(offered('kouiki', 'rules', '')).toEqual(['validate', 'test', 'outdated', 'doc']);
    expect(offered('kouiki', '--lang', 'en', 'check', '-f', '')).toEqual(['stylish', 'json', 'sarif', 'junit', 'github', 'markdown', 'html', 'xlsx']);
    expect(offered('kouiki', 'check', '--')).toContain('--max-warnings');
    expect(offered('kouiki', 'instruments', '')).toContain('consignment');
    expect(offered('kouiki', 'eligibility', '')).toContain('小田原市');
    expect(offered('kouiki', 'evaluate', '')).toEqual(['<files >']);
    expect(offered('kouiki', 'check', '--rules', '')).toEqual(['<files -/>']);
  });
});
