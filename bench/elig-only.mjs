// The eligibility target of bench/run.mjs alone, to iterate on it quickly: the same bundle, data
// and calls (2,000 generated municipalities through the four central designations, then the two
// partner checks towards ベンチ0市), 3 warm-up runs, the median of the timed runs.
//
//   node bench/elig-only.mjs [--runs N] [--out FILE]
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/elig-only.mjs --runs 60    (where the time goes)
//
// --out writes both results (en) as JSON, to check that a change leaves them byte-identical.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inProcessModule } from './inprocess-bundle.mjs';
import { municipalitiesYaml } from './generate.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const runs = Number(arg('--runs') ?? 11);
const outFile = arg('--out');

const m = await inProcessModule(root, 'elig-only');

const n = 2000;
const pack = m.loadPackDir(m.defaultRulesDir(), { isDefault: true }).pack;
const index = m.buildIndex(m.embeddedBase(), [m.parseDataText(municipalitiesYaml(n), 'bench-municipalities.yaml')]);
const names = Array.from({ length: n }, (_, i) => `ベンチ${i}市`);
const central = ['designated-city', 'core-city', 'cooperation-central-city', 'settlement-central-city'];
const partner = ['cooperation-partner', 'settlement-partner'];
const evaluate = () => [
  m.evaluateEligibility(pack.data, index, { names, designations: central }, '2026-11-23', 'en'),
  m.evaluateEligibility(pack.data, index, { names: names.slice(1), partnerOf: names[0], designations: partner }, '2026-11-23', 'en'),
];

for (let i = 0; i < 3; i++) evaluate();
const xs = [];
for (let i = 0; i < runs; i++) {
  const t0 = process.hrtime.bigint();
  evaluate(); // the results are dropped, as in bench/run.mjs
  xs.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
const sorted = [...xs].sort((a, b) => a - b);
console.log(`eligibility, ${n} municipalities x 6 designations: median ${sorted[Math.floor(runs / 2)].toFixed(1)} ms (min ${sorted[0].toFixed(1)}, max ${sorted[runs - 1].toFixed(1)}, ${runs} runs)`);
if (outFile) writeFileSync(outFile, JSON.stringify(evaluate()));
