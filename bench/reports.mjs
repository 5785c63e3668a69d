// The HTML report and the workbook of the 18 example tasks against the same evaluate as a table
// (issue 16: each under 2x). Runs the three alternately (after a warm-up) so that drift on a
// shared machine affects them alike; wall time of whole CLI runs, median of RUNS.
//
//   node bench/reports.mjs            prints the rows; `npm run bench` includes them (group "reports")
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'kouiki.cjs');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function once(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LANG: 'C', NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`kouiki ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Result rows in bench/run.mjs's shape. */
export function reportRows({ runs = 9 } = {}) {
  const work = mkdtempSync(join(tmpdir(), 'kouiki-bench-reports-'));
  try {
    const base = ['evaluate', 'examples/kensei-tasks.yaml', '--as-of', '2026-11-23', '--lang', 'ja'];
    const variants = {
      table: base,
      html: [...base, '-f', `html:${join(work, 'r.html')}`],
      xlsx: [...base, '-f', `xlsx:${join(work, 'r.xlsx')}`],
    };
    const times = { table: [], html: [], xlsx: [] };
    for (let i = 0; i < 2; i++) for (const args of Object.values(variants)) once(args);
    for (let i = 0; i < runs; i++) for (const [k, args] of Object.entries(variants)) times[k].push(once(args));
    const t = median(times.table);
    const rows = [{ name: 'evaluate 18 example tasks, table (the baseline below)', unit: 'ms', median: t, min: Math.min(...times.table), max: Math.max(...times.table), limit: '', met: true, info: true }];
    for (const k of ['html', 'xlsx']) {
      const m = median(times[k]);
      rows.push({ name: `evaluate 18 example tasks -f ${k}:FILE`, unit: 'ms', median: m, min: Math.min(...times[k]), max: Math.max(...times[k]), baseline: 'the table', baselineMedian: t, ratio: m / t, limit: '< 2x', met: m / t < 2 });
    }
    return rows;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of reportRows({ runs: Number(process.env.BENCH_RUNS ?? 9) })) {
    console.log(`${r.name.padEnd(56)} ${r.median.toFixed(0).padStart(6)} ms${r.ratio === undefined ? '' : `  ${r.ratio.toFixed(2)}x ${r.baseline} (${r.limit}) ${r.met ? 'met' : 'NOT MET'}`}`);
  }
}
