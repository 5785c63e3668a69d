import { explanationTree } from '../../core/explain/tree.js';
import type { EligibilityExplanation, Explanation, RecommendationExplanation, TraceNode } from '../../core/explain/types.js';
import type { CriterionResult } from '../../core/eligibility/types.js';
import type { Lang } from '../../i18n/lang.js';
import { word } from '../labels.js';
import type { StreamRenderer } from '../stream.js';
import { cover, documentPage, procedure, section, table, type Notes } from './blocks.js';
import { censusText, COMMON, coverRows, newNotes, say, type HtmlEnv } from './common.js';
import { criterionChart, statusBadge, valueText, verdictBadge as designationVerdict } from './eligibility.js';
import { html, raw, type Content, type Safe } from './html.js';
import { verdictBadge } from './tasks.js';

/**
 * The HTML report of `explain`: the cover, the result in brief (the ranking, or the criteria
 * with their charts), then the whole trace as nested lists, every citation a numbered note.
 */

const W = {
  titleRec: { ja: '推奨の説明 — {name}', en: 'Why this recommendation — {name}' },
  titleElig: { ja: '判定の説明 — {name}: {designation}', en: 'Why this result — {name}: {designation}' },
  result: { ja: '結果', en: 'Result' },
  trace: { ja: '判定の過程（すべての条件）', en: 'The full trace (every condition)' },
  because: { ja: '理由', en: 'Because' },
  criterion: { ja: '要件', en: 'Criterion' },
  status: { ja: '判定', en: 'Status' },
  actual: { ja: '実際の値', en: 'Actual' },
  required: { ja: '必要な値', en: 'Required' },
  steps: { ja: '数値を満たした後の手続', en: 'Steps that remain once the figures pass' },
} as const;

function tree(nodes: readonly TraceNode[], notes: Notes): Safe {
  if (nodes.length === 0) return raw('');
  return html`<ul>${nodes.map((n) => html`<li>${n.text}${notes.ref(n.citation)}${n.children ? tree(n.children, notes) : ''}</li>`)}</ul>`;
}

function recommendationPart(x: RecommendationExplanation, lang: Lang, notes: Notes): Content[] {
  const out: Content[] = [];
  out.push(
    section(W.result[lang], [
      table(
        [{ head: word(lang, 'rank'), num: true }, { head: word(lang, 'instrument') }, { head: word(lang, 'verdict'), nowrap: true }, { head: word(lang, 'score'), num: true }, { head: W.because[lang] }],
        x.instruments.map((i) => [i.rank, html`${i.name} <span class="id">${i.instrument}</span>`, verdictBadge(i.verdict, lang), i.score.toFixed(2), i.because]),
      ),
    ]),
  );
  for (const i of x.instruments) {
    if (!i.procedure || i.procedure.length === 0) continue;
    out.push(html`<div class="keep"><h3>${word(lang, 'procedure')}: ${i.name}</h3>${procedure(i.procedure.map((s) => ({ text: s.step, citation: s.citation })), notes)}</div>`);
  }
  return out;
}

function eligibilityPart(x: EligibilityExplanation, lang: Lang, notes: Notes): Content[] {
  const rows = x.criteria.map((c) => [html`${c.name ?? c.id} <span class="id">${c.id}</span>`, statusBadge(c.status, lang, !!x.result.held), valueText(c.actual, lang), html`${c.required}${notes.ref(c.citation)}`]);
  const charts: Content[] = [];
  x.criteria.forEach((c, k) => {
    const cmp = c.comparison && typeof c.comparison.threshold === 'number' ? { op: c.comparison.op, threshold: c.comparison.threshold, ...(c.comparison.tolerance ? { tolerance: c.comparison.tolerance } : {}) } : undefined;
    const chart = criterionChart(c as CriterionResult, cmp, lang, `e${k + 1}`);
    if (chart) charts.push(html`<div class="keep"><p>${c.name ?? c.id}</p>${chart}</div>`);
  });
  const out: Content[] = [
    section(html`${W.result[lang]}: ${x.designation.name} ${designationVerdict(x.result, lang)}`, [
      html`<p>${x.because}</p>`,
      table([{ head: W.criterion[lang] }, { head: W.status[lang], nowrap: true }, { head: W.actual[lang], num: true }, { head: W.required[lang] }], rows),
      charts,
    ]),
  ];
  if (x.steps.length > 0) out.push(section(W.steps[lang], [procedure(x.steps.map((s) => ({ text: s.step, citation: s.citation })), notes)], { level: 3 }));
  return out;
}

export function explainDocument(x: Explanation, env: HtmlEnv): string {
  const { lang, head } = env;
  const notes = newNotes(lang, env.data);
  const title = x.kind === 'recommendation' ? say(W.titleRec, lang, { name: x.task.name }) : say(W.titleElig, lang, { name: x.municipality.name, designation: x.designation.name });
  let data: Content | undefined;
  if (x.kind === 'eligibility') {
    const sources = x.figures.map((f) => f.source).filter((s): s is string => !!s);
    data = html`${censusText(sources, [], lang) ?? ''}${sources.length > 0 ? notes.refs(sources) : COMMON.noData[lang]}`;
  }
  const body: Content[] = [cover(title, coverRows(env, data))];
  body.push(...(x.kind === 'recommendation' ? recommendationPart(x, lang, notes) : eligibilityPart(x, lang, notes)));
  const root = explanationTree(x, lang, { asOf: head.asOf, pack: `${head.rulePack.name} ${head.rulePack.version}` });
  body.push(section(W.trace[lang], [html`<div class="tree">${tree(root.children ?? [], notes)}</div>`], { page: true }));
  return documentPage({ lang, title, body, notes });
}

export function explainHtmlRenderer(env: HtmlEnv): StreamRenderer<Explanation> {
  return { begin: () => '', item: (x) => explainDocument(x, env), end: () => '' };
}
