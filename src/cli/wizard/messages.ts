import { fill, type Lang, type Localized } from '../../i18n/lang.js';
import type { Fact } from '../../pack/schema.js';
import type { MunicipalityKind } from '../../schemas/kinds.js';
import type { FactValue, Party } from '../../schemas/task.js';

/**
 * The wizard's own words (prompts, menu, notes), in both languages. The questions about the
 * task's facts are not here: they come from the rule pack (rules/facts.yaml), so a custom pack's
 * fact is asked in its own words.
 */
const M = {
  title: { ja: 'kouiki wizard — 質問に答えると、課題に合う広域連携の制度を根拠つきで示します', en: 'kouiki wizard — answer a few questions and get the cooperation instruments that fit your task, with their legal basis' },
  intro: {
    ja: '分からない質問には「わからない」を選んでください（不明のまま扱い、「いいえ」とはみなしません）。Ctrl+C でいつでも中止できます（ファイルは書きません）。',
    en: 'Choose "don\'t know" when you are not sure (the fact stays unknown; it is never taken as "no"). Ctrl+C quits at any time (nothing is written).',
  },
  askName: { ja: '課題の名称は？（例: 鳥獣被害対策）', en: 'What is the task called? (e.g. wildlife damage control)' },
  nameRequired: { ja: '名称を入力してください（必須）', en: 'please enter a name (required)' },
  askDescription: { ja: '課題の内容を一言で（任意。分類の推定と典型例の判定に使います）', en: 'Describe the task in a few words (optional; used to propose its category and spot typical uses)' },
  categoryProposed: { ja: '分類は「{name}」でよいですか？（根拠の語: {evidence}）', en: 'Is the category "{name}"? (words it rests on: {evidence})' },
  categoryProposedAffair: { ja: '分類は「{name}」でよいですか？（推定の根拠: {affairs}）', en: 'Is the category "{name}"? (inferred from: {affairs})' },
  affairHit: { ja: '「{word}」→ 事務「{affair}」（{source}）', en: '"{word}" → the affair "{affair}" ({source})' },
  affairWhy: { ja: '{affair}: {why}', en: '{affair}: {why}' },
  categoryTied: { ja: '同じくらい当てはまる分類: {list}', en: 'equally good fits: {list}' },
  categoryYes: { ja: 'はい — {name}', en: 'yes — {name}' },
  categoryPick: { ja: '課題の分類を選んでください（県西地域の案 第5章）', en: 'Choose the category of the task (the 県西地域 draft, §5)' },
  categoryNone: { ja: '名称と説明からは分類を推定できませんでした', en: 'kouiki could not infer a category from the name and description' },
  categoryUnknownHelp: { ja: '分類なしで評価します（分類ごとの制度の当てはまりは判定に使いません）', en: 'evaluate without a category (the fit of each instrument to a category is not used)' },
  describeAgain: { ja: '説明を書き直して推定し直す', en: 'describe the task again and let kouiki propose one' },
  yes: { ja: 'はい', en: 'yes' },
  no: { ja: 'いいえ', en: 'no' },
  dontKnow: { ja: 'わからない', en: "don't know" },
  partiesEnter: { ja: '参加団体を入力する', en: 'enter the parties' },
  partiesKeep: { ja: '残す参加団体を選んでください（スペースで切替、Enter で確定）', en: 'Which parties stay? (space toggles, Enter confirms)' },
  partyName: { ja: '参加団体 {n} の名前', en: 'Name of party {n}' },
  partyNameRequired: { ja: '名前を入力してください', en: 'please enter a name' },
  partyDuplicate: { ja: '「{name}」はもう入力されています', en: '"{name}" is already on the list' },
  partyKind: { ja: '「{name}」の種類は？', en: 'What kind of body is {name}?' },
  kindFromData: { ja: '（データによる）', en: ' (from the data)' },
  partyMore: { ja: 'ほかにも参加団体を追加しますか？', en: 'Add another party?' },
  implied: { ja: '→ {label}: {value}（{reason}）', en: '→ {label}: {value} ({reason})' },
  skipped: { ja: '→ 「{label}」は聞きません（{reason}）', en: '→ not asking "{label}" ({reason})' },
  reopened: { ja: '→ 「{label}」は前の回答から決まらなくなったので、改めて聞きます', en: '→ "{label}" no longer follows from your answers, so it is asked again' },
  topHead: { ja: '第1位: {name}（{verdict}・{score}）', en: 'First choice: {name} ({verdict}, {score})' },
  reasonsHead: { ja: '理由（根拠）', en: 'Reasons (citation)' },
  whyHead: { ja: '{name}が{rank}位（{verdict}・{score}）である理由', en: 'Why {name} ranks {rank} ({verdict}, {score})' },
  menu: { ja: '次は？', en: 'What next?' },
  finish: { ja: '終了する', en: 'finish' },
  discardConfirm: { ja: '回答は保存されていません。保存せずに終了しますか？（いいえ: 保存先を聞きます）', en: 'The answers are not saved. Quit without saving them? (no: choose a file to save to)' },
  finishSave: { ja: '終了して {file} に保存する', en: 'finish and save to {file}' },
  saveAs: { ja: '終了して回答をファイルに保存する…', en: 'finish and save the answers to a file…' },
  savePath: { ja: '保存先のファイル名（課題リストの YAML）', en: 'File to save to (a task list in YAML)' },
  overwrite: { ja: '{file} は既にあります。上書きしますか？', en: '{file} exists. Overwrite it?' },
  whyNot: { ja: '他の制度ではない理由を見る（なぜ X ではないのか）', en: 'why not another instrument?' },
  whyNotPick: { ja: 'どの制度について見ますか？', en: 'Which instrument?' },
  change: { ja: '回答を変更する', en: 'change an answer' },
  changePick: { ja: 'どの回答を変更しますか？', en: 'Which answer?' },
  back: { ja: '戻る', en: 'back' },
  notAnswered: { ja: '（未回答）', en: '(not answered)' },
  impliedTag: { ja: '（前の回答から）', en: '(implied)' },
  skippedTag: { ja: '（聞いていません）', en: '(not asked)' },
  none: { ja: 'なし', en: 'none' },
  saved: { ja: '保存しました: {file}（kouiki evaluate {file} で同じ結果になります）', en: 'saved {file} (kouiki evaluate {file} gives the same result)' },
  saveHint: { ja: '回答は保存していません（次回は --save FILE を付けるか、終了前に「ファイルに保存」を選んでください）', en: 'the answers were not saved (use --save FILE, or choose "save the answers to a file" before finishing)' },
  impliedNote: { ja: 'kouiki wizard: {label} ({fact}) = {value}（{reason}）', en: 'kouiki wizard: {label} ({fact}) = {value} ({reason})' },
  missingHead: {
    ja: '端末ではない（又は CI=true の）ため質問できません。必要な回答がありません',
    en: 'not on a terminal (or CI=true), so the wizard cannot ask; required answers are missing',
  },
  missingName: { ja: '課題の名称: --name NAME（YAML: name）', en: "the task's name: --name NAME (YAML: name)" },
  missingCategory: {
    ja: '課題の分類: --category ID（YAML: category）。又は分類を推定できる語を --name / --description（YAML: name / description）に',
    en: "the task's category: --category ID (YAML: category), or words in --name / --description (YAML: name / description) it can be inferred from",
  },
  missingHint: {
    ja: 'フラグ又は --answers FILE で与えるか、端末で kouiki wizard を実行してください',
    en: 'give them as flags or in --answers FILE, or run kouiki wizard in a terminal',
  },
  savedComment: { ja: 'kouiki wizard で作成した課題リスト（課題 1 件）。kouiki evaluate で同じ結果になります', en: 'a task list of one task written by kouiki wizard; kouiki evaluate gives the same result' },
  dontKnowComment: { ja: 'わからない', en: "don't know" },
  impliedComment: { ja: '前の回答から: {reason}', en: 'implied: {reason}' },
  name: { ja: '名称', en: 'Name' },
  description: { ja: '説明', en: 'Description' },
  category: { ja: '分類', en: 'Category' },
} satisfies Record<string, Localized>;

/** The answer value of "わからない / don't know" in a select (a fact left unknown). */
export const DONT_KNOW = '\u0000dont-know';

export type MessageKey = keyof typeof M;

export function msg(lang: Lang, key: MessageKey, vars: Readonly<Record<string, string | number>> = {}): string {
  return fill(M[key][lang], vars);
}

import { KIND_LABEL } from '../../i18n/kind-labels.js';

export function partyLabel(x: Party, lang: Lang): string {
  return x.kind ? `${x.name}（${KIND_LABEL[x.kind][lang]}）` : x.name;
}

/** An answer in words: はい/いいえ, the value's label, the parties, or "don't know". */
export function valueLabel(f: Fact, v: FactValue | undefined, lang: Lang): string {
  if (v === undefined) return msg(lang, 'notAnswered');
  if (v === null) return msg(lang, 'dontKnow');
  if (typeof v === 'boolean') return msg(lang, v ? 'yes' : 'no');
  if (Array.isArray(v)) return v.map((x) => partyLabel(x, lang)).join(lang === 'ja' ? '、' : ', ');
  return f.values?.find((x) => x.id === v)?.label[lang] ?? v;
}
