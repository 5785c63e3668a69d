import { stringify } from 'yaml';
import type { ProblemDetail } from '../errors.js';
import { readPackTree } from './compose.js';
import { displayPath } from './load.js';

/**
 * A pack directory (either layout) as the flat layout: one file per kind (`instruments.yaml`,
 * ...), each the composed document with every inherited value written out, items in order, and
 * no `defaults:` or `order:`; or the problems that keep the files from being composed. Loading
 * the result gives the same pack: a test holds the default pack to it, so the tree, its order
 * and its inheritance stay pinned.
 */
export function flattenPack(dir: string): { files: Map<string, string>; problems: ProblemDetail[] } {
  const tree = readPackTree(dir, displayPath);
  const problems = [...tree.schemaProblems, ...tree.composeProblems];
  const files = new Map<string, string>();
  if (problems.length === 0) for (const [file, doc] of tree.docs) files.set(file, stringify(doc.value, { lineWidth: 0 }));
  return { files, problems };
}
