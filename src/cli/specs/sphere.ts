import { SPHERE_FORMATS } from '../../report/formats.js';
import type { CommandSpec } from '../spec.js';

export const sphereSpec: CommandSpec = {
  name: 'sphere',
  args: '<city>',
  summary: {
    ja: '通勤通学圏: CITY への通勤通学割合が連携の相手の目安（10%）以上の市町村を、人数・割合・出典とともに割合の高い順に',
    en: 'the commuting sphere: the municipalities whose share of workers and students commuting to CITY meets the partner guideline (10 %), by share, with counts and sources',
  },
  formats: SPHERE_FORMATS,
  examples: [
    { cmd: 'kouiki sphere 鳥取市 --data tottori.yaml', what: { ja: '取り込んだ国勢調査の通勤通学の表で鳥取市の圏域を', en: "鳥取市's sphere from an imported census commuting table" } },
    { cmd: 'kouiki sphere 鳥取市 --data tottori.yaml --min 0.05', what: { ja: '割合 5% 以上の市町村まで広げて', en: 'widened to every municipality at 5% or more' } },
    { cmd: 'kouiki sphere 小田原市 --data examples/kensei-commuting.example.yaml -f csv', what: { ja: 'CSV で（例示の数値）', en: 'as CSV (illustrative figures)' } },
  ],
  configure(cmd, env) {
    const t = (ja: string, en: string): string => (env.lang === 'ja' ? ja : en);
    cmd.option('--min <share>', t('割合がこの値（0〜1。5% は 0.05）以上の市町村をすべて表示する。既定は目安以上と、目安未満で割合の高い 3 市町村', 'list every municipality with at least this share (0 to 1; 5% is 0.05); default: those meeting the guideline and the 3 nearest below it'));
    cmd.option('--designation <id>', t('当てはめる目安: cooperation-partner（連携中枢都市圏）, settlement-partner（定住自立圏）。既定は両方', 'the guideline to apply: cooperation-partner (連携中枢都市圏), settlement-partner (定住自立圏); default: both'), (v: string, prev: string[] = []) => [...prev, v]);
  },
  run: async (ctx, args, opts) => (await import('../commands/sphere.js')).run(ctx, args, opts),
};
