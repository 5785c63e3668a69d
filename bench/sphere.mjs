// The targets of issue 12 for `kouiki sphere` and `kouiki eligibility`, called by bench/run.mjs
// as the group `sphere` (BENCH_ONLY=sphere), each a ratio to a baseline measured in the same run:
//
//   kouiki sphere CITY --data F           <= 1.3x  kouiki eligibility CITY --data F (same data)
//   kouiki eligibility 小田原市            <= 1.6x  node -e 0
//   kouiki eligibility --all -f json       < 1500 ms (every municipality x every designation)
//   kouiki sphere CITY --data N           <= 1.3x  kouiki eligibility CITY --data N, N a national-size
//                                                  import read from its compiled form (and the first,
//                                                  compiling run, as a figure)
//
// F is a generated data file the size of one prefecture's imported origin–destination table (60
// municipalities, each with its workers and students and 300 destinations), so that both commands
// read the same file and the ratio is what sphere adds: finding and ranking the commuters.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

/** A data file like `kouiki data import` writes for one prefecture (generated, seeded). */
export function prefectureOdYaml(origins = 60, destinations = 300, seed = 7) {
  let s = seed;
  const r = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  let out = 'version: 1\nmunicipalities:\n';
  for (let i = 0; i < origins; i++) {
    const w = 5000 + Math.floor(r() * 200000);
    out += `  - name: ベンチ${i}町\n    prefecture: ベンチ県\n    kind: town\n    population: ${Math.floor(w * 1.8)}\n    workersAndStudents: ${w}\n    commuting:\n      toMetroCores: ${Math.floor(w * r() * 0.1)}\n      to:\n`;
    out += `        ベンチ中心市: ${Math.floor(w * r() * 0.4)}\n`;
    // Each flow below w / (2 x destinations): the flows add up to less than the workers and
    // students, as the data checks demand (a part never exceeds its whole).
    for (let j = 0; j < destinations; j++) if (j !== i) out += `        ベンチ${j}町: ${1 + Math.floor(r() * (w / (2 * destinations)))}\n`;
    out += '    sources: { workersAndStudents: generated for the benchmark, commuting: generated for the benchmark }\n';
  }
  out += '  - name: ベンチ中心市\n    prefecture: ベンチ県\n    kind: core-city\n    population: 300000\n    daytimePopulation: 310000\n    metroArea: none\n    source: generated for the benchmark\n';
  return out;
}

/**
 * A data file like `kouiki data import` writes from a national table 6-1: the real municipalities
 * (data/census/2020.csv: code, name, prefecture, population), each with workers and students at
 * half its population and `destinations` flows to other real municipalities, the flows adding up
 * to less than the total (generated, seeded). Real names, as an import has: no warnings.
 */
export function nationalOdYaml(root, origins = 1741, destinations = 250, seed = 7) {
  let s = seed;
  const r = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  // The census prints 梼原町 in its 旧字体 form 檮原町; the code list (and so an import) has 梼原町.
  const rows = readFileSync(join(root, 'data', 'census', '2020.csv'), 'utf8').replace('檮原町', '梼原町').trim().split('\n').slice(1).map((l) => l.split(','));
  const places = rows.filter((c) => c[3] !== 'a' && c[0] !== '13100' && (c[3] !== '0' || c[0].startsWith('131')) && /^\d+$/.test(c[4]));
  let out = 'version: 1\nmunicipalities:\n';
  for (const [code, prefecture, name, , population] of places.slice(0, origins)) {
    const w = Math.floor(Number(population) / 2);
    out += `  - name: ${name}\n    code: "${code}"\n    prefecture: ${prefecture}\n    workersAndStudents: ${w}\n    commuting:\n      to:\n`;
    const seen = new Set([code]);
    for (let j = 0; j < destinations; j++) {
      const [dc, dp, dn] = places[Math.floor(r() * places.length)];
      if (seen.has(dc)) continue;
      seen.add(dc);
      out += `        ${dp}${dn}: ${Math.floor(r() * (w / (2 * destinations)))}\n`;
    }
    out += '    sources: { workersAndStudents: generated for the benchmark, commuting: generated for the benchmark }\n';
  }
  return out;
}

function timeOnce(args, env, cwd) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LANG: 'C', NO_COLOR: '1', ...env } });
  const t = ms(t0);
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return t;
}

/** Target and baseline alternately, after a warm-up, so that drift affects both alike. */
function ratio(name, target, baseline, baselineName, limit, runs, env, cwd) {
  for (let i = 0; i < 2; i++) {
    timeOnce(baseline, env, cwd);
    timeOnce(target, env, cwd);
  }
  const xs = [];
  const base = [];
  for (let i = 0; i < runs; i++) {
    base.push(timeOnce(baseline, env, cwd));
    xs.push(timeOnce(target, env, cwd));
  }
  const q = median(xs) / median(base);
  return { name, unit: 'ms', median: median(xs), min: Math.min(...xs), max: Math.max(...xs), baseline: baselineName, baselineMedian: median(base), ratio: q, limit: `<= ${limit}x`, met: q <= limit };
}

/**
 * Adds the group's rows to `results`. `work` is the run's scratch directory; `env` the
 * environment of every run (bench/run.mjs gives its own cache directory).
 */
export function sphereBench({ root, bin, work, tiny, runs, results, env = {} }) {
  const data = join(work, 'sphere-prefecture.yaml');
  writeFileSync(data, prefectureOdYaml(tiny ? 20 : 60, tiny ? 50 : 300));
  const asOf = ['--as-of', '2026-11-23'];
  results.push(ratio('kouiki sphere CITY --data (a prefecture\'s OD table)', [bin, 'sphere', 'ベンチ中心市', '--data', data, ...asOf], [bin, 'eligibility', 'ベンチ中心市', '--data', data, ...asOf], 'kouiki eligibility CITY --data (same file)', 1.3, runs, env, root));
  results.push(ratio('kouiki eligibility 小田原市', [bin, 'eligibility', '小田原市', ...asOf], ['-e', '0'], 'node -e 0', 1.6, runs, env, root));
  // A national import (1,740 origins x 250 flows, about 11 MB): the first run parses, checks and
  // compiles it (src/io/data-cache.ts), the later ones read the compiled form; sphere against
  // eligibility over the same compiled file. A cache directory of the run's own.
  const national = join(work, 'sphere-national.yaml');
  writeFileSync(national, nationalOdYaml(root, tiny ? 300 : 1741, tiny ? 20 : 250));
  const cacheEnv = { ...env, XDG_CACHE_HOME: join(work, 'sphere-cache') };
  const sphereNational = [bin, 'sphere', '鳥取市', '--data', national, '--max-input-size', '512M', ...asOf];
  const first = timeOnce(sphereNational, cacheEnv, root);
  results.push({ name: 'kouiki sphere CITY --data (a national-size import, first run: parse, check, compile)', unit: 'ms', median: first, min: first, max: first, limit: '', info: true });
  results.push(ratio('kouiki sphere CITY --data (a national-size import, compiled)', sphereNational, [bin, 'eligibility', '鳥取市', '--data', national, '--max-input-size', '512M', ...asOf], 'kouiki eligibility CITY --data (same file, compiled)', 1.3, tiny ? 1 : 3, cacheEnv, root));
  const all = [bin, 'eligibility', '--all', '-f', 'json', ...asOf];
  timeOnce(all, env, root);
  const xs = [];
  for (let i = 0; i < (tiny ? 1 : 5); i++) xs.push(timeOnce(all, env, root));
  results.push({ name: 'kouiki eligibility --all -f json (every municipality x every designation)', unit: 'ms', median: median(xs), min: Math.min(...xs), max: Math.max(...xs), limit: '< 1500 ms', met: median(xs) < 1500 });
}
