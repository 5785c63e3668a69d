import type { Recommendation, TaskResult } from '../../core/recommend/types.js';
import type { Lang } from '../../i18n/lang.js';
import { VERDICT_LABEL, word } from '../../report/labels.js';
import { kindLabel, mainReasons, reasonLine, trailerLines, type RecommendRenderEnv } from '../../report/recommend.js';
import { tableRenderer } from '../../report/recommend-table.js';
import { fixed2 } from '../../report/text.js';
import { sourcesText } from '../../report/sources.js';
import { citedSources, collectCitations } from '../../core/citation.js';
import { msg } from './messages.js';

/**
 * The wizard's answer on the terminal: the ranked table of `recommend`/`evaluate`, then the first
 * choice in full (every reason with its citation, the procedure, notes, the prefecture's role),
 * then the facts left unknown.
 */
export function renderAnswer(r: TaskResult, env: RecommendRenderEnv): string {
  const { lang, chalk } = env;
  const bare: TaskResult = { task: r.task, category: r.category, unknownFacts: [], recommendations: r.recommendations.map(({ procedure: _p, ...rest }) => rest) };
  const out: string[] = [tableRenderer(env).item(bare, 0).replace(/\n$/, '')];
  // A tie at the top is no first choice: trailerLines says which instruments share it and why.
  const top = r.tie ? undefined : r.recommendations[0];
  if (top) {
    out.push('', chalk.bold(headline('topHead', top, env)));
    out.push(`${msg(lang, 'reasonsHead')}:`);
    for (const reason of mainReasons(top)) out.push(`  ${reasonLine(reason)}`);
    if (top.procedure && top.procedure.length > 0) {
      out.push(`${word(lang, 'procedure')}:`);
      top.procedure.forEach((s, k) => out.push(`  ${k + 1}. ${s.step} [${s.citation}]`));
    }
  }
  out.push(...trailerLines(r, env, { roles: true }));
  // The sources of what the answer cites, in full (the wizard's answer is often pasted into a paper).
  const shown = collectCitations({ top: top ?? null, notes: r.notes ?? [], prefecture: r.prefecture ?? null });
  const sources = sourcesText(citedSources(shown, env.data, lang), lang);
  if (sources.length > 0) out.push('', ...sources);
  return `${out.join('\n')}\n`;
}

/** "Why not X?": every reason of one instrument, with its citation, best explained first. */
export function renderWhyNot(rec: Recommendation, env: RecommendRenderEnv): string {
  const { lang, chalk } = env;
  const out = [chalk.bold(headline('whyHead', rec, env))];
  for (const reason of mainReasons(rec)) out.push(`  ${reasonLine(reason)}`);
  if (rec.reasons.length === 0) out.push(`  ${msg(lang, 'none')}`);
  out.push(chalk.dim(lang === 'ja' ? `  手続と法的性質: kouiki instruments ${rec.instrument}` : `  procedure and legal features: kouiki instruments ${rec.instrument}`));
  return `${out.join('\n')}\n`;
}

function headline(key: 'topHead' | 'whyHead', rec: Recommendation, env: RecommendRenderEnv): string {
  const { lang } = env;
  const kind = kindLabel(rec, env.data, lang);
  const name = kind ? `${rec.name} (${kind})` : rec.name;
  return msg(lang, key, { name, rank: rec.rank, verdict: VERDICT_LABEL[rec.verdict][lang], score: fixed2(rec.score) });
}
