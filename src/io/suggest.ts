/** Levenshtein distance, for "did you mean" suggestions. */
export function distance(a: string, b: string): number {
  return boundedDistance(a, b, Number.POSITIVE_INFINITY);
}

/**
 * Levenshtein distance, or a number above `limit` as soon as the distance is known to exceed it
 * (one reused row, no allocation per cell): suggestions scan every municipality name of Japan,
 * and most are far from the word typed.
 */
export function boundedDistance(a: string, b: string, limit: number): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > limit) return limit + 1;
  const row = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) row[j] = j;
  for (let i = 1; i <= m; i++) {
    let diag = row[0]!;
    row[0] = i;
    let best = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const up = row[j]!;
      const v = Math.min(up + 1, row[j - 1]! + 1, diag + (ca === b.charCodeAt(j - 1) ? 0 : 1));
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
  return hits
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, max)
    .map((x) => x.c);
}
