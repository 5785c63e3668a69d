/**
 * HTML that cannot be injected: every value placed in a template is escaped unless it is
 * already `Safe` (built by this same tag). A task named `<script>` stays text.
 */

const SAFE = Symbol('safe-html');

export interface Safe {
  readonly [SAFE]: true;
  readonly html: string;
}

export type Content = Safe | string | number | null | undefined | false | readonly Content[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or attribute value (both quote kinds escaped). */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export function raw(html: string): Safe {
  return { [SAFE]: true, html };
}

export function isSafe(x: unknown): x is Safe {
  return typeof x === 'object' && x !== null && (x as Safe)[SAFE] === true;
}

/** A content value as HTML: arrays joined, nothing for null/undefined/false, text escaped. */
export function render(c: Content): string {
  if (c === null || c === undefined || c === false) return '';
  if (typeof c === 'string') return esc(c);
  if (typeof c === 'number') return esc(String(c));
  if (isSafe(c)) return c.html;
  let out = '';
  for (const x of c as readonly Content[]) out += render(x);
  return out;
}

/** The template tag: `html\`<td>${name}</td>\`` escapes `name`. */
export function html(strings: TemplateStringsArray, ...values: Content[]): Safe {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return raw(out);
}
