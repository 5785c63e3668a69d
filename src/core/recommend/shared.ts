/**
 * Parts of results that the engine hands to many results at once: the reasons compiled with the
 * pack, the memoised procedures and prefecture advice. They are never changed once made, so a
 * writer may render each one once and reuse the text (report/json-result.ts). Parts made for one
 * task (a reason that names a party, the notes) are not marked.
 */
const parts = new WeakSet<object>();

export function markShared<T extends object>(part: T): T {
  parts.add(part);
  return part;
}

export function isShared(part: object): boolean {
  return parts.has(part);
}
