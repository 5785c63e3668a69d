import type { SourcePosition } from '../errors.js';
import { loadBounded, needsPreciseParser } from './yaml.js';

/**
 * Positions for large drafts, fast. `yaml` (the position-keeping parser) takes about 0.6 s for a
 * 5,000-project draft; js-yaml reads it in under 0.1 s and reports every node it composes to a
 * listener (`open` at its start, `close` at its end, with the value). From those events this
 * module rebuilds the node tree and answers `positionOf` exactly as io/yaml.ts does on the
 * `yaml` document (the property tests compare both on generated drafts).
 *
 * Everything unusual falls back to the precise parser (`needsPreciseParser`, and nesting past
 * MAX_DEPTH, as io/yaml.ts bounds it): anchors or aliases (expansion is bounded
 * only there), syntax errors and duplicate keys (their messages and positions come from there),
 * and any tree that does not match the value it should describe (the rebuild checks itself).
 */

interface PNode {
  start: number;
  end: number;
  kind: 'mapping' | 'sequence' | 'scalar' | null;
  result: unknown;
  children: PNode[];
  /** The node ends at an empty value (itself, or its last descendant): `yaml` ends it there, not at the line's end. */
  endsEmpty?: boolean;
}

export interface FastParsed {
  value: unknown;
  /** The position of a path, with io/yaml.ts `positionOf` semantics. */
  positionOf(path: readonly PropertyKey[], atKey?: boolean): SourcePosition;
  /** Whether the path exists. */
  has(path: readonly PropertyKey[]): boolean;
}


function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** Skips spaces, line breaks and comments from `i`. */
function skipBlank(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else if (c === 35 && (i === 0 || isSpace(text.charCodeAt(i - 1)) || text.charCodeAt(i - 1) === 10)) {
      while (i < text.length && text.charCodeAt(i) !== 10) i++;
    } else return i;
  }
}

/** Steps back over spaces and tabs before `i`. */
function trimBack(text: string, i: number, floor: number): number {
  while (i > floor && isSpace(text.charCodeAt(i - 1))) i--;
  return i;
}

/** Steps back over spaces, tabs and line breaks before `i`. */
function trimBlank(text: string, i: number, floor: number): number {
  for (;;) {
    const c = text.charCodeAt(i - 1);
    if (i > floor && (c === 32 || c === 9 || c === 10 || c === 13)) i--;
    else return i;
  }
}

/** After a block node's last line: spaces, a comment, and the line break, as `yaml` ranges end. */
function endOfLine(text: string, i: number): number {
  if (i > 0 && text.charCodeAt(i - 1) === 10) return i; // a block collection's end already is
  let j = i;
  while (isSpace(text.charCodeAt(j))) j++;
  if (text.charCodeAt(j) === 35) while (j < text.length && text.charCodeAt(j) !== 10) j++;
  if (text.charCodeAt(j) === 13 && text.charCodeAt(j + 1) === 10) return j + 2;
  if (text.charCodeAt(j) === 10) return j + 1;
  return j >= text.length ? j : i;
}

/**
 * The value and positions of a draft from js-yaml, or undefined when the text must take the
 * precise parser. `precheck` is that decision (test/unit/yaml-differential.test.ts runs the fast
 * path without it, to find what it must catch).
 */
export function parseFast(text: string, file: string, onStale?: () => FastParsed | undefined, precheck: (text: string) => boolean = needsPreciseParser): FastParsed | undefined {
  if (precheck(text)) return undefined;
  // The events are only recorded here (post-order: where each node opened and closed, its depth,
  // kind and value); the tree is built on the first position asked for, so a draft without
  // findings never pays for it.
  const opens: number[] = [];
  const ev: { open: number[]; close: number[]; depth: number[]; kind: (PNode['kind'])[]; result: unknown[] } = { open: [], close: [], depth: [], kind: [], result: [] };
  // Nesting is bounded as the precise parser bounds it; anything too deep, or not YAML, falls back.
  const loaded = loadBounded(text, file, (event, state) => {
    if (event === 'open') {
      opens.push(state.position);
      return;
    }
    ev.open.push(opens.pop()!);
    ev.close.push(state.position);
    ev.depth.push(opens.length);
    ev.kind.push((state.kind as PNode['kind']) ?? null);
    ev.result.push(state.result);
  });
  if (!loaded) return undefined;
  const value = loaded.value;
  // A document that is empty or a scalar (never a valid draft) is placed differently by js-yaml
  // (after trailing comments; after directives): the precise parser answers for it.
  if (value === null || typeof value !== 'object') return undefined;

  let index: Index | null | undefined;
  const built = (): Index | null => (index === undefined ? (index = buildPositionIndex(text, file, value, ev)) : index);
  let fallback: FastParsed | undefined | null = null;
  const stale = (): FastParsed => {
    if (fallback === null) fallback = onStale?.();
    if (!fallback) throw new Error('kouiki: the fast YAML position index does not match the document');
    return fallback;
  };
  return {
    value,
    has: (path) => {
      const ix = built();
      return ix ? ix.has(path) : stale().has(path);
    },
    positionOf: (path, atKey) => {
      const ix = built();
      return ix ? ix.positionOf(path, atKey) : stale().positionOf(path, atKey);
    },
  };
}

type Index = Omit<FastParsed, 'value'>;

/** Builds the node tree from the post-order events and checks it against the value; null when it does not match. */
function buildPositionIndex(text: string, file: string, value: unknown, ev: { open: number[]; close: number[]; depth: number[]; kind: PNode['kind'][]; result: unknown[] }): Index | null {
  const stack: { node: PNode; depth: number }[] = [];
  const n = ev.open.length;
  for (let i = 0; i < n; i++) {
    const depth = ev.depth[i]!;
    let first = stack.length;
    while (first > 0 && stack[first - 1]!.depth > depth) first--;
    const children = stack.splice(first).map((x) => x.node);
    const kind = ev.kind[i]!;
    const result = ev.result[i];
    let node: PNode;
    if (children.length === 1 && Object.is(children[0]!.result, result)) {
      // A wrapper js-yaml composes while it tries a node as an implicit key: the same node.
      node = children[0]!;
    } else {
      const open = ev.open[i]!;
      const close = ev.close[i]!;
      // An empty value sits after the spaces that follow its indicator, as `yaml` places it.
      let start = kind === null ? open : skipBlank(text, open);
      if (kind === null) while (isSpace(text.charCodeAt(start))) start++;
      let end: number;
      let endsEmpty = kind === null;
      if (kind === 'scalar') {
        const c = text.charCodeAt(start);
        // A block scalar (| or >) ends after its last line break, as in `yaml`; others at their last character.
        end = c === 124 || c === 62 ? trimBack(text, close, start) : trimBlank(text, close, start);
      } else if (kind === null) end = start;
      else {
        const c = text.charCodeAt(start);
        const flow = c === 91 || c === 123;
        const last = children[children.length - 1];
        // A block collection whose last value is empty ends at that value, as in `yaml`.
        endsEmpty = !flow && last?.endsEmpty === true;
        end = flow || !last ? trimBack(text, close, start) : endsEmpty ? last.end : endOfLine(text, last.end);
      }
      node = endsEmpty ? { start, end, kind, result, children, endsEmpty } : { start, end, kind, result, children };
    }
    stack.push({ node, depth });
  }
  const root = stack.length === 1 ? stack[0]!.node : undefined;
  if (!root || !verify(root, value)) return null;

  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineCol = (offset: number): { line: number; col: number } => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - lineStarts[lo]! + 1 };
  };
  const range = (nd: PNode): SourcePosition => {
    const s = lineCol(nd.start);
    const e = lineCol(Math.max(nd.end, nd.start));
    return { file, line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
  };
  const locate = (path: readonly PropertyKey[]): { node: PNode; key: PNode | null; found: boolean } => {
    let node = root;
    let key: PNode | null = null;
    for (const seg of path) {
      if (node.kind === 'mapping') {
        const k = findKey(node, seg);
        if (k < 0) return { node, key, found: false };
        key = node.children[k]!;
        node = node.children[k + 1]!;
      } else if (node.kind === 'sequence') {
        const item = node.children[typeof seg === 'number' ? seg : Number(seg)];
        if (!item) return { node, key, found: false };
        key = null;
        node = item;
      } else return { node, key, found: false };
    }
    return { node, key, found: true };
  };
  return {
    has: (path) => locate(path).found,
    positionOf(path, atKey = false) {
      const loc = locate(path);
      if (loc.found && atKey && loc.key) return range(loc.key);
      if (!loc.found && loc.key === null && loc.node.kind === 'mapping') return range(loc.node.children[0] ?? loc.node);
      if (!loc.found && loc.key) return range(loc.key);
      return range(loc.node);
    },
  };
}

/** Key positions of large mappings, built on the first lookup (linear search made n unknown keys quadratic). */
const keyIndex = new WeakMap<PNode, Map<string, number>>();

function findKey(map: PNode, seg: PropertyKey): number {
  const want = String(seg);
  if (map.children.length < 64) {
    for (let i = 0; i < map.children.length; i += 2) if (String(map.children[i]!.result) === want) return i;
    return -1;
  }
  let index = keyIndex.get(map);
  if (!index) {
    index = new Map();
    for (let i = 0; i < map.children.length; i += 2) {
      const k = String(map.children[i]!.result);
      if (!index.has(k)) index.set(k, i);
    }
    keyIndex.set(map, index);
  }
  return index.get(want) ?? -1;
}

/** The rebuilt tree describes the value exactly: same keys, same items, the same values. */
function verify(node: PNode, value: unknown): boolean {
  if (!Object.is(node.result, value)) return false;
  if (node.kind === 'mapping') {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    const keys = Object.keys(value);
    if (node.children.length !== keys.length * 2) return false;
    for (let i = 0; i < node.children.length; i += 2) {
      const k = node.children[i]!;
      if (k.kind !== 'scalar' || k.children.length > 0) return false;
      const name = String(k.result);
      if (!Object.prototype.hasOwnProperty.call(value, name)) return false;
      if (!verify(node.children[i + 1]!, (value as Record<string, unknown>)[name])) return false;
    }
    return true;
  }
  if (node.kind === 'sequence') {
    if (!Array.isArray(value) || node.children.length !== value.length) return false;
    return node.children.every((c, i) => verify(c, value[i]));
  }
  return node.children.length === 0;
}
