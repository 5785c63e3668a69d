import { readdirSync, statSync, openSync, readSync, closeSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { UserError } from '../errors.js';

/**
 * Turns the PATH arguments of `kouiki check` into the draft files to check, ESLint-style:
 * - a file is checked whatever it holds (the loader says if it is not a draft);
 * - a directory is searched recursively for drafts: YAML files whose top level has `projects:`
 *   (data files and task lists beside them are skipped); `node_modules` and dot-directories are
 *   not entered;
 * - a glob (`drafts/**\/*.yaml`, quoted so the shell leaves it alone) selects files the same way
 *   a directory does;
 * - `-` reads one draft from standard input.
 * A path that does not exist, or a directory or glob that yields no draft, is a UserError (exit
 * 2): a CI job that checks nothing must not pass. Files are deduplicated and each argument's
 * files are sorted, so the order is stable.
 */
export interface DiscoveredFile {
  /** The path to read (absolute), or `-`. */
  path: string;
  /** The path shown in reports: relative to the working directory, with forward slashes. */
  shown: string;
}

const YAML_EXT = /\.ya?ml$/i;

export function displayName(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  const p = rel === '' || isAbsolute(rel) ? abs : rel;
  return sep === '\\' ? p.replace(/\\/g, '/') : p;
}

/** Whether a YAML text's top level has a `projects:` key (a policy draft, contract §3). */
export function looksLikeDraft(head: string): boolean {
  return /^(?:projects|"projects"|'projects')[ \t]*:/m.test(head) || /^\s*\{[\s\S]*\bprojects\s*:/.test(head);
}

/** Reads at most `max` bytes of a file, for classifying it without reading a large data file whole. */
function readHead(path: string, max = 1 << 20): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(max);
    const n = readSync(fd, buf, 0, max, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function isDraftFile(path: string): boolean {
  try {
    return looksLikeDraft(readHead(path));
  } catch {
    // Unreadable: let the loader report it (exit 2) rather than skip it silently.
    return true;
  }
}

function walk(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw new UserError(
      { ja: `ディレクトリを読めません (${(err as NodeJS.ErrnoException).code})`, en: `cannot read the directory (${(err as NodeJS.ErrnoException).code})` },
      { position: { file: dir } },
    );
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if ((e.isFile() || e.isSymbolicLink()) && YAML_EXT.test(e.name)) out.push(p);
  }
}

function noDrafts(arg: string, kind: 'directory' | 'glob'): UserError {
  return new UserError(
    kind === 'directory'
      ? { ja: '政策案（最上位に projects: を持つ YAML）が見つかりません', en: 'no policy draft found (a YAML file whose top level has projects:)' }
      : { ja: 'パターンに一致する政策案がありません', en: 'the pattern matches no policy draft' },
    {
      position: { file: arg },
      hint: {
        ja: 'パスを確認してください。パターンは引用符で囲むとシェルに展開されません（例: "drafts/**/*.yaml"）',
        en: 'check the path; quote a pattern so the shell leaves it to kouiki (e.g. "drafts/**/*.yaml")',
      },
    },
  );
}

export function discoverDrafts(args: readonly string[], cwd: string, ignored: (abs: string) => boolean = () => false): DiscoveredFile[] {
  const out: DiscoveredFile[] = [];
  const seen = new Set<string>();
  const add = (abs: string): void => {
    if (seen.has(abs)) return;
    seen.add(abs);
    out.push({ path: abs, shown: displayName(abs, cwd) });
  };
  for (const arg of args) {
    if (arg === '-') {
      if (!seen.has('-')) {
        seen.add('-');
        out.push({ path: '-', shown: '<stdin>' });
      }
      continue;
    }
    const abs = resolve(cwd, arg);
    let st;
    try {
      st = statSync(abs);
    } catch {
      st = null;
    }
    if (st?.isDirectory()) {
      const files: string[] = [];
      walk(abs, files);
      // The configuration's ignores: apply to what a search finds, not to a file named outright.
      const drafts = files.filter((f) => !ignored(f)).filter(isDraftFile);
      if (drafts.length === 0) throw noDrafts(arg, 'directory');
      drafts.forEach(add);
      continue;
    }
    if (st) {
      add(abs);
      continue;
    }
    const scan = picomatch.scan(arg);
    if (!scan.isGlob) {
      throw new UserError(
        { ja: 'ファイルもディレクトリも見つかりません', en: 'no such file or directory' },
        { position: { file: arg }, hint: { ja: 'パスを確認してください', en: 'check the path' } },
      );
    }
    const base = resolve(cwd, scan.base || '.');
    const isMatch = picomatch(scan.glob, { dot: false });
    const files: string[] = [];
    try {
      if (statSync(base).isDirectory()) walk(base, files);
    } catch {
      /* the base does not exist: nothing matches */
    }
    const drafts = files.filter((f) => isMatch(relative(base, f).split(sep).join('/')) && !ignored(f)).filter(isDraftFile);
    if (drafts.length === 0) throw noDrafts(arg, 'glob');
    drafts.forEach(add);
  }
  return out;
}
