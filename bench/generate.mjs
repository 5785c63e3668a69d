// Seeded, deterministic inputs for the benchmark: task lists of any size.

/** A small linear congruential generator: the same seed gives the same inputs everywhere. */
export function rng(seed = 42) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 0x100000000);
}

const CATEGORIES = ['wide-area-issue', 'regional-vitality', 'essential-service', 'core-city-service', 'administrative-efficiency'];
const NAMES = ['鳥獣被害対策', '災害対策', '観光振興', 'ごみ処理施設', '介護認定審査会', '簡易水道', '公共交通', '消防', '住民票', '公平委員会', '職員の派遣', '権限移譲'];
const MODES = ['coordination', 'planning', 'joint-organ', 'delegate-execution', 'joint-operation'];
// Real bodies with the kinds the data gives them: evaluate checks every party against the data.
const PARTIES = [
  { name: '神奈川県', kind: 'prefecture', pref: '神奈川県' },
  { name: '南足柄市', kind: 'city', pref: '神奈川県' },
  { name: '箱根町', kind: 'town', pref: '神奈川県' },
  { name: '清川村', kind: 'village', pref: '神奈川県' },
  { name: '鳥取市', kind: 'core-city', pref: '鳥取県' },
  { name: '千代田区', kind: 'special-ward', pref: '東京都' },
];

/** Task objects (as the task list holds them). */
export function generateTasks(n, seed = 42) {
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const maybe = (p) => r() < p;
  const tasks = [];
  for (let i = 0; i < n; i++) {
    const t = { id: `t${i}`, name: `${pick(NAMES)}${i}` };
    if (maybe(0.7)) t.category = pick(CATEGORIES);
    const f = {};
    if (maybe(0.5)) f.needsLegalEntity = maybe(0.5);
    if (maybe(0.5)) f.retainAuthority = maybe(0.5);
    if (maybe(0.5)) f.mode = pick(MODES);
    if (maybe(0.3)) f.capacityGap = maybe(0.5);
    if (maybe(0.3)) f.includesPrefecture = maybe(0.5);
    if (maybe(0.2)) f.stateDelegation = maybe(0.3);
    if (maybe(0.2)) f.facilityBurden = pick(['high', 'low']);
    if (maybe(0.2)) f.frequency = pick(['rare', 'regular']);
    if (maybe(0.2)) f.beyondMunicipalEffort = maybe(0.5);
    if (maybe(0.1)) f.multipleAffairs = maybe(0.5);
    if (maybe(0.1)) {
      const a = pick(PARTIES);
      const rest = PARTIES.filter((p) => p !== a);
      const b = pick(rest);
      f.parties = [{ name: a.name, kind: a.kind }, { name: b.name, kind: b.kind }];
      // What kouiki derives from these parties, stated, so the json-rules-engine baseline (which
      // derives nothing) reads the same facts.
      f.crossPrefecture = a.pref !== b.pref;
      f.centralCityStatus = a.kind === 'core-city' || b.kind === 'core-city' ? 'core-city' : 'none';
    }
    if (Object.keys(f).length) t.facts = f;
    tasks.push(t);
  }
  return tasks;
}

/** The same tasks as YAML text (block style, one flow map of facts per task; ~100 bytes a task). */
export function tasksYaml(tasks) {
  let out = 'version: 1\ntasks:\n';
  for (const t of tasks) {
    out += `  - id: ${t.id}\n    name: ${t.name}\n`;
    if (t.category) out += `    category: ${t.category}\n`;
    if (t.facts) {
      const parts = Object.entries(t.facts).map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.map((p) => `{ name: ${p.name}, kind: ${p.kind} }`).join(', ')}]` : v}`);
      out += `    facts: { ${parts.join(', ')} }\n`;
    }
  }
  return out;
}

/**
 * A municipality data file of n generated cities (all figures as counts, commuting to the
 * first city), for the eligibility target.
 */
export function municipalitiesYaml(n, seed = 5) {
  const r = rng(seed);
  const metro = ['none', 'tokyo', 'osaka', 'nagoya'];
  let out = 'version: 1\nmunicipalities:\n';
  for (let i = 0; i < n; i++) {
    const population = 20000 + Math.floor(r() * 800000);
    const daytime = Math.floor(population * (0.8 + r() * 0.4));
    const workers = Math.floor(population * 0.55);
    out += `  - name: ベンチ${i}市\n    prefecture: ベンチ県\n    kind: ${pick(r, ['city', 'city', 'core-city', 'designated-city'])}\n    population: ${population}\n    daytimePopulation: ${daytime}\n    metroArea: ${pick(r, metro)}\n    workersAndStudents: ${workers}\n    commuting: { toMetroCores: ${Math.floor(workers * r() * 0.3)}, to: { ベンチ0市: ${Math.floor(workers * r() * 0.3)} } }\n    source: generated for the benchmark\n`;
  }
  return out;
}

function pick(r, a) {
  return a[Math.floor(r() * a.length)];
}
