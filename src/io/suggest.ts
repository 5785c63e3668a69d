/** Levenshtein distance, for "did you mean" suggestions. */
export function distance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n]!;
}

/** The closest candidate within a third of the word's length, or undefined. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  return suggestMany(word, candidates, 1)[0];
}

export function suggestMany(word: string, candidates: readonly string[], max = 3): string[] {
  const limit = Math.max(2, Math.ceil(word.length / 3));
  return candidates
    .map((c) => ({ c, d: distance(word, c) }))
    .filter((x) => x.d <= limit || x.c.includes(word) || word.includes(x.c))
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, max)
    .map((x) => x.c);
}
