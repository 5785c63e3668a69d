import { CLUSTER, displayWidth } from './width.js';

/** Text helpers shared by the human formats. */

/** Columns for tables: the terminal's width on a TTY, else COLUMNS, else 120 (stable in CI). */
export function outputWidth(isTTY: boolean, columns: number | undefined, env: NodeJS.ProcessEnv): number {
  if (isTTY && columns && columns > 40) return columns;
  const fromEnv = Number(env.COLUMNS);
  if (Number.isFinite(fromEnv) && fromEnv > 40) return fromEnv;
  return 120;
}

/** A Markdown table cell: pipes escaped, line breaks as <br>. */
export function mdCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** A CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
export function csvField(s: string | number | boolean | null): string {
  const v = s === null ? '' : String(s);
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function fixed2(n: number): string {
  return n.toFixed(2);
}


/** A line's tokens: a short bracketed citation, an ASCII word, white space, or one character (a grapheme cluster). */
const TOKEN = new RegExp(`\\[[^\\]\\n]{1,24}\\]|[\\x21-\\x7e\\u00a0-\\u02ff]+|\\s+|${CLUSTER.source}`, 'gu');

export { displayWidth };

/**
 * Wraps text to a display width: English breaks at spaces, Japanese between any two characters
 * (kinsoku is not attempted), never inside a character with combining marks or an emoji sequence.
 * Existing line breaks are kept. Table cells are wrapped here first, by display columns.
 */
export function wrapText(text: string, width: number): string {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    // A short bracketed citation stays on one line when it can; ASCII words stay whole.
    const tokens = para.match(TOKEN) ?? [];
    let line = '';
    let lw = 0;
    for (const tok of tokens) {
      const tw = displayWidth(tok);
      if (lw + tw <= width) {
        line += tok;
        lw += tw;
        continue;
      }
      if (/^\s+$/.test(tok)) {
        out.push(line.trimEnd());
        line = '';
        lw = 0;
        continue;
      }
      if (tw > width) {
        for (const ch of tok.match(CLUSTER) ?? []) {
          const cw = displayWidth(ch);
          if (lw + cw > width) {
            out.push(line.trimEnd());
            line = '';
            lw = 0;
          }
          line += ch;
          lw += cw;
        }
        continue;
      }
      out.push(line.trimEnd());
      line = tok.trimStart();
      lw = displayWidth(line);
    }
    out.push(line.trimEnd());
  }
  return out.join('\n');
}
