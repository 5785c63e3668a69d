// The workbooks (exceljs): loaded only when `-f xlsx` is asked for, or a task list is a workbook.
export { tasksXlsxRenderer, type TasksXlsxEnv } from './tasks.js';
export { eligibilityXlsxRenderer } from './eligibility.js';
export { checkXlsxRenderer } from './check.js';
export { readTaskWorkbook } from '../../io/task-sheet-xlsx.js';
export { taskTemplateWorkbook } from './template.js';
