// What the benchmark measures in-process (bundled by bench/run.mjs with esbuild).
export { compilePack } from '../src/core/recommend/compile.js';
export { evaluateTask } from '../src/core/recommend/evaluate.js';
export { loadPackDir } from '../src/rules-tools/load.js';
export { defaultRulesDir } from '../src/io/paths.js';
export { caseCondition } from '../src/core/recommend/conditions.js';
export { inferCategory } from '../src/core/recommend/infer.js';
export { evaluateEligibility } from '../src/core/eligibility/evaluate.js';
export { buildIndex } from '../src/io/municipal-base.js';
export { embeddedBase, parseDataText } from '../src/io/municipalities.js';
export { parseYaml } from '../src/io/yaml.js';
