import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UserError } from '../../errors.js';
import { municipalHistory } from '../../io/municipal-history.js';
import { loadMunicipalities } from '../../io/load-municipalities.js';
import { packageRoot } from '../../io/paths.js';
import { buildDataFile, type MetroCores } from '../../io/estat/import.js';
import { readEstatFile } from '../../io/estat/read.js';
import { recognize } from '../../io/estat/recognize.js';
import type { RunContext } from '../context.js';
import { chalkFor, emitAll, formatSpecs } from '../emit.js';
import { openSink } from '../output.js';
import { dataCoverage } from '../../core/data/coverage.js';
import { EMBEDDED_FILES } from '../../core/data/files.js';
import { renderDataSources, type DataSourcesOut } from '../../report/data-sources.js';
import { outputWidth } from '../../report/text.js';

/** The metro cores of criterion C (data/metro-cores.yaml). */
function metroCores(): MetroCores {
  const doc = parseYaml(readFileSync(join(packageRoot(), 'data', 'metro-cores.yaml'), 'utf8')) as { source: string; designatedCities: { code: string }[] };
  return { source: doc.source, designatedCities: new Set(doc.designatedCities.map((c) => c.code)) };
}

/** `kouiki data import FILE... [-o FILE]`. */
export async function importFiles(ctx: RunContext, files: string[], opts: Record<string, unknown>): Promise<number> {
  const { lang } = ctx.opts;
  const output = typeof opts.output === 'string' ? opts.output : null;
  const tables = files.map((f) => recognize(readEstatFile(f, ctx.opts.maxInputSize, ctx.io.cwd)));
  const index = await loadMunicipalities([], { maxBytes: ctx.opts.maxInputSize });
  const result = buildDataFile(tables, { index, history: municipalHistory(index), census: index.censusTable(), metroCores: metroCores(), date: ctx.opts.asOf });
  if (result.records === 0) {
    throw new UserError(
      { ja: '今の市区町村に当たる行がありませんでした', en: 'no row is about a municipality of today' },
      { position: { file: files[0]! }, hint: { ja: '市区町村別の表（地域が市区町村）をダウンロードしてください', en: 'download the table by municipality (地域 = 市区町村)' } },
    );
  }
  const sink = openSink({ format: 'yaml', file: output === null ? null : resolve(ctx.io.cwd, output), shown: output }, ctx.io, files);
  try {
    // Written a record at a time, in chunks of about a megabyte.
    let buffered = '';
    for (const chunk of result.chunks()) {
      buffered += chunk;
      if (buffered.length > 1 << 20) {
        await sink.write(buffered);
        buffered = '';
      }
    }
    await sink.write(buffered);
    await sink.commit();
  } catch (err) {
    sink.abort();
    throw err;
  }
  if (!ctx.opts.quiet) {
    for (const n of result.notes) ctx.io.stderr.write(`${n[lang]}\n`);
    const done = lang === 'ja' ? `${result.records} 市区町村を${output ?? '標準出力'}に書きました` : `wrote ${result.records} municipalities to ${output ?? 'stdout'}`;
    ctx.io.stderr.write(`${done}\n`);
  }
  for (const w of result.warnings) ctx.io.stderr.write(`${lang === 'ja' ? '警告' : 'warning'}: ${w[lang]}\n`);
  return 0;
}

/** Lines of a text file that are rows (the header and a trailing newline not counted); undefined when unreadable. */
function rowsOf(path: string): number | undefined {
  try {
    const text = readFileSync(path, 'utf8');
    return text.split('\n').filter((l) => l !== '').length - 1;
  } catch {
    return undefined;
  }
}

/** `kouiki data sources [--data FILE...]`: how many municipalities carry each figure, from which source. */
export async function sources(ctx: RunContext): Promise<number> {
  const { lang, asOf } = ctx.opts;
  const specs = formatSpecs(ctx, ['table', 'json', 'markdown'], 'table');
  const index = await loadMunicipalities(ctx.opts.data, { maxBytes: ctx.opts.maxInputSize });
  const coverage = dataCoverage(index.all(), index.censusTable(), lang);
  const root = packageRoot();
  const files = EMBEDDED_FILES.map((f) => {
    const rows = f.file.endsWith('.csv') ? rowsOf(join(root, f.file)) : undefined;
    return rows === undefined ? { ...f } : { ...f, rows };
  });
  const out: DataSourcesOut = { coverage, files, dataFiles: [...ctx.opts.data] };
  const width = outputWidth(ctx.io.stdoutIsTTY, (ctx.io.stdout as NodeJS.WriteStream).columns, ctx.io.env);
  const head = { schemaVersion: 1 as const, asOf };
  await emitAll(
    ctx,
    specs,
    (spec) => ({ begin: () => renderDataSources(out, spec.format, lang, head, width, chalkFor({ ...ctx, opts: { ...ctx.opts, color: spec.file === null && ctx.opts.color } })), item: () => '', end: () => '' }),
    [],
    ctx.opts.data,
  );
  return 0;
}
