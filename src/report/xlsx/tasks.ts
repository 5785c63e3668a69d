import type { TaskResult } from '../../core/recommend/types.js';
import type { Lang } from '../../i18n/lang.js';
import type { PackData } from '../../pack/model.js';
import type { JsonHead, StreamRenderer } from '../stream.js';
import { VERDICT_LABEL, word } from '../labels.js';
import { factLabels, kindLabel, mainReasons } from '../recommend.js';
import { aboutSheet, dateCell, loadExcel, Sources, tableSheet, workbookBytes } from './book.js';
import { SHEET, T } from './words.js';

export interface XlsxEnv {
  lang: Lang;
  head: JsonHead;
  asked: string[];
}

export interface TasksXlsxEnv extends XlsxEnv {
  data: PackData;
}

const EFFECT: Record<string, string> = { '+': '＋', '-': '－', '?': '？' };

/** The run's facts, the first rows of every workbook's about sheet. */
export function aboutRows(env: XlsxEnv): [string, string | Date | null][] {
  const { lang } = env;
  return [
    [T.asked[lang], env.asked.join('\n')],
    [T.asOf[lang], dateCell(env.head.asOf)],
    [T.pack[lang], `${env.head.rulePack.name} ${env.head.rulePack.version}`],
  ];
}

/**
 * evaluate as a workbook: a summary sheet (one row a task, its first choice), a detail sheet
 * (one row an instrument of a task, ranked, with its main reasons), the first choices'
 * procedures, the sources and the run's facts.
 */
export async function tasksWorkbook(results: readonly TaskResult[], env: TasksXlsxEnv): Promise<Uint8Array> {
  const { lang, data } = env;
  const ExcelJS = await loadExcel();
  const wb = new ExcelJS.Workbook();
  const sources = new Sources();
  const summary = results.map((r, i) => {
    const first = r.recommendations.filter((x) => x.rank === 1);
    return [
      i + 1,
      r.task.id,
      r.task.name,
      r.category.name ?? r.category.id ?? '',
      r.category.inferred ? T.yes[lang] : T.no[lang],
      first.map((f) => f.name).join(lang === 'ja' ? '、' : ', '),
      first[0] ? VERDICT_LABEL[first[0].verdict][lang] : '',
      first[0]?.score ?? null,
      r.unknownFacts.length,
      factLabels(r, data, lang),
    ];
  });
  tableSheet(
    wb,
    SHEET.summary[lang],
    [
      { header: lang === 'ja' ? '番号' : 'No.' },
      { header: T.taskId[lang] },
      { header: word(lang, 'task'), wrap: 30 },
      { header: word(lang, 'category'), wrap: 24 },
      { header: T.inferred[lang] },
      { header: T.first[lang], wrap: 30 },
      { header: word(lang, 'verdict') },
      { header: word(lang, 'score'), numFmt: '0.00' },
      { header: T.unknownCount[lang] },
      { header: word(lang, 'unknownFacts'), wrap: 60 },
    ],
    summary,
  );
  const detail = results.flatMap((r) =>
    r.recommendations.map((rec) => {
      const reasons = mainReasons(rec);
      const kind = kindLabel(rec, data, lang);
      return [
        r.task.id,
        r.task.name,
        rec.rank,
        rec.instrument,
        kind ? `${rec.name} (${kind})` : rec.name,
        VERDICT_LABEL[rec.verdict][lang],
        rec.score,
        reasons.map((x) => `${EFFECT[x.effect]} ${x.message}`).join('\n'),
        sources.numbers(reasons.map((x) => x.citation)),
      ];
    }),
  );
  tableSheet(
    wb,
    SHEET.detail[lang],
    [
      { header: T.taskId[lang] },
      { header: word(lang, 'task'), wrap: 24 },
      { header: word(lang, 'rank') },
      { header: T.instrumentId[lang] },
      { header: word(lang, 'instrument'), wrap: 24 },
      { header: word(lang, 'verdict') },
      { header: word(lang, 'score'), numFmt: '0.00' },
      { header: T.reasons[lang], wrap: 70 },
      { header: T.sourceNo[lang], wrap: 16 },
    ],
    detail,
  );
  const steps = results.flatMap((r) =>
    r.recommendations
      .filter((rec) => rec.procedure && rec.procedure.length > 0)
      .flatMap((rec) => rec.procedure!.map((s, k) => [r.task.id, r.task.name, rec.name, k + 1, s.step, s.citation, sources.numbers([s.citation])])),
  );
  tableSheet(
    wb,
    SHEET.procedure[lang],
    [{ header: T.taskId[lang] }, { header: word(lang, 'task'), wrap: 24 }, { header: word(lang, 'instrument'), wrap: 24 }, { header: T.step[lang] }, { header: word(lang, 'procedure'), wrap: 60 }, { header: T.article[lang], wrap: 40 }, { header: T.sourceNo[lang] }],
    steps,
  );
  sources.sheet(wb, SHEET.sources[lang], [T.sourceNo[lang], T.source[lang]]);
  aboutSheet(wb, SHEET.about[lang], [T.item[lang], T.value[lang]], [...aboutRows(env), [T.tasks[lang], String(results.length)]]);
  return workbookBytes(wb, env.head.asOf);
}

export function tasksXlsxRenderer(env: TasksXlsxEnv): StreamRenderer<TaskResult> {
  const all: TaskResult[] = [];
  return {
    begin: () => '',
    item(r) {
      all.push(r);
      return '';
    },
    end: () => '',
    finish: () => tasksWorkbook(all, env),
  };
}
