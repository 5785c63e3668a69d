import type * as z from 'zod';
import type { Localized } from '../i18n/lang.js';
import { suggestMany } from '../util/suggest.js';

type Def = { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType; in?: z.ZodType };

function def(s: z.ZodType): Def {
  return (s as unknown as { _zod: { def: Def } })._zod.def;
}

function unwrap(s: z.ZodType): z.ZodType {
  let cur = s;
  for (let i = 0; i < 10; i++) {
    const d = def(cur);
    if ((d.type === 'optional' || d.type === 'nullable' || d.type === 'default' || d.type === 'readonly') && d.innerType) cur = d.innerType;
    else if (d.type === 'pipe' && d.in) cur = d.in;
    else break;
  }
  return cur;
}

/** The keys an object schema accepts at a path (as a zod issue gives it), or [] when it is not an object there. */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s: z.ZodType | undefined = schema;
  for (const seg of path) {
    if (!s) return [];
    const d = def(unwrap(s));
    s = typeof seg === 'number' ? d.element : d.shape?.[String(seg)];
  }
  if (!s) return [];
  const d = def(unwrap(s));
  return d.shape ? Object.keys(d.shape) : [];
}

/** "unknown key X" with the closest accepted keys, in both languages. */
export function unknownKeyMessage(key: string, known: readonly string[]): Localized {
  const close = suggestMany(key, known, 2);
  if (close.length === 0) {
    return { ja: `不明なキー「${key}」（使えるのは ${known.join(', ')}）`, en: `unknown key "${key}" (expected one of ${known.join(', ')})` };
  }
  return {
    ja: `不明なキー「${key}」（${close.map((c) => `「${c}」`).join('、')}のことですか？）`,
    en: `unknown key "${key}" (did you mean ${close.map((c) => `"${c}"`).join(' or ')}?)`,
  };
}
