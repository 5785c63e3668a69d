import { describe, expect, it } from 'vitest';
import type { ProblemDetail } from '../../src/errors.js';
import { UserError } from '../../src/errors.js';
import { contradictions, DAY_NIGHT_BAND, MAX_PEOPLE } from '../../src/schemas/municipality-plausibility.js';
import { buildIndex } from '../../src/io/municipal-base.js';
import { embeddedBase, parseDataText } from '../../src/io/municipalities.js';

/**
 * A municipality data file that contradicts itself or the data beneath it (issue 15 item 3):
 * an error at the figure (file:line:col, exit 2); a name the code list does not know: a warning
 * with the closest names, an error with --strict, nothing with `new: true`.
 */

const load = (text: string, opts: { strict?: boolean } = {}) => {
  const warnings: ProblemDetail[] = [];
  const index = buildIndex(embeddedBase(), [parseDataText(text, 'd.yaml')], { ...opts, warnings });
  return { index, warnings };
};
const errorOf = (fn: () => unknown): UserError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('no error');
};

describe('figures that cannot be true together', () => {
  it('a count to one place above the workers-and-students total is an error at that count (a share of 1.2 is never shown as "meets")', () => {
    const e = errorOf(() => load('version: 1\nmunicipalities:\n  - name: 岩美町\n    workersAndStudents: 5000\n    commuting:\n      to: { 鳥取市: 6000 }\n'));
    expect(e.details[0]).toMatchObject({ position: { file: 'd.yaml', line: 6, column: 18 } });
    expect(e.details[0]!.message.en).toMatch(/commuting\.to\.鳥取市 \(6,000\) is more than workersAndStudents \(5,000\): a part cannot exceed its whole/);
  });
  it('the sum of the counts above the total; toMetroCores above it; workers above the population', () => {
    expect(contradictions({ workersAndStudents: 100, to: { a: 60, b: 60 } }).map((c) => c.paths[0]!.join('.'))).toEqual(['commuting.to']);
    expect(contradictions({ workersAndStudents: 100, toMetroCores: 101 })[0]!.paths[0]).toEqual(['commuting', 'toMetroCores']);
    expect(contradictions({ population: 100, workersAndStudents: 101 })[0]!.paths[0]).toEqual(['workersAndStudents']);
    expect(contradictions({ commuteShareTo: { a: 0.6, b: 0.5 } })[0]!.paths[0]).toEqual(['commuteShareTo']);
  });
  it(`more people than ${MAX_PEOPLE.toLocaleString('en')} (a population of 10^12) is an error`, () => {
    const e = errorOf(() => load('municipalities:\n  - name: 鳥取市\n    population: 1000000000000\n'));
    expect(e.details[0]!.position).toMatchObject({ line: 3 });
    expect(e.details[0]!.message.en).toMatch(/too many people/);
  });
  it(`a day/night ratio outside ${DAY_NIGHT_BAND.join(' to ')} is an error that says how to write it; a bare number above the band is the census's percentage`, () => {
    const e = errorOf(() => load('municipalities:\n  - name: 倉敷市\n    dayNightRatio: 0.1\n'));
    expect(e.details[0]!.position).toMatchObject({ line: 3 });
    expect(e.details[0]!.message.en).toMatch(/98\.96% is 0\.9896/);
    // 98.96 as the census prints it (a percentage) reads as 0.9896; above 2,500 % nothing reads.
    expect(load('municipalities:\n  - name: 倉敷市\n    dayNightRatio: 98.96\n').index.resolve('倉敷市')).toMatchObject({ ok: true, municipality: { dayNightRatio: { value: 0.9896 } } });
    expect(contradictions({ population: 66680, daytimePopulation: 1169399 })).toEqual([]); // 千代田区 2020: 17.54
    expect(contradictions({ population: 0, daytimePopulation: 1226 })).toEqual([]); // 双葉町 2020: no residents
  });
  it('across layers: a --data count above the total of the data beneath is blamed on the --data figure', () => {
    const base = load('municipalities:\n  - name: 岩美町\n    workersAndStudents: 5682\n    source: test\n');
    const more = parseDataText('municipalities:\n  - name: 岩美町\n    commuting:\n      to: { 鳥取市: 9999 }\n', 'more.yaml');
    const problems = base.index.applyLayer(more);
    expect(problems[0]).toMatchObject({ position: { file: 'more.yaml', line: 4 } });
    expect(problems[0]!.message.en).toMatch(/workersAndStudents comes from the data beneath/);
  });
});

describe('a record\'s name against the code list', () => {
  it('a misspelt name (鶴ケ島市, 鳥取) is a warning with the closest names, at the name', () => {
    const { warnings } = load('municipalities:\n  - name: 鶴ケ島市\n    population: 70000\n  - name: 鳥取\n    population: 188000\n');
    expect(warnings.map((w) => [w.position?.line, w.message.en])).toEqual([
      [2, expect.stringMatching(/"鶴ケ島市" is not in the code list of municipalities \(closest: 鶴ヶ島市/)],
      [4, expect.stringMatching(/"鳥取" is not in the code list .*closest: 鳥取市/)],
    ]);
  });
  it('--strict makes it an error (exit 2)', () => {
    const e = errorOf(() => load('municipalities:\n  - name: 鶴ケ島市\n    population: 70000\n', { strict: true }));
    expect(e.details[0]!.position).toMatchObject({ line: 2 });
  });
  it('new: true is a what-if municipality: no warning; new: true on a real name is an error', () => {
    expect(load('municipalities:\n  - name: 県西市\n    new: true\n    population: 229697\n').warnings).toEqual([]);
    const e = errorOf(() => load('municipalities:\n  - name: 小田原市\n    new: true\n'));
    expect(e.details[0]!.message.en).toMatch(/小田原市 is a municipality of the code list/);
  });
});
