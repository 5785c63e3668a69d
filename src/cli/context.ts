import type { Command } from 'commander';
import type { Lang } from '../i18n/lang.js';
import { UserError } from '../errors.js';
import { parseDate } from '../util/wareki.js';
import type { Pack } from '../pack/model.js';
import type { CliIO } from './io.js';

/** The global options of the contract (§4), parsed once and handed to every command. */
export interface GlobalOptions {
  lang: Lang;
  rules?: string;
  data: string[];
  asOf: string;
  color: boolean;
  /** chalk's level when colour is on (1 = 16 colours, 2 = 256, 3 = true colour). */
  colorLevel?: number;
  format: string[];
  config?: string;
  maxInputSize: number;
  quiet: boolean;
  /** Drafts the configuration's `ignores:` excludes from a directory or glob search. */
  ignored?: (abs: string) => boolean;
}

/** What a command spec says about its output formats (a CommandSpec, seen from here). */
export interface SpecFormats {
  name: string;
  formats: readonly string[];
  subcommands?: readonly SpecFormats[];
}

export interface RunContext {
  io: CliIO;
  opts: GlobalOptions;
  /** The rule pack (`--rules DIR` or the embedded default), loaded before the command runs. */
  pack(): Pack;
  /** The whole command tree and the specs it was built from (for `kouiki completion`, whose spec sets allCommands). */
  commandTree?: () => { program: Command; specs: readonly SpecFormats[] };
}

export function makeContext(io: CliIO, opts: GlobalOptions, pack: Pack | undefined): RunContext {
  return {
    io,
    opts,
    pack: () => {
      if (!pack) throw new Error('this command loads its rule pack itself (CommandSpec.loadsPack is false)');
      return pack;
    },
  };
}

/** Today in the local calendar: the law in force "today" is the planner's today. */
export function today(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** `--as-of`: `2026-04-01`, or as planners write dates (`令和8年4月1日`, `R8.4.1`, `2026/4/1`, full-width digits). */
export function parseAsOf(value: string): string {
  const r = parseDate(value);
  if (r.ok) return r.iso;
  const why =
    r.why === 'era-range'
      ? { ja: '（その元号の期間外の日付です）', en: ' (outside the years of that era)' }
      : r.why === 'calendar'
        ? { ja: '（存在しない日付です）', en: ' (no such day in the calendar)' }
        : { ja: '', en: '' };
  throw new UserError(
    { ja: `--as-of の日付が正しくありません: ${value}${why.ja}`, en: `--as-of: not a valid date: ${value}${why.en}` },
    { hint: { ja: 'YYYY-MM-DD（例: 2026-04-01）か和暦（例: 令和8年4月1日、R8.4.1）で指定してください', en: 'write it as YYYY-MM-DD (e.g. 2026-04-01) or as a Japanese era date (e.g. 令和8年4月1日, R8.4.1)' } },
  );
}

export function parseSize(value: string): number {
  const m = /^(\d+)\s*([kKmMgG]?)[bB]?$/.exec(value.trim());
  if (!m) {
    throw new UserError(
      { ja: `--max-input-size の値が正しくありません: ${value}`, en: `--max-input-size: not a size: ${value}` },
      { hint: { ja: 'バイト数で指定してください（例: 67108864 や 64M）', en: 'give a number of bytes (e.g. 67108864 or 64M)' } },
    );
  }
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Number(m[1]) * mult;
}
