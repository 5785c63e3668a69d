// The bundled CLI's entry (dist/kouiki.cjs, loaded by bin/kouiki.cjs with its V8 code cache).
// CommonJS, not ESM: Node 20 can compile a script with a code cache (vm.Script cachedData) but
// has no compile cache for ES modules (module.enableCompileCache is Node 22.1+).
export { runProcess } from './process.js';
export { trainCodeCache } from './code-cache-training.js';
