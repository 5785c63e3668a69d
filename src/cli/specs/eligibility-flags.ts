import { Option, type Command } from 'commander';
import type { Lang } from '../../i18n/lang.js';
import { MUNICIPALITY_KINDS } from '../../schemas/kinds.js';
import { staticVocabulary } from '../../core/vocabulary.js';
import { idParser } from '../vocab-args.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The designation ids of the default pack, for help texts. */
export const DESIGNATION_IDS_HELP = 'designated-city, core-city, cooperation-central-city, settlement-central-city, cooperation-partner, settlement-partner';

/**
 * The option keys (as commander names them) of the flags that describe the municipality of an
 * eligibility check. `kouiki explain` uses them to tell the eligibility variant from the
 * recommendation one.
 */
export const ELIGIBILITY_OPTION_KEYS = ['designation', 'merge', 'mergeKind', 'partners', 'partnerOf', 'twin', 'adjacent', 'population', 'dayNightRatio', 'metroArea', 'metroCoreCommuteShare', 'kind'] as const;

/**
 * The flags of `kouiki eligibility` that describe what is checked (a merger, a partner, a
 * two-city centre, figures given on the command line), shared with `kouiki explain`.
 * `--designation` is not here: eligibility takes several, explain exactly one.
 * `partners: false` leaves out `--partners`, which lists many results (not one to explain).
 */
export function addEligibilityFlags(cmd: Command, lang: Lang, opts: { partners: boolean }): void {
  const t = (ja: string, en: string): string => (lang === 'ja' ? ja : en);
  cmd.option('--merge <names>', t('合併の試算: NAME と合併する市町村（カンマ区切り・繰り返し可）', 'merger what-if: the municipalities NAME merges with (comma-separated, repeatable)'), collect);
  cmd.addOption(
    new Option(
      '--merge-kind <kind>',
      t('合併の方式: new は新設合併（既定。新しい市、指定は引き継がない）、incorporation は NAME が他を編入（NAME の指定を保つ）', 'kind of merger: new (新設合併, the default: a new city, no designation carries over) or incorporation (編入: NAME absorbs the others and keeps its designations)'),
    ).choices(['new', 'incorporation']),
  );
  if (opts.partners) cmd.option('--partners', t('NAME への通勤通学割合が連携の相手の目安を満たす市町村を一覧にする', 'list the municipalities whose commuting share to NAME meets each partner guideline'));
  cmd.option('--partner-of <city>', t('NAME を中心市 CITY の連携の相手として判定する', 'check NAME as a partner of the central city CITY'));
  cmd.option('--twin <city>', t('複眼型: NAME と CITY の 2 市で中心となる場合を判定する', 'two-city centre (複眼型): check NAME together with CITY'));
  cmd.option('--adjacent', t('複眼型: NAME と --twin の市が隣接する（利用者の申告。指定がなければ不明）', 'two-city centre: NAME and the --twin city are adjacent (your statement; unknown when not given)'));
  cmd.option('--no-adjacent', t('複眼型: 2 市は隣接しない', 'two-city centre: the two cities are not adjacent'));
  cmd.option('--population <n>', t('人口（国勢調査の常住人口、0 以上の整数）', 'population (census resident population, a non-negative integer)'));
  cmd.option('--day-night-ratio <r>', t('昼夜間人口比率（比又は百分率: 0.9896 又は 98.96%）', 'day/night population ratio (a fraction or a percentage: 0.9896 or 98.96%)'));
  cmd.addOption(new Option('--metro-area <area>', t('三大都市圏（none は圏外。東京圏などの名称も可）', 'metro area (none: outside the 三大都市圏; or its name)')).choices(['none', 'tokyo', 'osaka', 'nagoya']).argParser(idParser(staticVocabulary(), 'metro', '--metro-area')));
  cmd.option('--metro-core-commute-share <s>', t('三大都市圏内の指定都市・特別区への通勤通学者割合（比又は百分率: 0.12 又は 12%）', 'share of commuters and students going to the designated cities and special wards of the 三大都市圏 (a fraction or a percentage: 0.12 or 12%)'));
  cmd.addOption(new Option('--kind <kind>', t('団体の種類（id 又は名称。例: 合併後に中核市となった場合を仮定）', 'municipality kind (id or name; e.g. assume the merged city became a core city)')).choices([...MUNICIPALITY_KINDS]).argParser(idParser(staticVocabulary(), 'kind', '--kind')));
  cmd.option('--strict', t('--data の市町村名が一覧にない（new: true もない）ときは誤りにする（既定は警告）', 'a --data record whose name is not in the code list (and has no new: true) is an error, not a warning'));
}

/** `--designation ID` of `kouiki eligibility`: repeatable, or comma-separated. */
export function addDesignationsFlag(cmd: Command, lang: Lang): void {
  cmd.option(
    '--designation <id>',
    lang === 'ja' ? `判定する指定（繰り返し・カンマ区切り可）: ${DESIGNATION_IDS_HELP}` : `limit the checks (repeatable, or comma-separated): ${DESIGNATION_IDS_HELP}`,
    collect,
  );
}
