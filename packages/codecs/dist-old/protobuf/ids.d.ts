export { TRACE_ID_HEX_LENGTH, SPAN_ID_HEX_LENGTH } from '@skein/model';
/** Lowercase hex of a byte range, as one flat string (see `asciiString`). */
export declare function bytesToHex(bytes: Uint8Array, start?: number, end?: number): string;
/** Bytes of an even-length hex string, or undefined if it is not hex. */
export declare function hexToBytes(hex: string): Uint8Array | undefined;
/** True for 1..maxChars digits that are all '0': the one way valid hex fails the model's id rules. */
export declare function isZeroDigits(text: string, maxChars: number): boolean;
export type IdResult = {
    ok: true;
    id: string;
} | {
    ok: false;
    reason: string;
};
/**
 * Canonical id from raw id bytes. Shorter inputs are left-padded (a 64-bit trace id is a 128-bit one with a zero
 * high half); longer ones and all-zero ids are refused.
 */
export declare function idFromBytes(bytes: Uint8Array, width: 8 | 16, field: string): IdResult;
/** Canonical id from hex text of any case, length 1..width*2. */
export declare function idFromHex(text: string, width: 8 | 16, field: string): IdResult;
/** Raw bytes of an id: canonical ids through the model; other hex (zero, odd length) as far as it goes. */
export declare function idToBytes(id: string): Uint8Array;
//# sourceMappingURL=ids.d.ts.map