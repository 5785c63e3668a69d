import type { TaskResult } from '../core/recommend/types.js';
import { categoryLine, kindLabel, mainReasons, procedureHeading, reasonLine, trailerLines, verdictText, type RecommendRenderEnv } from './recommend.js';
import { word } from './labels.js';
import type { StreamRenderer } from './stream.js';
import { drawTable } from './table.js';
import { fixed2, wrapText } from './text.js';

/** The human table of `recommend` and `evaluate` (one block per task). */
export function tableRenderer(env: RecommendRenderEnv): StreamRenderer<TaskResult> {
  const { lang, chalk } = env;
  const max = env.maxReasons ?? 3;
  const fixed = 6 + 22 + 16 + 7 + 13; // rank, instrument, verdict, score columns + borders/padding
  const reasonWidth = Math.max(30, env.width - fixed);
  return {
    begin: () => '',
    item(r, i) {
      const out: string[] = [];
      if (i > 0) out.push('');
      out.push(chalk.bold(`■ ${r.task.name} (${r.task.id})`));
      out.push(categoryLine(r, lang));
      const rows: string[][] = [];
      for (const rec of r.recommendations) {
        const reasons = mainReasons(rec);
        const shown = reasons.slice(0, max).map(reasonLine);
        if (reasons.length > max) shown.push(`(${word(lang, 'more', { n: reasons.length - max })})`);
        const kind = kindLabel(rec, env.data, lang);
        const name = kind ? `${rec.name}\n(${kind})` : rec.name;
        rows.push([
          String(rec.rank),
          wrapText(name, 20),
          verdictText(rec.verdict, lang, chalk),
          fixed2(rec.score),
          wrapText(shown.join('\n'), reasonWidth - 2),
        ]);
      }
      out.push(
        drawTable({
          head: [word(lang, 'rank'), word(lang, 'instrument'), word(lang, 'verdict'), word(lang, 'score'), word(lang, 'reasons')],
          colWidths: [6, 22, 16, 7, reasonWidth],
          rows,
          chalk,
        }),
      );
      for (const rec of r.recommendations) {
        if (!rec.procedure) continue;
        out.push(chalk.bold(`${procedureHeading(rec.name, lang)}:`));
        rec.procedure.forEach((s, k) => out.push(`  ${k + 1}. ${s.step} [${s.citation}]`));
      }
      out.push(...trailerLines(r, env, { roles: false }));
      return `${out.join('\n')}\n`;
    },
    end: () => '',
  };
}

