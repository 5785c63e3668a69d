import jsYaml from 'js-yaml';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import { UserError, type ProblemDetail, type SourcePosition } from '../errors.js';
import type { Localized } from '../i18n/lang.js';

/** Aliases expanded per document at most: enough for real anchors, far too few for a "billion laughs". */
export const MAX_ALIAS_COUNT = 100;
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

const YAML_CODES_JA: Record<string, string> = {
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
 */
export function parseYaml(text: string, file: string): ParsedYaml {
  checkDepth(text, file);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  if (doc.errors.length > 0) {
    const details: ProblemDetail[] = doc.errors.slice(0, 20).map((e) => {
      const start = lineCounter.linePos(Math.min(e.pos[0], text.length));
      const firstLine = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
      return {
        position: { file, line: start.line, column: start.col },
        message: {
          ja: `YAML の構文エラー: ${YAML_CODES_JA[e.code] ?? firstLine}`,
          en: `invalid YAML: ${firstLine}`,
        },
      };
    });
    throw new UserError({ ja: 'YAML として読めません', en: 'the file is not valid YAML' }, {
      details,
      hint: { ja: '表示された行と桁を直してください', en: 'fix the YAML at the line and column shown' },
    });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (err instanceof ReferenceError || err instanceof RangeError) {
      throw new UserError(
        {
          ja: `別名（エイリアス）の展開が多すぎます（上限 ${MAX_ALIAS_COUNT}）。展開爆発を防ぐため読み込みを中止しました`,
          en: `too many alias expansions (limit ${MAX_ALIAS_COUNT}); refusing a possible "billion laughs" document`,
        },
        { position: { file, line: 1, column: 1 }, hint: { ja: 'アンカーと別名 (&x / *x) を使わずに書いてください', en: 'write the values out instead of using anchors and aliases (&x / *x)' } },
      );
    }
    throw err;
  }
  return { file, text, doc, lineCounter, value };
}

/**
 * Refuses documents nested deeper than MAX_DEPTH before the (recursive) parser sees them.
 * Counts flow brackets outside quotes and comments, and block indentation levels by column.
 */
export function checkDepth(text: string, file: string, max = MAX_DEPTH): void {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let quote = '';
  let comment = false;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) {
      line++;
      lineStart = i + 1;
      comment = false;
      atLineStart = true;
      continue;
    }
    if (comment) continue;
    if (atLineStart) {
      if (ch === 32 || ch === 45) continue; // spaces and "- " sequence markers
      atLineStart = false;
      // Block nesting shows as indentation; two columns a level is the tightest YAML allows.
      if ((i - lineStart) / 2 > max * 2) throw tooDeep(file, line, i - lineStart + 1, max);
    }
    if (quote) {
      if (quote === '"' && ch === 92) i++;
      else if (ch === quote.charCodeAt(0)) quote = '';
      continue;
    }
    if (ch === 34 || ch === 39) {
      const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
      if (prev === 32 || prev === 91 || prev === 123 || prev === 44 || prev === 58 || prev === 10 || prev === 9) quote = ch === 34 ? '"' : "'";
    } else if (ch === 35) {
      const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
      if (prev === 32 || prev === 9 || i === lineStart) comment = true;
    } else if (ch === 91 || ch === 123) {
      if (++depth > max) throw tooDeep(file, line, i - lineStart + 1, max);
    } else if (ch === 93 || ch === 125) {
      if (depth > 0) depth--;
    }
  }
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
      const p = node.items.find((it) => isPair(it) && keyEquals(it.key, seg)) as Pair | undefined;
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

/** Inputs at least this large take the fast path first (see parseYamlFast). */
export const FAST_PATH_BYTES = 1 << 20;

/** An anchor or alias anywhere (a cheap over-approximation: prose with "&" or "*" also matches). */
const MAYBE_ALIAS = /(?:^|[\s,[{:-])[&*][^\s,[\]{}]/m;

/**
 * The value of a large YAML document, parsed by js-yaml (YAML 1.2 core schema, about ten times
 * faster than the position-keeping parser), or `undefined` when the fast path does not apply:
 * a small file, a document with anchors or aliases (their expansion is bounded only on the
 * precise path), or any syntax error. Callers validate the value and, on any problem, parse
 * again with `parseYaml` so that every message still has its line and column.
 */
export function parseYamlFast(text: string, file: string, minBytes = FAST_PATH_BYTES): unknown {
  if (text.length < minBytes || MAYBE_ALIAS.test(text)) return undefined;
  checkDepth(text, file);
  try {
    return jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, filename: file });
  } catch {
    return undefined;
  }
}
