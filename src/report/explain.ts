import type { Lang } from '../i18n/lang.js';
import { explanationTree } from '../core/explain/tree.js';
import type { Explanation, TraceNode } from '../core/explain/types.js';
import type { JsonHead, StreamRenderer } from './stream.js';
import { citedSources, collectCitations } from '../core/citation.js';
import type { PackData } from '../pack/model.js';
import { withSources } from './sources.js';
import { displayWidth, wrapText } from './text.js';

export { EXPLAIN_FORMATS } from './formats.js';

export interface ExplainRenderEnv {
  lang: Lang;
  head: JsonHead;
  width: number;
  /** The pack, to list the sources the explanation cites, each citation with its URL. */
  data?: PackData;
}

/** The document `--format json` prints: the contract's head, then the explanation. */
export function explainDocument(head: JsonHead, explanation: Explanation): object {
  return { ...head, explanation };
}

export function explainRenderer(format: string, env: ExplainRenderEnv): StreamRenderer<Explanation> {
  const treeHead = { asOf: env.head.asOf, pack: `${env.head.rulePack.name} ${env.head.rulePack.version}` };
  switch (format) {
    case 'json':
      return {
        begin: () => '',
        item: (x) => `${JSON.stringify(env.data ? { ...explainDocument(env.head, x), sources: citedSources(collectCitations(x), env.data, env.lang) } : explainDocument(env.head, x), null, 2)}\n`,
        end: () => '',
      };
    case 'markdown': {
      const r: StreamRenderer<Explanation> = { begin: () => '', item: (x) => renderMarkdown(explanationTree(x, env.lang, treeHead)), end: () => '' };
      return env.data ? withSources(r, 'markdown', env.data, env.lang, { citations: true }) : r;
    }
    default: {
      const r: StreamRenderer<Explanation> = { begin: () => '', item: (x) => renderTextTree(explanationTree(x, env.lang, treeHead), env.width), end: () => '' };
      return env.data ? withSources(r, 'text', env.data, env.lang, { citations: true, width: env.width }) : r;
    }
  }
}

const line = (n: TraceNode): string => (n.citation ? `${n.text} [${n.citation}]` : n.text);

/**
 * The tree as indented text with box-drawing branches. Long lines wrap under their own branch
 * (display width, so Japanese text counts two columns a character).
 */
export function renderTextTree(root: TraceNode, width: number): string {
  const out: string[] = [];
  const emit = (text: string, first: string, rest: string): void => {
    const room = Math.max(30, width - displayWidth(first));
    const lines = wrapText(text, room).split('\n');
    lines.forEach((l, i) => out.push(`${i === 0 ? first : rest}${l}`.trimEnd()));
  };
  emit(line(root), '', '');
  const walk = (nodes: TraceNode[], prefix: string): void => {
    nodes.forEach((n, i) => {
      const last = i === nodes.length - 1;
      const branch = last ? '└─ ' : '├─ ';
      const cont = last ? '   ' : '│  ';
      const hasKids = (n.children?.length ?? 0) > 0;
      emit(line(n), prefix + branch, prefix + cont + (hasKids ? '│ ' : '  '));
      if (n.children) walk(n.children, prefix + cont);
    });
  };
  walk(root.children ?? [], '');
  return `${out.join('\n')}\n`;
}

function md(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/([*_<`])/g, '\\$1');
}

const mdLine = (n: TraceNode): string => (n.citation ? `${md(n.text)} — ${md(n.citation)}` : md(n.text));

/**
 * The tree as Markdown a planner can paste into a council paper: the root as a heading, each
 * section as a sub-heading, and everything below as nested lists.
 */
export function renderMarkdown(root: TraceNode): string {
  const out: string[] = [`## ${mdLine(root)}`];
  const list = (nodes: TraceNode[], depth: number): void => {
    for (const n of nodes) {
      out.push(`${'  '.repeat(depth)}- ${mdLine(n)}`);
      if (n.children) list(n.children, depth + 1);
    }
  };
  for (const section of root.children ?? []) {
    out.push('', `### ${mdLine(section)}`);
    if (section.children && section.children.length > 0) {
      out.push('');
      list(section.children, 0);
    }
  }
  return `${out.join('\n')}\n`;
}
