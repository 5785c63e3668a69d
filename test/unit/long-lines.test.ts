import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasLineLongerThan } from '../../src/io/yaml.js';

describe('hasLineLongerThan (the fast parser refuses documents with very long lines)', () => {
  it('agrees with the regular expression it replaces', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant('\n'), fc.string({ maxLength: 40 })), { maxLength: 60 }), fc.integer({ min: 0, max: 50 }), (parts, max) => {
        const text = parts.join('');
        expect(hasLineLongerThan(text, max)).toBe(new RegExp(`[^\\n]{${max + 1}}`).test(text));
      }),
      { numRuns: 500 },
    );
  });
});
