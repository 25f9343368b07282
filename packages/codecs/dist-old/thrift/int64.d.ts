/**
 * 64-bit integers travel as two uint32 halves (`hi`, `lo`) between the wire and the codecs, so ids become hex and
 * timestamps become numbers without a BigInt on the hot path.
 */
export { partsToBigInt, partsToNumber } from '../int64-pair.js';
/**
 * 16 hex digits of the pair. Non-zero values go through the model's table-driven id formatter; zero is allowed
 * here (the decoders decide what a zero id means) and answered with a constant.
 */
export declare function partsToHex(hi: number, lo: number): string;
/** 32 hex digits of a 128-bit value given as four uint32 words, most significant first; zero allowed. */
export declare function wordsToHex128(w0: number, w1: number, w2: number, w3: number): string;
/** Result holder for the conversions below, reused to avoid allocating per value. */
export interface Int64Parts {
    hi: number;
    lo: number;
}
export declare function numberToParts(value: number, out: Int64Parts): Int64Parts;
export declare function bigintToParts(value: bigint, out: Int64Parts): Int64Parts;
/** Up to 16 hex digits (no validation beyond that: callers pass canonical ids). */
export declare function hexToParts(hex: string, out: Int64Parts): Int64Parts;
//# sourceMappingURL=int64.d.ts.map