import fastStringWidth from 'fast-string-width';

/** Widths of one- and two-unit strings measured so far (see displayWidth). */
const SHORT = new Map<string, number>();
/** Printable ASCII only: one column a character. */
export const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Terminal display width, from fast-string-width: East Asian Wide and Fullwidth characters take
 * two columns, emoji sequences (ZWJ families, flags, keycaps, skin tones) two, combining marks
 * (the dakuten of a decomposed が) and ANSI colour codes none. One function for kouiki's
 * wrapping, table cells and help columns, so they all agree on where a line ends.
 */
export function displayWidth(s: string): number {
  if (typeof s !== 'string' || s.length === 0) return 0;
  // One or two code units (a kana, a kanji: what wrapText measures a Japanese line by, one at a
  // time): remembered, so each character is measured once per run, not once per occurrence.
  if (s.length <= 2 && !s.includes('\n')) {
    let w = SHORT.get(s);
    if (w === undefined) {
      if (SHORT.size >= 4096) SHORT.clear();
      SHORT.set(s, (w = PRINTABLE_ASCII.test(s) ? s.length : fastStringWidth(s)));
    }
    return w;
  }
  // Plain printable ASCII, most of what kouiki measures.
  if (PRINTABLE_ASCII.test(s)) return s.length;
  if (!s.includes('\n')) return fastStringWidth(s);
  // The widest line of a multi-line text (a table cell).
  let widest = 0;
  for (const line of s.split('\n')) widest = Math.max(widest, fastStringWidth(line));
  return widest;
}

/**
 * The user-perceived characters of a text (grapheme clusters, approximated): a base character
 * with its combining marks and variation selectors, an emoji ZWJ sequence, a flag (two regional
 * indicators) or a keycap stay together, so a line is never broken inside one.
 */
export const CLUSTER = /\p{RI}\p{RI}|\p{Extended_Pictographic}(?:\p{EMod}|\uFE0F\u20E3?|[\u{E0020}-\u{E007F}]+)?(?:\u200D\p{Extended_Pictographic}(?:\p{EMod}|\uFE0F)?)*|[^\p{M}\u200D\uFE0F][\p{M}\uFE0F\u200D]*|[\s\S]/gu;
