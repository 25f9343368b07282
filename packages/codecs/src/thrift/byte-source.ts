import { DecodeError } from '../errors.js';
import { decodeUtf8Cached } from '../protobuf/string-cache.js';
import { decodeUtf8 } from '../protobuf/utf8.js';
import { skipValue } from './skip.js';
import type { ThriftReader } from './reader.js';
import { defaultThriftLimits, type MessageHeader, type ThriftLimits } from './types.js';

/**
 * Bounds-checked cursor over untrusted bytes, and what the binary and compact readers have in common: the reader
 * state of {@link ThriftReader}, strings and binaries after a protocol-specific length prefix, skipping. Every read
 * checks the remaining length first, so a hostile length never reaches a typed-array constructor.
 */
export abstract class ByteSource implements ThriftReader {
  fieldId = 0;
  hi = 0;
  lo = 0;
  elemType = 0;
  keyType = 0;
  valueType = 0;
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
    this.pos = start + length;
    return decodeUtf8(this.bytes, start, this.pos);
  }

  protected slice(length: number): Uint8Array {
    const start = this.pos;
    this.pos += length;
    return this.bytes.slice(start, start + length);
  }

  abstract readMessageBegin(): MessageHeader;
  abstract readStructBegin(): void;
  abstract readStructEnd(): void;
  abstract readFieldBegin(): number;
  abstract readBool(): boolean;
  abstract readI16(): number;
  abstract readI32(): number;
  abstract readI64Parts(): void;
  abstract readDouble(): number;
  abstract readListBegin(): number;
  abstract readMapBegin(): number;

  /** The unchecked length prefix of a string or binary, in the protocol's own integer encoding. */
  protected abstract readSizePrefix(): number;

  private readLength(): number {
    const at = this.pos;
    const length = this.readSizePrefix();
    this.checkStringLength(length, at);
    return length;
  }

  readString(): string {
    return this.utf8(this.readLength());
  }

  readKey(): string {
    const length = this.readLength();
    const start = this.pos;
    this.pos = start + length;
    return decodeUtf8Cached(this.bytes, start, this.pos);
  }

  readBinary(): Uint8Array {
    return this.slice(this.readLength());
  }

  readBinaryLength(): number {
    const length = this.readLength();
    this.pos += length;
    return length;
  }

  readByte(): number {
    return (this.u8('byte') << 24) >> 24;
  }

  readListEnd(): void {
    this.leave();
  }

  readMapEnd(): void {
    this.leave();
  }

  skip(type: number): void {
    skipValue(this, type);
  }
}
