import { Option, type Command } from 'commander';
import { UserError } from '../../errors.js';
import type { Lang } from '../../i18n/lang.js';
import type { PackData } from '../../pack/model.js';
import { MUNICIPALITY_KINDS, type MunicipalityKind } from '../../schemas/kinds.js';
import type { FactValue, Party, Task } from '../../schemas/task.js';
import { staticVocabulary, vocabularyOf } from '../../core/vocabulary.js';
import { idParser, readId } from '../vocab-args.js';

/** camelCase fact id → --kebab-case flag. */
export function flagName(factId: string): string {
  return factId.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * Adds one flag per fact of the pack (so a custom pack's fact is a flag too), plus the task's
 * name, description and category. Booleans get --x and --no-x; leaving both out means unknown.
 */
export function addTaskFlags(cmd: Command, data: PackData, lang: Lang, opts: { taskFile?: boolean } = {}): void {
  const t = (ja: string, en: string): string => (lang === 'ja' ? ja : en);
  if (opts.taskFile !== false) cmd.option('--task <file>', t('課題リスト（課題 1 件）から読む。フラグで上書きできる', 'read the task from a task list of one task; flags override it'));
  cmd.option('--id <id>', t('課題の id', 'task id'));
  cmd.option('--name <name>', t('課題の名称', 'task name'));
  cmd.option('--description <text>', t('課題の説明（分類の推定に使う）', 'free description (used to infer the category)'));
  const vocab = vocabularyOf(data);
  // The ids are the choices shown in the help; their names are accepted too (idParser).
  cmd.addOption(new Option('--category <id>', t('課題の分類。名称でも可', 'task category, by id or name')).choices(data.categories.map((c) => c.id)).argParser(idParser(vocab, 'category', '--category')));
  for (const f of data.facts) {
    const flag = flagName(f.id);
    const help = `${f.label[lang]} — ${f.question[lang]}`;
    if (f.type === 'boolean') {
      cmd.addOption(new Option(`--${flag}`, help));
      cmd.addOption(new Option(`--no-${flag}`, t(`「${f.label.ja}」ではない`, `not: ${f.label.en.toLowerCase()}`)));
    } else if (f.type === 'enum') {
      cmd.addOption(new Option(`--${flag} <value>`, help).choices(f.values!.map((v) => v.id)).argParser(idParser(vocab, `fact:${f.id}`, `--${flag}`)));
    } else {
      cmd.addOption(
        new Option(`--party <name[:kind]>`, `${help} ${t('（繰り返し可。種類は省くとデータから補う。例: --party 小田原市 --party 鳥取市:中核市）', '(repeatable; the kind comes from the data when left out; e.g. --party 小田原市 --party 鳥取市:core-city)')}`).argParser(
          (v: string, prev: string[] = []) => [...prev, v],
        ),
      );
    }
  }
}

/**
 * `--party NAME[:KIND]`: the kind by its id or name (`鳥取市:中核市`), or left out (taken from the
 * data). The name is checked against the data before evaluation (src/cli/parties.ts).
 */
export function parseParty(spec: string): Party {
  const t = spec.normalize('NFKC');
  const i = t.lastIndexOf(':');
  const name = (i < 0 ? t : t.slice(0, i)).trim();
  const kindText = i < 0 ? '' : t.slice(i + 1).trim();
  if (!name || (i >= 0 && !kindText)) {
    throw new UserError(
      { ja: `--party の値が正しくありません: ${spec}`, en: `--party: not NAME or NAME:KIND: ${spec}` },
      { hint: { ja: `名前（例: 鳥取市）か 名前:種類（例: 鳥取県:prefecture、鳥取市:中核市）で書いてください。種類は ${MUNICIPALITY_KINDS.join(', ')} 又はその名称です`, en: `write NAME (e.g. 鳥取市) or NAME:KIND (e.g. 鳥取県:prefecture), KIND one of ${MUNICIPALITY_KINDS.join(', ')} or its name` } },
    );
  }
  if (!kindText) return { name };
  return { name, kind: readId(staticVocabulary(), 'kind', kindText, `--party ${spec}`) as MunicipalityKind };
}

/** The task described by the flags, over a task read from --task (flags win). */
export function taskFromFlags(opts: Record<string, unknown>, data: PackData, base: Task | null, lang: Lang): Task {
  const facts: Record<string, FactValue | undefined> = { ...(base?.facts ?? {}) };
  for (const f of data.facts) {
    if (f.type === 'parties') {
      const parties = opts.party as string[] | undefined;
      if (parties && parties.length > 0) facts[f.id] = parties.map(parseParty);
      continue;
    }
    const v = opts[f.id];
    if (v !== undefined) facts[f.id] = v as FactValue;
  }
  const category = (opts.category as string | undefined) ?? base?.category;
  const description = (opts.description as string | undefined) ?? base?.description;
  const categoryName = category ? data.categories.find((c) => c.id === category)?.name[lang] : undefined;
  const name = (opts.name as string | undefined) ?? base?.name ?? (description ? description.slice(0, 40) : categoryName ?? (lang === 'ja' ? '課題' : 'task'));
  const task: Task = { id: (opts.id as string | undefined) ?? base?.id ?? '1', name, facts };
  if (description !== undefined) task.description = description;
  if (category !== undefined) task.category = category;
  return task;
}

/** `--csv-header labels|ids`: the CSV's headers in the output language (default) or as column ids, for scripts. */
export function addCsvHeaderFlag(cmd: Command, lang: Lang): void {
  cmd.addOption(
    new Option('--csv-header <kind>', lang === 'ja' ? 'CSV の見出し: labels（出力言語、既定）又は ids（列の id。スクリプト向け）' : 'CSV headers: labels (the output language; default) or ids (column ids, for scripts)').choices(['labels', 'ids']),
  );
}
