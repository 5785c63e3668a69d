import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { buildIndex } from '../../src/io/municipal-base.js';
import { parseDataText } from '../../src/io/municipalities.js';
import { METRO_AREAS, type MunicipalityRecord } from '../../src/schemas/municipalities.js';
import { MUNICIPALITY_KINDS } from '../../src/schemas/kinds.js';
import { EMPTY_BASE } from '../helpers/eligibility.js';

/** The municipality data parser: valid files read back exactly; bad ones fail with a position. */

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
/**
 * A valid record: figures that can be true together (a part never above its whole, a day/night
 * ratio within its plausible band, no more people than MAX_PEOPLE; plausibility.ts).
 */
const recordArb = (name: string): fc.Arbitrary<MunicipalityRecord> =>
  fc
    .record({
      population: fc.integer({ min: 100, max: 5_000_000 }),
      ratio: fc.double({ min: 0.2, max: 25, noNaN: true }),
      work: fc.double({ min: 0, max: 1, noNaN: true }),
      core: fc.double({ min: 0, max: 1, noNaN: true }),
      flows: fc.dictionary(fc.constantFrom('丙町', '丁村'), fc.double({ min: 0, max: 0.5, noNaN: true })),
      shares: fc.dictionary(fc.constantFrom('丙町', '丁村'), fc.double({ min: 0, max: 0.5, noNaN: true })),
    })
    .chain((g) => {
      const workers = Math.floor(g.population * g.work);
      const daytime = Math.min(Math.ceil(g.population * g.ratio), Math.floor(g.population * 25), 20_000_000);
      return fc.record(
        {
          name: fc.constant(name),
          prefecture: fc.constantFrom('甲県', '乙県'),
          new: fc.constant(true as const),
          kind: fc.constantFrom(...MUNICIPALITY_KINDS),
          population: fc.constant(g.population),
          daytimePopulation: fc.constant(daytime),
          dayNightRatio: fc.constant(g.ratio),
          metroArea: fc.constantFrom(...METRO_AREAS),
          workersAndStudents: fc.constant(workers),
          commuting: fc.record(
            {
              toMetroCores: opt(fc.constant(Math.floor(workers * g.core))),
              to: opt(fc.constant(Object.fromEntries(Object.entries(g.flows).map(([k, v]) => [k, Math.floor(workers * v)])))),
            },
            { requiredKeys: [] },
          ),
          metroCoreCommuteShare: fc.double({ min: 0, max: 1, noNaN: true }),
          commuteShareTo: fc.constant(g.shares),
          source: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''),
        },
        { requiredKeys: ['name'] },
      );
    });

const clean = <T>(o: T): T => JSON.parse(JSON.stringify(o)) as T;

/** Line (1-based) of the n-th occurrence of `  - name:` in a block-style file. */
function recordLine(text: string, n: number): number {
  const lines = text.split('\n');
  let seen = -1;
  for (let i = 0; i < lines.length; i++) if (/^ {2}- name:/.test(lines[i]!) && ++seen === n) return i + 1;
  throw new Error('record not found');
}

describe('municipality data parser (property)', () => {
  it('reads back every valid file: each figure with the record\'s source; counts win over a ratio given too', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => recordArb(`試験${i}市`)))),
        fc.boolean(),
        (records, flow) => {
          const text = stringify({ version: 1, municipalities: clean(records) }, flow ? { collectionStyle: 'flow' } : {});
          const index = buildIndex(EMPTY_BASE, [parseDataText(text, 'gen.yaml')]);
          for (const rec of records) {
            const r = index.resolve(`${rec.prefecture ?? ''}${rec.name}`);
            expect(r.ok).toBe(true);
            if (!r.ok) return;
            const m = r.municipality;
            const src = rec.source ?? 'gen.yaml';
            expect(m.population).toEqual(rec.population === undefined ? null : { value: rec.population, source: src, layer: 'data' });
            expect(m.kind?.value ?? undefined).toBe(rec.kind);
            expect(m.metroArea?.value ?? undefined).toBe(rec.metroArea);
            expect(m.daytimePopulation?.value ?? undefined).toBe(rec.daytimePopulation);
            expect(m.dayNightRatio?.value ?? undefined).toBe(rec.dayNightRatio === undefined ? undefined : clean(rec.dayNightRatio));
            expect(m.toMetroCores?.value ?? undefined).toBe(rec.commuting?.toMetroCores);
            for (const [k, v] of Object.entries(rec.commuting?.to ?? {})) expect(m.to[k]!.value).toBe(v);
            for (const [k, v] of Object.entries(rec.commuteShareTo ?? {})) expect(m.commuteShareTo[k]!.value).toBe(clean(v));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a value out of range is refused with the line of that record', () => {
    const bad = fc.constantFrom(
      ['population', -1],
      ['population', 1.5],
      ['population', 'many'],
      // A bare day/night ratio up to 25 is a ratio (千代田区 17.54); above 25 it is the census's
      // percentage (98.96 is 98.96%), refused above 2,500%; below 0.2 no municipality has one.
      ['dayNightRatio', 2500.01],
      ['dayNightRatio', '2500.01%'],
      ['dayNightRatio', 0.1],
      ['dayNightRatio', -0.1],
      ['population', 20_000_001],
      ['daytimePopulation', 10],
      ['workersAndStudents', 1001],
      ['metroCoreCommuteShare', 1.01],
      ['workersAndStudents', -5],
      ['metroArea', 'kanto'],
      ['kind', 'metropolis'],
    ) as fc.Arbitrary<[string, unknown]>;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.nat(), bad, (n, k, [key, value]) => {
        const at = k % n;
        const records = Array.from({ length: n }, (_, i) => ({ name: `試験${i}市`, population: 1000, ...(i === at ? { [key]: value } : {}) }));
        const text = stringify({ municipalities: records });
        let error: unknown;
        try {
          parseDataText(text, 'bad.yaml');
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(UserError);
        const details = (error as UserError).details;
        expect(details.length).toBeGreaterThan(0);
        const start = recordLine(text, at);
        const end = at + 1 < n ? recordLine(text, at + 1) : Number.POSITIVE_INFINITY;
        expect(details[0]!.position!.file).toBe('bad.yaml');
        expect(details[0]!.position!.line).toBeGreaterThanOrEqual(start);
        expect(details[0]!.position!.line).toBeLessThan(end);
        expect(details[0]!.message.en).toContain(key);
      }),
      { numRuns: 150 },
    );
  });

  it('the same municipality twice in one file is refused at the second one, naming the first line', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.nat(), fc.nat(), (n, a, b) => {
        const first = a % n;
        let second = b % n;
        if (second === first) second = (first + 1) % n;
        const [lo, hi] = first < second ? [first, second] : [second, first];
        const records = Array.from({ length: n }, (_, i) => ({ name: i === hi ? `試験${lo}市` : `試験${i}市`, population: i }));
        const text = stringify({ municipalities: records });
        let error: unknown;
        try {
          buildIndex(EMPTY_BASE, [parseDataText(text, 'dup.yaml')]);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(UserError);
        const d = (error as UserError).details[0]!;
        expect(d.position!.line).toBe(recordLine(text, hi));
        expect(d.message.en).toContain(`also at line ${recordLine(text, lo)}`);
      }),
      { numRuns: 100 },
    );
  });

  it('never throws anything but a UserError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        try {
          buildIndex(EMPTY_BASE, [parseDataText(text, 'x.yaml')]);
        } catch (e) {
          expect(e).toBeInstanceOf(UserError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
