import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { kouiki } from '../helpers/cli.js';

describe('kouiki schema', () => {
  it('prints a draft-07 JSON Schema for task lists that accepts the example and rejects a typo', () => {
    const r = kouiki(['schema', 'tasks']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate(parse(readFileSync('examples/kensei-tasks.yaml', 'utf8')))).toBe(true);
    expect(validate({ tasks: [{ name: 'x', facts: { legalEntity: true } }] })).toBe(false);
    expect(validate({ tasks: [{ name: 'x', category: 'wide-area' }] })).toBe(false);
  });

  it('the committed schemas/ files are what the CLI prints, one per kind (editors read them)', () => {
    for (const kind of ['tasks', 'draft', 'config', 'municipalities', 'rules', 'rule-tests']) {
      expect(readFileSync(`schemas/${kind}.schema.json`, 'utf8'), kind).toBe(kouiki(['schema', kind]).stdout);
    }
  });

  it('an unknown kind gets a suggestion and exit 2', () => {
    const r = kouiki(['schema', 'task', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/did you mean "tasks"/);
  });
});
