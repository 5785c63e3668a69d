import type { Lang } from '../i18n/lang.js';
import type { Verdict } from '../core/recommend/types.js';

export const VERDICT_LABEL: Record<Verdict, { ja: string; en: string }> = {
  recommended: { ja: '推奨', en: 'recommended' },
  possible: { ja: '可能', en: 'possible' },
  unsuitable: { ja: '不適', en: 'unsuitable' },
  'not-allowed': { ja: '不可（法令上）', en: 'not allowed' },
};

const WORDS = {
  rank: { ja: '順位', en: 'Rank' },
  instrument: { ja: '制度', en: 'Instrument' },
  verdict: { ja: '判定', en: 'Verdict' },
  score: { ja: '点数', en: 'Score' },
  reasons: { ja: '主な理由（根拠）', en: 'Main reasons (citation)' },
  category: { ja: '分類', en: 'Category' },
  inferred: { ja: '推定', en: 'inferred' },
  noCategory: { ja: '不明（--category で指定するか、名称・説明から推定できる語を含めてください）', en: 'unknown (give --category, or words in the name or description it can be inferred from)' },
  procedure: { ja: '手続', en: 'Procedure' },
  unknownFacts: { ja: '不明な事実', en: 'Unknown facts' },
  notes: { ja: '注記', en: 'Notes' },
  more: { ja: '他 {n} 件', en: '{n} more' },
  prefecture: { ja: '県の役割', en: "The prefecture's role" },
  principle: { ja: '原則', en: 'Principle' },
  measures: { ja: '支援策', en: 'Support measures' },
  roles: { ja: '役割', en: 'Roles' },
  level: { ja: '段階', en: 'Level' },
  unconfirmed: { ja: '未確認', en: 'unconfirmed' },
  task: { ja: '課題', en: 'Task' },
  summary: { ja: '{n}件の課題を評価しました', en: '{n} task(s) evaluated' },
  summaryHead: { ja: '要約', en: 'Summary' },
  firstChoice: { ja: '第1候補（判定）', en: 'First choice (verdict)' },
  secondChoice: { ja: '第2候補（判定）', en: 'Second (verdict)' },
  keyReason: { ja: '主な理由', en: 'Key reason' },
  tied: { ja: '同順位', en: 'tied' },
  tieShort: { ja: '与えられた事実では区別できません（区別できる事実が{n}件あります）', en: 'the facts given do not separate them ({n} unknown facts would)' },
  inferredTag: { ja: '（推定）', en: ' (inferred)' },
  unknown: { ja: '不明', en: 'unknown' },
  detailHead: { ja: '課題ごとの詳細', en: 'Detail by task' },
  tieHead: { ja: '第1位は同順位です: {list}（判定も点数も同じです）', en: 'Tied for first: {list} (same verdict and score)' },
  tieFacts: { ja: '与えられた事実ではこれらを区別できません。次の事実が分かれば区別できます: {list}', en: 'The facts given do not separate them; these unknown facts would: {list}' },
  tieNoFacts: { ja: '与えられた事実ではこれらを区別できず、不明な事実のどれが分かっても区別できません', en: 'The facts given do not separate them, and no unknown fact would' },
} as const;

export type Word = keyof typeof WORDS;

export function word(lang: Lang, key: Word, vars: Record<string, string | number> = {}): string {
  return WORDS[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

