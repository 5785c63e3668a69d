import type { PackData } from '../pack/model.js';
import type { Ref } from '../pack/schema.js';

/** Every reference of a pack with where it sits, for the checks of `kouiki rules validate`. */

export type RefVisitor = (collection: string, id: string | null, path: (string | number)[], ref: Ref, unconfirmed: boolean) => void;

function isRef(x: unknown): x is Ref {
  return x !== null && typeof x === 'object' && !Array.isArray(x) && typeof (x as { source?: unknown }).source === 'string' && Object.keys(x).every((k) => REF_KEYS.has(k));
}
const REF_KEYS = new Set(['source', 'article', 'paragraph', 'item', 'proviso', 'section', 'also', 'via', 'status', 'note']);

/**
 * Visits every reference under `value`. `unconfirmed`: the reference, or a value it belongs to (a
 * property, a step, a dated entry), carries `status: unconfirmed`.
 */
function walk(value: unknown, path: (string | number)[], visit: (path: (string | number)[], ref: Ref, unconfirmed: boolean) => void, unconfirmed = false): void {
  if (isRef(value)) {
    visit(path, value, unconfirmed || value.status === 'unconfirmed');
    return;
  }
  const here = unconfirmed || (value !== null && typeof value === 'object' && !Array.isArray(value) && (value as { status?: unknown }).status === 'unconfirmed');
  if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i], visit, here));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k], visit, here);
}

/** Every citation of the pack, with where it sits (collection, item id, path inside it). */
export function walkRefs(data: PackData, visit: RefVisitor): void {
  const lists: [string, { id: string }[]][] = [
    ['instruments', data.instruments],
    ['categories', data.categories],
    ['rules', data.rules],
    ['measures', data.prefecture?.measures ?? []],
    ['roles', data.prefecture?.roles ?? []],
  ];
  for (const [collection, items] of lists) for (const item of items) walk(item, [], (path, ref, u) => visit(collection, item.id, path, ref, u));
  if (data.prefecture?.principle) walk(data.prefecture.principle, [], (path, ref, u) => visit('principle', null, path, ref, u));
  const ranking = data.manifest.ranking;
  if (ranking) walk(ranking, [], (path, ref, u) => visit('ranking', null, path, ref, u));
  for (const [key, value] of Object.entries(data.extra)) {
    if (Array.isArray(value)) {
      value.forEach((item: unknown, i) => {
        const id = (item as { id?: unknown } | null)?.id;
        walk(item, [], (path, ref, u) => (typeof id === 'string' ? visit(key, id, path, ref, u) : visit(key, null, [i, ...path], ref, u)));
      });
    } else walk(value, [], (path, ref, u) => visit(key, null, path, ref, u));
  }
}
