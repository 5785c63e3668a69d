import type { CommandSpec } from '../spec.js';

const importSpec: CommandSpec = {
  name: 'import',
  args: '<files...>',
  loadsPack: false,
  summary: {
    ja: 'e-Stat からダウンロードした CSV（人口、昼夜間人口、従業地・通学地の常住地×従業地・通学地）を市町村データ（--data の形式）に変換する。各数値に出典（ファイル、統計表、調査年、速報・確定、取込日）を付ける',
    en: 'turn CSV files downloaded from e-Stat (population, daytime population, the residence × place of work or school table) into a municipality data file (the --data format), every figure with its source (file, table, survey year, 速報/確定, date of import)',
  },
  formats: [],
  examples: [
    { cmd: 'kouiki data import 0003454527_tottori.csv -o tottori-commuting.yaml', what: { ja: '鳥取県の通勤通学の表を取り込む', en: "import Tottori's commuting table" } },
    { cmd: 'kouiki data import population.csv daytime.csv od.csv -o region.yaml && kouiki eligibility 鳥取市 --data region.yaml', what: { ja: '複数の表をまとめて取り込み、判定に使う', en: 'import several tables into one file and check with it' } },
  ],
  configure(cmd, env) {
    const t = (ja: string, en: string): string => (env.lang === 'ja' ? ja : en);
    cmd.option('-o, --output <file>', t('出力ファイル（全部書けたときだけ置き換える）。省略すると標準出力', 'the output file (replaced only when complete); stdout when left out'));
  },
  run: async (ctx, args, opts) => (await import('../commands/data.js')).importFiles(ctx, args, opts),
};

const sourcesSpec: CommandSpec = {
  name: 'sources',
  loadsPack: false,
  summary: {
    ja: '市町村データの各数値（人口、面積、昼間人口、通勤通学…）を持つ市区町村の数、その出典・国勢調査・層、二次資料だけの数値、ファイルと利用条件（--data のファイルも重ねて数える）',
    en: 'how many municipalities carry each figure (population, area, daytime population, commuting…), with its source, census and layer; the figures resting on a secondary source alone; the files and their terms of use (--data files are counted too)',
  },
  formats: ['table', 'json', 'markdown'],
  examples: [
    { cmd: 'kouiki data sources', what: { ja: '埋め込みデータの出典と数', en: 'the embedded data, its sources and counts' } },
    { cmd: 'kouiki data sources --data tottori-2020.yaml -f json', what: { ja: '取り込んだファイルを重ねたとき', en: 'with an imported file laid over it' } },
  ],
  run: async (ctx) => (await import('../commands/data.js')).sources(ctx),
};

export const dataSpec: CommandSpec = {
  name: 'data',
  summary: {
    ja: '市町村データ: import（e-Stat の CSV を取り込む）、sources（各数値の出典と数）',
    en: 'municipality data: import (bring in e-Stat CSV files), sources (where each figure comes from, and how many carry it)',
  },
  formats: [],
  examples: [
    { cmd: 'kouiki data import od.csv -o od.yaml', what: { ja: 'e-Stat の CSV を --data の形式に', en: 'an e-Stat CSV into the --data format' } },
    { cmd: 'kouiki data sources', what: { ja: '各数値の出典と、それを持つ市区町村の数', en: 'where each figure comes from, and how many municipalities carry it' } },
  ],
  subcommands: [importSpec, sourcesSpec],
  run: async () => 2,
};
