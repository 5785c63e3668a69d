import type { Lang } from '../../i18n/lang.js';
import { taskColumns } from '../../io/task-sheet.js';
import type { PackData } from '../../pack/model.js';
import { csvField } from '../text.js';

/** The CSV template of a task list: the header row, UTF-8 with a BOM (so that Excel reads the Japanese right). */
export function taskTemplateCsv(data: PackData, lang: Lang): string {
  return `\ufeff${taskColumns(data).map((c) => csvField(c.header[lang])).join(',')}\r\n`;
}
