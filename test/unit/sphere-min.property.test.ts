import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFraction } from '../../src/cli/commands/eligibility-input.js';
import { UserError } from '../../src/errors.js';

/**
 * `kouiki sphere CITY --min SHARE` (and the other fraction flags) read their value with
 * parseFraction: a plain decimal from 0 to the flag's maximum, else a user error (exit 2) that
 * says what a fraction is, never another exception.
 */

/** What parseFraction does with a string: its value, or the user error's English message and hint. */
function outcome(v: string, max = 1): { value: number } | { message: string; hint: string } {
  try {
    return { value: parseFraction(v, '--min', max) };
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    const u = e as UserError;
    return { message: u.message, hint: u.hint?.en ?? '' };
  }
}

describe('parseFraction (--min)', () => {
  it('property: every decimal from 0 to 1, written as a user writes it, reads back as that number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom('', ' ', '  '), (n, pad) => {
        const text = (n / 10_000).toString();
        expect(outcome(`${pad}${text}${pad}`)).toEqual({ value: Number(text) });
      }),
      { numRuns: 500 },
    );
  });

  it('property: any string either reads as a number from 0 to max, or is a UserError naming the flag', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^-?[0-9.,%e+]{0,8}$/)), fc.constantFrom(1, 10), (v, max) => {
        const o = outcome(v, max);
        if ('value' in o) {
          expect(o.value).toBeGreaterThanOrEqual(0);
          expect(o.value).toBeLessThanOrEqual(max);
        } else {
          expect(o.message).toMatch(/^--min: not a ratio: /);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('property: a bare number above max (a percentage meant) is refused, and the hint says how to write it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 100 }), (p) => {
        const o = outcome(String(p));
        expect('hint' in o && o.hint).toContain(`write "${p}%"`);
        // Written as a percentage, it reads as the fraction it meant.
        expect(outcome(`${p}%`)).toEqual({ value: p / 100 });
      }),
    );
  });
});
