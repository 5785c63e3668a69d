// The same instrument rules expressed in json-rules-engine, for the peer comparison.
// Each case × effect of rules/recommend.yaml becomes one json-rules-engine rule whose event
// carries the instrument's score change and cap; category fit, the in-force dates and the party
// kinds become rules too. Verdicts are then derived exactly as kouiki derives them.
import { Engine } from 'json-rules-engine';

function condition(c, caseCondition, fact) {
  const cond = caseCondition(fact, c);
  const conv = (x) => {
    if ('all' in x) return { all: x.all.map(conv) };
    if ('any' in x) return { any: x.any.map(conv) };
    if ('not' in x) return { not: conv(x.not) };
    if ('text' in x) return { fact: 'text', operator: 'containsAnyText', value: x.text.map((w) => w.toLowerCase()) };
    if ('known' in x) return { fact: x.known, operator: 'isKnown', value: true };
    if ('is' in x) return { fact: x.fact, operator: 'equal', value: x.is };
    return { fact: x.fact, operator: 'in', value: x.in };
  };
  const out = conv(cond);
  return 'all' in out || 'any' in out ? out : { all: [out] };
}

export function buildPeer(compiled, caseCondition) {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator('containsAnyText', (text, words) => typeof text === 'string' && words.some((w) => text.includes(w)));
  engine.addOperator('isKnown', (v, want) => (v !== undefined && v !== null) === want);
  engine.addOperator('partyKindIn', (parties, kinds) => Array.isArray(parties) && parties.some((p) => kinds.includes(p.kind)));
  const inst = compiled.instruments;
  let n = 0;
  const add = (conditions, params) => engine.addRule({ conditions, event: { type: 'effect', params }, name: `r${n++}` });

  for (const rule of compiled.rules) {
    const def = rule.def;
    (def.cases ?? []).forEach((c, ci) => {
      for (const e of rule.cases[ci].effects) {
        for (const t of e.targets) add(condition(c.if, caseCondition, def.fact), { i: t, w: e.weight, cap: e.cap });
      }
    });
    if (rule.match) {
      for (const [value, effects] of rule.match.byValue) {
        for (const e of effects) for (const t of e.targets) add({ all: [{ fact: rule.match.fact, operator: 'equal', value }] }, { i: t, w: e.weight, cap: e.cap });
      }
    }
  }
  if (compiled.categoryFit) {
    for (const [cat, list] of compiled.categoryFit.byCategory) {
      for (const { index, weight } of list) add({ all: [{ fact: 'category', operator: 'equal', value: cat }] }, { i: index, w: weight ?? compiled.categoryFit.weight, cap: 0 });
    }
  }
  for (const i of inst) {
    if (compiled.inForce.caps[i.index] > 0) add({ all: [{ fact: 'always', operator: 'equal', value: true }] }, { i: i.index, w: 0, cap: compiled.inForce.caps[i.index] });
    if (i.excluded.size > 0) add({ all: [{ fact: 'parties', operator: 'partyKindIn', value: [...i.excluded] }] }, { i: i.index, w: 0, cap: 2 });
  }
  return engine;
}

/** The facts json-rules-engine sees for a task (derived ones included, as kouiki derives them). */
export function peerFacts(task, data) {
  const f = { ...(task.facts ?? {}) };
  const parties = f.parties;
  let prefectureParty;
  if (Array.isArray(parties) && parties.length > 0) prefectureParty = parties.some((p) => p.kind === 'prefecture');
  else if (typeof f.includesPrefecture === 'boolean') prefectureParty = f.includesPrefecture;
  else if (task.category && data.categories.find((c) => c.id === task.category)?.impliesPrefectureParty) prefectureParty = true;
  if (prefectureParty !== undefined) f.prefectureParty = prefectureParty;
  if (task.category) f.category = task.category;
  f.text = `${task.name}\n${task.description ?? ''}`.toLowerCase();
  // A fact the task's words state (施設 → a high facility burden), as kouiki infers it.
  for (const fact of data.facts) {
    if (!fact.infer || (f[fact.id] !== undefined && f[fact.id] !== null)) continue;
    const words = [...fact.infer.keywords.ja, ...fact.infer.keywords.en.map((w) => w.toLowerCase())];
    if (words.some((w) => f.text.includes(w))) f[fact.id] = fact.infer.value;
  }
  f.always = true;
  return f;
}

export async function peerVerdicts(engine, compiled, facts) {
  const { events } = await engine.run(facts);
  const n = compiled.instruments.length;
  const score = compiled.instruments.map((i) => i.base);
  const cap = new Array(n).fill(0);
  for (const e of events) {
    score[e.params.i] += e.params.w;
    if (e.params.cap > cap[e.params.i]) cap[e.params.i] = e.params.cap;
  }
  const { recommendedAt, unsuitableBelow } = compiled.settings;
  return score.map((raw, i) => {
    const s = Math.max(0, Math.min(100, raw));
    return cap[i] === 2 ? 'not-allowed' : cap[i] === 1 || s < unsuitableBelow ? 'unsuitable' : s >= recommendedAt ? 'recommended' : 'possible';
  });
}
