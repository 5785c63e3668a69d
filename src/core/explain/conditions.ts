import type { Condition } from '../../pack/schema.js';
import type { ConditionTrace, TriText } from './types.js';

const AND: Record<TriText, number> = { false: 0, unknown: 1, true: 2 };

/**
 * Evaluates a condition like the compiled closures of core/recommend/conditions.ts do (three-
 * valued, every branch evaluated) but keeps both operands of every comparison. Used only by
 * `kouiki explain`, so the engine's fast path stays allocation-free.
 */
export function traceCondition(c: Condition, facts: Readonly<Record<string, unknown>>, text: string): ConditionTrace {
  if ('all' in c || 'any' in c) {
    const isAll = 'all' in c;
    const parts = (isAll ? (c as { all: Condition[] }).all : (c as { any: Condition[] }).any).map((x) => traceCondition(x, facts, text));
    let result: TriText;
    if (isAll) {
      const min = Math.min(...parts.map((p) => AND[p.result]));
      result = min === 0 ? 'false' : min === 1 ? 'unknown' : 'true';
    } else {
      const max = Math.max(...parts.map((p) => AND[p.result]));
      result = max === 2 ? 'true' : parts.some((p) => p.result === 'unknown') ? 'unknown' : 'false';
    }
    return { op: isAll ? 'all' : 'any', result, of: parts };
  }
  if ('not' in c) {
    const inner = traceCondition(c.not, facts, text);
    return { op: 'not', result: inner.result === 'unknown' ? 'unknown' : inner.result === 'true' ? 'false' : 'true', of: inner };
  }
  if ('text' in c) {
    const matched = c.text.filter((w) => text.includes(w.toLowerCase()));
    return { op: 'text', keywords: [...c.text], matched, result: matched.length > 0 ? 'true' : 'false' };
  }
  if ('known' in c) {
    const v = facts[c.known] ?? null;
    const stated = !(v === null || (Array.isArray(v) && v.length === 0));
    return { op: 'known', fact: c.known, actual: v, result: stated ? 'true' : 'false' };
  }
  const actual = facts[c.fact] ?? null;
  if ('is' in c) {
    return { op: 'is', fact: c.fact, actual, expected: c.is, result: actual === null ? 'unknown' : actual === c.is ? 'true' : 'false' };
  }
  return { op: 'in', fact: c.fact, actual, expected: [...c.in], result: actual === null ? 'unknown' : c.in.includes(actual as string | boolean) ? 'true' : 'false' };
}
