import type { Lang } from '../../i18n/lang.js';
import { evidenceText } from '../../i18n/evidence.js';
import type { Reason, Recommendation, TaskResult, Verdict } from '../../core/recommend/types.js';
import type { PackData } from '../../pack/model.js';
import { VERDICT_LABEL, word } from '../labels.js';
import { factLabels, kindLabel, mainReasons } from '../recommend.js';
import type { StreamRenderer } from '../stream.js';
import { badge, cover, documentPage, list, procedure, section, table, type Notes } from './blocks.js';
import { coverRows, newNotes, say, type HtmlEnv } from './common.js';
import { html, raw, type Content, type Safe } from './html.js';

/**
 * The HTML report of `recommend` and `evaluate`: the cover, a summary table of every task, then
 * one part per task (a new page in print): the ranked instruments as a matrix with their main
 * reasons, the first choice's procedure step by step with the article of each step, the
 * prefecture's role and the facts still unknown; the citations as numbered notes at the end.
 */

export interface TasksHtmlEnv extends HtmlEnv {
  data: PackData;
  /** recommend: one task, the procedure of every recommended instrument. */
  single?: boolean;
}

const W = {
  titleMany: { ja: '連携制度の評価 — 課題 {n} 件', en: 'Cooperation instruments for {n} tasks' },
  titleOne: { ja: '連携制度の推奨 — {name}', en: 'Recommended cooperation instruments — {name}' },
  lead: {
    ja: '地方自治法の連携制度（連携協約、協議会、機関等の共同設置、事務の委託、事務の代替執行、一部事務組合、広域連合ほか）を、課題ごとに法令上の可否と適合度で順位付けしたものです。',
    en: 'The Local Autonomy Act cooperation instruments (agreement, council, joint body, consignment, proxy execution, unions and federations, ...) ranked for each task by what the law allows and how well they fit.',
  },
  summary: { ja: '課題の一覧', en: 'Summary of the tasks' },
  no: { ja: '番号', en: 'No.' },
  first: { ja: '第一候補', en: 'First choice' },
  unknownCount: { ja: '不明な事実', en: 'Unknown facts' },
  ranking: { ja: '制度の順位', en: 'Instruments ranked' },
  procedureOf: { ja: '手続: {name}', en: 'Procedure: {name}' },
  none: { ja: 'なし', en: 'none' },
  legend: {
    ja: '判定: ◎ 推奨、○ 可能、△ 不適、✕ 不可（法令上）。理由: ＋ 有利、－ 不利、？ 不明な事実による。',
    en: 'Verdicts: ◎ recommended, ○ possible, △ unsuitable, ✕ not allowed by law. Reasons: ＋ for, － against, ？ depends on an unknown fact.',
  },
  unknownLead: { ja: '次の事実が分かれば判定が変わることがあります:', en: 'Knowing these facts may change the result:' },
  allKnown: { ja: '判定に使う事実はすべて与えられています。', en: 'Every fact the rules read was given.' },
  inferred: { ja: '推定（{ev}）', en: 'inferred ({ev})' },
  tasks: { ja: '課題リスト {files}', en: 'task list {files}' },
} as const;

const VERDICT_MARK: Record<Verdict, string> = { recommended: '◎', possible: '○', unsuitable: '△', 'not-allowed': '✕' };
const EFFECT_MARK: Record<Reason['effect'], string> = { '+': '＋', '-': '－', '?': '？' };

export function verdictBadge(v: Verdict, lang: Lang): Safe {
  return badge(`v-${v}`, VERDICT_MARK[v], VERDICT_LABEL[v][lang]);
}

function instrumentName(rec: Recommendation, data: PackData, lang: Lang): Content {
  // The id under the name: what a planner types in `kouiki instruments ID` and sees in JSON.
  const kind = kindLabel(rec, data, lang);
  return html`${rec.name}${kind ? (lang === 'ja' ? `（${kind}）` : ` (${kind})`) : ''} <span class="id">${rec.instrument}</span>`;
}

function categoryText(r: TaskResult, lang: Lang): Content {
  const c = r.category;
  if (!c.id) return word(lang, 'noCategory');
  return html`${c.name ?? c.id} <span class="id">${c.id}</span>${c.inferred ? html` — ${say(W.inferred, lang, { ev: evidenceText(c.evidence, lang) })}` : ''}`;
}

/** The main reasons in words; the others by their notes only, so that every citation is in the notes. */
function reasonItems(rec: Recommendation, notes: Notes, max: number, lang: Lang): Safe {
  const all = mainReasons(rec);
  const rest = all.slice(max);
  return html`<ul class="reasons">${all.slice(0, max).map((x) => html`<li><span class="effect">${EFFECT_MARK[x.effect]}</span>${x.message}${notes.ref(x.citation)}</li>`)}${rest.length > 0 ? html`<li class="muted">${word(lang, 'more', { n: rest.length })}${notes.refs(rest.map((x) => x.citation))}</li>` : ''}</ul>`;
}

function firstChoices(r: TaskResult): Recommendation[] {
  return r.recommendations.filter((x) => x.rank === 1);
}

/** Score as shown in the matrix (two decimals, as the other formats). */
const score = (s: number): string => s.toFixed(2);

export function summaryTable(results: readonly TaskResult[], env: TasksHtmlEnv): Safe {
  const { lang } = env;
  return table(
    [{ head: W.no[lang], num: true }, { head: word(lang, 'task') }, { head: word(lang, 'category') }, { head: W.first[lang] }, { head: word(lang, 'verdict'), nowrap: true }, { head: word(lang, 'score'), num: true }, { head: W.unknownCount[lang], num: true }],
    results.map((r, i) => {
      const first = firstChoices(r);
      return [
        html`<a href="#task-${i + 1}">${i + 1}</a>`,
        html`${r.task.name} <span class="id">${r.task.id}</span>`,
        r.category.name ?? r.category.id ?? '—',
        html`${first.map((f, k) => html`${k > 0 ? html`<br>` : ''}${f.name}`)}`,
        first[0] ? verdictBadge(first[0].verdict, lang) : '',
        first[0] ? score(first[0].score) : '',
        r.unknownFacts.length,
      ];
    }),
  );
}

export function taskSection(r: TaskResult, i: number, env: TasksHtmlEnv, notes: Notes): Safe {
  const { lang, data } = env;
  const body: Content[] = [html`<p>${word(lang, 'category')}: ${categoryText(r, lang)}</p>`];
  body.push(html`<h3>${W.ranking[lang]}</h3>`);
  body.push(
    table(
      [{ head: word(lang, 'rank'), num: true }, { head: word(lang, 'instrument') }, { head: word(lang, 'verdict'), nowrap: true }, { head: word(lang, 'score'), num: true }, { head: word(lang, 'reasons') }],
      r.recommendations.map((rec) => [rec.rank, instrumentName(rec, data, lang), verdictBadge(rec.verdict, lang), score(rec.score), reasonItems(rec, notes, 2, lang)]),
    ),
  );
  for (const rec of r.recommendations) {
    if (!rec.procedure || rec.procedure.length === 0) continue;
    if (!env.single && rec.rank !== 1) continue;
    body.push(html`<div class="keep"><h3>${say(W.procedureOf, lang, { name: rec.name })}</h3>`);
    body.push(procedure(rec.procedure.map((s) => ({ text: html`${s.step}${s.status === 'unconfirmed' ? ` (${word(lang, 'unconfirmed')})` : ''}`, citation: s.citation })), notes));
    body.push(raw('</div>'));
  }
  if (r.notes && r.notes.length > 0) {
    body.push(html`<h3>${word(lang, 'notes')}</h3>`, list(r.notes.map((n) => html`<span class="effect">${EFFECT_MARK[n.effect]}</span>${n.message}${notes.ref(n.citation)}`)));
  }
  if (r.prefecture) {
    const p = r.prefecture;
    body.push(html`<h3>${word(lang, 'prefecture')}</h3><p>${p.why}</p>`);
    const items: Content[] = [html`${word(lang, 'principle')}: ${p.principle.name} — ${p.principle.text}${notes.ref(p.principle.citation)}`];
    for (const role of p.roles) items.push(html`${word(lang, 'roles')}: ${role.name}${notes.ref(role.citation)}`);
    for (const m of p.measures) items.push(html`${word(lang, 'measures')}: ${m.name}${m.instrument ? html` → ${data.instruments.find((x) => x.id === m.instrument)?.name[lang] ?? m.instrument} <span class="id">${m.instrument}</span>` : ''}${notes.ref(m.citation)}`);
    body.push(list(items));
  }
  body.push(html`<h3>${word(lang, 'unknownFacts')}</h3>`);
  body.push(r.unknownFacts.length === 0 ? html`<p>${W.allKnown[lang]}</p>` : html`<p>${W.unknownLead[lang]} ${factLabels(r, data, lang)}</p>`);
  return section(html`${i + 1}. ${r.task.name} <span class="id">${r.task.id}</span>`, body, { page: true, id: `task-${i + 1}` });
}

export function tasksDocument(results: readonly TaskResult[], env: TasksHtmlEnv): string {
  const { lang } = env;
  const notes = newNotes(lang, env.data);
  const title = env.single && results.length === 1 ? say(W.titleOne, lang, { name: results[0]!.task.name }) : say(W.titleMany, lang, { n: results.length });
  const body: Content[] = [cover(title, coverRows(env), W.lead[lang])];
  body.push(section(W.summary[lang], [summaryTable(results, env), html`<p class="muted">${W.legend[lang]}</p>`]));
  results.forEach((r, i) => body.push(taskSection(r, i, env, notes)));
  return documentPage({ lang, title, body, notes });
}

/** Collects the results (the summary comes first, so nothing can be written before the last). */
export function tasksHtmlRenderer(env: TasksHtmlEnv): StreamRenderer<TaskResult> {
  const all: TaskResult[] = [];
  return {
    begin: () => '',
    item(r) {
      all.push(r);
      return '';
    },
    end: () => tasksDocument(all, env),
  };
}
