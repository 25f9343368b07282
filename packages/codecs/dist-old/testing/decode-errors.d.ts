/** Runs `action`; if it throws, the error must be a DecodeError (hostile input may fail, but only that way). */
export declare function expectOnlyDecodeError(action: () => unknown): void;
/** Decodes every prefix of a valid payload: each must decode or fail with a DecodeError. */
export declare function expectTruncationsOnlyRaiseDecodeError(decode: (payload: Uint8Array) => unknown, valid: Uint8Array): void;
//# sourceMappingURL=decode-errors.d.ts.map