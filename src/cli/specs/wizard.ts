import { WIZARD_FORMATS } from '../../report/formats.js';
import type { CommandSpec } from '../spec.js';
import { addCsvHeaderFlag, addTaskFlags } from './task-flags.js';

export const wizardSpec: CommandSpec = {
  name: 'wizard',
  summary: {
    ja: '質問に答えて 1 件の課題の推奨を得る（--answers FILE で事前入力、--save FILE で課題リストとして保存）',
    en: 'answer questions and get the recommendation for one task (--answers FILE pre-fills, --save FILE keeps the answers as a task list)',
  },
  formats: WIZARD_FORMATS,
  packOptions: true,
  examples: [
    { cmd: 'kouiki wizard', what: { ja: '質問に順に答える', en: 'answer the questions one by one' } },
    { cmd: 'kouiki wizard --save task.yaml', what: { ja: '回答を課題リストとして保存（kouiki evaluate task.yaml で同じ結果）', en: 'save the answers as a task list (kouiki evaluate task.yaml gives the same result)' } },
    { cmd: 'kouiki wizard --answers task.yaml --save task.yaml', what: { ja: '保存した回答を読み込み、残りだけ答えて上書き保存', en: 'load saved answers, answer only the rest, save again' } },
    { cmd: 'kouiki wizard --name 鳥獣被害対策 --mode coordination -f json', what: { ja: '端末でなければ質問せずに結果を出す（CI 向け）', en: 'without a terminal nothing is asked: the result is printed (for CI)' } },
  ],
  configure(cmd, env) {
    const t = (ja: string, en: string): string => (env.lang === 'ja' ? ja : en);
    cmd.option('--answers <file>', t('回答を課題リスト（課題 1 件、--save の形式）から読み、残りだけ質問する', 'pre-fill the answers from a task list of one task (the format --save writes); only the rest is asked'));
    cmd.option('--save <file>', t('回答を課題リストとして保存する（kouiki evaluate で同じ結果になる）', 'save the answers as a task list (kouiki evaluate gives the same result)'));
    addTaskFlags(cmd, env.pack().data, env.lang, { taskFile: false });
    addCsvHeaderFlag(cmd, env.lang);
  },
  run: async (ctx, _args, opts) => (await import('../commands/wizard.js')).run(ctx, opts),
};
