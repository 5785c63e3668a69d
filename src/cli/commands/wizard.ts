import { existsSync } from 'node:fs';
import { compilePack } from '../../core/recommend/compile.js';
import { evaluateTask } from '../../core/recommend/evaluate.js';
import { emptyAnswers, makePlan, missingRequired, resolveSkips, taskOf, type Answers } from '../../core/wizard/plan.js';
import { UserError, type SourcePosition } from '../../errors.js';
import { resolveTaskParties, runResolver } from '../parties.js';
import type { Localized } from '../../i18n/lang.js';
import { packIdentity, type PackData } from '../../pack/model.js';
import { outputWidth } from '../../report/text.js';
import type { Party, Task } from '../../schemas/task.js';
import type { RunContext } from '../context.js';
import { chalkFor } from '../emit.js';
import { parseParty } from '../specs/task-flags.js';
import { msg, valueLabel } from '../wizard/messages.js';
import type { Prompter } from '../wizard/prompts.js';
import { prepareSave } from '../wizard/target.js';
import { renderRecommendations } from './recommend-common.js';

/** How the wizard runs: on a terminal it asks; tests inject scripted prompts. */
export interface WizardDeps {
  prompter?: Prompter;
  /** Overrides the terminal check (tests). */
  interactive?: boolean;
}

/** CI=true (or any value but "", "0" and "false") means nothing may prompt. */
export function isCI(env: NodeJS.ProcessEnv): boolean {
  const v = env.CI;
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/**
 * `kouiki wizard`. Answers come from --answers FILE, then the flags (which win), then the
 * questions. Without a terminal (stdin or stdout not a TTY, CI=true, or `--answers -`) nothing is asked: with a
 * name and a category (given or inferable) the result is printed as `evaluate` prints it,
 * otherwise exit 2 names each missing answer with its flag and YAML key.
 */
export async function run(ctx: RunContext, opts: Record<string, unknown>, deps: WizardDeps = {}): Promise<number> {
  const pack = ctx.pack();
  const data = pack.data;
  const lang = ctx.opts.lang;
  const plan = makePlan(data);
  const inputs: string[] = [];
  let base: Task | null = null;
  let at: ((path: (string | number)[]) => SourcePosition) | null = null;
  if (typeof opts.answers === 'string') {
    // The YAML parser and zod load only when there is a file to read (or write).
    const { loadTaskList } = await import('../../io/tasks.js');
    const list = await loadTaskList(opts.answers, data, ctx.opts.maxInputSize);
    const { tasks } = list;
    at = (path) => list.at(['tasks', 0, ...path]);
    if (tasks.length !== 1) {
      throw new UserError(
        { ja: `--answers のファイルには課題が ${tasks.length} 件あります（1 件だけにしてください）`, en: `--answers: the file holds ${tasks.length} tasks; the wizard takes one` },
        { position: { file: opts.answers, line: 1, column: 1 }, hint: { ja: '複数の課題は kouiki evaluate で評価してください', en: 'use kouiki evaluate for several tasks' } },
      );
    }
    base = tasks[0]!;
    inputs.push(opts.answers);
  }
  const answers = answersFrom(base, opts, data);
  // The parties given (file or flags) are checked against the data before any question, as
  // recommend and evaluate check them; kinds left out come from the data.
  let notes: Task['notes'];
  if (Array.isArray(answers.facts.parties) && answers.facts.parties.length > 0) {
    const fromFlags = Array.isArray(opts.party) && opts.party.length > 0;
    const [checked] = await resolveTaskParties(ctx, [taskOf(answers)], () => (at && !fromFlags ? { kind: 'file', at: (_i, path) => at!(path) } : { kind: 'flags' }));
    answers.facts.parties = checked!.facts.parties as Party[];
    notes = checked!.notes;
  }
  const withNotes = (t: Task): Task => (notes ? { ...t, notes } : t);
  const csv = opts.csvHeader === 'ids' ? { csvHeader: 'ids' as const } : {};
  const save = typeof opts.save === 'string' ? prepareSave(opts.save, ctx.io, opts.answers) : null;
  // `--answers -` has used up stdin, so there is nothing left to answer questions with.
  const interactive = deps.interactive ?? (ctx.io.stdinIsTTY && ctx.io.stdoutIsTTY && !isCI(ctx.io.env) && opts.answers !== '-');

  if (!interactive) {
    const missing = missingRequired(plan, answers);
    if (missing.length > 0) {
      throw new UserError(
        { ja: msg('ja', 'missingHead'), en: msg('en', 'missingHead') },
        {
          details: missing.map((k) => {
            const key = k === 'name' ? 'missingName' : 'missingCategory';
            return { message: { ja: msg('ja', key), en: msg('en', key) } satisfies Localized };
          }),
          hint: { ja: msg('ja', 'missingHint'), en: msg('en', 'missingHint') },
        },
      );
    }
    const changes = resolveSkips(plan, answers);
    if (!ctx.opts.quiet) {
      for (const c of changes) {
        if (c.kind !== 'implied') continue;
        const f = plan.facts.find((x) => x.id === c.fact)!;
        ctx.io.stderr.write(`${msg(lang, 'impliedNote', { label: f.label[lang], fact: f.id, value: valueLabel(f, c.value ?? null, lang), reason: c.reason![lang] })}\n`);
      }
    }
    if (save) {
      const { saveAnswers } = await import('../wizard/save.js');
      await saveAnswers(save, answers, plan, lang, ctx.io);
      if (!ctx.opts.quiet) ctx.io.stderr.write(`kouiki wizard: ${msg(lang, 'saved', { file: save.shown })}\n`);
    }
    return renderRecommendations(ctx, [withNotes(taskOf(answers))], 'top', inputs, csv);
  }

  // The session (and through it the table renderer) and the prompt library: only on a terminal.
  const { runSession } = await import('../wizard/session.js');
  const prompter = deps.prompter ?? (await (await import('../wizard/prompts.js')).terminalPrompter(ctx.io, lang));
  const cp = compilePack(pack, lang, ctx.opts.asOf);
  const chalk = chalkFor(ctx);
  const out = ctx.io.stdout as NodeJS.WriteStream;
  const render = {
    lang,
    head: { schemaVersion: 1 as const, rulePack: packIdentity(pack), asOf: ctx.opts.asOf },
    width: outputWidth(ctx.io.stdoutIsTTY, out.columns, ctx.io.env),
    chalk,
    data,
  };
  const checkSavePath = (path: string): { ok: true; exists: boolean } | { ok: false; why: string } => {
    try {
      const target = prepareSave(path, ctx.io);
      return { ok: true, exists: existsSync(target.file) };
    } catch (err) {
      if (err instanceof UserError) return { ok: false, why: err.text[lang] };
      throw err;
    }
  };
  const session = await runSession(
    // The same evaluation `evaluate` makes for the saved file (procedure for the first choice).
    { plan, lang, prompter, chalk, evaluate: (task) => evaluateTask(cp, withNotes(task), { procedure: 'top' }), render, saveTo: save?.shown ?? null, checkSavePath, resolver: await runResolver(ctx) },
    answers,
  );
  const final = session.answers;
  const target = save ?? (session.saveTo ? prepareSave(session.saveTo, ctx.io, opts.answers) : null);
  if (target) {
    const { saveAnswers } = await import('../wizard/save.js');
    await saveAnswers(target, final, plan, lang, ctx.io);
    prompter.print(msg(lang, 'saved', { file: target.shown }));
  } else if (!ctx.opts.quiet) {
    prompter.print(chalk.dim(msg(lang, 'saveHint')));
  }
  if (ctx.opts.format.length > 0) await renderRecommendations(ctx, [withNotes(taskOf(final))], 'top', inputs, csv);
  return 0;
}

/** The answers a run starts with: the --answers task, overridden by the flags; all of them "given". */
export function answersFrom(base: Task | null, opts: Record<string, unknown>, data: PackData): Answers {
  const a = emptyAnswers();
  const head = (key: 'id' | 'name' | 'description' | 'category', fromFile: string | undefined): void => {
    const flag = opts[key];
    const v = typeof flag === 'string' ? flag : fromFile;
    if (v === undefined) return;
    a[key] = v;
    a.origin[key] = 'given';
  };
  head('id', base?.id);
  head('name', base?.name);
  head('description', base?.description);
  head('category', base?.category ?? undefined);
  if (base?.category === null) {
    a.category = null;
    a.origin.category = 'given';
  }
  for (const f of data.facts) {
    const fromFile = base?.facts[f.id];
    if (fromFile !== undefined) {
      a.facts[f.id] = fromFile;
      a.origin[f.id] = 'given';
    }
    if (f.type === 'parties') {
      const parties = opts.party as string[] | undefined;
      if (parties && parties.length > 0) {
        a.facts[f.id] = parties.map(parseParty);
        a.origin[f.id] = 'given';
      }
      continue;
    }
    const v = opts[f.id];
    if (v !== undefined) {
      a.facts[f.id] = v as boolean | string;
      a.origin[f.id] = 'given';
    }
  }
  return a;
}
