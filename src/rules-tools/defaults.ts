import { isMap, isSeq, Pair, type Node, type YAMLMap } from 'yaml';
import type * as z from 'zod';
import { ONE_SHOT } from '../io/validate.js';

/**
 * Inheritance of repeated values (`defaults:`). A file of a rule pack may state a value once,
 * e.g. `defaults: { reviewed: 2026-11-23 }`, and pack.yaml may do so for the whole pack; the
 * value is then given to every mapping of the file whose schema has that key and that does not
 * state it. A value's own key wins over the file's default, which wins over the pack's.
 *
 * Where a mapping "takes" a key is read from the zod schema of the document, so a default never
 * lands where the format has no such key (a `reviewed:` fills an instrument, a criterion and a
 * dated value, never a citation). The default's YAML node is placed in the mapping too, so a
 * position asked for the inherited value (`rules outdated`, `rules validate`) is the line where
 * the default is written.
 */

/** One default: its key and value, and its YAML nodes (for positions). */
export interface InheritedValue {
  key: string;
  value: unknown;
  keyNode: Node;
  valueNode: Node;
}

export interface FillResult {
  /** Keys that filled at least one mapping. */
  used: Set<string>;
  /** Keys that some mapping takes (used or stated by every such mapping). */
  taken: Set<string>;
  /** Defaults whose value the schema of a mapping that takes the key refuses (not filled there), with the first issue. */
  refused: Map<InheritedValue, z.core.$ZodIssue>;
}

type Def = { type: string; innerType?: z.ZodType; getter?: () => z.ZodType; in?: z.ZodType; shape?: Record<string, z.ZodType>; element?: z.ZodType; valueType?: z.ZodType };

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** The schema under optional/nullable/default/lazy/pipe wrappers. */
function core(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let i = 0; i < 32; i++) {
    const d = defOf(s);
    if (d.innerType && ['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch'].includes(d.type)) s = d.innerType;
    else if (d.type === 'lazy' && d.getter) s = d.getter();
    else if (d.type === 'pipe' && d.in) s = d.in;
    else return s;
  }
  return s;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Fills `defaults` (in order of precedence: the first of a key wins) into `value` and its YAML
 * `node`, walking both along `schema`. Unions (conditions) are not entered: no key of theirs is
 * inherited.
 */
export function fillDefaults(schema: z.ZodType, value: unknown, node: unknown, defaults: readonly InheritedValue[], out: FillResult): void {
  if (defaults.length === 0) return;
  const accepted = new Map<InheritedValue, Map<z.ZodType, boolean>>();
  const accepts = (d: InheritedValue, field: z.ZodType): boolean => {
    // A value is checked once per field schema: a default that does not fit is reported once,
    // at the default, instead of at every mapping it would fill.
    let byField = accepted.get(d);
    if (!byField) accepted.set(d, (byField = new Map()));
    let ok = byField.get(field);
    if (ok === undefined) {
      const r = field.safeParse(d.value, ONE_SHOT);
      ok = r.success;
      byField.set(field, ok);
      if (!r.success && !out.refused.has(d)) out.refused.set(d, r.error.issues[0]!);
    }
    return ok;
  };
  const walk = (s: z.ZodType, v: unknown, n: unknown): void => {
    const c = core(s);
    const d = defOf(c);
    if (d.type === 'object' && d.shape && isRecord(v)) {
      const shape = d.shape;
      const map = isMap(n) ? (n as YAMLMap) : null;
      for (const [k, child] of Object.entries(v)) {
        const cs = Object.hasOwn(shape, k) ? shape[k] : undefined;
        if (cs) walk(cs, child, map ? pairValue(map, k) : null);
      }
      for (const def of defaults) {
        if (!Object.hasOwn(shape, def.key)) continue;
        out.taken.add(def.key);
        if (Object.hasOwn(v, def.key)) continue;
        if (!accepts(def, shape[def.key]!)) continue;
        v[def.key] = structuredClone(def.value);
        map?.items.push(new Pair(def.keyNode, def.valueNode));
        out.used.add(def.key);
      }
    } else if (d.type === 'array' && d.element && Array.isArray(v)) {
      const seq = isSeq(n) ? n : null;
      v.forEach((item, i) => walk(d.element!, item, seq?.items[i] ?? null));
    } else if (d.type === 'record' && d.valueType && isRecord(v)) {
      const map = isMap(n) ? (n as YAMLMap) : null;
      for (const [k, child] of Object.entries(v)) walk(d.valueType, child, map ? pairValue(map, k) : null);
    }
  };
  walk(schema, value, node);
}

function pairValue(map: YAMLMap, key: string): unknown {
  for (const it of map.items) {
    const k = it.key as { value?: unknown } | null;
    if (k !== null && typeof k === 'object' && 'value' in k ? String(k.value) === key : String(it.key) === key) return it.value;
  }
  return null;
}
