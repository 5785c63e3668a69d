import { UserError } from '../../errors.js';
import type { RunContext } from '../context.js';
import { emitAll, formatSpecs } from '../emit.js';

/**
 * `kouiki template tasks -f xlsx|csv[:FILE]`: an empty task list with the pack's columns. A
 * format is required (there is no sensible default on a terminal); the file is written
 * atomically like every output.
 */
export async function tasks(ctx: RunContext): Promise<number> {
  const { lang } = ctx.opts;
  if (ctx.opts.format.length === 0) {
    throw new UserError(
      { ja: '形式を -f で指定してください（xlsx 又は csv）', en: 'name the format with -f (xlsx or csv)' },
      { hint: { ja: '例: kouiki template tasks -f xlsx:tasks.xlsx', en: 'e.g. kouiki template tasks -f xlsx:tasks.xlsx' } },
    );
  }
  const specs = formatSpecs(ctx, ['xlsx', 'csv'], 'xlsx');
  const data = ctx.pack().data;
  const xlsx = specs.some((s) => s.format === 'xlsx') ? await import('../../report/xlsx/index.js') : null;
  const { taskTemplateCsv } = await import('../../report/xlsx/template-csv.js');
  await emitAll(
    ctx,
    specs,
    (spec) =>
      spec.format === 'xlsx'
        ? { begin: () => '', item: () => '', end: () => '', finish: () => xlsx!.taskTemplateWorkbook(data, lang, ctx.opts.asOf) }
        : { begin: () => taskTemplateCsv(data, lang), item: () => '', end: () => '' },
    [],
    [],
  );
  return 0;
}
