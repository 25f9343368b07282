import { bytesToHex, idFromHex, type IdResult } from '../protobuf/index.js';

/** OTLP ids are exactly 16/8 bytes (protobuf) or 32/16 hex characters (JSON); anything else is refused. */
export function otlpIdFromBytes(bytes: Uint8Array, width: 8 | 16, field: string): IdResult {
  if (bytes.length === 0) return { ok: false, reason: `${field}: missing` };
  if (bytes.length !== width) return { ok: false, reason: `${field}: ${bytes.length} bytes, expected ${width}` };
  let bits = 0;
  for (let i = 0; i < width; i++) bits |= bytes[i]!;
  if (bits === 0) return { ok: false, reason: `${field}: all zeros` };
  // The canonical form of an id of full width is its lowercase hex, as `idFromBytes` gives, without its checks.
  return { ok: true, id: bytesToHex(bytes) };
}

export function otlpIdFromHex(text: string, width: 8 | 16, field: string): IdResult {
  if (text.length === 0) return { ok: false, reason: `${field}: missing` };
  if (text.length !== width * 2) return { ok: false, reason: `${field}: ${text.length} hex characters, expected ${width * 2}` };
  return idFromHex(text, width, field);
}

/** A parent id: empty or all zeros means "no parent" (Jaeger tests `parentSpanID != 0`). */
export function isNoParent(result: IdResult): boolean {
  return !result.ok && (result.reason.endsWith(': missing') || result.reason.endsWith(': all zeros'));
}
