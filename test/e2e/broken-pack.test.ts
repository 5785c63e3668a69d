import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kouiki, ROOT } from '../helpers/cli.js';

function copyPack(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'kouiki-pack-')), 'rules');
  cpSync(join(ROOT, 'rules'), dir, { recursive: true });
  return dir;
}

describe('a broken rule pack stops the run with file:line:col and exit 2', () => {
  it('a schema error (a misspelt key)', () => {
    const dir = copyPack();
    const file = join(dir, 'categories', 'wide-area-issue.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('\ninstruments: [cooperation-agreement, council, consignment]', '\ninstrument: [cooperation-agreement, council, consignment]'));
    const r = kouiki(['recommend', '--category', 'wide-area-issue', '--rules', dir, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/categories\/wide-area-issue\.yaml:\d+:1: unknown key "instrument" \(did you mean "instruments"\?\)/);
    expect(r.stderr).toMatch(/categories\/wide-area-issue\.yaml:\d+:\d+: missing required key "instruments"/);
  });

  it('a reference to an instrument that does not exist', () => {
    const dir = copyPack();
    const file = join(dir, 'categories', 'regional-vitality.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('instruments: [cooperation-agreement]', 'instruments: [cooperation-agreemnt]'));
    const r = kouiki(['evaluate', 'examples/kensei-tasks.yaml', '--rules', dir, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/categories\/regional-vitality\.yaml:\d+:\d+: unknown instrument "cooperation-agreemnt"/);
  });

  it('invalid YAML in a pack file', () => {
    const dir = copyPack();
    writeFileSync(join(dir, 'facts.yaml'), 'facts:\n  - id: x\n   type: boolean\n');
    const r = kouiki(['instruments', '--rules', dir, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/facts\.yaml:3:\d+: invalid YAML/);
  });

  it('a pack directory that does not exist', () => {
    const r = kouiki(['instruments', '--rules', '/nonexistent/pack', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no rule pack directory at \/nonexistent\/pack/);
  });
});
