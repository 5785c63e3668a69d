import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatPosition } from '../../src/errors.js';
import { defaultRulesDir } from '../../src/io/paths.js';
import { loadPackDir } from '../../src/rules-tools/load.js';
import { packDesignations } from '../../src/pack/model.js';
import { defaultPack } from '../helpers/engine.js';

function problemsAfter(edit: (text: string) => string): string[] {
  const dir = join(mkdtempSync(join(tmpdir(), 'kouiki-desig-')), 'rules');
  cpSync(defaultRulesDir(), dir, { recursive: true });
  // The edit applies to the designation file that holds the text (one file per designation).
  let edited = 0;
  for (const name of readdirSync(join(dir, 'designations'))) {
    const file = join(dir, 'designations', name);
    const before = readFileSync(file, 'utf8');
    const after = edit(before);
    if (after !== before) edited++;
    writeFileSync(file, after);
  }
  expect(edited).toBe(1);
  try {
    return loadPackDir(dir, { collectProblems: true }).problems.map((p) => `${p.position ? formatPosition(p.position) : ''}: ${p.message.en}`);
  } catch (err) {
    return (err as { details: { position?: Parameters<typeof formatPosition>[0]; message: { en: string } }[] }).details.map((p) => `${p.position ? formatPosition(p.position) : ''}: ${p.message.en}`);
  }
}

describe('rules/designations/ is validated and cross-checked', () => {
  it('the default pack has the six designations of the contract', () => {
    expect(packDesignations(defaultPack().data).map((d) => d.id)).toEqual([
      'designated-city', 'core-city', 'cooperation-central-city', 'settlement-central-city', 'cooperation-partner', 'settlement-partner',
    ]);
    expect(defaultPack().data.manifest.settings?.tolerance).toBe(0.02);
  });
  it('an exception that replaces a criterion that does not exist', () => {
    const p = problemsAfter((t) => t.replace('replaces: [day-night-ratio]', 'replaces: [day-night-ratio, ratio]'));
    expect(p.join('\n')).toMatch(/designations\/settlement-central-city\.yaml:\d+:\d+: replaces names no criterion "ratio"/);
  });
  it('a citation of an undeclared source', () => {
    const p = problemsAfter((t) => t.replace('ref: { source: chigasaki-chukaku, section: 中核市指定要件の変遷 }\n    note:', 'ref: { source: "004", section: 中核市指定要件の変遷 }\n    note:'));
    expect(p.join('\n')).toMatch(/designations\/core-city\.yaml:\d+:\d+: source "004" is not declared/);
  });
  it('a compare test without a threshold, and a misspelt key', () => {
    const p = problemsAfter((t) => t.replace('    test: compare\n    figure: dayNightRatio\n    op: ">="\n    approx: tolerance', '    test: compare\n    figure: dayNightRatio\n    op: ">="\n    approx: tolerance\n    treshold: 1'));
    expect(p.join('\n')).toMatch(/designations\/cooperation-central-city\.yaml:\d+:\d+: unknown key "treshold" \(did you mean "threshold"\?\)/);
  });
  it('a threshold value of the wrong type', () => {
    const p = problemsAfter((t) => t.replace('2015-04-01:\n          value: 200000', '2015-04-01:\n          value: "200000"'));
    expect(p.join('\n')).toMatch(/designations\/core-city\.yaml:\d+:\d+: the value must be a number/);
  });
});
