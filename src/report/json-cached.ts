import type { ByteSink } from './byte-buffer.js';

/**
 * Compact JSON written as UTF-8 bytes with every key and short string encoded once per run:
 * byte for byte what JSON.stringify(value) gives, for any plain value. Made for
 * `eligibility --all`, whose 1,700 results are mostly the same words (each criterion's
 * requirement, citation and notes, each designation's steps) around a few figures of their own:
 * JSON.stringify encodes them 1,700 times (15 MB, most of the run's time), this copies them.
 */

/** Strings longer than this are rarely repeated words; they are encoded each time. */
const MAX_CACHED_LENGTH = 4096;
/** Bounded, so that a run with many distinct strings does not grow the cache without limit. */
const MAX_ENTRIES = 50_000;

const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const NULL = Buffer.from('null');
const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');

const hasOwn = Object.prototype.hasOwnProperty;

export class CachedJsonWriter {
  private readonly strings = new Map<string, Uint8Array>();

  /** The JSON string of `s` (with its quotes), encoded once. */
  private quoted(s: string): Uint8Array {
    let b = this.strings.get(s);
    if (b === undefined) {
      b = Buffer.from(JSON.stringify(s), 'utf8');
      if (s.length <= MAX_CACHED_LENGTH && this.strings.size < MAX_ENTRIES) this.strings.set(s, b);
    }
    return b;
  }

  /** Writes JSON.stringify(v) to `out` (v is a plain value: no toJSON, no Map, no cycles). */
  write(v: unknown, out: ByteSink): void {
    switch (typeof v) {
      case 'string':
        out.bytes(this.quoted(v));
        return;
      case 'number':
        out.text(Number.isFinite(v) ? String(v) : 'null');
        return;
      case 'boolean':
        out.bytes(v ? TRUE : FALSE);
        return;
      case 'object':
        break;
      default:
        // undefined, functions and symbols stand alone only at the top: JSON.stringify gives undefined.
        out.bytes(NULL);
        return;
    }
    if (v === null) {
      out.bytes(NULL);
      return;
    }
    if (typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      out.text(JSON.stringify(v));
      return;
    }
    if (Array.isArray(v)) {
      out.byte(OPEN_LIST);
      for (let i = 0; i < v.length; i++) {
        if (i !== 0) out.byte(COMMA);
        const x: unknown = v[i];
        // In a list, what JSON cannot hold is null.
        if (x === undefined || typeof x === 'function' || typeof x === 'symbol') out.bytes(NULL);
        else this.write(x, out);
      }
      out.byte(CLOSE_LIST);
      return;
    }
    out.byte(OPEN_OBJECT);
    let first = true;
    for (const k in v) {
      if (!hasOwn.call(v, k)) continue;
      const x = (v as Record<string, unknown>)[k];
      // Properties JSON cannot hold are left out, as JSON.stringify leaves them out.
      if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
      if (!first) out.byte(COMMA);
      first = false;
      out.bytes(this.quoted(k));
      out.byte(COLON);
      this.write(x, out);
    }
    out.byte(CLOSE_OBJECT);
  }
}
