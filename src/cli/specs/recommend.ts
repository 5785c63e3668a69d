import { RECOMMEND_FORMATS } from '../../report/formats.js';
import type { CommandSpec } from '../spec.js';
import { addCsvHeaderFlag, addTaskFlags } from './task-flags.js';

export const recommendSpec: CommandSpec = {
  name: 'recommend',
  summary: {
    ja: '1 件の課題に対して連携制度を順位付けして推奨する（フラグ又は --task FILE）',
    en: 'rank the cooperation instruments for one task (described by flags or --task FILE)',
  },
  formats: RECOMMEND_FORMATS,
  packOptions: true,
  examples: [
    { cmd: 'kouiki recommend --category essential-service --retain-authority --capacity-gap', what: { ja: '権限を残したい・専門職員が足りない必須事務', en: 'an essential service where the town keeps authority and lacks specialists' } },
    { cmd: 'kouiki recommend --name 介護認定審査会 --mode joint-organ -f json', what: { ja: '審査会の共同設置を JSON で', en: 'a shared review board, as JSON' } },
    { cmd: 'kouiki recommend --task task.yaml --as-of 2014-01-01', what: { ja: '2014年1月1日の法令で判定', en: 'under the law of 2014-01-01' } },
  ],
  configure(cmd, env) {
    addTaskFlags(cmd, env.pack().data, env.lang);
    addCsvHeaderFlag(cmd, env.lang);
  },
  run: async (ctx, _args, opts) => (await import('../commands/recommend.js')).run(ctx, opts),
};
