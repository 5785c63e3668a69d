import type { PackData } from '../pack/model.js';
import { MUNICIPALITY_KINDS } from './kinds.js';
import type { Party, Task } from './task.js';

/**
 * The tasks of a parsed task list of the common shape, checked and normalised in one pass without
 * zod: exactly what `normalizeTasks(taskListSchema(data).parse(value).tasks)` gives (the same
 * keys in the same order), for values that schema accepts with unique task ids. Anything else
 * (an error, an unusual but valid value, a duplicate id) gives null, and the caller asks zod,
 * which stays the judge of every problem and its message. test/unit/task-fast.test.ts compares
 * the two.
 */
export function tasksOfCommonShape(value: unknown, data: PackData): Task[] | null {
  if (!isPlainObject(value)) return null;
  for (const k in value) {
    if (!hasOwn.call(value, k)) return null;
    if (k === 'tasks' || (k === 'version' && value[k] === 1)) continue;
    return null;
  }
  const raw = value.tasks;
  if (!Array.isArray(raw) || raw.length === 0) return null;
  const shape = shapeOf(data);
  const tasks: Task[] = new Array<Task>(raw.length);
  const ids = new Set<string>();
  for (let i = 0; i < raw.length; i++) {
    const t = task(raw[i], i, shape);
    if (t === null) return null;
    // One hash lookup instead of has() then add(): a duplicate leaves the size as it was.
    const before = ids.size;
    ids.add(t.id);
    if (ids.size === before) return null;
    tasks[i] = t;
  }
  return tasks;
}

const hasOwn = Object.prototype.hasOwnProperty;
const KINDS: ReadonlySet<string> = new Set(MUNICIPALITY_KINDS);

/** How a fact's value is checked: a boolean, a parties list, or one of the enum's values. */
type FactCheck = 'boolean' | 'parties' | ReadonlySet<string>;

interface Shape {
  /** Each fact's place in the pack's order, which is the order of the keys zod gives. */
  place: Map<string, number>;
  ids: string[];
  checks: FactCheck[];
  categories: ReadonlySet<string>;
}

const shapes = new WeakMap<PackData, Shape>();

/** The same facts and categories as taskListSchema (src/schemas/task.ts) builds its schema from. */
function shapeOf(data: PackData): Shape {
  let s = shapes.get(data);
  if (!s) {
    // A fact id given twice: the later definition, at the first one's place (as in an object).
    const byId = new Map<string, FactCheck>();
    for (const f of data.facts) byId.set(f.id, f.type === 'boolean' ? 'boolean' : f.type === 'parties' ? 'parties' : new Set(f.values!.map((v) => v.id)));
    const ids = [...byId.keys()];
    s = { place: new Map(ids.map((id, i) => [id, i])), ids, checks: ids.map((id) => byId.get(id)!), categories: new Set(data.categories.map((c) => c.id)) };
    shapes.set(data, s);
  }
  return s;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

function task(t: unknown, index: number, shape: Shape): Task | null {
  if (!isPlainObject(t)) return null;
  for (const k in t) {
    if (!hasOwn.call(t, k)) return null;
    if (k !== 'id' && k !== 'name' && k !== 'description' && k !== 'category' && k !== 'facts') return null;
  }
  const { id, name, description, category } = t;
  let taskId: string;
  if (id === undefined) taskId = String(index + 1);
  else if (typeof id === 'string' && id.length > 0) taskId = id;
  else if (typeof id === 'number' && Number.isSafeInteger(id)) taskId = String(id);
  else return null;
  if (typeof name !== 'string' || name.length === 0) return null;
  if (description !== undefined && typeof description !== 'string') return null;
  if (category !== undefined && !(typeof category === 'string' && shape.categories.has(category))) return null;
  let facts: Task['facts'] = {};
  if (t.facts !== undefined) {
    const f = factsOf(t.facts, shape);
    if (f === null) return null;
    facts = f;
  }
  const out: Task = { id: taskId, name, facts };
  if (description !== undefined) out.description = description;
  if (category !== undefined) out.category = category;
  return out;
}

/**
 * The facts as zod gives them: the parsed object itself when its keys are already in the pack's
 * order and its parties are written `{ name, kind }` (the common case, and no copy to make),
 * else a new object in that order.
 */
function factsOf(v: unknown, shape: Shape): Task['facts'] | null {
  if (!isPlainObject(v)) return null;
  let last = -1;
  let asGiven = true;
  /** The places of the facts given (packs have fewer than 32 facts; more are left to zod). */
  let given = 0;
  for (const k in v) {
    if (!hasOwn.call(v, k)) return null;
    const i = shape.place.get(k);
    if (i === undefined || i > 31) return null;
    if (i < last) asGiven = false;
    last = i;
    given |= 1 << i;
    const x = v[k];
    if (x === null) continue;
    const check = shape.checks[i]!;
    if (check === 'boolean') {
      if (typeof x !== 'boolean') return null;
    } else if (check === 'parties') {
      const parties = partiesOf(x);
      if (parties === null) return null;
      if (parties !== x) asGiven = false;
    } else if (typeof x !== 'string' || !check.has(x)) return null;
  }
  if (asGiven) return v as Task['facts'];
  const out: Task['facts'] = {};
  for (let rest = given; rest !== 0; rest &= rest - 1) {
    const i = 31 - Math.clz32(rest & -rest);
    const id = shape.ids[i]!;
    const x = v[id];
    out[id] = shape.checks[i] === 'parties' && x !== null ? partiesOf(x)! : (x as Task['facts'][string]);
  }
  return out;
}

/** The parties as zod gives them (the parsed list itself when each is written `{ name, kind }`). */
function partiesOf(v: unknown): Party[] | null {
  if (!Array.isArray(v)) return null;
  let asGiven = true;
  for (let i = 0; i < v.length; i++) {
    const p: unknown = v[i];
    if (!isPlainObject(p)) return null;
    let keys = 0;
    for (const k in p) {
      if (!hasOwn.call(p, k)) return null;
      if (k === 'name') {
        if (keys !== 0) asGiven = false;
      } else if (k !== 'kind') return null;
      keys++;
    }
    const { name, kind } = p;
    if (typeof name !== 'string' || name.length === 0 || typeof kind !== 'string' || !KINDS.has(kind)) return null;
  }
  return asGiven ? (v as Party[]) : v.map((p: Party) => ({ name: p.name, kind: p.kind }));
}
