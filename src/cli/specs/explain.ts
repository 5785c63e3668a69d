import { EXPLAIN_FORMATS } from '../../report/formats.js';
import type { CommandSpec } from '../spec.js';
import { addEligibilityFlags, DESIGNATION_IDS_HELP } from './eligibility-flags.js';
import { addTaskFlags } from './task-flags.js';

export const explainSpec: CommandSpec = {
  name: 'explain',
  args: '[name]',
  summary: {
    ja: '1 件の推奨（recommend と同じフラグ）又は 1 件の指定要件の判定（NAME --designation ID と eligibility のフラグ）の全過程を示す: 全ての条件と両辺の値、参照したパラメータと施行日、根拠',
    en: 'the full trace of one recommendation (the flags of recommend) or of one eligibility result (NAME --designation ID, the flags of eligibility): every condition with both values, parameters and their effective dates, citations',
  },
  formats: EXPLAIN_FORMATS,
  packOptions: true,
  examples: [
    { cmd: 'kouiki explain --category essential-service --retain-authority --capacity-gap', what: { ja: '推奨の理由を木の形で', en: 'why this ranking, as a tree' } },
    { cmd: 'kouiki explain --task examples/kensei-tasks.yaml --id wildlife -f markdown', what: { ja: '課題リストの 1 件を議会資料向けの Markdown で', en: 'one task of a list, as Markdown for a council paper' } },
    { cmd: 'kouiki explain --task task.yaml --as-of 2014-01-01 -f json', what: { ja: '2014年1月1日の法令での判定の過程を JSON で', en: 'the trace under the law of 2014-01-01, as JSON' } },
    { cmd: 'kouiki explain 小田原市 --designation cooperation-central-city', what: { ja: '小田原市が連携中枢都市の要件を満たすかの判定の過程', en: 'why 小田原市 does or does not meet the 連携中枢都市 criteria' } },
    { cmd: 'kouiki explain 小田原市 --merge 南足柄市 --designation core-city --as-of 2020-03-31 -f markdown', what: { ja: '合併の試算の中核市の判定を、2020-03-31 の法令で、議会資料向けの Markdown で', en: 'the core-city check of a merger what-if under the law of 2020-03-31, as Markdown' } },
    { cmd: 'kouiki explain --population 230000 --day-night-ratio 0.99 --kind core-city --metro-area none --designation cooperation-central-city -f json', what: { ja: 'データにない市を数値で', en: 'a city not in any file, from figures' } },
  ],
  configure(cmd, env) {
    addTaskFlags(cmd, env.pack().data, env.lang);
    // The eligibility variant: one municipality (NAME, or figures) and one designation. The
    // task flags and these cannot be combined (commands/explain.ts says so, exit 2).
    cmd.option(
      '--designation <id>',
      env.lang === 'ja'
        ? `指定要件の判定を説明する（1 つ。市町村名又は数値のフラグと共に）: ${DESIGNATION_IDS_HELP}`
        : `explain an eligibility result instead (one designation, with a municipality NAME or figure flags): ${DESIGNATION_IDS_HELP}`,
    );
    addEligibilityFlags(cmd, env.lang, { partners: false });
  },
  run: async (ctx, args, opts) => (await import('../commands/explain.js')).run(ctx, args, opts),
};
