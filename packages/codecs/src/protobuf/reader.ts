import { DecodeError } from '../errors.js';
import { partsToBigInt, partsToUnsignedBigInt } from '../int64-pair.js';
import { decodeUtf8Cached } from './string-cache.js';
import { decodeUtf8 } from './utf8.js';
import { MAX_FIELD_NUMBER, WireType } from './wire-type.js';

/** Default limit on nested length-delimited messages (OTLP AnyValue can nest arrays and kvlists without end). */
export const DEFAULT_MAX_DEPTH = 64;

const TWO_POW_32 = 4294967296;

/**
 * A cursor over protobuf wire bytes, confined to `[pos, end)`. Every read checks the bounds, so truncated input,
 * lengths past the end and runaway nesting surface as {@link DecodeError} naming the format, the byte offset and
 * the field path (`parent.field#n`), never as a RangeError or a hang.
 *
 * Typical loop:
 * ```ts
 * while (r.more()) {
 *   const tag = r.tag();
 *   switch (tag >>> 3) { case 1: name = r.string(); break; default: r.skip(tag & 7); }
 * }
 * ```
 */
export class ProtoReader {
  /** Offset of the next byte to read (absolute within `bytes`). */
  pos: number;
  /** Field number of the last tag read, for error messages. */
  field = 0;
  private readonly view: DataView;

  /** End of the (sub-)message being read; moved by {@link enter} and {@link leave}. */
  end: number;
  /** Nesting depth, counting both sub-readers and entered messages. */
  depth: number;
  /** Field numbers of the messages entered in place, outermost first (`entered` of them are live). */
  private readonly enteredFields: number[] = [];
  private entered = 0;

  constructor(
    readonly bytes: Uint8Array,
    readonly format: string,
    start = 0,
    end = bytes.length,
    depth = 0,
    readonly maxDepth = DEFAULT_MAX_DEPTH,
    private readonly parent?: ProtoReader,
    private readonly parentField = 0,
    view?: DataView,
  ) {
    this.pos = start;
    this.end = end;
    this.depth = depth;
    // Sub-readers share their parent's view: a DataView per nested message would dominate decode time.
    this.view = view ?? new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** True while bytes remain in this (sub-)message. */
  more(): boolean {
    return this.pos < this.end;
  }

  /** Field path like `1.2.#5` (outer field numbers first), for errors. */
  path(): string {
    return this.pathTo(this.field);
  }

  /** This reader's path down to `field` (0: no field), through its parents and the messages it entered. */
  private pathTo(field: number): string {
    const parts = this.parent ? [this.parent.pathTo(this.parentField)] : [];
    for (let i = 0; i < this.entered; i++) parts.push(`#${this.enteredFields[i]}`);
    if (field) parts.push(`#${field}`);
    return parts.join('.');
  }

  fail(detail: string, offset = this.pos): never {
    const field = this.path();
    throw new DecodeError(this.format, detail, field ? { offset, field } : { offset });
  }

  /** Reads a field tag; returns it raw (`tag >>> 3` is the field number, `tag & 7` the wire type). */
  tag(): number {
    const start = this.pos;
    const tag = this.uint32();
    const fieldNumber = tag >>> 3;
    if (fieldNumber === 0 || fieldNumber > MAX_FIELD_NUMBER) this.fail(`invalid field number ${fieldNumber}`, start);
    this.field = fieldNumber;
    return tag;
  }

  /** Unsigned varint that must fit 32 bits (longer encodings of negative int32 are truncated as protobuf does). */
  uint32(): number {
    const bytes = this.bytes;
    let pos = this.pos;
    if (pos < this.end) {
      const b0 = bytes[pos]!;
      if (b0 < 0x80) {
        this.pos = pos + 1;
        return b0;
      }
    }
    let result = 0;
    let shift = 0;
    const start = pos;
    for (;;) {
      if (pos >= this.end) this.fail('truncated varint', start);
      const byte = bytes[pos++]!;
      if (shift < 32) result |= (byte & 0x7f) << shift;
      if (byte < 0x80) break;
      shift += 7;
      if (shift >= 70) this.fail('varint longer than 10 bytes', start);
    }
    this.pos = pos;
    return result >>> 0;
  }

  int32(): number {
    return this.uint32() | 0;
  }

  sint32(): number {
    const n = this.uint32();
    return (n >>> 1) ^ -(n & 1);
  }

  bool(): boolean {
    return this.varintParts() !== 0;
  }

  /** Reads a 64-bit varint into `lo`/`hi` 32-bit halves; returns `lo | hi` (non-zero test). */
  private lo = 0;
  private hi = 0;
  private varintParts(): number {
    const bytes = this.bytes;
    const start = this.pos;
    let pos = start;
    let lo = 0;
    let hi = 0;
    let shift = 0;
    for (;;) {
      if (pos >= this.end) this.fail('truncated varint', start);
      const byte = bytes[pos++]!;
      const bits = byte & 0x7f;
      if (shift < 28) lo |= bits << shift;
      else if (shift === 28) {
        lo |= (bits & 0x0f) << 28;
        hi |= bits >>> 4;
      } else hi |= bits << (shift - 32);
      if (byte < 0x80) break;
      shift += 7;
      if (shift >= 70) this.fail('varint longer than 10 bytes', start);
    }
    this.pos = pos;
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
    return this.lo | this.hi;
  }

  /** uint64 varint as bigint, exact. */
  uint64(): bigint {
    this.varintParts();
    return partsToUnsignedBigInt(this.hi, this.lo);
  }

  /** int64 varint as bigint, exact (two's complement). */
  int64(): bigint {
    this.varintParts();
    return partsToBigInt(this.hi, this.lo);
  }

  sint64(): bigint {
    this.varintParts();
    // zigzag decoding, (n >>> 1) ^ -(n & 1), across the two words
    const mask = -(this.lo & 1);
    return partsToBigInt(((this.hi >>> 1) ^ mask) >>> 0, (((this.lo >>> 1) | (this.hi << 31)) ^ mask) >>> 0);
  }

  /** uint64 varint as a number; exact up to 2^53, rounded beyond. */
  uint64Number(): number {
    this.varintParts();
    return this.hi * TWO_POW_32 + this.lo;
  }

  /** int64 varint as a number; exact within ±2^53, rounded beyond. */
  int64Number(): number {
    this.varintParts();
    if (this.hi & 0x80000000) return -((~this.hi >>> 0) * TWO_POW_32 + (~this.lo >>> 0) + 1);
    return this.hi * TWO_POW_32 + this.lo;
  }

  private need(count: number): number {
    const start = this.pos;
    if (this.end - start < count) this.fail(`truncated: need ${count} bytes, ${this.end - start} left`, start);
    this.pos = start + count;
    return start;
  }

  fixed32(): number {
    return this.view.getUint32(this.need(4), true);
  }

  sfixed32(): number {
    return this.view.getInt32(this.need(4), true);
  }

  float(): number {
    return this.view.getFloat32(this.need(4), true);
  }

  double(): number {
    return this.view.getFloat64(this.need(8), true);
  }

  fixed64(): bigint {
    return this.view.getBigUint64(this.need(8), true);
  }

  sfixed64(): bigint {
    return this.view.getBigInt64(this.need(8), true);
  }

  /** fixed64 as a number; exact up to 2^53, rounded beyond. */
  fixed64Number(): number {
    const at = this.need(8);
    return this.view.getUint32(at + 4, true) * TWO_POW_32 + this.view.getUint32(at, true);
  }

  /**
   * A fixed64 count of nanoseconds returned as whole microseconds (floored), exact for every value whose result
   * fits 2^53 — unlike dividing a rounded double. Used for OTLP `*_time_unix_nano`.
   */
  fixed64NanosToMicros(): number {
    const at = this.need(8);
    const lo = this.view.getUint32(at, true);
    const hi = this.view.getUint32(at + 4, true);
    // hi·2^32 = hi·4294967·1000 + hi·296, so hi·2^32 / 1000 splits into an exact integer part and a small remainder.
    const small = hi * 296 + lo;
    this.nanosRemainder = small % 1000;
    return hi * 4294967 + Math.floor(small / 1000);
  }

  /** The sub-microsecond nanoseconds (0..999) dropped by the last {@link fixed64NanosToMicros}. */
  nanosRemainder = 0;

  /** Reads a length prefix and checks it against what is left. Returns the start offset of the payload. */
  private delimited(): number {
    const start = this.pos;
    const length = this.uint32Length(start);
    if (length > this.end - this.pos) {
      this.fail(`length ${length} exceeds the ${this.end - this.pos} bytes left`, start);
    }
    const at = this.pos;
    this.pos = at + length;
    return at;
  }

  private uint32Length(start: number): number {
    this.varintParts();
    if (this.hi !== 0 || this.lo > 0x7fffffff) this.fail(`length prefix ${this.hi * TWO_POW_32 + this.lo} too large`, start);
    return this.lo;
  }

  /**
   * Skips a length-delimited value and returns where its payload starts; it ends at {@link pos}. For readers that
   * copy bytes through rather than decode them.
   */
  delimitedStart(): number {
    return this.delimited();
  }

  /** Length-delimited bytes as a view into the input (no copy). Copy it if it must outlive the input buffer. */
  bytesView(): Uint8Array {
    const at = this.delimited();
    return this.bytes.subarray(at, this.pos);
  }

  /** Length-delimited bytes, copied. */
  bytesCopy(): Uint8Array {
    const at = this.delimited();
    return this.bytes.slice(at, this.pos);
  }

  string(): string {
    const at = this.delimited();
    return decodeUtf8(this.bytes, at, this.pos);
  }

  /** A string that repeats from message to message (attribute key, span or service name): decoded through a cache. */
  key(): string {
    const at = this.delimited();
    return decodeUtf8Cached(this.bytes, at, this.pos);
  }

  /** Enters a length-delimited sub-message; the returned reader is confined to it. Depth-limited. */
  message(): ProtoReader {
    const at = this.delimited();
    if (this.depth + 1 > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth}`, at);
    return new ProtoReader(this.bytes, this.format, at, this.pos, this.depth + 1, this.maxDepth, this, this.field, this.view);
  }

  /**
   * Enters a length-delimited sub-message in place: this reader is confined to it until {@link leave}, which takes
   * the value returned here. Costs no allocation, unlike {@link message}; for the hot loops of a decoder. Depth-limited.
   */
  enter(): number {
    const at = this.delimited();
    if (this.depth + 1 > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth}`, at);
    const outerEnd = this.end;
    this.enteredFields[this.entered++] = this.field;
    this.depth++;
    this.end = this.pos;
    this.pos = at;
    return outerEnd;
  }

  /** Leaves the message entered by the {@link enter} that returned `outerEnd`, past whatever of it is unread. */
  leave(outerEnd: number): void {
    this.pos = this.end;
    this.end = outerEnd;
    this.depth--;
    this.field = this.enteredFields[--this.entered]!;
  }

  /** Skips one field value of the given wire type (unknown fields). */
  skip(wireType: number): void {
    switch (wireType) {
      case WireType.VARINT:
        this.varintParts();
        return;
      case WireType.FIXED64:
        this.need(8);
        return;
      case WireType.LENGTH_DELIMITED:
        this.delimited();
        return;
      case WireType.FIXED32:
        this.need(4);
        return;
      default:
        this.fail(`unsupported wire type ${wireType}`);
    }
  }

  /** Fails unless the wire type read with the last tag is the expected one. */
  expect(tag: number, wireType: number): void {
    if ((tag & 7) !== wireType) this.fail(`wire type ${tag & 7}, expected ${wireType}`);
  }

  /**
   * Reads a repeated scalar field that may be packed (length-delimited) or not, calling `each` per element.
   * `read` is one of this reader's scalar methods bound by the caller.
   */
  repeated<T>(tag: number, scalarWireType: number, read: (r: ProtoReader) => T, each: (value: T) => void): void {
    if ((tag & 7) === WireType.LENGTH_DELIMITED && scalarWireType !== WireType.LENGTH_DELIMITED) {
      const packed = this.message();
      while (packed.more()) each(read(packed));
      return;
    }
    this.expect(tag, scalarWireType);
    each(read(this));
  }
}

/** Starts reading a whole payload. */
export function protoReader(bytes: Uint8Array, format: string, maxDepth = DEFAULT_MAX_DEPTH): ProtoReader {
  return new ProtoReader(bytes, format, 0, bytes.length, 0, maxDepth);
}
