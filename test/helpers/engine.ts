import { compilePack } from '../../src/core/recommend/compile.js';
import { evaluateTask } from '../../src/core/recommend/evaluate.js';
import type { TaskResult } from '../../src/core/recommend/types.js';
import type { Lang } from '../../src/i18n/lang.js';
import { loadPackDir } from '../../src/rules-tools/load.js';
import type { Pack } from '../../src/pack/model.js';
import type { Task } from '../../src/schemas/task.js';
import { defaultRulesDir } from '../../src/io/paths.js';

let pack: Pack | undefined;

/** The default pack read from rules/ (not the build), so tests see the YAML as it is now. */
export function defaultPack(): Pack {
  return (pack ??= loadPackDir(defaultRulesDir(), { isDefault: true }).pack);
}

export function recommend(task: Partial<Task> & { facts?: Task['facts'] }, opts: { asOf?: string; lang?: Lang; procedure?: 'top' | 'recommended' | 'all' } = {}): TaskResult {
  const cp = compilePack(defaultPack(), opts.lang ?? 'en', opts.asOf ?? '2026-11-23');
  return evaluateTask(cp, { id: task.id ?? '1', name: task.name ?? 'task', facts: task.facts ?? {}, ...(task.description ? { description: task.description } : {}), ...(task.category ? { category: task.category } : {}) }, { procedure: opts.procedure ?? 'recommended' });
}

export function rankOf(r: TaskResult, id: string): number {
  return r.recommendations.find((x) => x.instrument === id)!.rank;
}

export function verdictOf(r: TaskResult, id: string): string {
  return r.recommendations.find((x) => x.instrument === id)!.verdict;
}
