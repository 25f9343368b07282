const decoder = new TextDecoder('utf-8', { fatal: false });
const encoder = new TextEncoder();
/** Node's `Buffer#latin1Slice`: undocumented but long-standing, accepts any Uint8Array, one native call. */
const latin1Slice = globalThis.Buffer?.prototype?.latin1Slice;
/**
 * Up to here a JS scan for ASCII plus one native copy beats TextDecoder (≈1.7× at 10–200 bytes); TextDecoder
 * catches up near 1 KB.
 */
const ASCII_FAST_PATH_LIMIT = 512;
/**
 * An all-ASCII byte range as a string. Built in one piece on purpose: strings grown by `+=` are V8 cons-strings
 * (ropes), and every later regex, compare or hash of one pays to flatten it first (3× the collector's decode time).
 */
export function asciiString(bytes, start, end) {
    if (latin1Slice !== undefined)
        return latin1Slice.call(bytes, start, end);
    return String.fromCharCode.apply(null, bytes.subarray(start, end));
}
/** Decodes UTF-8; invalid sequences become U+FFFD, as protobuf runtimes commonly do for proto3 strings. */
export function decodeUtf8(bytes, start, end) {
    if (end - start <= ASCII_FAST_PATH_LIMIT) {
        let bits = 0;
        for (let i = start; i < end; i++)
            bits |= bytes[i];
        if (bits < 0x80)
            return asciiString(bytes, start, end);
    }
    return decoder.decode(bytes.subarray(start, end));
}
/** Exact UTF-8 byte length of a JS string (lone surrogates count as U+FFFD, 3 bytes, as TextEncoder writes them). */
export function utf8Length(text) {
    let length = 0;
    for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code < 0x80)
            length += 1;
        else if (code < 0x800)
            length += 2;
        else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
            const next = text.charCodeAt(i + 1);
            if (next >= 0xdc00 && next <= 0xdfff) {
                length += 4;
                i++;
            }
            else
                length += 3;
        }
        else
            length += 3;
    }
    return length;
}
export function encodeUtf8Into(text, target, offset) {
    return encoder.encodeInto(text, target.subarray(offset)).written;
}
export function encodeUtf8(text) {
    return encoder.encode(text);
}
//# sourceMappingURL=utf8.js.map