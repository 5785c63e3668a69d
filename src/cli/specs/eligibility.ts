import { Option } from 'commander';
import { ELIGIBILITY_FORMATS } from '../../report/formats.js';
import { MUNICIPALITY_KINDS } from '../../schemas/kinds.js';
import type { CommandSpec } from '../spec.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

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
    { cmd: 'kouiki eligibility 小田原市 --designation core-city --as-of 2020-03-31 -f json', what: { ja: '2020-03-31 の要件で中核市を判定し JSON で', en: 'the core-city check under the criteria of 2020-03-31, as JSON' } },
  ],
  configure(cmd, env) {
    const t = (ja: string, en: string): string => (env.lang === 'ja' ? ja : en);
    cmd.option('--designation <id>', t('判定する指定（繰り返し・カンマ区切り可）: designated-city, core-city, cooperation-central-city, settlement-central-city, cooperation-partner, settlement-partner', 'limit the checks (repeatable, or comma-separated): designated-city, core-city, cooperation-central-city, settlement-central-city, cooperation-partner, settlement-partner'), collect);
    cmd.option('--merge <names>', t('合併の試算: NAME と合併する市町村（カンマ区切り・繰り返し可）', 'merger what-if: the municipalities NAME merges with (comma-separated, repeatable)'), collect);
    cmd.option('--partners', t('NAME への通勤通学割合が連携の相手の目安を満たす市町村を一覧にする', 'list the municipalities whose commuting share to NAME meets each partner guideline'));
    cmd.option('--partner-of <city>', t('NAME を中心市 CITY の連携の相手として判定する', 'check NAME as a partner of the central city CITY'));
    cmd.option('--twin <city>', t('複眼型: NAME と CITY の 2 市で中心となる場合を判定する', 'two-city centre (複眼型): check NAME together with CITY'));
    cmd.option('--population <n>', t('人口（国勢調査の常住人口、0 以上の整数）', 'population (census resident population, a non-negative integer)'));
    cmd.option('--day-night-ratio <r>', t('昼夜間人口比率（比、0〜10。98.96% は 0.9896）', 'day/night population ratio (a fraction in [0, 10]; 98.96% is 0.9896)'));
    cmd.addOption(new Option('--metro-area <area>', t('三大都市圏（none は圏外）', 'metro area (none: outside the 三大都市圏)')).choices(['none', 'tokyo', 'osaka', 'nagoya']));
    cmd.option('--metro-core-commute-share <s>', t('三大都市圏内の指定都市・特別区への通勤通学者割合（0〜1）', 'share of commuters and students going to the designated cities and special wards of the 三大都市圏 (0 to 1)'));
    cmd.addOption(new Option('--kind <kind>', t('団体の種類（例: 合併後に中核市となった場合を仮定）', 'municipality kind (e.g. assume the merged city became a core city)')).choices([...MUNICIPALITY_KINDS]));
  },
  run: async (ctx, args, opts) => (await import('../commands/eligibility.js')).run(ctx, args, opts),
};
