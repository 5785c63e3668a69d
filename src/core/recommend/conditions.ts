import type { Condition } from '../../pack/schema.js';

/** Three-valued logic: a condition over an unknown fact is neither true nor false. */
export const FALSE = 0;
export const TRUE = 1;
export const UNKNOWN = 2;
export type Tri = 0 | 1 | 2;

/** What a condition reads: the task's facts (null = unknown) and its text, for keyword tests. */
export interface CondContext {
  facts: Record<string, unknown>;
  /** Lower-cased name + description. */
  text: string;
  /** Keywords matched by the last text condition that held (for `{matched}` in messages). */
  matched: string[];
}

export type CondFn = (ctx: CondContext) => Tri;

/** The facts a condition reads (for "?" reasons and for the wizard's skip logic). */
export function conditionFacts(c: Condition, out: Set<string> = new Set()): Set<string> {
  if ('all' in c) c.all.forEach((x) => conditionFacts(x, out));
  else if ('any' in c) c.any.forEach((x) => conditionFacts(x, out));
  else if ('not' in c) conditionFacts(c.not, out);
  else if ('fact' in c) out.add(c.fact);
  else if ('known' in c) out.add(c.known);
  return out;
}

/** Compiles a condition once per pack into a closure; evaluation then allocates nothing. */
export function compileCondition(c: Condition): CondFn {
  if ('all' in c) {
    const parts = c.all.map(compileCondition);
    return (ctx) => {
      let unknown = false;
      for (const p of parts) {
        const v = p(ctx);
        if (v === FALSE) return FALSE;
        if (v === UNKNOWN) unknown = true;
      }
      return unknown ? UNKNOWN : TRUE;
    };
  }
  if ('any' in c) {
    const parts = c.any.map(compileCondition);
    return (ctx) => {
      let unknown = false;
      for (const p of parts) {
        const v = p(ctx);
        if (v === TRUE) return TRUE;
        if (v === UNKNOWN) unknown = true;
      }
      return unknown ? UNKNOWN : FALSE;
    };
  }
  if ('not' in c) {
    const inner = compileCondition(c.not);
    return (ctx) => {
      const v = inner(ctx);
      return v === UNKNOWN ? UNKNOWN : v === TRUE ? FALSE : TRUE;
    };
  }
  if ('text' in c) {
    const words = c.text.map((w) => w.toLowerCase());
    return (ctx) => {
      let hit = false;
      for (const w of words) {
        if (ctx.text.includes(w)) {
          if (!hit) ctx.matched = [];
          hit = true;
          ctx.matched.push(w);
        }
      }
      return hit ? TRUE : FALSE;
    };
  }
  if ('known' in c) {
    // Whether the fact was stated at all (a list: with at least one entry); never unknown.
    const known = c.known;
    return (ctx) => {
      const v = ctx.facts[known];
      return v === null || v === undefined || (Array.isArray(v) && v.length === 0) ? FALSE : TRUE;
    };
  }
  const fact = c.fact;
  if ('is' in c) {
    const want = c.is;
    return (ctx) => {
      const v = ctx.facts[fact];
      if (v === null || v === undefined) return UNKNOWN;
      return v === want ? TRUE : FALSE;
    };
  }
  const set = new Set<unknown>(c.in);
  return (ctx) => {
    const v = ctx.facts[fact];
    if (v === null || v === undefined) return UNKNOWN;
    return set.has(v) ? TRUE : FALSE;
  };
}

/** The `if:` of a case: a bare value or list of values of the rule's fact, or a condition. */
export function caseCondition(fact: string | undefined, when: unknown): Condition {
  if (when !== null && typeof when === 'object' && !Array.isArray(when)) return when as Condition;
  const values = Array.isArray(when) ? (when as (string | boolean)[]) : [when as string | boolean];
  return values.length === 1 ? { fact: fact!, is: values[0]! } : { fact: fact!, in: values };
}
