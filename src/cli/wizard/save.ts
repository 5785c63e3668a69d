import { basename } from 'node:path';
import { Document, isMap, isScalar, isSeq } from 'yaml';
import type { Answers, WizardPlan } from '../../core/wizard/plan.js';
import type { Lang } from '../../i18n/lang.js';
import { parseTaskList } from '../../io/tasks.js';
import type { CliIO } from '../io.js';
import { openSink } from '../output.js';
import { msg } from './messages.js';
import { schemaRef, type SaveTarget } from './target.js';

/**
 * The answers as a task list of one task, in the format `evaluate` reads: facts in the pack's
 * order; "don't know" written as `null` (unknown, and not asked again with --answers); implied
 * answers with their reason as a comment. A category that was only inferred is not written.
 */
export function answersYaml(a: Answers, plan: WizardPlan, lang: Lang, schema: string): string {
  const task: Record<string, unknown> = {};
  if (a.id !== undefined && a.id !== '1') task.id = a.id;
  task.name = a.name ?? '';
  if (a.description) task.description = a.description;
  if (a.category !== undefined) task.category = a.category;
  const facts: Record<string, unknown> = {};
  for (const f of plan.data.facts) if (f.id in a.facts) facts[f.id] = a.facts[f.id];
  if (Object.keys(facts).length > 0) task.facts = facts;
  const doc = new Document({ version: 1, tasks: [task] });
  doc.commentBefore = ` yaml-language-server: $schema=${schema}\n ${msg(lang, 'savedComment')}`;
  const factsNode = doc.getIn(['tasks', 0, 'facts'], true);
  if (isMap(factsNode)) {
    for (const pair of factsNode.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value;
      if (isSeq(value)) for (const item of value.items) if (isMap(item)) item.flow = true;
      if (isScalar(value)) {
        if (value.value === null) value.comment = ` ${msg(lang, 'dontKnowComment')}`;
        else if (a.origin[key] === 'implied' && a.implied[key]) value.comment = ` ${msg(lang, 'impliedComment', { reason: a.implied[key][lang] })}`;
      }
    }
  }
  return doc.toString({ lineWidth: 0 });
}

/**
 * Writes the answers atomically (a temporary file beside the target, renamed when complete, so
 * an interrupted run leaves no partial file and an old file stays intact). The text is read back
 * with the task-list parser first: what is saved is always a valid task list.
 */
export async function saveAnswers(target: SaveTarget, a: Answers, plan: WizardPlan, lang: Lang, io: CliIO): Promise<void> {
  const text = answersYaml(a, plan, lang, schemaRef(target.file));
  parseTaskList(text, basename(target.file), plan.data);
  // Saving over the --answers file is allowed (it was read in full before); over any other file
  // the run has read (--data, a rule pack file) it is refused, as for every output.
  const sink = openSink({ format: 'yaml', file: target.file, shown: target.shown }, io, [], { mayReplace: target.answers ? [target.answers] : [] });
  try {
    await sink.write(text);
    await sink.commit();
  } catch (err) {
    sink.abort();
    throw err;
  }
}
