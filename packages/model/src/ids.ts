/**
 * Trace and span ids: every form the wire protocols use, parsed into the canonical lowercase hex of the model,
 * and back. These run for every span received, so they avoid regular expressions and BigInt on the common paths
 * (hex strings and byte arrays) and work with lookup tables instead.
 */
import { hexOfBytes, hexOfFourWords, hexOfTwoUint64, hexOfTwoWords, hexOfUint64 } from './id-text.js';
import { InvalidIdError } from './errors.js';
import type { SpanId, TraceId } from './span.js';

export const TRACE_ID_HEX_LENGTH = 32;
export const SPAN_ID_HEX_LENGTH = 16;

/** Accepted by {@link toTraceId}: hex, 8 or 16 bytes, or a high/low pair of int64s (signed or unsigned). */
export type TraceIdInput = string | Uint8Array | { high: bigint | number; low: bigint | number };
/** Accepted by {@link toSpanId}: hex, 8 bytes, or one int64 (signed or unsigned). */
export type SpanIdInput = string | Uint8Array | bigint | number;

const ZEROS_16 = '0000000000000000';
const TWO_POW_32 = 0x1_0000_0000;
const INT64_MIN = -(2n ** 63n);
const UINT64_END = 2n ** 64n;

/**
 * Char code (any UTF-16 unit) → nibble value for '0'-'9' and 'a'-'f'; 16 + nibble for 'A'-'F', so that OR-ing the
 * entries of a string says at once whether it had an uppercase digit (bit 4), was all zeros (0) or had a
 * non-hex character (-1 makes the result negative). 64 KiB, and no branch per character.
 */
const HEX_CHAR_TABLE = new Int8Array(65536).fill(-1);
for (let i = 0; i < 10; i++) HEX_CHAR_TABLE[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX_CHAR_TABLE[65 + i] = 16 + 10 + i;
  HEX_CHAR_TABLE[97 + i] = 10 + i;
}
const UPPERCASE_SEEN = 16;


function nibbleAt(text: string, index: number): number {
  return HEX_CHAR_TABLE[text.charCodeAt(index)]! & 15;
}

// ---------------------------------------------------------------------------------------------- hex → id

/** Parses hex of either case and 1–32 digits into a canonical trace id. */
export function traceIdFromHex(hex: string, field = 'traceId'): TraceId {
  return canonicalHex(hex, TRACE_ID_HEX_LENGTH, field);
}

/** Parses hex of either case and 1–16 digits into a canonical span id. */
export function spanIdFromHex(hex: string, field = 'spanId'): SpanId {
  return canonicalHex(hex, SPAN_ID_HEX_LENGTH, field);
}

function canonicalHex(hex: string, width: number, field: string): string {
  if (typeof hex !== 'string') throw new InvalidIdError(field, 'id must be a hex string', hex);
  const length = hex.length;
  if (length === 0 || length > width) throw badHexLength(hex, width, field);
  let seen = 0;
  for (let i = 0; i < length; i++) seen |= HEX_CHAR_TABLE[hex.charCodeAt(i)]!;
  if (seen < 0) throw badHexChar(hex, field);
  if (seen === 0) throw new InvalidIdError(field, 'id must not be all zeros', hex);
  const lower = (seen & UPPERCASE_SEEN) !== 0 ? hex.toLowerCase() : hex;
  return length === width ? lower : lower.padStart(width, '0');
}

function badHexLength(hex: string, width: number, field: string): InvalidIdError {
  const reason = hex.length === 0 ? 'id is empty' : `id has ${hex.length} hex digits, at most ${width} allowed`;
  return new InvalidIdError(field, reason, hex);
}

function badHexChar(hex: string, field: string): InvalidIdError {
  let index = 0;
  while (HEX_CHAR_TABLE[hex.charCodeAt(index)]! >= 0) index++;
  return new InvalidIdError(field, `id is not hex: ${JSON.stringify(hex.charAt(index))} at index ${index}`, hex);
}

// -------------------------------------------------------------------------------------------- bytes → id

/** Big-endian bytes into a trace id: 16 bytes, or 8 bytes (a 64-bit trace id, padded with a zero high half). */
export function traceIdFromBytes(bytes: Uint8Array, field = 'traceId'): TraceId {
  if (!(bytes instanceof Uint8Array) || (bytes.length !== 16 && bytes.length !== 8)) {
    throw new InvalidIdError(field, 'trace id must be 8 or 16 bytes', bytes);
  }
  if (isAllZeroBytes(bytes)) throw new InvalidIdError(field, 'id must not be all zeros', bytes);
  return hexOfBytes(bytes, 32);
}

/** Big-endian bytes into a span id: exactly 8 bytes. */
export function spanIdFromBytes(bytes: Uint8Array, field = 'spanId'): SpanId {
  if (!(bytes instanceof Uint8Array) || bytes.length !== 8) {
    throw new InvalidIdError(field, 'span id must be 8 bytes', bytes);
  }
  if (isAllZeroBytes(bytes)) throw new InvalidIdError(field, 'id must not be all zeros', bytes);
  return hexOfBytes(bytes, 16);
}

function isAllZeroBytes(bytes: Uint8Array): boolean {
  let bits = 0;
  for (let i = 0; i < bytes.length; i++) bits |= bytes[i]!;
  return bits === 0;
}

// ------------------------------------------------------------------------------------------ int64s → id

/**
 * A trace id from its two 64-bit halves as Thrift, Jaeger proto and Zipkin give them. Each half may be signed
 * (Jaeger Thrift's `traceIdHigh`/`traceIdLow` are i64, so ids above 2^63 arrive negative) or unsigned; as a
 * number it must be a safe integer.
 */
export function traceIdFromHighLow(high: bigint | number, low: bigint | number, field = 'traceId'): TraceId {
  const hex = hexOfTwoUint64(uint64Of(high, field, 'high'), uint64Of(low, field, 'low'));
  if (hex === '00000000000000000000000000000000') {
    throw new InvalidIdError(field, 'id must not be all zeros', `high=${String(high)} low=${String(low)}`);
  }
  return hex;
}

/** A span id from one int64, signed (Jaeger Thrift `spanId`) or unsigned. */
export function spanIdFromInt64(value: bigint | number, field = 'spanId'): SpanId {
  const hex = hexOfUint64(uint64Of(value, field, 'value'));
  if (hex === ZEROS_16) throw new InvalidIdError(field, 'id must not be all zeros', value);
  return hex;
}

/**
 * A span id from the two 32-bit words of its int64, high word first, for decoders that read 64-bit integers
 * without BigInt. Each word may be signed or unsigned 32-bit.
 */
export function spanIdFromWords(high: number, low: number, field = 'spanId'): SpanId {
  const hex = hexOfTwoWords(checkedWord(high, field), checkedWord(low, field));
  if (hex === ZEROS_16) throw new InvalidIdError(field, 'id must not be all zeros', `words ${high}, ${low}`);
  return hex;
}

/** A trace id from four 32-bit words, most significant first (see {@link spanIdFromWords}). */
export function traceIdFromWords(w0: number, w1: number, w2: number, w3: number, field = 'traceId'): TraceId {
  const hex = hexOfFourWords(checkedWord(w0, field), checkedWord(w1, field), checkedWord(w2, field), checkedWord(w3, field));
  if (hex === '00000000000000000000000000000000') {
    throw new InvalidIdError(field, 'id must not be all zeros', `words ${w0}, ${w1}, ${w2}, ${w3}`);
  }
  return hex;
}

/** The word as unsigned 32-bit, after checking it is a signed or unsigned 32-bit integer. */
function checkedWord(word: number, field: string): number {
  if (!Number.isInteger(word) || word < -0x8000_0000 || word >= TWO_POW_32) {
    throw new InvalidIdError(field, 'a 32-bit word must be an integer in [-2^31, 2^32)', word);
  }
  return word >>> 0;
}

/** A 64-bit value given signed or unsigned, as bigint or safe-integer number, as an unsigned bigint. */
function uint64Of(value: bigint | number, field: string, part: string): bigint {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new InvalidIdError(field, `${part} must be a bigint or a safe integer`, value);
    }
    return BigInt.asUintN(64, BigInt(value));
  }
  if (typeof value !== 'bigint') throw new InvalidIdError(field, `${part} must be a bigint or a number`, value);
  if (value < INT64_MIN || value >= UINT64_END) {
    throw new InvalidIdError(field, `${part} is outside the int64/uint64 range`, value);
  }
  return BigInt.asUintN(64, value);
}

// ----------------------------------------------------------------------------------------- any form → id

/** A trace id from any {@link TraceIdInput}; `input` is `unknown` so decoders can pass what they parsed. */
export function toTraceId(input: unknown, field = 'traceId'): TraceId {
  if (typeof input === 'string') return traceIdFromHex(input, field);
  if (input instanceof Uint8Array) return traceIdFromBytes(input, field);
  if (typeof input === 'object' && input !== null && 'high' in input && 'low' in input) {
    const { high, low } = input as { high: unknown; low: unknown };
    if ((typeof high === 'bigint' || typeof high === 'number') && (typeof low === 'bigint' || typeof low === 'number')) {
      return traceIdFromHighLow(high, low, field);
    }
  }
  throw new InvalidIdError(field, 'trace id must be hex, 8 or 16 bytes, or {high, low}', input);
}

/** A span id from any {@link SpanIdInput}. */
export function toSpanId(input: unknown, field = 'spanId'): SpanId {
  if (typeof input === 'string') return spanIdFromHex(input, field);
  if (input instanceof Uint8Array) return spanIdFromBytes(input, field);
  if (typeof input === 'bigint' || typeof input === 'number') return spanIdFromInt64(input, field);
  throw new InvalidIdError(field, 'span id must be hex, 8 bytes, or an int64', input);
}

// ---------------------------------------------------------------------------------------------- checks

/** True for exactly 32 lowercase hex digits, not all zeros. */
export function isTraceId(value: unknown): value is TraceId {
  return isCanonicalHex(value, TRACE_ID_HEX_LENGTH);
}

/** True for exactly 16 lowercase hex digits, not all zeros. */
export function isSpanId(value: unknown): value is SpanId {
  return isCanonicalHex(value, SPAN_ID_HEX_LENGTH);
}

function isCanonicalHex(value: unknown, width: number): boolean {
  if (typeof value !== 'string' || value.length !== width) return false;
  let seen = 0;
  for (let i = 0; i < width; i++) seen |= HEX_CHAR_TABLE[value.charCodeAt(i)]!;
  return seen > 0 && (seen & UPPERCASE_SEEN) === 0;
}

function requireCanonical(id: string, width: number, field: string): void {
  if (!isCanonicalHex(id, width)) {
    const what = width === TRACE_ID_HEX_LENGTH ? 'trace id' : 'span id';
    throw new InvalidIdError(field, `not a canonical ${what} (${width} lowercase hex digits, not all zeros)`, id);
  }
}

// ---------------------------------------------------------------------------------------------- id → ...

/** The 16 big-endian bytes of a canonical trace id. */
export function traceIdToBytes(id: TraceId, field = 'traceId'): Uint8Array {
  requireCanonical(id, TRACE_ID_HEX_LENGTH, field);
  const bytes = new Uint8Array(16);
  writeHexBytes(id, bytes, 0);
  return bytes;
}

/** The 8 big-endian bytes of a canonical span id. */
export function spanIdToBytes(id: SpanId, field = 'spanId'): Uint8Array {
  requireCanonical(id, SPAN_ID_HEX_LENGTH, field);
  const bytes = new Uint8Array(8);
  writeHexBytes(id, bytes, 0);
  return bytes;
}

/**
 * Writes the bytes of a canonical trace id (16) or span id (8) into `target` at `offset`, for encoders that fill
 * one buffer; returns the offset after the id.
 */
export function writeIdBytes(id: TraceId | SpanId, target: Uint8Array, offset: number, field = 'id'): number {
  if (!isCanonicalHex(id, id.length === TRACE_ID_HEX_LENGTH ? TRACE_ID_HEX_LENGTH : SPAN_ID_HEX_LENGTH)) {
    throw new InvalidIdError(field, 'not a canonical trace id or span id', id);
  }
  if (offset < 0 || offset + id.length / 2 > target.length) {
    throw new InvalidIdError(field, `no room for ${id.length / 2} bytes at offset ${offset}`, id);
  }
  writeHexBytes(id, target, offset);
  return offset + id.length / 2;
}

function writeHexBytes(hex: string, target: Uint8Array, offset: number): void {
  for (let i = 0, j = offset; i < hex.length; i += 2, j++) {
    target[j] = (nibbleAt(hex, i) << 4) | nibbleAt(hex, i + 1);
  }
}

/** The two halves of a trace id as signed int64s, as Jaeger Thrift's `traceIdHigh`/`traceIdLow` carry them. */
export function traceIdToHighLow(id: TraceId, field = 'traceId'): { high: bigint; low: bigint } {
  requireCanonical(id, TRACE_ID_HEX_LENGTH, field);
  return {
    high: BigInt.asIntN(64, BigInt(`0x${id.slice(0, 16)}`)),
    low: BigInt.asIntN(64, BigInt(`0x${id.slice(16)}`)),
  };
}

/** A span id as a signed int64, as Jaeger Thrift's `spanId` carries it. */
export function spanIdToInt64(id: SpanId, field = 'spanId'): bigint {
  requireCanonical(id, SPAN_ID_HEX_LENGTH, field);
  return BigInt.asIntN(64, BigInt(`0x${id}`));
}

/**
 * A trace id the way Jaeger prints it (`TraceID.String()`, `%016x` / `%016x%016x`): 16 hex digits when the high
 * half is zero (a 64-bit trace id), otherwise all 32. Used in Jaeger's UI JSON and Elasticsearch documents.
 */
export function formatJaegerTraceId(id: TraceId): string {
  return id.startsWith(ZEROS_16) && id.length === TRACE_ID_HEX_LENGTH ? id.slice(16) : id;
}
