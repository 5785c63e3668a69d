// The workbooks (exceljs): loaded only when `-f xlsx` is asked for, or a task list is a workbook.
import type { PackData } from '../../pack/model.js';
import type { Lang } from '../../i18n/lang.js';
import type { Task } from '../../schemas/task.js';

export { tasksXlsxRenderer, type TasksXlsxEnv } from './tasks.js';
export { eligibilityXlsxRenderer } from './eligibility.js';
export { checkXlsxRenderer } from './check.js';

// Reading a task list and writing the template need the task schema (zod): loaded on call, so
// that writing a result workbook does not initialise it.
export async function readTaskWorkbook(path: string, data: PackData, maxBytes: number): Promise<Task[]> {
  return (await import('../../io/task-sheet-xlsx.js')).readTaskWorkbook(path, data, maxBytes);
}

export async function taskTemplateWorkbook(data: PackData, lang: Lang, asOf: string): Promise<Uint8Array> {
  return (await import('./template.js')).taskTemplateWorkbook(data, lang, asOf);
}
