// The bundled CLI's entry (dist/kouiki.cjs, loaded by bin/kouiki.cjs). CommonJS, not ESM: Node 20
// can compile a script with a code cache (vm.Script cachedData) but has no compile cache for ES
// modules (module.enableCompileCache is Node 22.1+).
export { runProcess } from './process.js';
export { fastFacts } from './fast-facts.js';
export { useCacheDir } from './lazy-bundle.js';
