import type { ChalkInstance } from 'chalk';
import { evidenceText } from '../../i18n/evidence.js';
import { formatRef } from '../../core/citation.js';
import { inferCategory } from '../../core/recommend/infer.js';
import type { TaskResult, Verdict } from '../../core/recommend/types.js';
import { nextQuestion, resolveSkips, taskOf, type Answers, type SkipChange, type WizardPlan } from '../../core/wizard/plan.js';
import type { Lang } from '../../i18n/lang.js';
import type { Fact } from '../../pack/schema.js';
import { VERDICT_LABEL } from '../../report/labels.js';
import { kindLabel, type RecommendRenderEnv } from '../../report/recommend.js';
import { MUNICIPALITY_KINDS, type MunicipalityKind } from '../../schemas/kinds.js';
import type { FactValue, Party, Task } from '../../schemas/task.js';
import { KIND_LABEL } from '../../i18n/kind-labels.js';
import { DONT_KNOW, msg, partyLabel, valueLabel } from './messages.js';
import type { Choice, Prompter } from './prompts.js';
import { renderAnswer, renderWhyNot } from './view.js';
import type { NameResolver } from '../../core/parties/names.js';
import { checkParties, unresolvedMessage } from '../../core/parties/check.js';

/** What a session needs: the plan (questions from the pack), the prompts, and the engine. */
export interface SessionEnv {
  plan: WizardPlan;
  lang: Lang;
  prompter: Prompter;
  chalk: ChalkInstance;
  /** Evaluates the task the answers describe (the same call `evaluate` makes for the saved file). */
  evaluate(task: Task): TaskResult;
  render: RecommendRenderEnv;
  /** Where the answers will be saved on finishing, if anywhere (shown in the menu). */
  saveTo: string | null;
  /**
   * Without --save, the menu offers to save to a file named then: this checks a name (true, or
   * why it cannot be used) and says whether the file exists already.
   */
  checkSavePath?: (path: string) => { ok: true; exists: boolean } | { ok: false; why: string };
  /** Reads a party's name against the municipality data (the official name and kind, or why not). */
  resolver?: NameResolver;
}

export interface SessionResult {
  answers: Answers;
  result: TaskResult;
  /** A file the user chose in the menu (only when no --save was given). */
  saveTo: string | null;
}

const DESCRIBE = '\u0000describe';

/**
 * The interactive session: asks what is missing (name, description, category, then the facts in
 * the pack's order, skipping what earlier answers settle), shows the answer, and then offers
 * finish (the default: Enter), "why not X?" and "change an answer" until the user finishes.
 */
export async function runSession(env: SessionEnv, a: Answers): Promise<SessionResult> {
  const { prompter: p, lang, chalk } = env;
  p.print(chalk.bold(msg(lang, 'title')));
  p.print(chalk.dim(msg(lang, 'intro')));
  await askHead(env, a);
  await askRemaining(env, a);
  let result = env.evaluate(taskOf(a));
  p.print(`\n${renderAnswer(result, env.render)}`);
  for (;;) {
    const finish = env.saveTo ? msg(lang, 'finishSave', { file: env.saveTo }) : msg(lang, 'finish');
    const action = await p.select({
      message: msg(lang, 'menu'),
      choices: [
        { value: 'finish', name: finish },
        { value: 'why', name: msg(lang, 'whyNot') },
        { value: 'change', name: msg(lang, 'change') },
        ...(env.saveTo === null && env.checkSavePath ? [{ value: 'save', name: msg(lang, 'saveAs') }] : []),
      ],
      default: 'finish',
    });
    if (action === 'finish') {
      // With --save, finishing saves. Without, Enter would discard the answers: ask first, and
      // offer to save them instead.
      if (env.saveTo !== null || !env.checkSavePath) return { answers: a, result, saveTo: null };
      if (await p.confirm({ message: msg(lang, 'discardConfirm'), default: false })) return { answers: a, result, saveTo: null };
      const file = await askSavePath(env);
      if (file !== null) return { answers: a, result, saveTo: file };
      continue;
    }
    if (action === 'save') {
      const file = await askSavePath(env);
      if (file !== null) return { answers: a, result, saveTo: file };
      continue;
    }
    if (action === 'why') {
      const others = result.recommendations.slice(1);
      const id = await p.select({
        message: msg(lang, 'whyNotPick'),
        choices: [
          ...others.map((r): Choice<string> => ({ value: r.instrument, name: `${r.rank}. ${r.name}${r.kind ? ` (${kindLabel(r, env.render.data, lang)})` : ''} — ${verdictWord(r.verdict, lang)} ${r.score.toFixed(2)}` })),
          { value: '', name: msg(lang, 'back') },
        ],
      });
      const rec = others.find((r) => r.instrument === id);
      if (rec) p.print(`\n${renderWhyNot(rec, env.render)}`);
      continue;
    }
    if (await changeAnswer(env, a)) {
      await askRemaining(env, a);
      result = env.evaluate(taskOf(a));
      p.print(`\n${renderAnswer(result, env.render)}`);
    }
  }
}

/** A file name for saving, checked as it is typed; an existing file is overwritten only when confirmed. Null: back to the menu. */
async function askSavePath(env: SessionEnv): Promise<string | null> {
  const { prompter: p, lang } = env;
  const check = env.checkSavePath!;
  const file = (
    await p.input({
      message: msg(lang, 'savePath'),
      default: 'kouiki-task.yaml',
      validate: (v) => {
        if (!v.trim()) return msg(lang, 'partyNameRequired');
        const c = check(v.trim());
        return c.ok ? true : c.why;
      },
    })
  ).trim();
  const c = check(file);
  if (c.ok && c.exists && !(await p.confirm({ message: msg(lang, 'overwrite', { file }), default: false }))) return null;
  return file;
}

function verdictWord(v: Verdict, lang: Lang): string {
  return VERDICT_LABEL[v][lang];
}

async function askHead(env: SessionEnv, a: Answers): Promise<void> {
  const { prompter: p, lang } = env;
  if (!a.name) {
    a.name = (await p.input({ message: msg(lang, 'askName'), validate: (v) => (v.trim() ? true : msg(lang, 'nameRequired')) })).trim();
    a.origin.name = 'asked';
  }
  if (a.description === undefined && a.origin.description === undefined) {
    const d = (await p.input({ message: msg(lang, 'askDescription') })).trim();
    if (d) a.description = d;
    a.origin.description = 'asked';
  }
  if (a.category === undefined || a.category === '') await askCategory(env, a);
}

/** The category: kouiki proposes the one it infers (with the words it rests on); the user confirms or picks another. */
async function askCategory(env: SessionEnv, a: Answers): Promise<void> {
  const { prompter: p, lang, plan } = env;
  const data = plan.data;
  const label = (id: string): string => {
    const c = data.categories.find((x) => x.id === id);
    return c ? `${c.name[lang]} (${c.id})` : id;
  };
  for (;;) {
    const inf = inferCategory(data, a.name ?? '', a.description, lang);
    const choices: Choice<string>[] = [];
    let message = '';
    if (inf && inf.basis === 'affairs') {
      // The affair that decided, its source, and why it is of that category (rules/affairs/).
      const affairs = inf.affairs.map((h) => msg(lang, 'affairHit', { word: h.word, affair: h.name[lang], source: formatRef(h.ref, data, lang) }));
      message = msg(lang, 'categoryProposedAffair', { name: label(inf.id), affairs: affairs.join(lang === 'ja' ? '、' : '; ') });
      for (const h of inf.affairs) p.print(env.chalk.dim(msg(lang, 'affairWhy', { affair: h.name[lang], why: h.why[lang] })));
    } else if (inf) {
      message = msg(lang, 'categoryProposed', { name: label(inf.id), evidence: evidenceText(inf.evidence, lang) });
    }
    if (inf) {
      if (inf.tied.length > 0) p.print(env.chalk.dim(msg(lang, 'categoryTied', { list: inf.tied.map(label).join(', ') })));
      choices.push({ value: inf.id, name: msg(lang, 'categoryYes', { name: label(inf.id) }), description: data.categories.find((c) => c.id === inf.id)?.description[lang] });
    } else {
      p.print(env.chalk.dim(msg(lang, 'categoryNone')));
      message = msg(lang, 'categoryPick');
    }
    const rest = inf ? [...inf.tied, ...data.categories.map((c) => c.id).filter((id) => id !== inf.id && !inf.tied.includes(id))] : data.categories.map((c) => c.id);
    for (const id of rest) choices.push({ value: id, name: label(id), description: data.categories.find((c) => c.id === id)?.description[lang] });
    choices.push({ value: DESCRIBE, name: msg(lang, 'describeAgain') });
    // わからない: the evaluation runs without a category (and says so); nothing is inferred.
    choices.push({ value: DONT_KNOW, name: msg(lang, 'dontKnow'), description: msg(lang, 'categoryUnknownHelp') });
    const fallback = a.category ?? inf?.id;
    const v = await p.select({ message, choices, ...(fallback ? { default: fallback } : {}) });
    if (v === DESCRIBE) {
      const d = (await p.input({ message: msg(lang, 'askDescription'), ...(a.description ? { default: a.description } : {}) })).trim();
      if (d) a.description = d;
      else delete a.description;
      a.origin.description = 'asked';
      continue;
    }
    a.category = v === DONT_KNOW ? null : v;
    a.origin.category = 'asked';
    return;
  }
}

/** Resolves the skips and asks every fact still open, announcing what earlier answers settled. */
async function askRemaining(env: SessionEnv, a: Answers): Promise<void> {
  for (;;) {
    announce(env, resolveSkips(env.plan, a));
    const f = nextQuestion(env.plan, a);
    if (!f) return;
    a.facts[f.id] = await askFact(env, f, undefined);
    a.origin[f.id] = 'asked';
  }
}

function announce(env: SessionEnv, changes: SkipChange[]): void {
  const { lang, chalk, prompter: p, plan } = env;
  for (const c of changes) {
    const f = plan.facts.find((x) => x.id === c.fact)!;
    const label = f.label[lang];
    if (c.kind === 'implied') p.print(chalk.dim(msg(lang, 'implied', { label, value: valueLabel(f, c.value ?? null, lang), reason: c.reason![lang] })));
    else if (c.kind === 'skipped') p.print(chalk.dim(msg(lang, 'skipped', { label, reason: c.reason![lang] })));
    else p.print(chalk.dim(msg(lang, 'reopened', { label })));
  }
}

/** One fact's question, with "わからない / don't know" (null: unknown) always on offer; the cursor starts on the current answer, else on "don't know". */
async function askFact(env: SessionEnv, f: Fact, current: FactValue | undefined): Promise<FactValue> {
  const { prompter: p, lang } = env;
  if (f.type === 'parties') return askParties(env, f, Array.isArray(current) ? current : null);
  const help = f.help[lang];
  const choices: Choice<string | boolean>[] =
    f.type === 'boolean'
      ? [
          { value: true, name: msg(lang, 'yes'), description: help },
          { value: false, name: msg(lang, 'no'), description: help },
        ]
      : (f.values ?? []).map((v) => ({ value: v.id, name: `${v.label[lang]} (${v.id})`, description: help }));
  choices.push({ value: DONT_KNOW, name: msg(lang, 'dontKnow'), description: help });
  const v = await p.select<string | boolean>({ message: f.question[lang], choices, default: current === undefined || current === null ? DONT_KNOW : (current as string | boolean) });
  return v === DONT_KNOW ? null : v;
}

/** The kind a name suggests when the data does not know it (a union or federation, by its name). */
function guessKind(name: string): MunicipalityKind {
  if (name.endsWith('広域連合')) return 'regional-federation';
  if (name.endsWith('組合')) return 'partial-affairs-union';
  if (/[都道府県]$/.test(name)) return 'prefecture';
  if (name.endsWith('区')) return 'special-ward';
  if (name.endsWith('町')) return 'town';
  if (name.endsWith('村')) return 'village';
  return 'city';
}

/** A union or federation is not in the code list: its name is taken as typed. */
const isUnionName = (name: string): boolean => /(組合|広域連合)$/.test(name);

/** Parties: a name and a kind, as many times as needed; an existing list can be trimmed (checkbox) and extended. */
async function askParties(env: SessionEnv, f: Fact, current: Party[] | null): Promise<Party[] | null> {
  const { prompter: p, lang } = env;
  let list: Party[] = [];
  let more: boolean;
  if (current && current.length > 0) {
    list = await p.checkbox({ message: msg(lang, 'partiesKeep'), choices: current.map((x) => ({ value: x, name: partyLabel(x, lang), checked: true })) });
    more = await p.confirm({ message: msg(lang, 'partyMore'), default: false });
  } else {
    const how = await p.select({
      message: f.question[lang],
      choices: [
        { value: 'enter', name: msg(lang, 'partiesEnter'), description: f.help[lang] },
        { value: DONT_KNOW, name: msg(lang, 'dontKnow'), description: f.help[lang] },
      ],
      default: 'enter',
    });
    if (how === DONT_KNOW) return null;
    more = true;
  }
  while (more) {
    const resolver = env.resolver;
    const typed = (
      await p.input({
        message: msg(lang, 'partyName', { n: list.length + 1 }),
        validate: (v) => {
          const t = v.trim();
          if (!t) return msg(lang, 'partyNameRequired');
          // A name the data does not know is refused here, with the closest names, as evaluate would.
          const r = resolver && !isUnionName(t) ? resolver.resolve(t, list.flatMap((x) => (x.prefecture ? [x.prefecture] : []))) : null;
          if (r && !r.ok) return unresolvedMessage(r, t)[lang];
          const official = r && r.ok ? r.body.name : t;
          if (list.some((x) => x.name === official)) return msg(lang, 'partyDuplicate', { name: official });
          return true;
        },
      })
    ).trim();
    const found = resolver && !isUnionName(typed) ? resolver.resolve(typed) : null;
    const body = found && found.ok ? found.body : null;
    const name = body ? body.name : typed;
    if (body?.note) p.print(env.chalk.dim(body.note[lang]));
    // The data's kind is proposed (鳥取市 → 中核市); choosing another is checked again before evaluation.
    let party: Party | null = null;
    while (!party) {
      const kind = await p.select<MunicipalityKind>({
        message: msg(lang, 'partyKind', { name }),
        choices: MUNICIPALITY_KINDS.map((k) => ({ value: k, name: `${KIND_LABEL[k][lang]}${lang === 'ja' ? '' : ` (${k})`}${body?.kind === k ? msg(lang, 'kindFromData') : ''}` })),
        default: body?.kind ?? guessKind(name),
      });
      const candidate: Party = body?.prefecture ? { name, kind, prefecture: body.prefecture } : { name, kind };
      // A kind that contradicts the data (鳥取市 as a 町) is refused as evaluate refuses it.
      const checked = resolver && body ? checkParties(resolver, [candidate]) : null;
      const problem = checked?.problems[0];
      if (problem) p.print(env.chalk.yellow(problem.message[lang]));
      else {
        for (const n of checked?.notes ?? []) p.print(env.chalk.dim(n[lang]));
        party = checked?.parties[0] ?? candidate;
      }
    }
    list.push(party);
    more = await p.confirm({ message: msg(lang, 'partyMore'), default: list.length < 2 });
  }
  return list.length > 0 ? list : null;
}

/** "Change an answer": pick any question (head or fact, asked, implied or skipped) and answer it again. Returns whether something changed. */
async function changeAnswer(env: SessionEnv, a: Answers): Promise<boolean> {
  const { prompter: p, lang, plan } = env;
  const data = plan.data;
  const catLabel = a.category ? `${data.categories.find((c) => c.id === a.category)?.name[lang] ?? a.category} (${a.category})` : a.category === null ? msg(lang, 'dontKnow') : msg(lang, 'notAnswered');
  const choices: Choice<string>[] = [
    { value: 'name', name: `${msg(lang, 'name')}: ${a.name ?? ''}` },
    { value: 'description', name: `${msg(lang, 'description')}: ${a.description ?? msg(lang, 'none')}` },
    { value: 'category', name: `${msg(lang, 'category')}: ${catLabel}` },
  ];
  for (const f of plan.facts) {
    const shown = a.skipped[f.id] ? msg(lang, 'skippedTag') : `${valueLabel(f, a.facts[f.id], lang)}${a.origin[f.id] === 'implied' ? msg(lang, 'impliedTag') : ''}`;
    choices.push({ value: `fact:${f.id}`, name: `${f.label[lang]}: ${shown}`, description: a.implied[f.id]?.[lang] ?? a.skipped[f.id]?.[lang] });
  }
  choices.push({ value: '', name: msg(lang, 'back') });
  const key = await p.select({ message: msg(lang, 'changePick'), choices });
  if (key === '') return false;
  if (key === 'name') {
    a.name = (await p.input({ message: msg(lang, 'askName'), default: a.name ?? '', validate: (v) => (v.trim() ? true : msg(lang, 'nameRequired')) })).trim();
    a.origin.name = 'asked';
  } else if (key === 'description') {
    const d = (await p.input({ message: msg(lang, 'askDescription'), ...(a.description ? { default: a.description } : {}) })).trim();
    if (d) a.description = d;
    else delete a.description;
    a.origin.description = 'asked';
  } else if (key === 'category') {
    await askCategory(env, a);
  } else {
    const f = plan.facts.find((x) => `fact:${x.id}` === key)!;
    a.facts[f.id] = await askFact(env, f, a.facts[f.id]);
    a.origin[f.id] = 'asked';
    delete a.implied[f.id];
    delete a.skipped[f.id];
  }
  return true;
}
