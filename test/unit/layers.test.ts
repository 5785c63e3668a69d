// The shape of src/ (docs/decisions.md, "The shape of src/"): every file belongs to a
// layer, a file imports only from its own layer or a lower one, the pure layers import no Node
// built-in, and no files import each other in a circle. The import graph is read with the
// TypeScript compiler's own pre-processor (static, type-only, re-exports and dynamic imports
// alike), so a type-only import that runs the wrong way counts too: it couples as much.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/**
 * The layers, lowest first. A file may import from its own layer and any layer before it.
 * `pure`: no Node built-in (no files, no clock, no process) — these run anywhere, and the core's
 * results depend on its arguments alone.
 */
const LAYERS: { name: string; holds: string[]; pure: boolean; job: string }[] = [
  { name: 'util', holds: ['util/'], pure: true, job: 'pure helpers that know nothing of kouiki (string suggestion)' },
  { name: 'schemas', holds: ['schemas/'], pure: true, job: 'the input formats as zod schemas (tasks, drafts, config, municipality data)' },
  { name: 'base', holds: ['i18n/', 'errors.ts', 'version.ts'], pure: true, job: 'languages, labels, the user error type' },
  { name: 'pack', holds: ['pack/'], pure: true, job: 'the rule pack as data: its schemas, its model, the accessors the core reads' },
  { name: 'core', holds: ['core/'], pure: true, job: 'the engine: recommend, eligibility, check, explain, wizard plan' },
  { name: 'io', holds: ['io/'], pure: false, job: 'reading inputs: files, YAML with positions, validation, municipality data' },
  { name: 'report', holds: ['report/'], pure: false, job: 'one renderer per output format' },
  { name: 'rules-tools', holds: ['rules-tools/'], pure: false, job: 'the rule pack as files: loading, validation, lint, tests, docs, review dates' },
  { name: 'cli', holds: ['cli/'], pure: false, job: 'commander wiring, prompts, output files' },
];

const SRC = join(ROOT, 'src');

interface Edge {
  from: string;
  to: string;
  line: number;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : /\.ts$/.test(e.name) ? [join(dir, e.name)] : []));
}

/** Every import of every file under `src` (relative ones resolved to a file of src, others by name). */
function importGraph(src: string): { files: string[]; edges: Edge[]; external: Edge[] } {
  const files = walk(src).map((f) => relative(src, f)).sort();
  const edges: Edge[] = [];
  const external: Edge[] = [];
  for (const file of files) {
    const text = readFileSync(join(src, file), 'utf8');
    const info = ts.preProcessFile(text, true, true);
    for (const imp of info.importedFiles) {
      const line = text.slice(0, imp.pos).split('\n').length;
      if (!imp.fileName.startsWith('.')) {
        external.push({ from: file, to: imp.fileName, line });
        continue;
      }
      const to = relative(src, resolve(dirname(join(src, file)), imp.fileName)).replace(/\.js$/, '.ts');
      edges.push({ from: file, to, line });
    }
  }
  return { files, edges, external };
}

function layerOf(file: string): number {
  return LAYERS.findIndex((l) => l.holds.some((h) => (h.endsWith('/') ? file.startsWith(h) : file === h)));
}

/** Imports that run up the layers, as `file:line`, with the rule they break. */
function upwardImports(graph: ReturnType<typeof importGraph>): string[] {
  const out: string[] = [];
  for (const e of graph.edges) {
    const a = layerOf(e.from);
    const b = layerOf(e.to);
    if (a >= 0 && b > a) out.push(`src/${e.from}:${e.line} imports src/${e.to}: ${LAYERS[a]!.name} may not import ${LAYERS[b]!.name} (a higher layer)`);
  }
  for (const e of graph.external) {
    const a = layerOf(e.from);
    if (a >= 0 && LAYERS[a]!.pure && e.to.startsWith('node:')) out.push(`src/${e.from}:${e.line} imports ${e.to}: ${LAYERS[a]!.name} is pure (no Node built-in)`);
  }
  return out;
}

/** Circles of files that import each other (strongly connected components of more than one file, or a file importing itself). */
function importCycles(graph: ReturnType<typeof importGraph>): string[][] {
  const next = new Map<string, Set<string>>();
  for (const e of graph.edges) {
    if (!next.has(e.from)) next.set(e.from, new Set());
    next.get(e.from)!.add(e.to);
  }
  // Tarjan's algorithm, iterative enough for a tree of a few hundred files.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    on.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || next.get(v)?.has(v)) out.push(scc.sort().map((f) => `src/${f}`));
    }
  };
  for (const f of graph.files) if (!index.has(f)) visit(f);
  return out;
}

describe('the layers of src/', () => {
  const graph = importGraph(SRC);

  it('puts every file in a layer', () => {
    expect(graph.files.filter((f) => layerOf(f) < 0).map((f) => `src/${f}: in no layer (add its folder to LAYERS in test/unit/layers.test.ts)`)).toEqual([]);
  });

  it('has every import point down (or within its layer), and no Node built-in in a pure layer', () => {
    expect(upwardImports(graph)).toEqual([]);
  });

  it('has no import circle', () => {
    expect(importCycles(graph).map((c) => c.join(' → '))).toEqual([]);
  });

  it('resolves every relative import to a file of src/', () => {
    expect(graph.edges.filter((e) => !graph.files.includes(e.to)).map((e) => `src/${e.from}:${e.line}: ${e.to} is not a file`)).toEqual([]);
  });

  it('fails on an import against the order, a Node built-in in the core and a circle (the checks can fail)', () => {
    const bad = {
      files: ['core/a.ts', 'pack/b.ts', 'io/c.ts', 'io/d.ts'],
      edges: [
        { from: 'pack/b.ts', to: 'core/a.ts', line: 3 },
        { from: 'io/c.ts', to: 'io/d.ts', line: 1 },
        { from: 'io/d.ts', to: 'io/c.ts', line: 2 },
      ],
      external: [{ from: 'core/a.ts', to: 'node:fs', line: 1 }],
    };
    expect(upwardImports(bad)).toEqual([
      'src/pack/b.ts:3 imports src/core/a.ts: pack may not import core (a higher layer)',
      'src/core/a.ts:1 imports node:fs: core is pure (no Node built-in)',
    ]);
    expect(importCycles(bad)).toEqual([['src/io/c.ts', 'src/io/d.ts']]);
  });
});
