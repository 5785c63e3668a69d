// npm run bench: kouiki's performance targets, each measured as a ratio to a baseline taken in the
// same run (bare `node -e 0` for start-up; the json-rules-engine peer for the engine). Prints a
// table and writes bench/results.json. Inputs are generated (seeded, deterministic).
//
//   BENCH_SCALE=tiny   small inputs and few runs (the smoke test in npm test uses it)
//   BENCH_RUNS=N       runs per start-up measurement (default 15)
//   BENCH_ONLY=a,b     only these groups: startup, batch, engine, eligibility, check, reports, limits, data, sphere
//   BENCH_NODES=22,24  also measure start-up on these Node majors (from the npm registry's node
//                      package, through npx; default 22,24, none with tiny inputs; '' for none)
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inProcessModule } from './inprocess-bundle.mjs';
import { generateTasks, municipalitiesYaml, tasksYaml } from './generate.mjs';
import { draftYaml } from './check.mjs';
import { buildPeer, peerFacts, peerVerdicts } from './jre.mjs';
import { sphereBench } from './sphere.mjs';
import { odCsv } from './data.mjs';
import { gzipSync } from 'node:zlib';
import { statSync } from 'node:fs';
import { reportRows } from './reports.mjs';
import { limitRows } from './limits.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tiny = process.env.BENCH_SCALE === 'tiny';
const RUNS = Number(process.env.BENCH_RUNS ?? (tiny ? 3 : 15));
const BIG = tiny ? 2_000 : 100_000;
const SMALL = tiny ? 200 : 10_000;
const work = mkdtempSync(join(tmpdir(), 'kouiki-bench-'));
const out = process.env.BENCH_OUT ?? join(root, 'bench', 'results.json');
const bin = join(root, 'bin', 'kouiki.cjs');
const results = [];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

// The code cache of bin/kouiki.cjs lives in the user's cache directory: the bench has its own.
const cacheHome = join(work, 'cache');

function timeOnce(args, opts = {}) {
  const t0 = process.hrtime.bigint();
  const env = { ...process.env, LANG: 'C', NO_COLOR: '1', XDG_CACHE_HOME: cacheHome, ...(opts.noCache ? { KOUIKI_NO_CACHE: '1' } : {}) };
  const r = spawnSync(opts.node ?? process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: root, env });
  const t = ms(t0);
  if (r.status !== 0 && !(opts.allowFail && r.status === 1)) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return t;
}

/**
 * CPU time (user + system) of one run, in ms, from the shell's `times` (getrusage of its
 * children): a loaded machine makes a process wait longer for a core, which wall time counts
 * and CPU time mostly does not. Through bash, not `node -r`, because a preloaded module would
 * change the process's flags, and with them the code cache it uses. null without bash.
 */
function cpuOnce(args, opts = {}) {
  const env = { ...process.env, LANG: 'C', NO_COLOR: '1', XDG_CACHE_HOME: cacheHome, ...(opts.noCache ? { KOUIKI_NO_CACHE: '1' } : {}) };
  const r = spawnSync('bash', ['-c', '"$0" "$@" >/dev/null 2>&1 </dev/null; times', opts.node ?? process.execPath, ...args], { cwd: root, env, encoding: 'utf8' });
  const m = /\n(\d+)m([\d.]+)s (\d+)m([\d.]+)s/.exec(r.stdout ?? '');
  return m ? (Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4])) * 1000 : null;
}

/**
 * Runs the target with the code cache, without it (KOUIKI_NO_CACHE=1) and the baseline
 * alternately (after a warm-up, which also writes the cache, as a user's first run does) so
 * drift affects all three alike. The limit is for the run with the cache; the run without it
 * is shown beside it. `node` runs another Node version (info only: the limits are this
 * machine's Node's).
 */
function startup(name, args, limit, { allowFail = false, node, label = '', info = false } = {}) {
  const opts = { allowFail, node };
  for (let i = 0; i < 2; i++) {
    timeOnce(['-e', '0'], { node });
    timeOnce(args, opts);
    if (!info) timeOnce(args, { ...opts, noCache: true });
  }
  const base = [];
  const xs = [];
  const cold = [];
  const cpuBase = [];
  const cpu = [];
  for (let i = 0; i < RUNS; i++) {
    base.push(timeOnce(['-e', '0'], { node }));
    xs.push(timeOnce(args, opts));
    if (!info) cold.push(timeOnce(args, { ...opts, noCache: true }));
    cpuBase.push(cpuOnce(['-e', '0'], { node }));
    cpu.push(cpuOnce(args, opts));
  }
  const ratio = median(xs) / median(base);
  const row = { unit: 'ms', median: median(xs), min: Math.min(...xs), max: Math.max(...xs), baseline: 'node -e 0', baselineMedian: median(base), ratio };
  if (info) results.push({ name: `${label}${name}`, ...row, limit: '', met: true, info: true });
  else {
    // Another Node's rows say met or not met, but only this machine's Node decides the exit code.
    const other = node !== undefined;
    results.push({ name: `${label}${name}`, ...row, limit: `<= ${limit}x`, met: ratio <= limit, ...(other ? { other } : {}) });
  }
  if (!cpu.includes(null) && !cpuBase.includes(null)) {
    results.push({ name: '  its CPU time (user + system)', unit: 'ms', median: median(cpu), min: Math.min(...cpu), max: Math.max(...cpu), baseline: 'node -e 0', baselineMedian: median(cpuBase), ratio: median(cpu) / median(cpuBase), limit: '', met: true, info: true });
  }
  if (!info) results.push({ name: `  without the code cache`, unit: 'ms', median: median(cold), min: Math.min(...cold), max: Math.max(...cold), baseline: 'node -e 0', baselineMedian: median(base), ratio: median(cold) / median(base), limit: '', met: true, info: true });
}

/** Node binaries of other majors, from the npm registry's node package (skipped with a note when npx cannot get one). */
function otherNodes() {
  const wanted = (process.env.BENCH_NODES ?? (tiny ? '' : '22,24')).split(',').map((v) => v.trim()).filter(Boolean);
  const found = [];
  for (const major of wanted) {
    const r = spawnSync('npx', ['--yes', '-p', `node@${major}`, 'node', '-p', 'process.execPath + " " + process.version'], { encoding: 'utf8', timeout: 300_000 });
    if (r.status === 0) {
      const [path, version] = r.stdout.trim().split(' ');
      found.push({ path, version });
    } else console.error(`bench: Node ${major} could not be obtained with npx (skipped): ${r.stderr.split('\n')[0]}`);
  }
  return found;
}

/** Wall time and peak memory of one CLI run (in-process RSS via bench/rss.mjs). */
function measured(args) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [join(root, 'bench', 'rss.mjs'), root, ...args], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'], env: { ...process.env, LANG: 'C' } });
    let rss = '';
    let err = '';
    child.stdio[3].on('data', (d) => (rss += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`kouiki ${args.join(' ')} exited ${code}: ${err}`));
      else resolve({ ms: ms(t0), rssKB: Number(rss) });
    });
  });
}

async function batch() {
  const big = join(work, `tasks-${BIG}.yaml`);
  const small = join(work, `tasks-${SMALL}.yaml`);
  writeFileSync(big, tasksYaml(generateTasks(BIG, 1)));
  writeFileSync(small, tasksYaml(generateTasks(SMALL, 2)));
  const one = join(work, 'tasks-1.yaml');
  writeFileSync(one, tasksYaml(generateTasks(1, 2)));
  const half = join(work, `tasks-${BIG / 2}.yaml`);
  writeFileSync(half, tasksYaml(generateTasks(BIG / 2, 1)));
  const runs = tiny ? 1 : 3;
  const bigRuns = [];
  const smallRuns = [];
  const oneRuns = [];
  const halfRuns = [];
  await measured(['evaluate', small, '-f', 'json']); // warm the file cache
  for (let i = 0; i < runs; i++) {
    bigRuns.push(await measured(['evaluate', big, '-f', 'json', '--as-of', '2026-11-23']));
    smallRuns.push(await measured(['evaluate', small, '-f', 'json', '--as-of', '2026-11-23']));
    oneRuns.push(await measured(['evaluate', one, '-f', 'json', '--as-of', '2026-11-23']));
    halfRuns.push(await measured(['evaluate', half, '-f', 'json', '--as-of', '2026-11-23']));
  }
  const size = readFileSync(big).length;
  const bigMs = bigRuns.map((r) => r.ms);
  const peak = Math.max(...bigRuns.map((r) => r.rssKB)) / 1024;
  results.push({ name: `evaluate ${BIG.toLocaleString('en')} tasks (${(size / 1e6).toFixed(1)} MB YAML) -f json`, unit: 'ms', median: median(bigMs), min: Math.min(...bigMs), max: Math.max(...bigMs), limit: '< 5000 ms', met: median(bigMs) < 5000 });
  results.push({ name: `  peak memory of that run`, unit: 'MB', median: peak, min: peak, max: peak, limit: '< 600 MB', met: peak < 600 });
  const smallMs = smallRuns.map((r) => r.ms);
  const share = median(smallMs) / median(bigMs);
  results.push({ name: `evaluate ${SMALL.toLocaleString('en')} tasks (linear growth)`, unit: 'ms', median: median(smallMs), min: Math.min(...smallMs), max: Math.max(...smallMs), baseline: `${BIG} tasks`, baselineMedian: median(bigMs), ratio: share, limit: '<= 0.12x', met: share <= 0.12 });
  // What the ratio above is made of (information, no limit): the fixed cost of a run (a 1-task
  // list: Node's start-up and kouiki's), and the growth from half the tasks to all of them,
  // which is 0.5x of the 100,000-task time when growth is linear.
  const oneMs = oneRuns.map((r) => r.ms);
  const halfMs = halfRuns.map((r) => r.ms);
  results.push({ name: '  evaluate 1 task (the fixed cost of a run)', unit: 'ms', median: median(oneMs), min: Math.min(...oneMs), max: Math.max(...oneMs), limit: '', met: true, info: true });
  results.push({ name: `  evaluate ${(BIG / 2).toLocaleString('en')} tasks`, unit: 'ms', median: median(halfMs), min: Math.min(...halfMs), max: Math.max(...halfMs), baseline: `${BIG} tasks`, baselineMedian: median(bigMs), ratio: median(halfMs) / median(bigMs), limit: '', met: true, info: true });
  const perTask = (a, na, b, nb) => ((b - a) / (nb - na)) * 1000;
  const row = (name, v) => results.push({ name, unit: 'us', median: v, min: v, max: v, limit: '', met: true, info: true });
  row(`  per task, tasks 2 to ${SMALL.toLocaleString('en')} (warm-up included)`, perTask(median(oneMs), 1, median(smallMs), SMALL));
  row(`  per task, tasks ${(BIG / 2 + 1).toLocaleString('en')} to ${BIG.toLocaleString('en')}`, perTask(median(halfMs), BIG / 2, median(bigMs), BIG));
}

let inproc;
async function inprocess() {
  inproc ??= await inProcessModule(root, 'inprocess');
  return inproc;
}

async function engine() {
  const m = await inprocess();
  const pack = m.loadPackDir(m.defaultRulesDir(), { isDefault: true }).pack;
  const cp = m.compilePack(pack, 'en', '2026-11-23');
  const n = tiny ? 500 : 20_000;
  const tasks = generateTasks(n, 3).map((t) => ({ ...t, facts: t.facts ?? {} }));
  const peer = buildPeer(cp, m.caseCondition);
  // Same facts for both: the category kouiki would infer is given to the peer too.
  const peerInput = tasks.map((t) => {
    const inf = t.category ? null : m.inferCategory(pack.data, t.name, t.description);
    return peerFacts(inf ? { ...t, category: inf.id } : t, pack.data);
  });
  // Agreement first: every verdict of every instrument must be the same.
  let disagreements = 0;
  for (let i = 0; i < Math.min(n, tiny ? n : 2000); i++) {
    const ours = m.evaluateTask(cp, tasks[i], { supplementary: 'all' });
    const byId = new Map(ours.recommendations.map((r) => [r.instrument, r.verdict]));
    const theirs = await peerVerdicts(peer, cp, peerInput[i]);
    cp.instruments.forEach((inst, k) => {
      if (byId.get(inst.id) !== theirs[k]) disagreements++;
    });
  }
  if (disagreements > 0) throw new Error(`json-rules-engine disagrees with kouiki on ${disagreements} verdicts`);
  // Throughput: warm up, then time each engine on the same tasks.
  for (let i = 0; i < Math.min(n, 1000); i++) m.evaluateTask(cp, tasks[i]);
  let t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) m.evaluateTask(cp, tasks[i]);
  const oursMs = ms(t0);
  const peerN = Math.max(100, Math.floor(n / 10));
  for (let i = 0; i < Math.min(peerN, 200); i++) await peerVerdicts(peer, cp, peerInput[i]);
  t0 = process.hrtime.bigint();
  for (let i = 0; i < peerN; i++) await peerVerdicts(peer, cp, peerInput[i]);
  const peerMs = ms(t0);
  const oursRate = n / (oursMs / 1000);
  const peerRate = peerN / (peerMs / 1000);
  results.push({ name: 'engine in-process (tasks/s)', unit: 'tasks/s', median: oursRate, min: oursRate, max: oursRate, baseline: 'json-rules-engine', baselineMedian: peerRate, ratio: oursRate / peerRate, limit: '>= 20x', met: oursRate / peerRate >= 20, note: `identical verdicts on ${Math.min(n, tiny ? n : 2000)} tasks x ${cp.instruments.length} instruments` });
}

/** 2,000 municipalities through every designation (central ones, and the partner checks towards one city). */
async function eligibility() {
  const m = await inprocess();
  const n = tiny ? 200 : 2000;
  const pack = m.loadPackDir(m.defaultRulesDir(), { isDefault: true }).pack;
  const layer = m.parseDataText(municipalitiesYaml(n), 'bench-municipalities.yaml');
  const index = m.buildIndex(m.embeddedBase(), [layer]);
  const names = Array.from({ length: n }, (_, i) => `ベンチ${i}市`);
  const central = ['designated-city', 'core-city', 'cooperation-central-city', 'settlement-central-city'];
  const partner = ['cooperation-partner', 'settlement-partner'];
  const once = () => {
    const a = m.evaluateEligibility(pack.data, index, { names, designations: central }, '2026-11-23', 'en');
    const b = m.evaluateEligibility(pack.data, index, { names: names.slice(1), partnerOf: names[0], designations: partner }, '2026-11-23', 'en');
    return a.length + b.length;
  };
  for (let i = 0; i < 3; i++) once(); // warm-up
  const xs = [];
  let checked = 0;
  for (let i = 0; i < (tiny ? 3 : 11); i++) {
    const t0 = process.hrtime.bigint();
    checked = once();
    xs.push(ms(t0));
  }
  results.push({ name: `eligibility, ${n.toLocaleString('en')} municipalities x 6 designations (in-process)`, unit: 'ms', median: median(xs), min: Math.min(...xs), max: Math.max(...xs), limit: '< 50 ms', met: median(xs) < 50, note: `${checked} results` });
}

/** kouiki check on a generated 5,000-project draft (issue 4: well under a second). */
function checkDraft() {
  const n = tiny ? 500 : 5000;
  const file = join(work, `draft-${n}.yaml`);
  writeFileSync(file, draftYaml(n));
  const xs = [];
  timeOnce([bin, 'check', file, '-f', 'json'], { allowFail: true });
  for (let i = 0; i < (tiny ? 1 : 7); i++) xs.push(timeOnce([bin, 'check', file, '-f', 'json'], { allowFail: true }));
  results.push({ name: `kouiki check, a ${n.toLocaleString('en')}-project draft`, unit: 'ms', median: median(xs), min: Math.min(...xs), max: Math.max(...xs), limit: '< 1000 ms', met: median(xs) < 1000 });
}

/**
 * kouiki data import of an origin–destination table the size of the 47 prefectures' tables
 * together (about 1,900 origins; issue 12: under 10 s and 500 MB), and the size of the embedded
 * national data (reported, not limited).
 */
async function dataImport() {
  const origins = tiny ? 100 : 1900;
  const file = join(work, `od-${origins}.csv`);
  writeFileSync(file, odCsv(root, origins, tiny ? 50 : 300));
  const bytes = statSync(file).size;
  const args = ['data', 'import', file, '-o', join(work, 'od.yaml'), '--max-input-size', '1G', '--as-of', '2026-12-01', '-q'];
  await measured(args); // warm-up
  const runs = [];
  for (let i = 0; i < (tiny ? 1 : 3); i++) runs.push(await measured(args));
  const xs = runs.map((r) => r.ms);
  const rss = Math.max(...runs.map((r) => r.rssKB)) / 1024;
  results.push({ name: `kouiki data import, an OD table of ${origins.toLocaleString('en')} origins (${(bytes / 1e6).toFixed(0)} MB)`, unit: 'ms', median: median(xs), min: Math.min(...xs), max: Math.max(...xs), limit: '< 10000 ms', met: median(xs) < 10000 });
  results.push({ name: '  its peak memory (max RSS)', unit: 'MB', median: rss, min: rss, max: rss, limit: '< 500 MB', met: rss < 500 });
  const size = (p) => {
    const buf = readFileSync(join(root, p));
    return `${(buf.length / 1024).toFixed(0)} KB (gzip ${(gzipSync(buf).length / 1024).toFixed(0)} KB)`;
  };
  for (const p of ['dist/census-2020.txt', 'dist/municipal-data.json', 'data/mergers/history.csv']) {
    results.push({ name: `  embedded data: ${p} ${size(p)}`, unit: 'KB', median: statSync(join(root, p)).size / 1024, min: 0, max: 0, limit: '', met: true, info: true });
  }
}

/** The same table in Markdown (bench/results.md), to quote in the README or an issue. */
function markdown() {
  const fmt = (x, unit) => (unit === 'tasks/s' ? Math.round(x).toLocaleString('en') : x >= 100 ? x.toFixed(0) : x.toFixed(1));
  const lines = ['| target | median | min | max | ratio | limit | |', '|---|---:|---:|---:|---|---|---|'];
  for (const r of results) {
    const ratio = r.ratio === undefined ? '' : `${r.ratio.toFixed(r.ratio < 1 ? 3 : 2)}x ${r.baseline}`;
    const name = r.name.startsWith('  ') ? `↳ ${r.name.trim()}` : r.name;
    lines.push(`| ${name} | ${fmt(r.median, r.unit)} ${r.unit} | ${fmt(r.min, r.unit)} | ${fmt(r.max, r.unit)} | ${ratio} | ${r.limit} | ${r.info ? '' : r.met ? 'met' : '**not met**'} |`);
  }
  return `${lines.join('\n')}\n\n${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores${tiny ? ', tiny inputs' : ''}.\n`;
}

function print() {
  const fmt = (x, unit) => (unit === 'tasks/s' ? Math.round(x).toLocaleString('en') : x >= 100 ? x.toFixed(0) : x.toFixed(1));
  const rows = results.map((r) => [
    r.name,
    `${fmt(r.median, r.unit)} ${r.unit}`,
    fmt(r.min, r.unit),
    fmt(r.max, r.unit),
    r.ratio === undefined ? '' : `${r.ratio.toFixed(r.ratio < 1 ? 3 : 2)}x ${r.baseline}`,
    r.limit,
    r.info ? '' : r.met ? 'met' : 'NOT MET',
  ]);
  const head = ['target', 'median', 'min', 'max', 'ratio', 'limit', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

try {
  if (!existsSync(join(root, 'dist', 'kouiki.cjs'))) throw new Error('build first: npm run build');
  const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
  const want = (group) => !only || only.has(group);
  if (want('startup')) {
    const targets = (node, label) => {
      startup('kouiki --version', [bin, '--version'], 1.3, { node, label });
      startup('kouiki --help', [bin, '--help'], 1.3, { node, label });
      startup('kouiki recommend --category wide-area-issue --format json', [bin, 'recommend', '--category', 'wide-area-issue', '--format', 'json'], 1.6, { node, label });
      startup('kouiki check examples/drafts/', [bin, 'check', 'examples/drafts/'], 1.8, { allowFail: true, node, label });
      // Issue 12: the national census data must not slow the everyday eligibility check.
      startup('kouiki eligibility 小田原市', [bin, 'eligibility', '小田原市'], 1.6, { node, label });
      // Where the time of a run goes (information, no limit): loading the bundle and building
      // the command line (`--lang en --version` is not answered from dist/fast.json), then
      // eligibility without its text rendering (JSON), to read against the rows above.
      startup('  where it goes: the bundle loaded, commander built (kouiki --lang en --version)', [bin, '--lang', 'en', '--version'], null, { node, label, info: true });
      startup('  where it goes: eligibility 小田原市 -f json (data, pack, evaluation; no text tables)', [bin, 'eligibility', '小田原市', '-f', 'json'], null, { node, label, info: true });
    };
    targets(undefined, '');
    for (const other of otherNodes()) targets(other.path, `Node ${other.version}: `);
  }
  if (want('batch')) await batch();
  if (want('engine')) await engine();
  if (want('eligibility')) await eligibility();
  if (want('check')) checkDraft();
  if (want('data')) await dataImport();
  if (want('reports')) results.push(...reportRows({ runs: tiny ? 1 : RUNS }));
  if (want('limits')) results.push(...limitRows({ parseYaml: (await inProcessModule(root, 'limits')).parseYaml, runs: tiny ? 1 : 5, scale: tiny ? 0.05 : 1 }));
  if (want('sphere')) sphereBench({ root, bin, work, tiny, runs: RUNS, results });
  print();
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, scale: tiny ? 'tiny' : 'full', results }, null, 2)}\n`);
  writeFileSync(out.replace(/\.json$/, '.md'), markdown());
  console.log(`\nwritten to ${out} and ${out.replace(/\.json$/, '.md')}`);
  process.exitCode = results.every((r) => r.met || r.info || r.other) || tiny ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
