/**
 * 64-bit integers travel as two uint32 halves (`hi`, `lo`) between the wire and the codecs, so ids become hex and
 * timestamps become numbers without a BigInt on the hot path.
 */
import { spanIdFromWords, traceIdFromWords } from '@skein/model';
export { partsToBigInt, partsToNumber } from '../int64-pair.js';
const TWO_32 = 4294967296;
const ZERO_HALF_HEX = '0000000000000000';
const ZERO_ID128_HEX = ZERO_HALF_HEX + ZERO_HALF_HEX;
/**
 * 16 hex digits of the pair. Non-zero values go through the model's table-driven id formatter; zero is allowed
 * here (the decoders decide what a zero id means) and answered with a constant.
 */
export function partsToHex(hi, lo) {
    return (hi | lo) === 0 ? ZERO_HALF_HEX : spanIdFromWords(hi, lo);
}
/** 32 hex digits of a 128-bit value given as four uint32 words, most significant first; zero allowed. */
export function wordsToHex128(w0, w1, w2, w3) {
    return (w0 | w1 | w2 | w3) === 0 ? ZERO_ID128_HEX : traceIdFromWords(w0, w1, w2, w3);
}
export function numberToParts(value, out) {
    if (!Number.isFinite(value))
        value = 0;
    const v = Math.trunc(value);
    if (Number.isSafeInteger(v)) {
        let hi = Math.floor(v / TWO_32);
        let lo = v - hi * TWO_32;
        out.hi = hi >>> 0;
        out.lo = lo >>> 0;
        return out;
    }
    return bigintToParts(BigInt(v), out);
}
export function bigintToParts(value, out) {
    const u = BigInt.asUintN(64, value);
    out.hi = Number(u >> 32n);
    out.lo = Number(u & 0xffffffffn);
    return out;
}
/** Up to 16 hex digits (no validation beyond that: callers pass canonical ids). */
export function hexToParts(hex, out) {
    const h = hex.length > 16 ? hex.slice(-16) : hex.padStart(16, '0');
    out.hi = parseInt(h.slice(0, 8), 16) >>> 0;
    out.lo = parseInt(h.slice(8), 16) >>> 0;
    if (Number.isNaN(out.hi) || Number.isNaN(out.lo))
        out.hi = out.lo = 0;
    return out;
}
//# sourceMappingURL=int64.js.map