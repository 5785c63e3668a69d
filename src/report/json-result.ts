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

type Put = (piece: string) => void;

function reasons(list: Reason[], put: Put): void {
  put('[');
  for (let i = 0; i < list.length; i++) {
    if (i) put(',');
    put(shared(list[i]!));
  }
  put(']');
}

function recommendation(r: Recommendation, put: Put): void {
  // Keys in the order the engine builds them (see evaluate.ts); any other key falls back.
  put(`{"instrument":${JSON.stringify(r.instrument)},"name":${JSON.stringify(r.name)}`);
  if (r.kind !== undefined) put(`,"kind":${JSON.stringify(r.kind)}`);
  put(`,"rank":${r.rank},"score":${JSON.stringify(r.score)},"verdict":"${r.verdict}","level":"${r.level}","reasons":`);
  reasons(r.reasons, put);
  if (r.procedure !== undefined) {
    put(',"procedure":');
    put(shared(r.procedure));
  }
  put('}');
}

const KNOWN_REC = new Set(['instrument', 'name', 'kind', 'rank', 'score', 'verdict', 'level', 'reasons', 'procedure']);
const KNOWN_RESULT = ['task', 'category', 'unknownFacts', 'notes', 'recommendations', 'prefecture'];

/**
 * Writes the compact JSON of a result as a sequence of pieces. The shared pieces are flat
 * strings computed once, so a writer that encodes each piece into a byte buffer never has to
 * flatten one long concatenated string (which cost more than the JSON itself on large batches).
 */
export function writeTaskResultJson(r: TaskResult, put: Put): void {
  const keys = Object.keys(r);
  if (keys.some((k, i) => k !== KNOWN_RESULT.filter((x) => x in r)[i])) {
    put(JSON.stringify(r));
    return;
  }
  put(`{"task":${JSON.stringify(r.task)},"category":${JSON.stringify(r.category)},"unknownFacts":${JSON.stringify(r.unknownFacts)}`);
  if (r.notes !== undefined) put(`,"notes":${JSON.stringify(r.notes)}`);
  put(',"recommendations":[');
  for (let i = 0; i < r.recommendations.length; i++) {
    const rec = r.recommendations[i]!;
    if (i) put(',');
    if (Object.keys(rec).every((k) => KNOWN_REC.has(k))) recommendation(rec, put);
    else put(JSON.stringify(rec));
  }
  put(']');
  if (r.prefecture !== undefined) put(`,"prefecture":${JSON.stringify(r.prefecture)}`);
  put('}');
}

/** The same JSON as one string. */
export function taskResultJson(r: TaskResult): string {
  let out = '';
  writeTaskResultJson(r, (piece) => {
    out += piece;
  });
  return out;
}
