import { Readable, Writable } from 'node:stream';
import type { CliIO } from './io.js';
import { main } from './main.js';

/**
 * What the build runs once, in one process, before it writes the V8 code cache of the bundle
 * (bin/kouiki.cjs, KOUIKI_BUILD_CODE_CACHE): the everyday invocations of every command, so that
 * the cache holds the bytecode of the functions they call and a later run compiles almost
 * nothing. A function left out is still compiled when first called: the cache only saves time.
 *
 * `only` keeps the runs of one command (its own, smaller cache). Runs in-process with in-memory
 * streams; nothing is written to a file. Also returns the
 * top-level help as commander renders it for a pipe (80 columns), per language, for the
 * `--help` fast path of bin/kouiki.cjs.
 */
export async function trainCodeCache(root: string, only?: string): Promise<{ help: Record<'en' | 'ja', string>; failures: string[] }> {
  const drafts = 'examples/drafts/';
  const tasks = 'examples/kensei-tasks.yaml';
  const runs: string[][] = [
    ['--help'],
    ['recommend', '--category', 'wide-area-issue', '--format', 'json'],
    ['recommend', '--category', 'essential-service', '--retain-authority', '--capacity-gap'],
    ['recommend', '--description', 'ごみ処理施設の共同設置', '-f', 'markdown'],
    ['evaluate', tasks],
    ['evaluate', tasks, '-f', 'json'],
    ['evaluate', tasks, '-f', 'csv'],
    ['evaluate', tasks, '-f', 'markdown'],
    ['check', drafts],
    ['check', drafts, '-f', 'json'],
    ['check', drafts, '-f', 'sarif'],
    ['check', drafts, '-f', 'junit'],
    ['check', drafts, '-f', 'github'],
    ['check', drafts, '-f', 'markdown'],
    ['eligibility', '小田原市'],
    ['eligibility', '小田原市', '-f', 'json'],
    ['eligibility', '小田原市', '--merge', '南足柄市'],
    ['eligibility', '小田原市', '--partners'],
    ['eligibility', '--population', '250000', '--day-night-ratio', '1.02'],
    ['sphere', '小田原市'],
    ['sphere', '小田原市', '--data', 'examples/kensei-commuting.example.yaml'],
    ['sphere', '小田原市', '--data', 'examples/kensei-commuting.example.yaml', '-f', 'json'],
    ['instruments'],
    ['instruments', 'proxy-execution'],
    ['explain', '--category', 'wide-area-issue'],
    ['explain', '小田原市', '--designation', 'cooperation-central-city'],
    ['schema', 'tasks'],
    ['rules', 'validate'],
    ['recommend', '--help'],
  ];
  if (only) runs.splice(0, runs.length, ...runs.filter((r) => r[0] === only));
  const help = { en: '', ja: '' };
  const failures: string[] = [];
  for (const lang of ['en', 'ja'] as const) {
    for (const argv of runs) {
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
      const code = await main(argv, io);
      // check exits 1 on the failing example draft; anything else is a broken build.
      if (code !== 0 && !(code === 1 && argv[0] === 'check')) failures.push(`kouiki ${argv.join(' ')} (${lang}): exit ${code}: ${err.text().split('\n')[0]}`);
      if (argv.length === 1 && argv[0] === '--help') help[lang] = out.text();
    }
  }
  return { help, failures };
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
