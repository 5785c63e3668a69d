import { Readable, Writable } from 'node:stream';
import type { CliIO } from './io.js';
import { main } from './main.js';
import { COMMANDS } from './specs/index.js';

/**
 * What the build writes to dist/fast.json for bin/kouiki.cjs: the top-level help as commander
 * renders it for a pipe (80 columns), per language, for the `--help` fast path; and the command
 * names, which name the cache files of Node 20's code cache. From the CLI itself, so the fast
 * path cannot drift from what the CLI prints.
 */
export async function fastFacts(root: string): Promise<{ help: Record<'en' | 'ja', string>; commands: string[] }> {
  const help = { en: '', ja: '' };
  for (const lang of ['en', 'ja'] as const) {
    const out = new Sink();
    const err = new Sink();
    const io: CliIO = {
      stdout: out,
      stderr: err,
      stdin: Readable.from([]),
      env: { KOUIKI_LANG: lang, NO_COLOR: '1', PATH: process.env.PATH },
      cwd: root,
      stdoutIsTTY: false,
      stdinIsTTY: false,
      stderrIsTTY: false,
    };
    const code = await main(['--help'], io);
    if (code !== 0) throw new Error(`kouiki --help (${lang}) exited ${code}: ${err.text()}`);
    help[lang] = out.text();
  }
  return { help, commands: COMMANDS.map((c) => c.name) };
}

/** A Writable that keeps what is written, as text. */
class Sink extends Writable {
  private readonly chunks: string[] = [];
  override _write(chunk: string | Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    cb();
  }
  text(): string {
    return this.chunks.join('');
  }
}
