import { CLUSTER, displayWidth, PRINTABLE_ASCII } from './width.js';

/** Text helpers shared by the human formats. */

/** Columns for tables: the terminal's width on a TTY, else COLUMNS, else 120 (stable in CI). */
export function outputWidth(isTTY: boolean, columns: number | undefined, env: NodeJS.ProcessEnv): number {
  if (isTTY && columns && columns >= 20) return columns;
  const fromEnv = Number(env.COLUMNS);
  if (Number.isFinite(fromEnv) && fromEnv >= 20) return Math.floor(fromEnv);
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

/** Characters a line must not begin with (行頭禁則): closing brackets and punctuation. */
const NO_LINE_START = /^[、。，．,.)）」』】〕〉》”’・ー～！？!?：；:;\]}]/u;
// eslint-disable-next-line no-control-regex
const ANSI_TOKEN = '\\u001b\\[[0-9;]*m';

// eslint-disable-next-line no-control-regex
const TRAILING_ANSI = /(?:\u001b\[[0-9;]*m)*$/;
/** A text's characters as wrapText keeps them whole: colour codes, then grapheme clusters. */
const CLUSTERS = new RegExp(`${ANSI_TOKEN}|${CLUSTER.source}`, 'gu');

/** wrapText's tokens: TOKEN, and colour codes (no width, never cut). Built once: a run wraps hundreds of lines. */
const WRAP_TOKEN = new RegExp(`${ANSI_TOKEN}|\\[[^\\]\\n\\u001b]{1,24}\\]|[\\x21-\\x7e\\u00a0-\\u02ff]+|\\s+|${CLUSTER.source}`, 'gu');

/**
 * Wraps text to a display width: English breaks at spaces (a word longer than the width is cut),
 * Japanese between any two characters except before a closing bracket or punctuation (行頭禁則:
 * the character before it moves down with it), never inside a character with combining marks or
 * an emoji sequence. Colour codes take no width and are never cut.
 * Existing line breaks are kept. Table cells are wrapped here first, by display columns.
 */
export function wrapText(text: string, width: number): string {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    // A line that surely fits is kept as it is, unmeasured: no character is wider than two
    // columns per UTF-16 unit, and printable ASCII is one column each.
    if (para.length * 2 <= width || (para.length <= width && PRINTABLE_ASCII.test(para))) {
      out.push(para.trimEnd());
      continue;
    }
    // A short bracketed citation stays on one line when it can; ASCII words stay whole.
    const tokens = para.match(WRAP_TOKEN) ?? [];
    let line = '';
    let lw = 0;
    const breakLine = (next: string): void => {
      // 行頭禁則: carry the line's last character down with a closing mark.
      if (NO_LINE_START.test(next) && lw > 1) {
        // The last visible character, with the colour codes after it (a code is never cut).
        const trail = TRAILING_ANSI.exec(line)![0];
        const body = line.slice(0, line.length - trail.length);
        const clusters = body.match(CLUSTERS) ?? [];
        const last = clusters[clusters.length - 1];
        if (last !== undefined && clusters.length > 1 && !/\s/.test(last) && displayWidth(last) > 0) {
          out.push(body.slice(0, body.length - last.length).trimEnd());
          line = last + trail;
          lw = displayWidth(line);
          return;
        }
      }
      out.push(line.trimEnd());
      line = '';
      lw = 0;
    };
    for (const tok of tokens) {
      const tw = displayWidth(tok);
      if (lw + tw <= width) {
        line += tok;
        lw += tw;
        continue;
      }
      if (/^\s+$/.test(tok)) {
        breakLine('');
        continue;
      }
      if (tw > width) {
        for (const ch of tok.match(CLUSTER) ?? []) {
          const cw = displayWidth(ch);
          if (lw + cw > width) breakLine(ch);
          line += ch;
          lw += cw;
        }
        continue;
      }
      breakLine(tok);
      line += tok.trimStart();
      lw = displayWidth(line);
    }
    out.push(line.trimEnd());
  }
  return out.join('\n');
}

/** Hanging indent: wraps `text` to `width` and indents the continuation lines (by the prefix, at most 6 columns). */
export function hang(prefix: string, text: string, width: number): string {
  const pad = ' '.repeat(Math.min(prefix.length, 6));
  return wrapText(text, Math.max(20, width - pad.length))
    .split('\n')
    .map((line, i) => (i === 0 ? prefix : pad) + line)
    .join('\n');
}
