import { spawn, spawnSync } from 'node:child_process';
import { BIN, ROOT } from './cli.js';

/**
 * Runs the built binary in a real pseudo-terminal, through `script` (util-linux; part of every
 * Debian/Ubuntu base system), so the test needs no native module. The test reads the screen
 * output and types keys like a user would.
 */
export interface PtySession {
  /** Everything printed so far, escape sequences stripped. */
  text(): string;
  /** Everything printed so far, as the terminal received it. */
  raw(): string;
  /** Waits until `what` appears after the previous match, and moves past it. */
  waitFor(what: string | RegExp, timeoutMs?: number): Promise<void>;
  /** Types keys (use KEYS for arrows, Enter, Ctrl+C). */
  send(keys: string): void;
  /** The exit code of the command run in the terminal. */
  exit: Promise<number>;
}

export const KEYS = { up: '\x1b[A', down: '\x1b[B', enter: '\r', ctrlC: '\x03', space: ' ' } as const;

export function hasScript(): boolean {
  return spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
}

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export function stripAnsi(s: string): string {
  return s
    .replace(/\x1b\][^\x07]*\x07/g, '')
    .replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '')
    .replace(/\x1b[()][0-9A-Za-z]/g, '')
    .replace(/\r/g, '');
}

/**
 * Starts `kouiki ARGS` in a terminal of the given size. `after` is shell run once kouiki has
 * ended (e.g. `stty -a`, to see the terminal was restored); the session's exit code is kouiki's.
 */
export function spawnPty(args: string[], opts: { cwd?: string; env?: Record<string, string>; cols?: number; rows?: number; after?: string } = {}): PtySession {
  const cols = opts.cols ?? 120;
  const rows = opts.rows ?? 50;
  const command = `stty cols ${cols} rows ${rows}; ${[process.execPath, BIN, ...args].map(quote).join(' ')}; code=$?; ${opts.after ?? ':'}; exit $code`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: opts.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LANG: 'C.UTF-8', TERM: 'xterm-256color', ...opts.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let raw = '';
  let cursor = 0;
  const listeners = new Set<() => void>();
  const onData = (d: Buffer): void => {
    raw += d.toString('utf8');
    for (const l of listeners) l();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exit = new Promise<number>((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : -1))));
  let exited = false;
  void exit.then(() => {
    exited = true;
    for (const l of listeners) l();
  });
  const text = (): string => stripAnsi(raw);
  return {
    text,
    raw: () => raw,
    send: (keys) => void child.stdin.write(keys),
    exit,
    waitFor(what, timeoutMs = 15_000) {
      return new Promise<void>((resolve, reject) => {
        const check = (): boolean => {
          const t = text();
          const rest = t.slice(cursor);
          const m = typeof what === 'string' ? (rest.includes(what) ? { index: rest.indexOf(what), length: what.length } : null) : (() => {
            const r = what.exec(rest);
            return r ? { index: r.index, length: r[0].length } : null;
          })();
          if (m) {
            cursor += m.index + m.length;
            return true;
          }
          return false;
        };
        if (check()) return resolve();
        const timer = setTimeout(() => {
          listeners.delete(listener);
          reject(new Error(`timed out waiting for ${String(what)}; screen so far:\n${text().slice(-3000)}`));
        }, timeoutMs);
        const listener = (): void => {
          if (check()) {
            clearTimeout(timer);
            listeners.delete(listener);
            resolve();
          } else if (exited) {
            clearTimeout(timer);
            listeners.delete(listener);
            reject(new Error(`the program ended before ${String(what)} appeared; screen:\n${text().slice(-3000)}`));
          }
        };
        listeners.add(listener);
      });
    },
  };
}
