import type { ChalkInstance } from 'chalk';
import type { EligibilityResult } from '../core/eligibility/types.js';
import { idLabel } from '../i18n/kind-labels.js';
import type { Lang } from '../i18n/lang.js';
import type { StreamRenderer } from './stream.js';
import { mdCell } from './text.js';
import { displayWidth } from './width.js';

/**
 * `kouiki eligibility --all` as a table or Markdown: one line per municipality, one column per
 * designation, so that 1,700 municipalities read as a list rather than 1,700 reports (the JSON
 * keeps every result in full). Written line by line as the results come.
 */

export interface AllRenderEnv {
  lang: Lang;
  chalk: ChalkInstance;
  /** The designations checked, in order (ids), and their names in the run's language. */
  designations: { id: string; name: string }[];
}

const WORDS = {
  code: { ja: 'コード', en: 'code' },
  municipality: { ja: '市町村', en: 'municipality' },
  kind: { ja: '種類', en: 'kind' },
  population: { ja: '人口', en: 'population' },
  legend: {
    ja: '✓ 要件を満たす（数値上）  ✗ 満たさない  ? 判定できない（不明又は境界の要件あり）。詳細は kouiki eligibility 市町村名',
    en: '✓ meets the criteria (on the figures)  ✗ does not  ? undecided (unknown or borderline criteria). Details: kouiki eligibility NAME',
  },
  total: { ja: '{n} 市町村。', en: '{n} municipalities. ' },
} as const;

function total(count: number, lang: Lang): string {
  return WORDS.total[lang].replace('{n}', String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ','));
}

const MARK = { true: '✓', false: '✗', null: '?' } as const;

function mark(e: boolean | null): string {
  return MARK[String(e) as 'true' | 'false' | 'null'];
}

function pad(s: string, width: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
}

function population(r: EligibilityResult): string {
  const f = r.figures?.find((x) => x.figure === 'population');
  return typeof f?.value === 'number' ? String(f.value).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : '';
}

function kind(r: EligibilityResult, lang: Lang): string {
  const k = r.municipality.kind;
  return k ? (idLabel(k)?.[lang] ?? k) : '';
}

function statuses(r: EligibilityResult, env: AllRenderEnv): string[] {
  return env.designations.map((d) => {
    const x = r.designations.find((y) => y.designation === d.id);
    return x ? mark(x.eligible) : '';
  });
}

export function allTableRenderer(env: AllRenderEnv): StreamRenderer<EligibilityResult> {
  const { lang, chalk } = env;
  // Fixed widths: the lines are written as the results come, before the longest name is known.
  const W = { code: 6, name: 14, kind: 12, population: 11 };
  const cols = env.designations.map((d) => Math.max(3, displayWidth(d.id)));
  const colour = (m: string): string => (m === '✓' ? chalk.green(m) : m === '✗' ? chalk.red(m) : m === '?' ? chalk.cyan(m) : m);
  return {
    begin() {
      const head = [pad(WORDS.code[lang], W.code), pad(WORDS.municipality[lang], W.name), pad(WORDS.kind[lang], W.kind), pad(WORDS.population[lang], W.population, true), ...env.designations.map((d, i) => pad(d.id, cols[i]!))];
      return `${chalk.bold(head.join('  '))}\n`;
    },
    item(r) {
      const m = r.municipality;
      const marks = statuses(r, env).map((s, i) => colour(s) + ' '.repeat(Math.max(0, cols[i]! - displayWidth(s))));
      return `${[pad(m.code ?? '', W.code), pad(m.name, W.name), pad(kind(r, lang), W.kind), pad(population(r), W.population, true), ...marks].join('  ').trimEnd()}\n`;
    },
    end(count) {
      const names = env.designations.map((d) => `${d.id}: ${d.name}`).join('; ');
      return `\n${total(count, lang)}${WORDS.legend[lang]}\n${names}\n`;
    },
  };
}

export function allMarkdownRenderer(env: AllRenderEnv): StreamRenderer<EligibilityResult> {
  const { lang } = env;
  return {
    begin() {
      const head = [WORDS.code[lang], WORDS.municipality[lang], WORDS.kind[lang], WORDS.population[lang], ...env.designations.map((d) => `${mdCell(d.name)} (\`${d.id}\`)`)];
      return `| ${head.join(' | ')} |\n|${head.map((_, i) => (i === 3 ? '---:' : '---')).join('|')}|\n`;
    },
    item(r) {
      const m = r.municipality;
      return `| ${[m.code ?? '', mdCell(m.prefecture ? `${m.prefecture} ${m.name}` : m.name), mdCell(kind(r, lang)), population(r), ...statuses(r, env)].join(' | ')} |\n`;
    },
    end(count) {
      return `\n${total(count, lang)}${WORDS.legend[lang]}\n`;
    },
  };
}
