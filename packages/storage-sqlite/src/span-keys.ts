import { spanContentHash, writeIdBytes, type Span } from '@skein/model';

/** Bytes per span in `trace_chunks.span_keys`: the span id, then the 64-bit content hash. */
const KEY_BYTES = 16;

/** A span's idempotency key within its trace: span id + content hash, as 32 hex digits. */
export function spanKeyOf(span: Span): string {
  return span.spanId + spanContentHash(span);
}

export function encodeSpanKeys(keys: readonly string[]): Buffer {
  const blob = Buffer.allocUnsafe(keys.length * KEY_BYTES);
  keys.forEach((key, i) => writeIdBytes(key, blob, i * KEY_BYTES, 'span key'));
  return blob;
}

export function* decodeSpanKeys(blob: Buffer): Generator<string> {
  for (let at = 0; at + KEY_BYTES <= blob.length; at += KEY_BYTES) yield blob.toString('hex', at, at + KEY_BYTES);
}
