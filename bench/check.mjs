// Times `kouiki check` on a generated 5,000-project draft (issue 4: "well under a second").
// Standalone for now (`node bench/check.mjs` after a build); the numbers go to docs/decisions.md.
//   BENCH_PROJECTS=N   projects in the draft (default 5000)
//   BENCH_RUNS=N       runs (default 7); the median is reported, with bare `node -e 0` beside it
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rng } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.env.BENCH_PROJECTS ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

const CATEGORIES = ['wide-area-issue', 'regional-vitality', 'essential-service', 'core-city-service', 'administrative-efficiency'];
const INSTRUMENTS = ['cooperation-agreement', 'council', 'joint-body', 'consignment', 'proxy-execution', 'partial-affairs-union', 'regional-federation'];
const NAMES = ['鳥獣被害対策', '災害対策', '観光振興', 'ごみ処理施設', '介護認定審査会', '簡易水道', '公共交通', '消防', '住民票', '公平委員会'];
const PLACES = ['甲市', '乙市', '丙町', '丁町', '戊町', '己町', '庚村', '辛村'];

/**
 * A draft of n projects, every name distinct. `mixed`: random instruments and facts, so most
 * projects have a finding (the worst case); `clean`: each project's instrument fits its facts.
 */
export function draftYaml(n, seed = 7, mode = 'mixed') {
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const lines = ['version: 1', 'name: ベンチマーク用の政策案', 'scheme: none', 'centralCity: 甲市', 'municipalities:'];
  PLACES.forEach((p, i) => lines.push(`  - { name: ${p}, kind: ${p.endsWith('市') ? 'city' : p.endsWith('町') ? 'town' : 'village'}, prefecture: ${i < 6 ? '甲県' : '乙県'} }`));
  lines.push(`partners: [${PLACES.slice(1).join(', ')}]`, 'projects:');
  for (let i = 0; i < n; i++) {
    if (mode === 'clean') {
      const parties = [...new Set(['甲市', pick(PLACES.slice(1, 6)), pick(PLACES.slice(1, 6))])];
      lines.push(`  - name: ${pick(NAMES)}${i}`, '    category: regional-vitality', '    instrument: cooperation-agreement', `    parties: [${parties.join(', ')}]`, '    facts: { mode: coordination, retainAuthority: true }');
      continue;
    }
    const parties = [...new Set([pick(PLACES), pick(PLACES), pick(PLACES)])];
    lines.push(`  - name: ${pick(NAMES)}${i}`, `    category: ${pick(CATEGORIES)}`, `    instrument: ${pick(INSTRUMENTS)}`, `    parties: [${parties.join(', ')}]`);
    if (r() < 0.6) lines.push(`    provider: ${parties[0]}`);
    if (r() < 0.6) lines.push('    costSharing: 人口割・均等割');
    const facts = [];
    if (r() < 0.5) facts.push(`retainAuthority: ${r() < 0.5}`);
    if (r() < 0.5) facts.push(`needsLegalEntity: ${r() < 0.5}`);
    if (r() < 0.3) facts.push(`capacityGap: ${r() < 0.5}`);
    if (facts.length > 0) lines.push(`    facts: { ${facts.join(', ')} }`);
  }
  return `${lines.join('\n')}\n`;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Wall time and CPU time (user + system) of one run. */
function time(args) {
  const t0 = process.hrtime.bigint();
  const res = spawnSync(process.execPath, ['-r', join(root, 'bench', 'cpu.cjs'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe', 'pipe'], env: { ...process.env, LANG: 'C', NO_COLOR: '1' }, maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (res.status !== 0 && res.status !== 1) throw new Error(`exit ${res.status}: ${res.stderr}`);
  return { ms, cpu: Number(res.output[3].toString()), res };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = mkdtempSync(join(tmpdir(), 'kouiki-bench-check-'));
  const bin = join(root, 'bin', 'kouiki.cjs');
  const base = [];
  for (let i = 0; i < RUNS; i++) base.push(time(['-e', '0']));
  console.log(`bare node: median ${median(base.map((x) => x.ms)).toFixed(0)} ms wall, ${median(base.map((x) => x.cpu)).toFixed(0)} ms CPU`);
  for (const mode of ['clean', 'mixed']) {
    const file = join(dir, `draft-${mode}.yaml`);
    const text = draftYaml(N, 7, mode);
    writeFileSync(file, text);
    const args = [bin, 'check', file, '--as-of', '2026-11-23', '--lang', 'en', '-f', 'json'];
    time(args); // warm the file cache
    const xs = [];
    for (let i = 0; i < RUNS; i++) xs.push(time(args));
    const summary = JSON.parse(xs[0].res.stdout.toString()).summary;
    const wall = xs.map((x) => x.ms);
    const cpu = xs.map((x) => x.cpu);
    console.log(`kouiki check, ${N} projects, ${mode} (${(text.length / 1024).toFixed(0)} KiB; ${summary.errors} errors, ${summary.warnings} warnings): median ${median(wall).toFixed(0)} ms wall (min ${Math.min(...wall).toFixed(0)}), ${median(cpu).toFixed(0)} ms CPU (min ${Math.min(...cpu).toFixed(0)})`);
  }
}
