// The HTML reports: loaded only when `-f html` is asked for.
export { tasksHtmlRenderer, type TasksHtmlEnv } from './tasks.js';
export { comparisonKey, eligibilityHtmlRenderer, type Comparison, type EligibilityHtmlEnv } from './eligibility.js';
export { explainHtmlRenderer } from './explain.js';
export { checkDocument, type CheckHtmlEnv } from './check.js';
export { sphereHtmlRenderer, type SphereHtmlEnv } from './sphere.js';
