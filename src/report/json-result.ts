import type { CategoryOut, Recommendation, TaskResult } from '../core/recommend/types.js';
import { isShared } from '../core/recommend/shared.js';
import { ByteBuffer, type ByteSink } from './byte-buffer.js';

/**
 * Compact JSON of a task result, byte-identical to JSON.stringify(result) but written as UTF-8
 * bytes, most of them encoded once per run: the engine hands out the same (immutable) reason
 * objects, procedure arrays and prefecture advice for every task, and the rest is mostly the
 * pack's vocabulary (instrument ids and names, fact ids, verdicts). In a 100,000-task batch
 * (660 MB of JSON) only the tasks' own ids and names are encoded per task; everything else is
 * copied.
 *
 * Objects whose keys are not exactly those the engine builds, in its order, are written with
 * JSON.stringify, so the output stays that of JSON.stringify whatever the result holds.
 */

const encode = (s: string): Uint8Array => Buffer.from(s, 'utf8');

/** The JSON of the parts the engine shares between results (see core/recommend/shared.ts). */
const sharedJson = new WeakMap<object, Uint8Array>();

/** An object's JSON: encoded once when the engine shares it, else (a part of one task) each time. */
function object(o: object, out: ByteSink): void {
  let b = sharedJson.get(o);
  if (b === undefined) {
    if (!isShared(o)) {
      out.text(JSON.stringify(o) ?? 'null');
      return;
    }
    b = encode(JSON.stringify(o));
    sharedJson.set(o, b);
  }
  out.bytes(b);
}

/**
 * Quoted JSON strings of the pack's vocabulary. Bounded so that strings that turn out not to
 * repeat (a custom pack's odd output) cannot grow it without limit.
 */
const VOCABULARY_MAX = 4096;
const quotedJson = new Map<string, Uint8Array>();

function quoted(s: string): Uint8Array {
  let b = quotedJson.get(s);
  if (b === undefined) {
    b = encode(JSON.stringify(s));
    if (quotedJson.size < VOCABULARY_MAX) quotedJson.set(s, b);
  }
  return b;
}

/** Two-level cache of pieces made of two vocabulary strings. */
function pairCache(make: (a: string, b: string) => string): (a: string, b: string) => Uint8Array {
  const outer = new Map<string, Map<string, Uint8Array>>();
  let size = 0;
  return (a, b) => {
    let inner = outer.get(a);
    if (inner === undefined) {
      inner = new Map();
      if (size < VOCABULARY_MAX) outer.set(a, inner);
    }
    let bytes = inner.get(b);
    if (bytes === undefined) {
      bytes = encode(make(a, b));
      if (size < VOCABULARY_MAX) {
        inner.set(b, bytes);
        size++;
      }
    }
    return bytes;
  };
}

const recHead = pairCache((instrument, name) => `{"instrument":${JSON.stringify(instrument)},"name":${JSON.stringify(name)}`);
const recVerdict = pairCache((verdict, level) => `,"verdict":${JSON.stringify(verdict)},"level":${JSON.stringify(level)},"reasons":[`);
const categoryHead = pairCache((id, name) => `{"id":${JSON.stringify(id)},"name":${JSON.stringify(name)},"inferred":`);

const TASK_ID = encode('{"task":{"id":');
const TASK_NAME = encode(',"name":');
const CATEGORY = encode('},"category":');
const CATEGORY_NULL = encode('{"id":null,"inferred":');
const FALSE_EVIDENCE = encode('false,"evidence":[');
const TRUE_EVIDENCE = encode('true,"evidence":[');
const UNKNOWN_FACTS = encode(',"unknownFacts":[');
const NOTES = encode(',"notes":[');
const RECOMMENDATIONS = encode(',"recommendations":[');
const PREFECTURE = encode(',"prefecture":');
const TIE = encode(',"tie":');
const KIND = encode(',"kind":');
const RANK = encode(',"rank":');
const SCORE = encode(',"score":');
const PROCEDURE = encode(',"procedure":');
const COMMA = 0x2c;
const CLOSE_LIST = 0x5d;
const CLOSE_OBJECT = 0x7d;

/** Small non-negative integers (ranks), as JSON. */
const INTS: Uint8Array[] = Array.from({ length: 256 }, (_, i) => encode(String(i)));
/** Scores in hundredths (what the engine gives), as JSON: SCORES[k] is the JSON of k / 100. */
const SCORES: Uint8Array[] = Array.from({ length: 101 }, (_, k) => encode(JSON.stringify(k / 100)));

function int(n: number, out: ByteSink): void {
  if (n >= 0 && n < 256 && (n | 0) === n) out.bytes(INTS[n]!);
  else out.text(JSON.stringify(n));
}

function score(s: number, out: ByteSink): void {
  const k = Math.round(s * 100);
  // k / 100 === s: the table holds exactly this number's JSON.
  if (k >= 0 && k <= 100 && k / 100 === s) out.bytes(SCORES[k]!);
  else out.text(JSON.stringify(s));
}

/** Any value's JSON, with the engine's shared parts encoded once. */
function value(v: unknown, out: ByteSink): void {
  if (typeof v === 'object' && v !== null) object(v, out);
  else out.text(JSON.stringify(v) ?? 'null');
}

/** The rest of a list (after its "["). */
function list(items: readonly unknown[], out: ByteSink): void {
  for (let i = 0; i < items.length; i++) {
    if (i !== 0) out.byte(COMMA);
    value(items[i], out);
  }
  out.byte(CLOSE_LIST);
}

function allStrings(items: readonly unknown[]): boolean {
  for (let i = 0; i < items.length; i++) if (typeof items[i] !== 'string') return false;
  return true;
}

/** The rest of a list of vocabulary strings (after its "["). */
function strings(items: readonly string[], out: ByteSink): void {
  for (let i = 0; i < items.length; i++) {
    if (i !== 0) out.byte(COMMA);
    out.bytes(quoted(items[i]!));
  }
  out.byte(CLOSE_LIST);
}

/**
 * Whether the object's own enumerable keys are, in order, a subsequence of `order` that holds
 * every key of `required` (a bitmask over `order`). No allocation: for-in walks V8's enum cache.
 */
// Object.prototype.hasOwnProperty on a for-in key is nearly free in V8 (Object.hasOwn is not).
const hasOwn = Object.prototype.hasOwnProperty;

function keysIn(o: object, order: readonly string[], required: number): boolean {
  let j = 0;
  let seen = 0;
  for (const k in o) {
    if (!hasOwn.call(o, k)) return false;
    while (j < order.length && order[j] !== k) j++;
    if (j === order.length) return false;
    seen |= 1 << j;
    j++;
  }
  return (seen & required) === required;
}

const RESULT_KEYS = ['task', 'category', 'unknownFacts', 'notes', 'recommendations', 'tie', 'prefecture'];
const RESULT_REQUIRED = 0b010111;
const TASK_KEYS = ['id', 'name'];
const CATEGORY_KEYS = ['id', 'name', 'inferred', 'evidence'];
const REC_KEYS = ['instrument', 'name', 'kind', 'rank', 'score', 'verdict', 'level', 'reasons', 'procedure'];
const REC_REQUIRED = 0b011111011;

function category(c: CategoryOut, out: ByteSink): void {
  const named = c.name !== undefined;
  if (
    keysIn(c, CATEGORY_KEYS, named ? 0b1111 : 0b1101) &&
    typeof c.inferred === 'boolean' &&
    Array.isArray(c.evidence) &&
    allStrings(c.evidence) &&
    (named ? typeof c.id === 'string' && typeof c.name === 'string' : c.id === null)
  ) {
    out.bytes(named ? categoryHead(c.id!, c.name!) : CATEGORY_NULL);
    out.bytes(c.inferred ? TRUE_EVIDENCE : FALSE_EVIDENCE);
    strings(c.evidence, out);
    out.byte(CLOSE_OBJECT);
    return;
  }
  out.text(JSON.stringify(c));
}

function recommendation(r: Recommendation, out: ByteSink): void {
  if (
    !keysIn(r, REC_KEYS, REC_REQUIRED) ||
    typeof r.instrument !== 'string' ||
    typeof r.name !== 'string' ||
    (r.kind !== undefined && typeof r.kind !== 'string') ||
    typeof r.rank !== 'number' ||
    typeof r.score !== 'number' ||
    typeof r.verdict !== 'string' ||
    typeof r.level !== 'string' ||
    !Array.isArray(r.reasons) ||
    (r.procedure !== undefined && !Array.isArray(r.procedure))
  ) {
    out.text(JSON.stringify(r));
    return;
  }
  out.bytes(recHead(r.instrument, r.name));
  if (r.kind !== undefined) {
    out.bytes(KIND);
    out.bytes(quoted(r.kind));
  }
  out.bytes(RANK);
  int(r.rank, out);
  out.bytes(SCORE);
  score(r.score, out);
  out.bytes(recVerdict(r.verdict, r.level));
  list(r.reasons, out);
  if (r.procedure !== undefined) {
    out.bytes(PROCEDURE);
    value(r.procedure, out);
  }
  out.byte(CLOSE_OBJECT);
}

/** Writes the compact JSON of a result (JSON.stringify(r), byte for byte) to `out`. */
export function writeTaskResultJson(r: TaskResult, out: ByteSink): void {
  const t = r.task;
  if (
    !keysIn(r, RESULT_KEYS, RESULT_REQUIRED) ||
    !keysIn(t, TASK_KEYS, 0b11) ||
    typeof t.id !== 'string' ||
    typeof t.name !== 'string' ||
    typeof r.category !== 'object' ||
    r.category === null ||
    !Array.isArray(r.unknownFacts) ||
    !Array.isArray(r.recommendations) ||
    (r.notes !== undefined && !Array.isArray(r.notes)) ||
    !allStrings(r.unknownFacts)
  ) {
    out.text(JSON.stringify(r));
    return;
  }
  out.bytes(TASK_ID);
  out.text(JSON.stringify(t.id));
  out.bytes(TASK_NAME);
  out.text(JSON.stringify(t.name));
  out.bytes(CATEGORY);
  category(r.category, out);
  out.bytes(UNKNOWN_FACTS);
  strings(r.unknownFacts, out);
  if (r.notes !== undefined) {
    out.bytes(NOTES);
    list(r.notes, out);
  }
  out.bytes(RECOMMENDATIONS);
  for (let i = 0; i < r.recommendations.length; i++) {
    if (i !== 0) out.byte(COMMA);
    recommendation(r.recommendations[i]!, out);
  }
  out.byte(CLOSE_LIST);
  if (r.tie !== undefined) {
    out.bytes(TIE);
    value(r.tie, out);
  }
  if (r.prefecture !== undefined) {
    out.bytes(PREFECTURE);
    value(r.prefecture, out);
  }
  out.byte(CLOSE_OBJECT);
}

/** The same JSON as one string. */
export function taskResultJson(r: TaskResult): string {
  const out = new ByteBuffer(false);
  writeTaskResultJson(r, out);
  return out.toString();
}
