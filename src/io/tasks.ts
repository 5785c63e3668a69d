import { UserError, type ProblemDetail, type SourcePosition } from '../errors.js';
import type { PackData } from '../pack/model.js';
import { normalizeTasks, taskListSchema, type Task } from '../schemas/task.js';
import { readInput } from './read.js';
import { normalizeTaskList } from './normalize.js';
import { vocabularyOf } from '../core/vocabulary.js';
import { validateDocument } from './validate.js';
import { FAST_PATH_BYTES, parseYaml, parseYamlFast, positionOf, type ParsedYaml } from './yaml.js';

const WHAT = { ja: '課題リスト', en: 'task list' };

/** Reads, parses and validates a task list (`-` for stdin); every problem has a position. */
export async function loadTaskList(path: string, data: PackData, maxBytes: number): Promise<TaskList> {
  const input = await readInput(path, maxBytes);
  return parseTaskList(input.text, input.file, data);
}

/** A task list read: its tasks, and where a path of it sits in the file (parsed precisely on first use). */
export interface TaskList {
  tasks: Task[];
  parsed: ParsedYaml | null;
  at(path: readonly (string | number)[]): SourcePosition;
}

function located(text: string, file: string, tasks: Task[], parsed: ParsedYaml | null): TaskList {
  let precise = parsed;
  return { tasks, parsed, at: (path) => positionOf((precise ??= parseYaml(text, file)), path) };
}

export function parseTaskList(text: string, file: string, data: PackData, fastBytes = FAST_PATH_BYTES): TaskList {
  if (text.trim() === '') {
    throw new UserError(
      { ja: '課題リストが空です', en: 'the task list is empty' },
      {
        position: { file, line: 1, column: 1 },
        hint: { ja: '`tasks:` の下に課題を 1 件以上書いてください（README の「課題リストの書き方」）', en: 'write at least one task under `tasks:` (see "Writing a task list" in the README)' },
      },
    );
  }
  // Large lists (batch runs) take the fast parser; any problem is reported from the precise one.
  const fast = parseYamlFast(text, file, fastBytes);
  if (fast !== undefined && fast !== null && typeof fast === 'object' && !Array.isArray(fast) && 'tasks' in fast) {
    // zod's compiled parsers pay off from a few hundred tasks (a batch); below, one pass without.
    const many = Array.isArray((fast as { tasks?: unknown }).tasks) && (fast as { tasks: unknown[] }).tasks.length >= 200;
    normalizeTaskList(fast, data, vocabularyOf(data));
    const ok = taskListSchema(data).safeParse(fast, { jitless: !many });
    if (ok.success) {
      const tasks = normalizeTasks(ok.data.tasks);
      if (!hasDuplicateIds(tasks)) return located(text, file, tasks, null);
    }
  }
  const parsed = parseYaml(text, file);
  const v = parsed.value;
  if (Array.isArray(v)) {
    throw new UserError(
      { ja: '課題リストの最上位はリストではなく `tasks:` キーを持つマップです', en: 'the top level of a task list is a map with a `tasks:` key, not a list' },
      { position: positionOf(parsed, []), hint: { ja: '先頭に `tasks:` を書き、その下に課題を並べてください', en: 'start the file with `tasks:` and list the tasks under it' } },
    );
  }
  if (v !== null && typeof v === 'object' && !('tasks' in v) && ('projects' in v || 'municipalities' in v)) {
    const kind = 'projects' in v ? { ja: '政策案（kouiki check 用）', en: 'a policy draft (for kouiki check)' } : { ja: '市町村データ', en: 'a municipality data file' };
    throw new UserError(
      { ja: `これは課題リストではなく${kind.ja}です`, en: `this is ${kind.en}, not a task list` },
      { position: positionOf(parsed, []), hint: { ja: '課題リストは `tasks:` を持つファイルです', en: 'a task list is a file with `tasks:`' } },
    );
  }
  // Names where ids go (category: 広域的課題, kind: 中核市), はい/いいえ: made the ids first.
  const hints = normalizeTaskList(v, data, vocabularyOf(data));
  const doc = validateDocument(taskListSchema(data), parsed, WHAT, 'tasks', hints);
  const tasks = normalizeTasks(doc.tasks);
  const seen = new Map<string, number>();
  const dups: ProblemDetail[] = [];
  tasks.forEach((t, i) => {
    const prev = seen.get(t.id);
    if (prev !== undefined) {
      dups.push({
        position: positionOf(parsed, ['tasks', i, doc.tasks[i]!.id === undefined ? 'name' : 'id']),
        message: { ja: `課題の id「${t.id}」が重複しています（${prev + 1} 件目と同じ）`, en: `duplicate task id "${t.id}" (same as task ${prev + 1})` },
      });
    } else seen.set(t.id, i);
  });
  if (dups.length > 0) {
    throw new UserError({ ja: '課題の id が重複しています', en: 'task ids must be unique' }, { details: dups, hint: { ja: '各課題に異なる id を付けてください', en: 'give each task its own id' } });
  }
  return located(text, file, tasks, parsed);
}

function hasDuplicateIds(tasks: Task[]): boolean {
  const seen = new Set<string>();
  for (const t of tasks) {
    if (seen.has(t.id)) return true;
    seen.add(t.id);
  }
  return false;
}
