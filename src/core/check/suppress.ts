import type { Range } from './types.js';

/**
 * Inline suppressions: `# kouiki-disable-next-line RULE[, RULE...] -- REASON` on its own line or
 * after a value. It suppresses the listed rules' findings that start on the next line (all rules'
 * when none is listed). Pure: text in, directives out.
 */
export interface Directive {
  /** Where the comment is (from `#` to the end of the line). */
  range: Range;
  /** The rules listed, or null for every rule. */
  rules: string[] | null;
  reason: string | null;
  /** The line whose findings it suppresses. */
  target: number;
}

const KEYWORD = 'kouiki-disable-next-line';

/** Finds the directives of a YAML text. A `#` inside a quoted scalar on the same line is not a comment. */
export function parseDirectives(text: string): Directive[] {
  const out: Directive[] = [];
  if (!text.includes(KEYWORD)) return out;
  let lineStart = 0;
  let line = 1;
  while (lineStart <= text.length) {
    let end = text.indexOf('\n', lineStart);
    if (end < 0) end = text.length;
    const raw = text.slice(lineStart, end);
    const lineText = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (lineText.includes(KEYWORD)) {
      const hash = commentStart(lineText);
      if (hash >= 0) {
        const body = lineText.slice(hash + 1).trim();
        if (body === KEYWORD || body.startsWith(`${KEYWORD} `) || body.startsWith(`${KEYWORD}\t`)) {
          const rest = body.slice(KEYWORD.length);
          const sep = /(?:^|\s)--(?:\s|$)/.exec(rest);
          const rulesPart = sep ? rest.slice(0, sep.index) : rest;
          const reasonPart = sep ? rest.slice(sep.index + sep[0].length).trim() : '';
          const rules = rulesPart.split(/[\s,]+/).filter(Boolean);
          out.push({
            range: { line, column: hash + 1, endLine: line, endColumn: lineText.length + 1 },
            rules: rules.length > 0 ? rules : null,
            reason: reasonPart === '' ? null : reasonPart,
            target: line + 1,
          });
        }
      }
    }
    if (end === text.length) break;
    lineStart = end + 1;
    line++;
  }
  return out;
}

/** The index of the `#` that starts a YAML comment on this line, or -1. */
export function commentStart(line: string): number {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (quote === '"' && ch === '\\') i++;
      else if (ch === quote) {
        if (quote === "'" && line[i + 1] === "'") i++;
        else quote = '';
      }
      continue;
    }
    const prev = i === 0 ? ' ' : line[i - 1]!;
    const atValueStart = prev === ' ' || prev === '\t' || prev === '[' || prev === '{' || prev === ',' || prev === ':' || i === 0;
    if ((ch === '"' || ch === "'") && atValueStart) quote = ch;
    else if (ch === '#' && (prev === ' ' || prev === '\t' || i === 0)) return i;
  }
  return -1;
}
