/**
 * Id conversions of the protobuf-family codecs, on top of the model's id helpers (`@skein/model` ids.ts), which
 * do the parsing and formatting. What is added here: validation answers a reason string instead of throwing, so a
 * decoder can reject one span and keep the rest of the batch, and byte ids shorter than their width are accepted
 * and left-padded.
 */
import { InvalidIdError, isSpanId, isTraceId, spanIdFromBytes, spanIdFromHex, spanIdToBytes, traceIdFromBytes, traceIdFromHex, traceIdToBytes, } from '@skein/model';
import { asciiString } from './utf8.js';
export { TRACE_ID_HEX_LENGTH, SPAN_ID_HEX_LENGTH } from '@skein/model';
const HEX_DIGITS = new TextEncoder().encode('0123456789abcdef');
let hexScratch = new Uint8Array(64);
/** Lowercase hex of a byte range, as one flat string (see `asciiString`). */
export function bytesToHex(bytes, start = 0, end = bytes.length) {
    const length = 2 * (end - start);
    if (hexScratch.length < length)
        hexScratch = new Uint8Array(length);
    for (let i = start, j = 0; i < end; i++, j += 2) {
        const byte = bytes[i];
        hexScratch[j] = HEX_DIGITS[byte >>> 4];
        hexScratch[j + 1] = HEX_DIGITS[byte & 15];
    }
    return asciiString(hexScratch, 0, length);
}
function nibble(code) {
    if (code >= 48 && code <= 57)
        return code - 48;
    if (code >= 97 && code <= 102)
        return code - 87;
    if (code >= 65 && code <= 70)
        return code - 55;
    return -1;
}
/** Bytes of an even-length hex string, or undefined if it is not hex. */
export function hexToBytes(hex) {
    if (hex.length % 2 !== 0)
        return undefined;
    const out = new Uint8Array(hex.length / 2);
    for (let i = 0; i < out.length; i++) {
        const high = nibble(hex.charCodeAt(2 * i));
        const low = nibble(hex.charCodeAt(2 * i + 1));
        if (high < 0 || low < 0)
            return undefined;
        out[i] = (high << 4) | low;
    }
    return out;
}
/** True for 1..maxChars digits that are all '0': the one way valid hex fails the model's id rules. */
export function isZeroDigits(text, maxChars) {
    if (text.length === 0 || text.length > maxChars)
        return false;
    for (let i = 0; i < text.length; i++)
        if (text.charCodeAt(i) !== 48)
            return false;
    return true;
}
/**
 * Canonical id from raw id bytes. Shorter inputs are left-padded (a 64-bit trace id is a 128-bit one with a zero
 * high half); longer ones and all-zero ids are refused.
 */
export function idFromBytes(bytes, width, field) {
    if (bytes.length > width)
        return { ok: false, reason: `${field}: ${bytes.length} bytes, expected ${width}` };
    try {
        if (width === 8)
            return { ok: true, id: spanIdFromBytes(bytes.length === 8 ? bytes : leftPad(bytes, 8), field) };
        const full = bytes.length === 16 || bytes.length === 8 ? bytes : leftPad(bytes, 16);
        return { ok: true, id: traceIdFromBytes(full, field) };
    }
    catch (e) {
        // The length is fine by now, so the model refused an all-zero id.
        if (e instanceof InvalidIdError)
            return { ok: false, reason: `${field}: all zeros` };
        throw e;
    }
}
function leftPad(bytes, width) {
    const padded = new Uint8Array(width);
    padded.set(bytes, width - bytes.length);
    return padded;
}
/** Canonical id from hex text of any case, length 1..width*2. */
export function idFromHex(text, width, field) {
    try {
        return { ok: true, id: width === 16 ? traceIdFromHex(text, field) : spanIdFromHex(text, field) };
    }
    catch (e) {
        if (!(e instanceof InvalidIdError))
            throw e;
        const chars = width * 2;
        if (isZeroDigits(text, chars))
            return { ok: false, reason: `${field}: all zeros` };
        return { ok: false, reason: `${field}: ${JSON.stringify(text.slice(0, 40))} is not ${chars} hex characters` };
    }
}
/** Raw bytes of an id: canonical ids through the model; other hex (zero, odd length) as far as it goes. */
export function idToBytes(id) {
    const length = id.length;
    if (length === 32 && isTraceId(id))
        return traceIdToBytes(id);
    if (length === 16 && isSpanId(id))
        return spanIdToBytes(id);
    return hexToBytes(length % 2 === 0 ? id : `0${id}`) ?? new Uint8Array(0);
}
//# sourceMappingURL=ids.js.map