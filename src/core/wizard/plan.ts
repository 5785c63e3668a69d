import type { Localized } from '../../i18n/lang.js';
import type { PackData } from '../../pack/model.js';
import type { Fact, Skip } from '../../pack/schema.js';
import type { FactValue, Task } from '../../schemas/task.js';
import { compileCondition, TRUE, type CondContext, type CondFn } from '../recommend/conditions.js';
import { inferCategory } from '../recommend/infer.js';

/**
 * The wizard's plan, as pure data logic: which facts it asks and in what order, which it skips
 * (and what a skip implies), and which answers are still required. The questions, their order
 * and the skips all come from the rule pack (facts.yaml `order:` and `skipIf:`); nothing here
 * knows a fact by name.
 */

/** The facts in the order the wizard asks them: by `order`, then (without one) in file order. */
export function askOrder<F extends Pick<Fact, 'id' | 'order'>>(facts: readonly F[]): F[] {
  return facts
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.order ?? Number.POSITIVE_INFINITY) - (b.f.order ?? Number.POSITIVE_INFINITY) || a.i - b.i)
    .map((x) => x.f);
}

/** Where an answer came from: the answers file or a flag, a question, or a skip rule. */
export type Origin = 'given' | 'asked' | 'implied';

/** The head of a task the wizard asks before the facts. */
export const HEAD_KEYS = ['name', 'description', 'category'] as const;
export type HeadKey = (typeof HEAD_KEYS)[number];

/**
 * The answers so far. A fact key present in `facts` was answered (null: "don't know"); an absent
 * key was not asked yet. `origin` says where each answer (fact or head key) came from.
 */
export interface Answers {
  id?: string;
  name?: string;
  description?: string;
  /** null: answered わからない (evaluated without a category, none inferred). */
  category?: string | null;
  facts: Record<string, FactValue>;
  origin: Record<string, Origin>;
  /** Facts answered by a skip rule, with the rule's reason. */
  implied: Record<string, Localized>;
  /** Facts not asked because they cannot matter (no implied answer), with the reason. */
  skipped: Record<string, Localized>;
}

export function emptyAnswers(): Answers {
  return { facts: {}, origin: {}, implied: {}, skipped: {} };
}

interface CompiledSkip {
  when: CondFn;
  skip: Skip;
}

export interface WizardPlan {
  data: PackData;
  /** The facts in asking order. */
  facts: Fact[];
  skips: Map<string, CompiledSkip[]>;
}

export function makePlan(data: PackData): WizardPlan {
  const facts = askOrder(data.facts);
  const skips = new Map<string, CompiledSkip[]>();
  for (const f of facts) if (f.skipIf) skips.set(f.id, f.skipIf.map((skip) => ({ when: compileCondition(skip.when), skip })));
  return { data, facts, skips };
}

/** The category the task has or would be given: the answer, else the one inferred from its name and description. */
export function effectiveCategory(data: PackData, a: Answers): string | null {
  if (a.category) return a.category;
  // わからない: no category, and none inferred.
  if (a.category === null) return null;
  if (!a.name) return null;
  return inferCategory(data, a.name, a.description)?.id ?? null;
}

/** What resolving the skips changed, so the wizard can say so. */
export interface SkipChange {
  fact: string;
  /** implied: answered by the skip; skipped: not asked; reopened: a skip no longer holds, so the fact is asked again. */
  kind: 'implied' | 'skipped' | 'reopened';
  value?: FactValue;
  reason?: Localized;
}

/**
 * Applies the pack's skip rules to the answers, in asking order: a fact nobody answered whose
 * skip condition holds gets the implied answer (or is marked skipped); an implied answer whose
 * condition no longer holds (the user changed an earlier answer) is withdrawn, so the question
 * is asked. Given and asked answers are never touched. Because a skip condition reads only facts
 * asked before it (checked when the pack loads), one pass in order settles everything.
 */
export function resolveSkips(plan: WizardPlan, a: Answers): SkipChange[] {
  const changes: SkipChange[] = [];
  const ctx: CondContext = {
    facts: { ...a.facts, category: effectiveCategory(plan.data, a) },
    text: `${a.name ?? ''}\n${a.description ?? ''}`.toLowerCase(),
    matched: [],
  };
  for (const f of plan.facts) {
    const origin = a.origin[f.id];
    if (origin === 'given' || origin === 'asked') {
      delete a.skipped[f.id];
      continue;
    }
    let hit: Skip | undefined;
    for (const s of plan.skips.get(f.id) ?? []) {
      if (s.when(ctx) === TRUE) {
        hit = s.skip;
        break;
      }
    }
    if (hit && hit.implies !== undefined) {
      delete a.skipped[f.id];
      if (origin !== 'implied' || a.facts[f.id] !== hit.implies) {
        a.facts[f.id] = hit.implies;
        a.origin[f.id] = 'implied';
        a.implied[f.id] = hit.reason;
        changes.push({ fact: f.id, kind: 'implied', value: hit.implies, reason: hit.reason });
      }
    } else if (hit) {
      if (origin === 'implied') withdraw(a, f.id);
      if (!a.skipped[f.id]) changes.push({ fact: f.id, kind: 'skipped', reason: hit.reason });
      a.skipped[f.id] = hit.reason;
    } else {
      if (origin === 'implied') {
        withdraw(a, f.id);
        changes.push({ fact: f.id, kind: 'reopened' });
      }
      delete a.skipped[f.id];
    }
    ctx.facts[f.id] = a.facts[f.id] ?? null;
  }
  return changes;
}

function withdraw(a: Answers, fact: string): void {
  delete a.facts[fact];
  delete a.origin[fact];
  delete a.implied[fact];
}

/** The next fact to ask: the first in order that has no answer and is not skipped. */
export function nextQuestion(plan: WizardPlan, a: Answers): Fact | null {
  for (const f of plan.facts) if (!(f.id in a.facts) && !a.skipped[f.id]) return f;
  return null;
}

/** The required answers that are missing: a name, and a category given or inferable. */
export function missingRequired(plan: WizardPlan, a: Answers): HeadKey[] {
  const out: HeadKey[] = [];
  if (!a.name) out.push('name');
  if (a.category !== null && !effectiveCategory(plan.data, a)) out.push('category');
  return out;
}

/**
 * The task the answers describe: what `kouiki evaluate` reads from the saved file. "Don't know"
 * stays null (unknown); a category that was only inferred is left out, so it is inferred again.
 */
export function taskOf(a: Answers): Task {
  const facts: Task['facts'] = {};
  for (const [k, v] of Object.entries(a.facts)) facts[k] = v;
  const task: Task = { id: a.id ?? '1', name: a.name ?? '', facts };
  if (a.description) task.description = a.description;
  if (a.category !== undefined) task.category = a.category;
  return task;
}
