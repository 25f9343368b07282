const utf8 = new TextEncoder();

/** Growable output buffer shared by the Thrift writers. */
export class ByteSink {
  protected buf: Uint8Array;
  protected view: DataView;
  protected pos = 0;

  constructor(initialCapacity = 1024) {
    this.buf = new Uint8Array(initialCapacity);
    this.view = new DataView(this.buf.buffer);
  }

  protected ensure(extra: number): void {
    const needed = this.pos + extra;
    if (needed <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < needed) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  protected put(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  protected putBytes(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** Encodes `s` as UTF-8 at `at` (capacity must be ensured); returns the byte count. */
  protected putUtf8At(s: string, at: number): number {
    return utf8.encodeInto(s, this.buf.subarray(at)).written;
  }

  protected static encodeUtf8(s: string): Uint8Array {
    return utf8.encode(s);
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}
