import type { CommandSpec } from '../spec.js';
import { addTaskFlags } from './task-flags.js';

export const explainSpec: CommandSpec = {
  name: 'explain',
  args: '[name]',
  summary: {
    ja: '1 件の推奨（recommend と同じフラグ）の全過程を示す: 全ての条件と両辺の値、参照したパラメータと施行日、根拠',
    en: 'the full trace of one recommendation (the flags of recommend): every condition with both values, parameters and their effective dates, citations',
  },
  formats: ['text', 'json', 'markdown'],
  packOptions: true,
  examples: [
    { cmd: 'kouiki explain --category essential-service --retain-authority --capacity-gap', what: { ja: '推奨の理由を木の形で', en: 'why this ranking, as a tree' } },
    { cmd: 'kouiki explain --task examples/kensei-tasks.yaml --id wildlife -f markdown', what: { ja: '課題リストの 1 件を議会資料向けの Markdown で', en: 'one task of a list, as Markdown for a council paper' } },
    { cmd: 'kouiki explain --task task.yaml --as-of 2014-01-01 -f json', what: { ja: '2014年1月1日の法令での判定の過程を JSON で', en: 'the trace under the law of 2014-01-01, as JSON' } },
  ],
  configure(cmd, env) {
    addTaskFlags(cmd, env.pack().data, env.lang);
    // The eligibility variant (`kouiki explain NAME --designation ID`, issue 3): the lead adds the
    // eligibility flags here (e.g. addEligibilityFlags(cmd, env.lang)); see commands/explain.ts.
    cmd.option('--designation <id>', env.lang === 'ja' ? '指定要件の判定を説明する（市町村名と共に。eligibility と同じフラグ）' : 'explain an eligibility result instead (with a municipality name; the flags of eligibility)');
  },
  run: async (ctx, args, opts) => (await import('../commands/explain.js')).run(ctx, args, opts),
};
