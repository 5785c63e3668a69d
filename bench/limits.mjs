// The input limits (test/unit/limits.test.ts asserts what they do; this measures how fast):
// each hostile YAML text is refused or read in about the time an ordinary file of the same size
// takes to parse, measured in the same process, so a change that makes one of them quadratic
// shows as a ratio far above 1. The limits are ratios against that baseline, not milliseconds.
//
//   node bench/limits.mjs        prints the rows; `npm run bench` includes them (group "limits")

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(fn) {
  const t0 = process.hrtime.bigint();
  try {
    fn();
  } catch {
    // refused: what the limit is for
  }
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** An ordinary task list of about `bytes` bytes: the baseline every hostile text is compared to. */
function ordinary(bytes) {
  const row = '  - name: 観光振興\n    category: regional-vitality\n    facts: { needsLegalEntity: false }\n';
  return `tasks:\n${row.repeat(Math.max(1, Math.ceil(bytes / Buffer.byteLength(row))))}`;
}

function laughs(levels, width = 10) {
  let out = 'l0: &l0 "lol"\n';
  for (let i = 1; i <= levels; i++) out += `l${i}: &l${i} [${Array(width).fill(`*l${i - 1}`).join(', ')}]\n`;
  return out;
}

/** Result rows in bench/run.mjs's shape; `parseYaml` from the in-process bundle. */
export function limitRows({ parseYaml, runs = 5, scale = 1 }) {
  const n = Math.round(100_000 * scale);
  const cases = [
    ['billion laughs (10^9 expansions), refused', laughs(9)],
    [`${n.toLocaleString('en')} nested flow sequences, refused`, `tasks: ${'['.repeat(n)}${']'.repeat(n)}\n`],
    [`${n.toLocaleString('en')} nested block sequences, refused`, `tasks:\n  ${'- '.repeat(n)}x\n`],
    [`a map of ${Math.round(n / 2).toLocaleString('en')} keys, read`, Array.from({ length: Math.round(n / 2) }, (_, i) => `k${i}: ${i}\n`).join('')],
    [`${Math.round(n / 2).toLocaleString('en')} syntax errors, refused`, `tasks:\n${'- !!seq '.repeat(Math.round(n / 2))}x\n`],
  ];
  const rows = [];
  for (const [name, text] of cases) {
    const base = ordinary(Buffer.byteLength(text));
    time(() => parseYaml(base, 'base.yaml'));
    time(() => parseYaml(text, 'hostile.yaml'));
    const xs = [];
    const bs = [];
    for (let i = 0; i < runs; i++) {
      bs.push(time(() => parseYaml(base, 'base.yaml')));
      xs.push(time(() => parseYaml(text, 'hostile.yaml')));
    }
    const ratio = median(xs) / median(bs);
    // 10x an ordinary parse of the same size: far below what a quadratic or exponential path costs
    // (the billion laughs alone would be 10^9 values), far above the noise of a shared machine.
    rows.push({ name: `limits: ${name}`, unit: 'ms', median: median(xs), min: Math.min(...xs), max: Math.max(...xs), baseline: `parse of an ordinary file of ${Buffer.byteLength(text).toLocaleString('en')} bytes`, baselineMedian: median(bs), ratio, limit: '<= 10x', met: ratio <= 10 });
  }
  return rows;
}
