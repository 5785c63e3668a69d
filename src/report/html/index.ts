// The HTML reports: loaded only when `-f html` is asked for.
export { tasksHtmlRenderer, type TasksHtmlEnv } from './tasks.js';
