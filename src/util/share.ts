/**
 * Shares of commuters as planners and the guidelines write them (issue 15 item 12): 12%, not
 * 0.12, in every human format — tables, lists, Markdown, `check` messages. JSON keeps the
 * fractions (contract §6). Ratios (day/night) stay ratios.
 */

/** The criteria whose figure is a share of commuters and students. */
export const SHARE_CRITERIA: ReadonlySet<string> = new Set(['metro-core-commute-share', 'commute-share']);

/** The figures (of an eligibility result's figures block) that are shares. */
export const SHARE_FIGURES: ReadonlySet<string> = new Set(['metroCoreCommuteShare', 'commuteShare']);

/** 0.12 → 12%, 0.1234 → 12.34% (two decimals at most, no float noise: 0.3 → 30%). */
export function percent(v: number): string {
  return `${Number((v * 100).toFixed(2))}%`;
}

/** A requirement as shown: a share's threshold as a percentage (`< 0.1` → `< 10%`), anything else as the engine wrote it. */
export function requiredShown(c: { id: string; required: string }): string {
  if (!SHARE_CRITERIA.has(c.id)) return c.required;
  return c.required.replace(/^([<>]=?|≥|≤)\s*(\d+(?:\.\d+)?)(?![\d,%])/, (_, op: string, n: string) => `${op} ${percent(Number(n))}`);
}
