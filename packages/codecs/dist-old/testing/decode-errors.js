import { expect } from '@jest/globals';
import { DecodeError } from '../errors.js';
/** Runs `action`; if it throws, the error must be a DecodeError (hostile input may fail, but only that way). */
export function expectOnlyDecodeError(action) {
    try {
        action();
    }
    catch (error) {
        expect(error).toBeInstanceOf(DecodeError);
    }
}
/** Decodes every prefix of a valid payload: each must decode or fail with a DecodeError. */
export function expectTruncationsOnlyRaiseDecodeError(decode, valid) {
    for (let cut = 0; cut < valid.length; cut++)
        expectOnlyDecodeError(() => decode(valid.subarray(0, cut)));
}
//# sourceMappingURL=decode-errors.js.map