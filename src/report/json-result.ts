import type { Reason, Recommendation, TaskResult } from '../core/recommend/types.js';

/**
 * Compact JSON of a task result, byte-identical to JSON.stringify(result) but faster: the
 * engine hands out the same (immutable) reason objects and procedure arrays for every task, so
 * their JSON text is computed once and reused. In a 100,000-task batch most of the output is
 * such shared pieces.
 */
const cache = new WeakMap<object, string>();

function shared(o: object): string {
  let s = cache.get(o);
  if (s === undefined) {
    s = JSON.stringify(o);
    cache.set(o, s);
  }
  return s;
}

function reasons(list: Reason[]): string {
  let out = '[';
  for (let i = 0; i < list.length; i++) out += (i ? ',' : '') + shared(list[i]!);
  return `${out}]`;
}

function recommendation(r: Recommendation): string {
  // Keys in the order the engine builds them (see evaluate.ts); any other key falls back.
  let out = `{"instrument":${JSON.stringify(r.instrument)},"name":${JSON.stringify(r.name)}`;
  if (r.kind !== undefined) out += `,"kind":${JSON.stringify(r.kind)}`;
  out += `,"rank":${r.rank},"score":${JSON.stringify(r.score)},"verdict":"${r.verdict}","level":"${r.level}","reasons":${reasons(r.reasons)}`;
  if (r.procedure !== undefined) out += `,"procedure":${shared(r.procedure)}`;
  return `${out}}`;
}

const KNOWN_REC = new Set(['instrument', 'name', 'kind', 'rank', 'score', 'verdict', 'level', 'reasons', 'procedure']);
const KNOWN_RESULT = ['task', 'category', 'unknownFacts', 'notes', 'recommendations', 'prefecture'];

export function taskResultJson(r: TaskResult): string {
  const keys = Object.keys(r);
  if (keys.some((k, i) => k !== KNOWN_RESULT.filter((x) => x in r)[i])) return JSON.stringify(r);
  let out = `{"task":${JSON.stringify(r.task)},"category":${JSON.stringify(r.category)},"unknownFacts":${JSON.stringify(r.unknownFacts)}`;
  if (r.notes !== undefined) out += `,"notes":${JSON.stringify(r.notes)}`;
  out += ',"recommendations":[';
  for (let i = 0; i < r.recommendations.length; i++) {
    const rec = r.recommendations[i]!;
    out += (i ? ',' : '') + (Object.keys(rec).every((k) => KNOWN_REC.has(k)) ? recommendation(rec) : JSON.stringify(rec));
  }
  out += ']';
  if (r.prefecture !== undefined) out += `,"prefecture":${JSON.stringify(r.prefecture)}`;
  return `${out}}`;
}
