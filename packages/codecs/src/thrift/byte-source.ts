import { DecodeError } from '../errors.js';
import { defaultThriftLimits, type ThriftLimits } from './types.js';

const utf8 = new TextDecoder('utf-8');

/**
 * Bounds-checked cursor over untrusted bytes, shared by the binary and compact readers. Every read checks the
 * remaining length first, so a hostile length never reaches a typed-array constructor.
 */
export abstract class ByteSource {
  protected pos: number;
  protected readonly view: DataView;
  protected depth = 0;
  readonly limits: ThriftLimits;

  constructor(
    readonly format: string,
    protected readonly bytes: Uint8Array,
    limits: Partial<ThriftLimits> = {},
    start = 0,
  ) {
    this.pos = start;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.limits = { ...defaultThriftLimits, ...limits };
  }

  get offset(): number {
    return this.pos;
  }

  remaining(): number {
    return this.bytes.length - this.pos;
  }

  fail(detail: string, offset = this.pos): DecodeError {
    return new DecodeError(this.format, detail, { offset });
  }

  protected need(n: number, what: string): void {
    if (n > this.bytes.length - this.pos) {
      throw this.fail(`truncated: ${what} needs ${n} bytes, ${this.bytes.length - this.pos} left`);
    }
  }

  protected u8(what: string): number {
    if (this.pos >= this.bytes.length) throw this.fail(`truncated: ${what} needs 1 byte, 0 left`);
    return this.bytes[this.pos++]!;
  }

  protected checkStringLength(length: number, at: number): void {
    if (length < 0) throw this.fail(`negative string length ${length}`, at);
    if (length > this.limits.maxStringLength) {
      throw this.fail(`string length ${length} exceeds limit ${this.limits.maxStringLength}`, at);
    }
    if (length > this.remaining()) {
      throw this.fail(`string length ${length} exceeds the ${this.remaining()} bytes left`, at);
    }
  }

  /** Every element takes at least one byte, so a count beyond the remaining bytes is a lie. */
  protected checkContainerSize(size: number, at: number, minBytesPerElement: number): void {
    if (size < 0) throw this.fail(`negative container size ${size}`, at);
    if (size > this.limits.maxContainerSize) {
      throw this.fail(`container size ${size} exceeds limit ${this.limits.maxContainerSize}`, at);
    }
    if (size * minBytesPerElement > this.remaining()) {
      throw this.fail(`container size ${size} cannot fit in the ${this.remaining()} bytes left`, at);
    }
  }

  protected enter(): void {
    if (++this.depth > this.limits.maxDepth) {
      throw this.fail(`nesting deeper than limit ${this.limits.maxDepth}`);
    }
  }

  protected leave(): void {
    this.depth--;
  }

  protected utf8(length: number): string {
    const start = this.pos;
    const end = start + length;
    this.pos = end;
    const b = this.bytes;
    if (length < 48) {
      let ascii = '';
      for (let i = start; i < end; i++) {
        const c = b[i]!;
        if (c > 0x7f) return utf8.decode(b.subarray(start, end));
        ascii += String.fromCharCode(c);
      }
      return ascii;
    }
    return utf8.decode(b.subarray(start, end));
  }

  protected slice(length: number): Uint8Array {
    const start = this.pos;
    this.pos += length;
    return this.bytes.slice(start, start + length);
  }
}
