import type { ByteSink } from './byte-buffer.js';

/**
 * A renderer turns results into text piece by piece, so a 100,000-task batch is written as it is
 * evaluated rather than built as one string.
 */
export interface StreamRenderer<R> {
  begin(): string;
  item(result: R, index: number): string;
  /** Optional: the same text as `item`, written in pieces and bytes (the JSON batch writer). */
  itemTo?(result: R, index: number, out: ByteSink): void;
  end(count: number): string;
  /**
   * Optional: bytes that can only be made once everything is in (a workbook, zipped), written
   * after `end`'s text. Asynchronous, as the zip library is.
   */
  finish?(count: number): Promise<Uint8Array>;
}

const FIRST_ITEM = Buffer.from('\n    ');
const NEXT_ITEM = Buffer.from(',\n    ');

/** The fixed head of every JSON document (contract §6). */
export interface JsonHead {
  schemaVersion: 1;
  rulePack: { name: string; version: string };
  asOf: string;
}

/**
 * A JSON document `{ ...head, "<key>": [ item, ... ] }` streamed item by item, pretty-printed
 * with two spaces exactly as JSON.stringify(doc, null, 2) would print it, or with each item on
 * one line (`compact`).
 */
export function jsonArrayRenderer<R>(
  head: object,
  key: string,
  tail?: (count: number) => object,
  compact = false,
  stringify: (r: R) => string = JSON.stringify,
  writeTo?: (r: R, out: ByteSink) => void,
): StreamRenderer<R> {
  const headText = JSON.stringify(head, null, 2);
  const open = `${headText.slice(0, -2)},\n  ${JSON.stringify(key)}: [`;
  return {
    begin: () => open,
    // Compact: one item per line, for batches (a 100,000-task run stays a fraction of the size).
    item: compact
      ? (r, i) => `${i === 0 ? '\n' : ',\n'}    ${stringify(r)}`
      : (r, i) => `${i === 0 ? '\n' : ',\n'}    ${JSON.stringify(r, null, 2).replace(/\n/g, '\n    ')}`,
    ...(compact && writeTo
      ? {
          itemTo: (r: R, i: number, out: ByteSink) => {
            out.bytes(i === 0 ? FIRST_ITEM : NEXT_ITEM);
            writeTo(r, out);
          },
        }
      : {}),
    end: (count) => {
      const close = count === 0 ? ']' : '\n  ]';
      const extra = tail ? tail(count) : null;
      if (!extra || Object.keys(extra).length === 0) return `${close}\n}\n`;
      const rest = JSON.stringify(extra, null, 2).slice(1, -2);
      return `${close},${rest}\n}\n`;
    },
  };
}
