// Ids are built in one String.fromCharCode call over reused char-code arrays, so they are flat strings: a string
// glued from pieces is a rope that every later compare, hash or regex flattens again, once per span.

const HEX_DIGIT_CODES = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102];
const SPAN_ID_CODES: number[] = new Array<number>(16).fill(48);
const TRACE_ID_CODES: number[] = new Array<number>(32).fill(48);

function codesOf(length: 16 | 32): number[] {
  return length === 16 ? SPAN_ID_CODES : TRACE_ID_CODES;
}

function writeWord(codes: number[], at: number, word: number): void {
  for (let shift = 28, i = at; shift >= 0; shift -= 4, i++) codes[i] = HEX_DIGIT_CODES[(word >>> shift) & 15]!;
}

/** `length` lowercase hex digits of `bytes`, right-aligned and zero-padded (8 bytes into 32 digits pads 16 zeros). */
export function hexOfBytes(bytes: Uint8Array, length: 16 | 32): string {
  const codes = codesOf(length);
  const pad = length - bytes.length * 2;
  for (let i = 0; i < pad; i++) codes[i] = 48;
  for (let i = 0, j = pad; i < bytes.length; i++, j += 2) {
    const byte = bytes[i]!;
    codes[j] = HEX_DIGIT_CODES[byte >>> 4]!;
    codes[j + 1] = HEX_DIGIT_CODES[byte & 15]!;
  }
  return String.fromCharCode.apply(null, codes);
}

/** 16 hex digits of two unsigned 32-bit words, high first. */
export function hexOfTwoWords(high: number, low: number): string {
  writeWord(SPAN_ID_CODES, 0, high);
  writeWord(SPAN_ID_CODES, 8, low);
  return String.fromCharCode.apply(null, SPAN_ID_CODES);
}

/** 32 hex digits of four unsigned 32-bit words, most significant first. */
export function hexOfFourWords(w0: number, w1: number, w2: number, w3: number): string {
  writeWord(TRACE_ID_CODES, 0, w0);
  writeWord(TRACE_ID_CODES, 8, w1);
  writeWord(TRACE_ID_CODES, 16, w2);
  writeWord(TRACE_ID_CODES, 24, w3);
  return String.fromCharCode.apply(null, TRACE_ID_CODES);
}

/** Copies `text` (hex digits) right-aligned into `width` digits at `at`, zero-padded. */
function writeHexText(codes: number[], at: number, width: number, text: string): void {
  const pad = width - text.length;
  for (let i = 0; i < pad; i++) codes[at + i] = 48;
  for (let i = 0; i < text.length; i++) codes[at + pad + i] = text.charCodeAt(i);
}

/** 16 hex digits of one unsigned 64-bit bigint. */
export function hexOfUint64(value: bigint): string {
  writeHexText(SPAN_ID_CODES, 0, 16, value.toString(16));
  return String.fromCharCode.apply(null, SPAN_ID_CODES);
}

/** 32 hex digits of two unsigned 64-bit bigints, high first. */
export function hexOfTwoUint64(high: bigint, low: bigint): string {
  writeHexText(TRACE_ID_CODES, 0, 16, high.toString(16));
  writeHexText(TRACE_ID_CODES, 16, 16, low.toString(16));
  return String.fromCharCode.apply(null, TRACE_ID_CODES);
}
