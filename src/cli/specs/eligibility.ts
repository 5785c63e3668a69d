import { ELIGIBILITY_FORMATS } from '../../report/formats.js';
import type { CommandSpec } from '../spec.js';
import { addDesignationsFlag, addEligibilityFlags } from './eligibility-flags.js';

export const eligibilitySpec: CommandSpec = {
  name: 'eligibility',
  args: '[names...]',
  summary: {
    ja: '指定要件（指定都市・中核市・連携中枢都市・定住自立圏の中心市）と連携の相手の目安を判定する',
    en: 'check designation criteria (designated city, core city, 連携中枢都市, 定住自立圏 central city) and the partner guidelines',
  },
  formats: ELIGIBILITY_FORMATS,
  examples: [
    { cmd: 'kouiki eligibility 小田原市', what: { ja: '埋め込みデータで小田原市を判定', en: '小田原市 from the embedded data' } },
    { cmd: 'kouiki eligibility 小田原市 --merge 南足柄市', what: { ja: '南足柄市と合併した場合', en: 'merged with 南足柄市 (what-if)' } },
    { cmd: 'kouiki eligibility 小田原市 --merge 南足柄市 --kind core-city --data examples/kensei-commuting.example.yaml', what: { ja: '合併して中核市になったと仮定し、通勤通学の人数で要件 C を判定（例示の数値）', en: 'assume the merged city becomes a core city and settle C from commuting counts (illustrative figures)' } },
    { cmd: 'kouiki eligibility --population 230000 --day-night-ratio 0.97 --metro-area tokyo --metro-core-commute-share 0.14 --kind core-city', what: { ja: 'データにない市を数値で', en: 'a city not in any file, from figures' } },
    { cmd: 'kouiki eligibility 小田原市 --partners --data examples/kensei-commuting.example.yaml', what: { ja: '連携の相手となる市町村の一覧', en: 'the municipalities that meet each partner guideline' } },
    { cmd: 'kouiki eligibility 鳥取市 倉吉市 米子市 --summary', what: { ja: '3 市の判定を指定ごとに 1 行で', en: 'the verdicts of three cities, one line per designation' } },
    { cmd: 'kouiki eligibility 小田原市 --designation core-city --as-of 2020-03-31 -f json', what: { ja: '2020-03-31 の要件で中核市を判定し JSON で', en: 'the core-city check under the criteria of 2020-03-31, as JSON' } },
  ],
  configure(cmd, env) {
    addDesignationsFlag(cmd, env.lang);
    addEligibilityFlags(cmd, env.lang, { partners: true });
    cmd.option('--summary', env.lang === 'ja' ? '市町村と指定ごとの判定（1 行ずつ）だけを出力する（table・markdown）' : 'print only the verdict of each municipality and designation, one line each (table, markdown)');
  },
  run: async (ctx, args, opts) => (await import('../commands/eligibility.js')).run(ctx, args, opts),
};
