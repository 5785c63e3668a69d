import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePack } from '../../src/core/recommend/compile.js';
import { evaluateTask } from '../../src/core/recommend/evaluate.js';
import type { TaskResult } from '../../src/core/recommend/types.js';
import { ByteBuffer, CAPACITY } from '../../src/report/byte-buffer.js';
import { taskResultJson } from '../../src/report/json-result.js';
import { defaultPack } from '../helpers/engine.js';

type Op = { kind: 'put' | 'text' | 'bytes'; s: string } | { kind: 'byte'; c: number };

/** The string with each lone surrogate replaced by U+FFFD (String#toWellFormed, ES2024). */
const wellFormed = (s: string): string => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** Everything the buffer queued, in order, as one byte string. */
function drain(b: ByteBuffer): Buffer {
  b.flush();
  return Buffer.concat([...b.take()]);
}

describe('the byte buffer of streamed outputs', () => {
  it('holds exactly the UTF-8 of the pieces, however they are written and wherever chunks end', () => {
    const piece = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 3000 }), fc.constant('x'.repeat(CAPACITY / 3 + 7)));
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constantFrom('put' as const, 'text' as const, 'bytes' as const), s: piece }),
      fc.record({ kind: fc.constant('byte' as const), c: fc.integer({ min: 0x20, max: 0x7e }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.boolean(), (ops, reuse) => {
        const b = new ByteBuffer(reuse);
        let expected = '';
        const got: Buffer[] = [];
        for (const o of ops) {
          if (o.kind === 'byte') {
            b.byte(o.c);
            expected += String.fromCharCode(o.c);
          } else {
            // text() and bytes() take whole strings: a lone surrogate is encoded on its own.
            const s = o.kind === 'put' ? o.s : wellFormed(o.s);
            if (o.kind === 'put') b.put(s);
            else if (o.kind === 'text') b.text(s);
            else b.bytes(Buffer.from(s, 'utf8'));
            expected += s;
          }
          // Taking chunks as they fill (as emitAll does) lets a reusing buffer recycle them.
          if (b.ready()) for (const c of b.take()) got.push(Buffer.from(c));
        }
        got.push(drain(b));
        expect(Buffer.concat(got).equals(Buffer.from(expected, 'utf8'))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('encodes a surrogate pair split between two put pieces as one character', () => {
    const b = new ByteBuffer(false);
    b.put('a\ud83d');
    b.put('\ude00b');
    expect(drain(b).toString('utf8')).toBe('a😀b');
  });

  it('copies bytes larger than a chunk', () => {
    const b = new ByteBuffer(true);
    const big = Buffer.alloc(CAPACITY + 10, 0x61);
    b.byte(0x62);
    b.bytes(big);
    b.byte(0x63);
    big[0] = 0x7a;
    expect(drain(b).toString('latin1')).toBe(`b${'a'.repeat(CAPACITY + 10)}c`);
  });
});

describe('the JSON writer of task results, on results it does not expect', () => {
  const cp = compilePack(defaultPack(), 'en', '2026-11-23');
  const base = (): TaskResult => evaluateTask(cp, { id: 'x', name: '消防 "quoted" \\ \u0001', facts: { mode: 'joint-organ', beyondMunicipalEffort: true, parties: [{ name: 'P', kind: 'prefecture' }] } });

  it('is JSON.stringify for keys in another order, extra keys, and odd values', () => {
    const variants: ((r: TaskResult) => unknown)[] = [
      (r) => r,
      (r) => Object.assign({ category: 0 }, r),
      (r) => ({ ...r, extra: 1 }),
      (r) => ({ ...r, task: { name: r.task.name, id: r.task.id } }),
      (r) => ({ ...r, task: { id: 7, name: r.task.name } }),
      (r) => ({ ...r, task: { id: r.task.id } }),
      (r) => ({ task: r.task, category: r.category, recommendations: r.recommendations }),
      (r) => ({ ...r, category: { inferred: false, id: 'x', evidence: [] } }),
      (r) => ({ ...r, category: { id: 'x', name: 'y', inferred: true, evidence: ['a', 3] } }),
      (r) => ({ ...r, notes: undefined }),
      (r) => ({ ...r, unknownFacts: ['a', null] }),
      (r) => ({ ...r, recommendations: r.recommendations.map((x) => ({ ...x, score: 1 / 3, rank: -0 })) }),
      (r) => ({ ...r, recommendations: r.recommendations.map((x) => ({ ...x, score: Number.NaN, rank: 1e6 })) }),
      (r) => ({ ...r, recommendations: r.recommendations.map((x) => Object.assign({ rank: 0 }, x)) }),
      (r) => ({ ...r, recommendations: r.recommendations.map((x) => ({ ...x, kind: undefined, procedure: undefined })) }),
      (r) => ({ ...r, recommendations: r.recommendations.map((x) => ({ ...x, reasons: [null, undefined, 'r', ...x.reasons] })) }),
    ];
    for (const v of variants) {
      const r = v(base()) as TaskResult;
      expect(taskResultJson(r)).toBe(JSON.stringify(r));
    }
  });
});
