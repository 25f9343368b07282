const decoder = new TextDecoder('utf-8', { fatal: false });
const encoder = new TextEncoder();

/**
 * Short ASCII strings are faster by hand than through TextDecoder's native call. Eight bytes per
 * `String.fromCharCode` call make a quarter of the string concatenations of a byte-at-a-time loop.
 */
const ASCII_FAST_PATH_LIMIT = 64;

/** Decodes UTF-8; invalid sequences become U+FFFD, as protobuf runtimes commonly do for proto3 strings. */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  if (end - start > ASCII_FAST_PATH_LIMIT) return decoder.decode(bytes.subarray(start, end));
  let out = '';
  let i = start;
  for (; i + 8 <= end; i += 8) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1]!;
    const b2 = bytes[i + 2]!;
    const b3 = bytes[i + 3]!;
    const b4 = bytes[i + 4]!;
    const b5 = bytes[i + 5]!;
    const b6 = bytes[i + 6]!;
    const b7 = bytes[i + 7]!;
    if ((b0 | b1 | b2 | b3 | b4 | b5 | b6 | b7) >= 0x80) return decoder.decode(bytes.subarray(start, end));
    out += String.fromCharCode(b0, b1, b2, b3, b4, b5, b6, b7);
  }
  for (; i < end; i++) {
    const byte = bytes[i]!;
    if (byte >= 0x80) return decoder.decode(bytes.subarray(start, end));
    out += String.fromCharCode(byte);
  }
  return out;
}

/** Exact UTF-8 byte length of a JS string (lone surrogates count as U+FFFD, 3 bytes, as TextEncoder writes them). */
export function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) length += 1;
    else if (code < 0x800) length += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length += 4;
        i++;
      } else length += 3;
    } else length += 3;
  }
  return length;
}

export function encodeUtf8Into(text: string, target: Uint8Array, offset: number): number {
  return encoder.encodeInto(text, target.subarray(offset)).written;
}

export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}
