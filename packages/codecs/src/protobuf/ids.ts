/**
 * Id byte/hex conversions shared by the protobuf-family codecs. Canonical ids are lowercase hex: 32 chars for a
 * trace id, 16 for a span id (see `@skein/model` span.ts). Validation answers a reason string instead of
 * throwing, so a decoder can reject one span and keep the rest of the batch.
 */

const HEX_BY_BYTE: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export const TRACE_ID_HEX_LENGTH = 32;
export const SPAN_ID_HEX_LENGTH = 16;

/** Lowercase hex of a byte range. */
export function bytesToHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let out = '';
  for (let i = start; i < end; i++) out += HEX_BY_BYTE[bytes[i]!]!;
  return out;
}

function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

/** Bytes of an even-length hex string, or undefined if it is not hex. */
export function hexToBytes(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const high = nibble(hex.charCodeAt(2 * i));
    const low = nibble(hex.charCodeAt(2 * i + 1));
    if (high < 0 || low < 0) return undefined;
    out[i] = (high << 4) | low;
  }
  return out;
}

function isAllZeroHex(hex: string): boolean {
  for (let i = 0; i < hex.length; i++) if (hex.charCodeAt(i) !== 48) return false;
  return true;
}

function isHex(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (nibble(text.charCodeAt(i)) < 0) return false;
  return true;
}

export type IdResult = { ok: true; id: string } | { ok: false; reason: string };

/**
 * Canonical id from raw id bytes. Shorter inputs are left-padded (a 64-bit trace id is a 128-bit one with a zero
 * high half); longer ones and all-zero ids are refused.
 */
export function idFromBytes(bytes: Uint8Array, width: 8 | 16, field: string): IdResult {
  if (bytes.length > width) return { ok: false, reason: `${field}: ${bytes.length} bytes, expected ${width}` };
  let zero = true;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) zero = false;
  if (zero) return { ok: false, reason: `${field}: all zeros` };
  const hex = bytesToHex(bytes);
  return { ok: true, id: hex.length === width * 2 ? hex : hex.padStart(width * 2, '0') };
}

/** Canonical id from hex text of any case, length 1..width*2. */
export function idFromHex(text: string, width: 8 | 16, field: string): IdResult {
  const chars = width * 2;
  if (text.length === 0 || text.length > chars || !isHex(text)) {
    return { ok: false, reason: `${field}: ${JSON.stringify(text.slice(0, 40))} is not ${chars} hex characters` };
  }
  const hex = text.toLowerCase();
  if (isAllZeroHex(hex)) return { ok: false, reason: `${field}: all zeros` };
  return { ok: true, id: hex.length === chars ? hex : hex.padStart(chars, '0') };
}

/** Raw bytes of a canonical id (which is always well-formed hex). */
export function idToBytes(id: string): Uint8Array {
  return hexToBytes(id.length % 2 === 0 ? id : `0${id}`) ?? new Uint8Array(0);
}
