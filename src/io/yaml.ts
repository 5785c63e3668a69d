import { createRequire } from 'node:module';
import jsYaml from 'js-yaml';
import { Composer, isAlias, isMap, isNode, isPair, isScalar, isSeq, Lexer, LineCounter, Parser, YAMLParseError, type CST, type Document, type Node, type Pair } from 'yaml';
import { shownOf, UserError, type ProblemDetail, type SourcePosition } from '../errors.js';
import type { Localized } from '../i18n/lang.js';

type Token = CST.Token;

/**
 * The yaml library's own alias bound (uses of an anchor times the aliases inside it), a second
 * line behind MAX_ALIAS_EXPANSION, which is exact. The library's default of 100 refused a task
 * list whose 150 tasks share one list of parties (`parties: *p`).
 */
export const MAX_ALIAS_COUNT = 10_000;
/** Nesting depth of collections allowed before parsing (kouiki's own formats need fewer than 10). */
export const MAX_DEPTH = 64;

export interface ParsedYaml {
  file: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The plain JavaScript value of the document. */
  value: unknown;
}

/** The yaml library's error codes in Japanese (its English messages are shown as they are). */
export const YAML_CODES_JA: Record<string, string> = {
  DUPLICATE_KEY: 'キーが重複しています',
  BAD_INDENT: 'インデントが正しくありません',
  TAB_AS_INDENT: 'インデントにタブは使えません（スペースを使ってください）',
  BLOCK_AS_IMPLICIT_KEY: 'ブロックをキーとして使うことはできません',
  MULTILINE_IMPLICIT_KEY: 'キーが複数行にまたがっています（引用符で囲むか 1 行にしてください）',
  MISSING_CHAR: '閉じ括弧または引用符がありません',
  UNEXPECTED_TOKEN: '予期しない記号があります',
  BAD_SCALAR_START: 'この文字で値を始めることはできません（引用符で囲んでください）',
  BAD_DQ_ESCAPE: '二重引用符内のエスケープが正しくありません',
  BAD_ALIAS: '別名（エイリアス）が正しくありません',
  MULTIPLE_DOCS: '1 ファイルに複数の YAML 文書があります（--- で区切られた 2 つ目以降は読めません）',
  KEY_OVER_1024_CHARS: 'キーが長すぎます（1024 文字まで）',
  BLOCK_IN_FLOW: 'フロー形式（[ ] や { }）の中にブロック形式は書けません',
  NON_STRING_KEY: 'キーは文字列にしてください',
  TAG_RESOLVE_FAILED: 'タグを解釈できません',
  BAD_DIRECTIVE: 'ディレクティブが正しくありません',
  MULTIPLE_ANCHORS: 'アンカーが複数あります',
  MULTIPLE_TAGS: 'タグが複数あります',
  ALIAS_PROPS: '別名にアンカーやタグは付けられません',
  BAD_PROP_ORDER: 'アンカーとタグの順序が正しくありません',
  BAD_COLLECTION_TYPE: 'コレクションの型が正しくありません',
  IMPOSSIBLE: 'YAML として解釈できません',
};

/**
 * Parses one YAML 1.2 document with positions. Syntax errors (all of them, not only the first)
 * become one UserError with `file:line:col` per problem. Duplicate keys are errors, aliases are
 * bounded, and deep nesting is refused before the parser recurses into it.
 *
 * The stages of the yaml library are driven here one by one (lexer → CST parser → composer), so
 * that the nesting depth is measured on the parser's own stack, token by token, before the
 * (recursive) composer sees the document: flow brackets, block indentation, `- - -` and `? ? ?`
 * all count the same way. Duplicate keys are found with one hash set per map (the library's own
 * check compares every key with every other, quadratic in the size of a map).
 */
export function parseYaml(source: string, file: string, limits: { maxTokens?: number } = {}): ParsedYaml {
  // A lone CR is a line break in YAML 1.2 (old Mac files; js-yaml, the fast path, reads it so),
  // but the parser does not take it as one. Same length, so every offset stays where it was.
  const crlf = source.includes('\r') ? source.replace(/\r(?!\n)/g, '\n') : source;
  // A byte order mark left at the start (a file with two; the first is dropped on reading) upsets
  // the parser's first line, and an editor does not show it: read past it.
  const text = crlf.charCodeAt(0) === 0xfeff ? crlf.replace(/^\ufeff+/, '') : crlf;
  const lineCounter = new LineCounter();
  // A text has at most one token per character: a small one needs no memory budget (asking V8 for
  // it loads node:v8, a cost a check of a few drafts paid for nothing). 64 KB of tokens fit in
  // 22 MB at BYTES_PER_TOKEN, far below any heap Node runs with.
  const budget = limits.maxTokens ?? (text.length < SMALL_TEXT ? Number.POSITIVE_INFINITY : maxTokens());
  const tokens = parseCst(text, file, lineCounter, budget);
  // logLevel 'error': the library would print warnings to the process's stderr (Node warnings).
  const composer = new Composer({ uniqueKeys: false, prettyErrors: false, strict: true, logLevel: 'error' });
  let doc: Document.Parsed | undefined;
  // The composer makes an Error object per syntax problem; a garbled file can have hundreds of
  // thousands, and capturing a stack trace for each is most of the time spent on it.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    for (const d of composer.compose(tokens, true, text.length)) {
      if (!doc) doc = d;
      else {
        doc.errors.push(new YAMLParseError([d.range[0], d.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
        break;
      }
    }
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  // compose(…, forceDoc = true) always yields a document, even for an empty stream.
  const parsedDoc = doc!;
  const found = inspectNodes(parsedDoc, text);
  const problems: { offset: number; message: Localized }[] = [
    ...parsedDoc.errors.map((e) => {
      const firstLine = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
      return { offset: e.pos[0], message: { ja: `YAML の構文エラー: ${YAML_CODES_JA[e.code] ?? firstLine}`, en: `invalid YAML: ${firstLine}` } };
    }),
    ...found.problems,
  ];
  if (problems.length > 0) {
    problems.sort((a, b) => a.offset - b.offset);
    const details: ProblemDetail[] = problems.slice(0, MAX_REPORTED).map((p) => {
      const start = lineCounter.linePos(Math.max(0, Math.min(p.offset, text.length)));
      return { position: { file, line: start.line, column: start.col }, message: p.message };
    });
    const more = shownOf(details.length, problems.length);
    const syntax = parsedDoc.errors.length > 0 || found.duplicates;
    const head = syntax ? { ja: 'YAML として読めません', en: 'the file is not valid YAML' } : { ja: 'このファイルは読み込めません', en: 'the file cannot be read' };
    throw new UserError({ ja: `${head.ja}${more.ja}`, en: `${head.en}${more.en}` }, {
      details,
      hint: found.exploded
        ? { ja: 'アンカーと別名 (&x / *x) を使わずに値を書いてください', en: 'write the values out instead of using anchors and aliases (&x / *x)' }
        : { ja: '表示された行と桁を直してください', en: 'fix the YAML at the line and column shown' },
    });
  }
  let value: unknown;
  try {
    value = parsedDoc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    // The library's own bound (aliases of aliases), a second line behind MAX_ALIAS_EXPANSION.
    if (err instanceof ReferenceError && /alias count/i.test(err.message)) {
      const at = lineCounter.linePos(found.firstAlias ?? 0);
      throw new UserError(
        {
          ja: `別名（エイリアス）の展開が多すぎます（上限 ${MAX_ALIAS_COUNT}）。展開爆発を防ぐため読み込みを中止しました`,
          en: `too many alias expansions (limit ${MAX_ALIAS_COUNT}); refusing a possible "billion laughs" document`,
        },
        {
          position: { file, line: at.line, column: at.col },
          hint: { ja: 'アンカーと別名 (&x / *x) を使わずに書いてください', en: 'write the values out instead of using anchors and aliases (&x / *x)' },
        },
      );
    }
    throw err;
  }
  return { file, text, doc: parsedDoc, lineCounter, value };
}

/** At most this many syntax problems are listed (a garbled file may have thousands). */
const MAX_REPORTED = 20;

/**
 * Lexes and parses the text into CST tokens, refusing it as soon as the parser's stack (one entry
 * per open collection, plus the document) is deeper than MAX_DEPTH. Iterative: the CST parser
 * keeps its own stack, so nothing here recurses however the text is nested.
 */
function parseCst(text: string, file: string, lineCounter: LineCounter, budget: number): Token[] {
  const lexer = new Lexer();
  const parser = new Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0);
  const out: Token[] = [];
  let tokens = 0;
  for (const lexeme of lexer.lex(text)) {
    for (const token of parser.next(lexeme)) out.push(token);
    if (parser.stack.length > MAX_DEPTH + 1) {
      const at = lineCounter.linePos(Math.min(parser.offset, text.length));
      throw tooDeep(file, at.line, at.col, MAX_DEPTH);
    }
    if (++tokens > budget) throw tooBig(file, budget);
  }
  for (const token of parser.end()) out.push(token);
  return out;
}

/**
 * Bytes of memory the parser needs per YAML token at its peak (syntax tree, nodes and values;
 * measured at about 175 on Node 20, doubled for headroom).
 */
const BYTES_PER_TOKEN = 350;

/** Texts shorter than this cannot exhaust the memory budget (see parseYaml). */
const SMALL_TEXT = 1 << 16;

/**
 * Tokens a document may have: what half of this process's heap can hold. Positions for every
 * value cost memory (about 80 times the file's size), so a file under the size cap can still be
 * more than the heap holds; it is refused with a message instead of ending in an out-of-memory
 * crash. On Node's default heap (about 4 GB on a 64-bit machine) this is about 6 million tokens,
 * a task list of some 15 MB.
 */
export function maxTokens(): number {
  // node:v8 is required here, not imported: most runs never need it.
  const { getHeapStatistics } = createRequire(import.meta.url)('node:v8') as typeof import('node:v8');
  return Math.floor((getHeapStatistics().heap_size_limit * 0.5) / BYTES_PER_TOKEN);
}

function tooBig(file: string, budget: number): UserError {
  return new UserError(
    {
      ja: `ファイルが大きすぎて読み込めません（YAML の要素が ${budget} 個を超えています。このマシンのメモリでの上限）`,
      en: `the file is too large to read (more than ${budget} YAML tokens, the limit for this process's memory)`,
    },
    {
      position: { file },
      hint: {
        ja: 'ファイルを分割するか、Node.js のメモリを増やして実行してください（例: NODE_OPTIONS=--max-old-space-size=8192）',
        en: 'split the file, or give Node.js more memory (e.g. NODE_OPTIONS=--max-old-space-size=8192)',
      },
    },
  );
}

/** Keys that would reach an object's prototype if some code assigned them (`obj[key] = v`). */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__']);

/**
 * Values that aliases may add to a document when expanded (each alias counts the size of what it
 * stands for, aliases within it included). Reusing a list of parties in a hundred tasks adds a
 * few thousand; a "billion laughs" document adds 10^9.
 */
export const MAX_ALIAS_EXPANSION = 10_000;

type NodeProblem = { offset: number; message: Localized };

/**
 * One walk over the composed document (depth is bounded by then): duplicate keys (by the key the
 * JavaScript object would get, so `1:` and `"1":` collide as they would in the value), the key
 * `__proto__`, lists or maps as keys, aliases without an anchor before them, aliases that refer
 * to a node containing them (a cycle), and the total size aliases expand to.
 */
function inspectNodes(doc: Document.Parsed, text: string): { problems: NodeProblem[]; firstAlias: number | null; duplicates: boolean; exploded: boolean } {
  const problems: NodeProblem[] = [];
  const anchors = new Map<string, unknown>();
  /** Expanded size of each finished anchored node. */
  const sizes = new Map<unknown, number>();
  const ancestors: unknown[] = [];
  let firstAlias: number | null = null;
  let duplicates = false;
  let expansion = 0;
  let exploded = false;
  const walk = (node: unknown): number => {
    if (node === null || node === undefined) return 0;
    if (isAlias(node)) {
      const offset = node.range?.[0] ?? 0;
      firstAlias ??= offset;
      const target = anchors.get(node.source);
      if (target === undefined) {
        problems.push({
          offset,
          message: {
            ja: `別名 *${node.source} に対応するアンカー &${node.source} が、それより前にありません`,
            en: `the alias *${node.source} has no anchor &${node.source} before it`,
          },
        });
        return 1;
      }
      if (ancestors.includes(target)) {
        problems.push({
          offset,
          message: {
            ja: `別名 *${node.source} が自分を含むノードを指しています（循環）`,
            en: `the alias *${node.source} refers to a node that contains it (a cycle)`,
          },
        });
        return 1;
      }
      const size = sizes.get(target) ?? 1;
      expansion += size;
      if (expansion > MAX_ALIAS_EXPANSION && !exploded) {
        exploded = true;
        problems.push({
          offset,
          message: {
            ja: `別名（エイリアス）を展開すると ${MAX_ALIAS_EXPANSION} 個を超える値になります。展開爆発（billion laughs）を防ぐため読み込みを中止しました`,
            en: `the aliases expand to more than ${MAX_ALIAS_EXPANSION} values; refusing a possible "billion laughs" document`,
          },
        });
      }
      return size;
    }
    if (!isNode(node)) return 0;
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node);
    let size = 1;
    if (isMap(node)) {
      ancestors.push(node);
      const seen = new Set<string>();
      for (const item of node.items) {
        const key = item.key as unknown;
        // An alias as a key stands for its anchor's node: `*k : v` is the key the anchor holds.
        const keyNode = isAlias(key) ? anchors.get(key.source) : key;
        const name = isScalar(keyNode) ? String(keyNode.value) : isNode(keyNode) && keyNode.range ? text.slice(keyNode.range[0], keyNode.range[1]) : String(keyNode);
        const valueNode = item.value as unknown;
        const offset = isNode(key) && key.range ? key.range[0] : isNode(valueNode) && valueNode.range ? valueNode.range[0] : 0;
        // `: x` (or `~: x`, `? : x`): the JavaScript value would get the key "" (or "null"), and
        // a second one would read as a duplicate of a key nobody wrote.
        if (keyNode === null || keyNode === undefined || (isScalar(keyNode) && keyNode.value === null)) {
          // An empty key's range starts where the line's indentation does: point at the ":".
          let at = offset;
          while (at < text.length && (text[at] === ' ' || text[at] === '\t')) at++;
          problems.push({
            offset: at,
            message: {
              ja: 'キーのない項目があります（「:」の前にキーを書いてください）',
              en: 'an entry has no key (write the key before the ":")',
            },
          });
          size += walk(key) + walk(item.value);
          continue;
        }
        if (isMap(keyNode) || isSeq(keyNode)) {
          problems.push({
            offset,
            message: { ja: 'キーにリストやマップは使えません（文字列にしてください）', en: 'a key cannot be a list or a map (use a plain string)' },
          });
        } else if (name === '__proto__') {
          problems.push({
            offset,
            message: { ja: 'キー「__proto__」は使えません', en: 'the key "__proto__" is not allowed' },
          });
        } else if (seen.has(name)) {
          duplicates = true;
          problems.push({
            offset,
            message: { ja: `YAML の構文エラー: キーが重複しています（「${name}」）`, en: `invalid YAML: Map keys must be unique (duplicate key "${name}")` },
          });
        }
        seen.add(name);
        size += walk(key) + walk(item.value);
      }
      ancestors.pop();
    } else if (isSeq(node)) {
      ancestors.push(node);
      for (const item of node.items) size += walk(item);
      ancestors.pop();
    }
    if (anchor) sizes.set(node, size);
    return size;
  };
  walk(doc.contents);
  return { problems, firstAlias, duplicates, exploded };
}

function tooDeep(file: string, line: number, column: number, max: number): UserError {
  return new UserError(
    { ja: `入れ子が深すぎます（上限 ${max} 段）`, en: `nesting is deeper than the limit of ${max} levels` },
    { position: { file, line, column }, hint: { ja: 'kouiki の入力形式はこれほど深い入れ子を使いません。ファイルの内容を確認してください', en: "kouiki's formats never nest this deep; check the file's content" } },
  );
}

export interface Located {
  /** The deepest node found along the path (the node itself, or its parent when the key is missing). */
  node: Node | null;
  /** The key/value pair of the last map step that exists, for pointing at `key:`. */
  pair: Pair | null;
  /** True when the whole path exists. */
  found: boolean;
}

/** Finds the YAML node at a JavaScript path (as a zod issue gives it). */
export function locate(doc: Document.Parsed, path: readonly PropertyKey[]): Located {
  let node: unknown = doc.contents;
  let pair: Pair | null = null;
  for (const seg of path) {
    if (isMap(node)) {
      const p = findPair(node.items as unknown[], seg);
      if (!p) return { node: node as Node, pair, found: false };
      pair = p;
      if (p.value === null || p.value === undefined) return { node: (p.key as Node) ?? (node as Node), pair, found: true };
      node = p.value;
    } else if (isSeq(node)) {
      const idx = typeof seg === 'number' ? seg : Number(seg);
      const item = node.items[idx];
      if (item === undefined) return { node: node as Node, pair, found: false };
      pair = null;
      node = item;
    } else {
      return { node: (node as Node) ?? null, pair, found: false };
    }
  }
  return { node: (node as Node) ?? null, pair, found: true };
}

/** Pairs of large maps by key, built on the first lookup (a position per key of a 50,000-key map). */
const pairIndex = new WeakMap<object, Map<string, Pair>>();

function findPair(items: unknown[], seg: PropertyKey): Pair | undefined {
  if (items.length < 32) return items.find((it) => isPair(it) && keyEquals(it.key, seg)) as Pair | undefined;
  let index = pairIndex.get(items);
  if (!index) {
    index = new Map();
    for (const it of items) {
      if (!isPair(it)) continue;
      const name = isScalar(it.key) ? String(it.key.value) : String(it.key);
      if (!index.has(name)) index.set(name, it as Pair);
    }
    pairIndex.set(items, index);
  }
  return index.get(String(seg));
}

function keyEquals(key: unknown, seg: PropertyKey): boolean {
  if (isScalar(key)) return String(key.value) === String(seg);
  return String(key) === String(seg);
}

/** The source range of a node as 1-based line/column, end exclusive. */
export function nodePosition(parsed: Pick<ParsedYaml, 'file' | 'lineCounter'>, node: Node | null | undefined): SourcePosition {
  const range = node?.range;
  if (!range) return { file: parsed.file, line: 1, column: 1, endLine: 1, endColumn: 1 };
  const start = parsed.lineCounter.linePos(range[0]);
  const end = parsed.lineCounter.linePos(Math.max(range[1], range[0]));
  return { file: parsed.file, line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
}

/**
 * Position for a path: the value's node when it exists; for a missing key, its parent map
 * (the contract: "a missing key → its parent"); `atKey` points at `key:` instead of the value.
 */
export function positionOf(parsed: ParsedYaml, path: readonly PropertyKey[], atKey = false): SourcePosition {
  const loc = locate(parsed.doc, path);
  if (loc.found && atKey && loc.pair) return nodePosition(parsed, loc.pair.key as Node);
  if (!loc.found && loc.pair === null && loc.node && isMap(loc.node)) return nodePosition(parsed, firstKey(loc.node) ?? loc.node);
  if (!loc.found && loc.pair) return nodePosition(parsed, loc.pair.key as Node);
  return nodePosition(parsed, loc.node);
}

function firstKey(map: Node): Node | null {
  if (!isMap(map)) return null;
  const first = map.items[0];
  return first && isPair(first) ? (first.key as Node) : null;
}

/** A localized message with a position, for validators that work on parsed YAML. */
export function problemAt(parsed: ParsedYaml, path: readonly PropertyKey[], message: Localized, atKey = false): ProblemDetail {
  return { position: positionOf(parsed, path, atKey), message };
}

/**
 * Inputs at least this large take the fast path first (see parseYamlFast). Every task list does:
 * below 1 MB the position-keeping parser made a 5,000-task list (0.8 MB) take 2.4 s and a
 * 10,000-task one (1.5 MB, fast path) 0.9 s. Nothing is lost: a valid list needs no positions,
 * and any problem is reported from the precise parser (a differential fuzz test checks both
 * read the same tasks).
 */
export const FAST_PATH_BYTES = 0;

/** A reason a text must take the precise parser: the fast one (js-yaml) could read it otherwise. */
export interface PreciseCheck {
  id: string;
  test: (text: string) => boolean;
}

/**
 * What routes a text to the precise parser (over-approximations: a false alarm only costs
 * speed). The list is established by test/unit/yaml-differential.test.ts: it drives both parsers
 * over the YAML test suite and the fuzz corpus and requires, for every text, that either they
 * read the same value or a check here fires; it also requires each check to be the only one that
 * catches some text there (its witnesses are listed beside it in that test).
 */
export const PRECISE_CHECKS: readonly PreciseCheck[] = [
  // Each with what the test found the two parsers do differently (a suite case id, or its EDGES).
  { id: 'alias', test: (t) => MAYBE_ALIAS.test(t) }, // expansion is bounded on the precise path only (4JVG)
  { id: 'complex-key', test: (t) => MAYBE_COMPLEX_KEY.test(t) }, // js-yaml turns a collection key into a string; kouiki refuses it (9MMW)
  { id: 'tag', test: (t) => t.includes('!') }, // tags resolve differently (FH7J)
  { id: 'proto-key', test: (t) => t.includes('__proto__') }, // refused by kouiki, kept by js-yaml
  { id: 'bom', test: (t) => t.includes('\ufeff') }, // the precise path drops every leading BOM
  { id: 'lone-cr', test: (t) => t.includes('\r') && /\r(?!\n)/.test(t) }, // a line break there, not in js-yaml's positions
  { id: 'long-line', test: (t) => hasLineLongerThan(t, 1024) }, // YAML allows no longer implicit key; js-yaml does not check
  { id: 'number-edge', test: (t) => NUMBER_EDGE.test(t) }, // -0, -.5, 0b101 typed differently
  { id: 'number-exponent', test: (t) => NUMBER_EXPONENT.test(t) }, // 1e400: Infinity, or the string "1e400"
  { id: 'odd-quotes', test: (t) => hasOddQuotes(t) }, // a quoted scalar over lines, whose indentation js-yaml checks less (QB6E)
  { id: 'comment-after-bracket', test: (t) => /[\]}"']#/.test(t) }, // `[]#`: YAML wants a space first (9JBA)
  { id: 'document-marker', test: (t) => hasMarkerWithContent(t) }, // `---word`, `--- a: 1` (82AN, 9KBC)
  { id: 'multiline-flow', test: (t) => hasOpenFlowLine(t) }, // a flow over lines, under-indented (9C9N)
  { id: 'empty-key', test: (t) => EMPTY_KEY.test(t) }, // `[ : x ]`: kouiki refuses it, js-yaml reads "null" (CFD4)
  { id: 'block-scalar', test: (t) => BLOCK_SCALAR.test(t) }, // leading blank lines and trailing comments (S98Z, F8F9)
];

/** Whether the fast parser might read the text differently from the precise one (see PRECISE_CHECKS). */
export function needsPreciseParser(text: string): boolean {
  for (const c of PRECISE_CHECKS) if (c.test(text)) return true;
  return false;
}

/**
 * A document marker (`---` or `...` at the start of a line) with something after it on its line:
 * js-yaml takes `---word` for a marker (the spec: a plain scalar) and reads a block map on the
 * marker's line, which the spec forbids.
 */
export function hasMarkerWithContent(text: string): boolean {
  return markerWithContent(text, '---') || markerWithContent(text, '...');
}

function markerWithContent(text: string, marker: string): boolean {
  // Line starts only: the text's start, then each "\n" + marker (a native scan each).
  let at = text.startsWith(marker) ? 0 : text.indexOf(`\n${marker}`) + 1;
  while (at >= 0 && (at > 0 || text.startsWith(marker))) {
    let i = at + 3;
    while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9) i++;
    if (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) return true;
    const next = text.indexOf(`\n${marker}`, at + 1);
    if (next < 0) return false;
    at = next + 1;
  }
  return false;
}

/**
 * A line where a flow collection (`[ ]`, `{ }`) is left open or closes one opened before: a flow
 * over several lines, whose indentation js-yaml checks less strictly. Brackets inside quoted
 * scalars and comments do not count; a quote left open counts as open (over-approximations).
 * Only the brackets are visited (one native scan); a line is read character by character only
 * when it holds a quote or a "#".
 */
export function hasOpenFlowLine(text: string): boolean {
  const brackets = /[[\]{}]/g;
  const n = text.length;
  let lineEnd = -1;
  let depth = 0;
  // The next ' " and # at or after the current line's start (n: none), advanced as lines pass.
  let q1 = -1;
  let q2 = -1;
  let hash = -1;
  for (let m = brackets.exec(text); m; m = brackets.exec(text)) {
    const i = m.index;
    if (i > lineEnd) {
      if (depth !== 0) return true;
      const start = text.lastIndexOf('\n', i) + 1;
      lineEnd = text.indexOf('\n', i);
      if (lineEnd < 0) lineEnd = n;
      if (q1 < start) q1 = indexOrEnd(text, "'", start);
      if (q2 < start) q2 = indexOrEnd(text, '"', start);
      if (hash < start) hash = indexOrEnd(text, '#', start);
      if (q1 < lineEnd || q2 < lineEnd || hash < lineEnd) {
        if (!flowBalanced(text, start, lineEnd)) return true;
        brackets.lastIndex = lineEnd;
        continue;
      }
    }
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) depth++;
    else if (--depth < 0) return true;
  }
  return depth !== 0;
}

function indexOrEnd(text: string, s: string, from: number): number {
  const i = text.indexOf(s, from);
  return i < 0 ? text.length : i;
}

/** Whether one line's flow brackets balance, outside quoted scalars and its comment. */
function flowBalanced(text: string, start: number, end: number): boolean {
  let depth = 0;
  let prev = 32; // a line start counts as white space
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const tokenStart = prev === 32 || prev === 9 || prev === 91 || prev === 123 || prev === 44 || prev === 58;
    if ((c === 39 || c === 34) && tokenStart) {
      // A quoted scalar: skip to its closing quote ('' and \" escape); none on this line is open.
      let j = i + 1;
      for (; j < end; j++) {
        const d = text.charCodeAt(j);
        if (c === 34 && d === 92) j++;
        else if (d === c) {
          if (c === 39 && text.charCodeAt(j + 1) === 39) j++;
          else break;
        }
      }
      if (j >= end) return false;
      i = j;
    } else if (c === 35 && (prev === 32 || prev === 9)) break;
    else if (c === 91 || c === 123) depth++;
    else if (c === 93 || c === 125) {
      if (--depth < 0) return false;
    }
    prev = c;
  }
  return depth === 0;
}

/**
 * A colon first on its line (after indentation or `- `) or right after `[`, `{` or `,`: an empty
 * key (kouiki refuses a key nobody wrote; js-yaml reads "null") or a plain scalar starting with
 * ":" (whose node js-yaml places elsewhere).
 */
const EMPTY_KEY = /:(?<=(?:^|[[{,]|-[ \t])[ \t]*:)/m;
/**
 * A block scalar (`|` or `>` ending a line, with its indicators): js-yaml does not check the
 * indentation of its leading blank lines, and ends it after trailing blank and comment lines
 * (the precise parser: after its last line of content).
 */
const BLOCK_SCALAR = /[|>](?<=(?:^|[\s:-])[|>])[-+1-9]{0,2}[ \t]*(?:#[^\n]*)?\r?$/m;

/**
 * Whether any line is longer than `max` characters. A linear scan: the regex /[^\n]{1025}/
 * retries from every position and took 2.7 s on a 16 MB task list.
 */
export function hasLineLongerThan(text: string, max: number): boolean {
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (end - start > max) return true;
    if (nl < 0) return false;
    start = nl + 1;
  }
}
// The patterns below start with their rarest character and look back for what must come before
// it, so the regex engine scans for that character instead of trying every position of a 16 MB
// text (which had cost 250 ms on 100,000 tasks). test/unit/precise-check.test.ts holds the plain
// forms they are equal to, and compares them.

/** An anchor or alias anywhere: (^|[\s,[{:-])[&*][^\s,[\]{}] (prose with "&" or "*" matches too). */
const MAYBE_ALIAS = /[&*](?<=(?:^|[\s,[{:-])[&*])[^\s,[\]{}]/m;
/** An explicit key `? `, or a collection as a key `] :` (in a flow also `]:x`): (^|[\s,[{])\?(\s|$)|[\]}]\s*:. */
const MAYBE_COMPLEX_KEY = /\?(?<=(?:^|[\s,[{])\?)(?=\s|$)|[\]}]\s*:/m;
/**
 * Plain scalars the two parsers type differently (js-yaml: "1e400" a string, "0b101" a number,
 * -0 as 0, "-.5" a string): (^|[\s,[{:])([-+]?\.\d|0b|-0(\.0*)?(?=$|[\s,\]}#])), and \d[eE][-+]?\d{3}.
 */
const NUMBER_EDGE = /\.(?<=(?:^|[\s,[{:])[-+]?\.)\d|0b(?<=(?:^|[\s,[{:])0b)|-0(?<=(?:^|[\s,[{:])-0)(?:\.0*)?(?=$|[\s,\]}#])/m;
const NUMBER_EXPONENT = /\d[eE][-+]?\d{3}/;

/** The patterns, for test/unit/precise-check.test.ts. */
export const PRECISE_PATTERNS = { MAYBE_ALIAS, MAYBE_COMPLEX_KEY, NUMBER_EDGE };

/**
 * A line with an odd number of ' or " (a quoted scalar that goes on over lines: js-yaml is
 * laxer about their indentation). Exactly the regex ODD_QUOTES, which finds such a run between
 * two line boundaries of its own (\n, \r, U+2028, U+2029) that holds no \n; only the lines that
 * hold a quote are looked at. A comment line (a \n-line of blanks, then "#", and no other break)
 * does not count: drafts' comments hold apostrophes (the draft's 5(2)), which sent every commented
 * draft to the precise parser (13 ms of a 200 ms check). A comment line can only sit inside a
 * quoted scalar if a line before it opened one, and that line is odd itself.
 */
export function hasOddQuotes(text: string): boolean {
  return oddQuotes(text, "'") || oddQuotes(text, '"');
}

const ODD_QUOTES = /^[^'\n]*'(?:[^'\n]*'[^'\n]*')*[^'\n]*$|^[^"\n]*"(?:[^"\n]*"[^"\n]*")*[^"\n]*$/m;
const OTHER_BREAKS = /[\r\u2028\u2029]/;
const COMMENT_LINE = /^[ \t]*#/;

function oddQuotes(text: string, quote: string): boolean {
  let at = text.indexOf(quote);
  while (at >= 0) {
    const start = text.lastIndexOf('\n', at) + 1;
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    let count = 0;
    for (let i = at; i >= 0 && i < end; i = text.indexOf(quote, i + 1)) count++;
    const line = text.slice(start, end);
    const breaks = OTHER_BREAKS.test(line);
    if (!breaks && COMMENT_LINE.test(line)) {
      at = text.indexOf(quote, end);
      continue;
    }
    if (count % 2 === 1) return true;
    // A line that other breaks divide: its parts may be odd though the whole is even.
    if (breaks && ODD_QUOTES.test(line)) return true;
    at = text.indexOf(quote, end);
  }
  return false;
}

/**
 * Nesting the fast parser takes on itself: deeper documents (none of kouiki's formats comes
 * close) go to the precise parser, which measures depth exactly (the two count levels a little
 * differently, so the fast one stops well short of MAX_DEPTH).
 */
const FAST_MAX_DEPTH = MAX_DEPTH / 2;

/**
 * js-yaml load with nesting bounded exactly as the precise parser bounds it (its listener sees
 * every node open, before it recurses into it); undefined when the text is too deep, so the
 * precise parser reports it.
 */
export function loadBounded(text: string, file: string, listener?: (event: 'open' | 'close', state: { position: number; kind?: string | null; result?: unknown }) => void): { value: unknown } | undefined {
  let depth = 0;
  const tooDeep = new Error('deep');
  try {
    const value = jsYaml.load(text, {
      schema: jsYaml.CORE_SCHEMA,
      filename: file,
      listener(event, state) {
        if (event === 'open') {
          if (++depth > FAST_MAX_DEPTH) throw tooDeep;
        } else depth--;
        listener?.(event, state as never);
      },
    });
    return { value };
  } catch {
    return undefined;
  }
}

/**
 * The value of a large YAML document, parsed by js-yaml (YAML 1.2 core schema, about ten times
 * faster than the position-keeping parser), or `undefined` when the fast path does not apply:
 * a small file, a document with anchors or aliases (their expansion is bounded only on the
 * precise path), or any syntax error. Callers validate the value and, on any problem, parse
 * again with `parseYaml` so that every message still has its line and column.
 */
export function parseYamlFast(text: string, file: string, minBytes = FAST_PATH_BYTES): unknown {
  if (text.length < minBytes || needsPreciseParser(text)) return undefined;
  const value = loadBounded(text, file)?.value;
  // A document that is empty or a scalar is never one of kouiki's formats: the precise parser
  // answers for it (js-yaml reads a scalar after a tab, "\tx", that YAML refuses), as parseFast does.
  return value !== null && typeof value === 'object' ? value : undefined;
}
