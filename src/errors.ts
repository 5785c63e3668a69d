import type { Lang, Localized } from './i18n/lang.js';

/** Where in a user's file a problem is. Lines and columns are 1-based; columns count UTF-16 units. */
export interface SourcePosition {
  file: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

export interface ProblemDetail {
  position?: SourcePosition;
  message: Localized;
}

const USER_ERROR = Symbol.for('kouiki.UserError');

/**
 * A problem the user can fix: bad flags, unreadable or malformed input, a broken rule pack.
 * It carries everything needed to print `file:line:col: what is wrong` plus a hint, and the
 * exit code (2 by the contract). The CLI prints it without a stack trace.
 */
export class UserError extends Error {
  /**
   * `instanceof UserError` by a brand, not by the class object: the report and workbook bundles
   * (dist/report-*.cjs) carry their own copy of this module, and their errors must still be
   * recognised as the user's (exit 2, no stack) by the main bundle.
   */
  static override [Symbol.hasInstance](x: unknown): boolean {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[USER_ERROR] === true;
  }

  readonly [USER_ERROR] = true;
  readonly exitCode: number;
  readonly details: ProblemDetail[];
  readonly hint: Localized | undefined;

  constructor(
    readonly text: Localized,
    options: { details?: ProblemDetail[]; hint?: Localized; exitCode?: number; position?: SourcePosition } = {},
  ) {
    super(text.en);
    this.name = 'UserError';
    this.exitCode = options.exitCode ?? 2;
    this.details = options.details ?? (options.position ? [{ position: options.position, message: text }] : []);
    this.hint = options.hint;
  }
}

/** Thrown to end a command with a given exit code and nothing more to say (e.g. 130 on Ctrl+C). */
export class ExitSignal extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'ExitSignal';
  }
}

export function formatPosition(p: SourcePosition): string {
  if (p.line === undefined) return p.file;
  return p.column === undefined ? `${p.file}:${p.line}` : `${p.file}:${p.line}:${p.column}`;
}

/** Renders a user error the way compilers do: one `file:line:col: message` line per problem. */
export function formatUserError(err: UserError, lang: Lang): string {
  const lines: string[] = [];
  const head = err.text[lang];
  if (err.details.length === 0) {
    lines.push(`kouiki: ${head}`);
  } else {
    const single = err.details.length === 1 && err.details[0]!.message === err.text;
    if (!single) lines.push(`kouiki: ${head}`);
    for (const d of err.details) {
      const where = d.position ? `${formatPosition(d.position)}: ` : '';
      lines.push(single ? `${where}${d.message[lang]}` : `  ${where}${d.message[lang]}`);
    }
  }
  if (err.hint) lines.push(lang === 'ja' ? `  対処: ${err.hint.ja}` : `  fix: ${err.hint.en}`);
  return lines.join('\n');
}

/** " (the first 50 of 1234 problems)" when a list of problems was cut short, else nothing. */
export function shownOf(shown: number, total: number): Localized {
  if (total <= shown) return { ja: '', en: '' };
  return { ja: `（問題 ${total} 件のうち最初の ${shown} 件を表示）`, en: ` (showing the first ${shown} of ${total} problems)` };
}

