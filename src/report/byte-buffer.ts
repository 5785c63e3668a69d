/** Size of one output chunk. */
export const CAPACITY = 1 << 20;

/** Where a streamed renderer writes its output. */
export interface ByteSink {
  /**
   * Text, UTF-8 encoded. Pieces are gathered into a string first, so a surrogate pair split
   * between two pieces is encoded as the one character it is.
   */
  put(piece: string): void;
  /** Text that is whole on its own (no half of a surrogate pair at either end), encoded at once. */
  text(s: string): void;
  /** Bytes already encoded (copied: the caller keeps its array). */
  bytes(b: Uint8Array): void;
  /** One byte (an ASCII character). */
  byte(c: number): void;
}

/**
 * Text encoded straight into UTF-8 byte buffers of CAPACITY bytes. Encoding many short flat
 * strings is much cheaper than concatenating them and letting the stream flatten and encode a
 * large string; bytes encoded once and reused (the JSON of the pieces every task shares) cost a
 * copy. A full buffer is queued for the sink; a sink that consumes the bytes at once (a file
 * written with writeSync) lets the buffer be reused, others (a pipe) get a fresh one.
 */
export class ByteBuffer implements ByteSink {
  private buf: Buffer = Buffer.allocUnsafe(CAPACITY);
  private pos = 0;
  private queued: Uint8Array[] = [];
  private readonly pool: Buffer[] = [];
  /** put's pieces gathered into a short string: one encode call per few kilobytes, not per piece. */
  private acc = '';

  constructor(private readonly reuse: boolean) {}

  put(piece: string): void {
    this.acc += piece;
    if (this.acc.length >= 8192) this.encodeGathered();
  }

  text(s: string): void {
    if (this.acc.length !== 0) this.encodeGathered();
    this.encode(s);
  }

  bytes(b: Uint8Array): void {
    if (this.acc.length !== 0) this.encodeGathered();
    const n = b.length;
    if (this.pos + n > CAPACITY) {
      this.queueCurrent();
      if (n > CAPACITY) {
        this.queued.push(Uint8Array.prototype.slice.call(b));
        return;
      }
    }
    this.buf.set(b, this.pos);
    this.pos += n;
  }

  byte(c: number): void {
    if (this.acc.length !== 0) this.encodeGathered();
    if (this.pos === CAPACITY) this.queueCurrent();
    this.buf[this.pos++] = c;
  }

  private encodeGathered(): void {
    const text = this.acc;
    this.acc = '';
    this.encode(text);
  }

  private encode(text: string): void {
    if (text.length === 0) return;
    // 3 bytes per UTF-16 unit is the most UTF-8 can take (a surrogate pair: 4 bytes for 2 units).
    if (this.pos + text.length * 3 > CAPACITY) {
      this.queueCurrent();
      if (text.length * 3 > CAPACITY) {
        this.queued.push(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.pos += this.buf.write(text, this.pos, 'utf8');
  }

  /** Queues what was written so far. */
  flush(): void {
    this.encodeGathered();
    this.queueCurrent();
  }

  private queueCurrent(): void {
    if (this.pos === 0) return;
    this.queued.push(this.buf.subarray(0, this.pos));
    this.buf = (this.reuse && this.pool.pop()) || Buffer.allocUnsafe(CAPACITY);
    this.pos = 0;
  }

  /** Whether full buffers are waiting for the sink. */
  ready(): boolean {
    return this.queued.length > 0;
  }

  /** The queued chunks, handed to the sink (and their buffers back to the pool once written). */
  *take(): Generator<Uint8Array> {
    while (this.queued.length > 0) {
      const chunk = this.queued.shift()!;
      yield chunk;
      if (this.reuse && chunk.buffer.byteLength === CAPACITY) this.pool.push(Buffer.from(chunk.buffer, chunk.byteOffset, CAPACITY));
    }
  }

  /** Everything written, as one string (for callers that want the text rather than a stream). */
  toString(): string {
    this.flush();
    const all = Buffer.concat(this.queued);
    this.queued = [];
    return all.toString('utf8');
  }
}
