/** Levenshtein distance, for "did you mean" suggestions. */
export function distance(a: string, b: string): number {
  return boundedDistance(a, b, Number.POSITIVE_INFINITY);
}

/** The row of the distance table, reused across calls (a CLI run is single-threaded). */
let scratch = new Int32Array(64);

/**
 * Levenshtein distance, or a number above `limit` as soon as the distance is known to exceed it
 * (one reused row, no allocation per cell): suggestions scan every municipality name of Japan,
 * and most are far from the word typed.
 */
export function boundedDistance(a: string, b: string, limit: number): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > limit) return limit + 1;
  if (scratch.length <= n) scratch = new Int32Array(Math.max(n + 1, scratch.length * 2));
  const row = scratch;
  for (let j = 0; j <= n; j++) row[j] = j;
  for (let i = 1; i <= m; i++) {
    let diag = row[0]!;
    row[0] = i;
    let best = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const up = row[j]!;
      const above = up + 1;
      const left = row[j - 1]! + 1;
      const sub = diag + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const v = above < left ? (above < sub ? above : sub) : left < sub ? left : sub;
      diag = up;
      row[j] = v;
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
  }
  return row[n]!;
}

/** The closest candidate within a third of the word's length, or undefined. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  return suggestMany(word, candidates, 1)[0];
}

export function suggestMany(word: string, candidates: readonly string[], max = 3): string[] {
  const limit = Math.max(2, Math.ceil(word.length / 3));
  const hits: { c: string; d: number }[] = [];
  for (const c of candidates) {
    const d = boundedDistance(word, c, limit);
    if (d <= limit || c.includes(word) || word.includes(c)) hits.push({ c, d: d <= limit ? d : distance(word, c) });
  }
  // Ties in code-point order, not localeCompare: the same suggestions whatever the user's locale
  // (LANG=ja_JP orders kanji by JIS, not by code point), and no collator to load, which cost a
  // run with one misspelt municipality more than the rest of its check.
  return hits
    .sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : a.c > b.c ? 1 : 0))
    .slice(0, max)
    .map((x) => x.c);
}
