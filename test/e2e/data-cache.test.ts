import { mkdtempSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prefectureOdYaml } from '../../bench/sphere.mjs';
import { kouiki } from '../helpers/cli.js';

// A large --data file (an imported origin–destination table) is read from its compiled form on
// the second run (src/io/data-cache.ts): the same output and messages, byte for byte; an edited
// file is read afresh; KOUIKI_NO_CACHE=1 keeps nothing.

const AS_OF = ['--as-of', '2026-11-23'];

function setUp(extra = ''): { dir: string; data: string; env: Record<string, string>; cached: () => string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'kouiki-data-cache-e2e-'));
  const data = join(dir, 'flows.yaml');
  // 220 generated municipalities with 300 flows each: 1.4 MB, above the size that is cached.
  writeFileSync(data, prefectureOdYaml(220, 300) + extra);
  const cache = join(dir, 'cache');
  const cached = (): string[] => {
    const v8 = join(cache, 'kouiki', 'v8');
    if (!existsSync(v8)) return [];
    return readdirSync(v8).flatMap((b) => (existsSync(join(v8, b, 'data')) ? readdirSync(join(v8, b, 'data')) : []));
  };
  return { dir, data, env: { XDG_CACHE_HOME: cache }, cached };
}

describe('compiled --data files (built binary)', () => {
  it('the second run reads the compiled form: the same sphere, eligibility and warnings, byte for byte', () => {
    const { data, env, cached } = setUp();
    const args = ['sphere', 'ベンチ中心市', '--data', data, '-f', 'json', ...AS_OF];
    const first = kouiki(args, { env });
    expect(first.code, first.stderr).toBe(0);
    expect(cached()).toHaveLength(1);
    const second = kouiki(args, { env });
    expect(second.stdout).toBe(first.stdout);
    // The warnings name each unknown municipality at its line and column, from the cache too.
    expect(first.stderr).toMatch(/flows\.yaml:3:11: warning: "ベンチ0町" is not in the code list/);
    expect(second.stderr).toBe(first.stderr);
    const e1 = kouiki(['eligibility', 'ベンチ中心市', '--partners', '--data', data, '-f', 'json', ...AS_OF], { env });
    const e0 = kouiki(['eligibility', 'ベンチ中心市', '--partners', '--data', data, '-f', 'json', ...AS_OF], { env: { ...env, KOUIKI_NO_CACHE: '1' } });
    expect(e1.code).toBe(0);
    expect(e1.stdout).toBe(e0.stdout);
    expect(JSON.parse(first.stdout).municipalities.length).toBeGreaterThan(0);
  });

  it('an edited file is read afresh (its text is the key)', () => {
    const { data, env, cached } = setUp();
    const args = ['sphere', 'ベンチ中心市', '--data', data, '-f', 'json', '--min', '0', ...AS_OF];
    const before = JSON.parse(kouiki(args, { env }).stdout);
    const town = before.municipalities.find((e: { municipality: { name: string } }) => e.municipality.name === 'ベンチ0町');
    const text = prefectureOdYaml(220, 300).replace(`        ベンチ中心市: ${town.commuters.value}\n`, '        ベンチ中心市: 1\n');
    writeFileSync(data, text);
    const after = JSON.parse(kouiki(args, { env }).stdout);
    const edited = after.municipalities.find((e: { municipality: { name: string } }) => e.municipality.name === 'ベンチ0町');
    expect(edited.commuters.value).toBe(1);
    expect(cached()).toHaveLength(2);
  });

  it('a figure that contradicts the data beneath is the same error from the cache, at the same line and column', () => {
    // 鳥取市's workers and students above its embedded 2020 population (188,465).
    const { data, env, cached } = setUp('  - name: 鳥取市\n    workersAndStudents: 200000\n    source: test\n');
    const args = ['sphere', 'ベンチ中心市', '--data', data, '--lang', 'en', ...AS_OF];
    const first = kouiki(args, { env });
    expect(first.code).toBe(2);
    expect(first.stderr).toMatch(/flows\.yaml:\d+:25: workersAndStudents \(200,000\) is more than population \(188,465\)/);
    expect(cached()).toHaveLength(1);
    const second = kouiki(args, { env });
    expect(second.code).toBe(2);
    expect(second.stderr).toBe(first.stderr);
  });

  it('KOUIKI_NO_CACHE=1 and small files keep nothing', () => {
    const { data, env, cached } = setUp();
    expect(kouiki(['sphere', 'ベンチ中心市', '--data', data, ...AS_OF], { env: { ...env, KOUIKI_NO_CACHE: '1' } }).code).toBe(0);
    expect(cached()).toEqual([]);
    expect(kouiki(['sphere', '鳥取市', '--data', 'test/fixtures/estat/tottori-2020.yaml', ...AS_OF], { env }).code).toBe(0);
    expect(cached()).toEqual([]);
  });
});
