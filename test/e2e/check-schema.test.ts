import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { kouiki } from '../helpers/cli.js';

describe('kouiki schema draft | config', () => {
  it('the committed schemas/ files are what the CLI prints (editors read them)', () => {
    for (const kind of ['draft', 'config']) {
      const r = kouiki(['schema', kind]);
      expect(r.code).toBe(0);
      expect(readFileSync(`schemas/${kind}.schema.json`, 'utf8'), `schemas/${kind}.schema.json is stale: run kouiki schema ${kind} > schemas/${kind}.schema.json`).toBe(r.stdout);
    }
  });

  it('the draft schema accepts the example drafts and rejects an unknown instrument', () => {
    const schema = JSON.parse(readFileSync('schemas/draft.schema.json', 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);
    for (const f of ['examples/drafts/kensei-clean.yaml']) expect(validate(parse(readFileSync(f, 'utf8'))), f).toBe(true);
    expect(validate({ projects: [{ name: 'x', instrument: 'merger', parties: ['小田原市'] }] })).toBe(false);
  });

  it('the config schema knows every rule id and severity', () => {
    const schema = JSON.parse(readFileSync('schemas/config.schema.json', 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate({ rules: { reciprocity: 'off', 'instrument-fit': 'error' }, options: { reciprocity: { maxShare: 0.5 } }, maxWarnings: 0 })).toBe(true);
    expect(validate({ rules: { reciprocty: 'off' } })).toBe(false);
    expect(validate({ rules: { reciprocity: 'warning' } })).toBe(false);
  });
});
