import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decodeUtf8Cached } from './string-cache.js';
import { decodeUtf8 } from './utf8.js';
const reference = new TextDecoder('utf-8', { fatal: false });
describe('decodeUtf8 and its cache', () => {
    it('equal TextDecoder for any bytes, at any offset, around the 8-byte chunks and the fast-path limit', () => {
        fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 70 }).map((s) => new TextEncoder().encode(s))), fc.nat(3), (bytes, pad) => {
            const padded = new Uint8Array(pad + bytes.length + pad);
            padded.set(bytes, pad);
            const expected = reference.decode(bytes);
            expect(decodeUtf8(padded, pad, pad + bytes.length)).toBe(expected);
            expect(decodeUtf8Cached(padded, pad, pad + bytes.length)).toBe(expected);
            // A second read may come from the cache and must still be right.
            expect(decodeUtf8Cached(padded, pad, pad + bytes.length)).toBe(expected);
        }), { numRuns: 3000 });
    });
    it('never answers from the cache for different bytes (colliding slots, non-ASCII, invalid UTF-8)', () => {
        const inputs = ['http.method', 'http.methoe', 'caf\u00e9', '\u00e9caf', 'a\u0080b'].map((s) => new TextEncoder().encode(s));
        inputs.push(Uint8Array.from([0x61, 0x80, 0x62]), Uint8Array.from([0xc3, 0xa9, 0x61]));
        for (let round = 0; round < 3; round++) {
            for (const bytes of inputs)
                expect(decodeUtf8Cached(bytes, 0, bytes.length)).toBe(reference.decode(bytes));
        }
    });
    it('equal TextDecoder around the 512-byte ASCII fast-path limit, on Uint8Array and Buffer inputs', () => {
        for (const length of [13, 200, 511, 512, 513, 1000]) {
            for (const tail of ['', '\u00e9', '\ufffd']) {
                const bytes = new TextEncoder().encode(`${'k'.repeat(length)}${tail}`);
                const padded = Buffer.concat([Buffer.from('xy'), bytes, Buffer.from('z')]);
                const expected = reference.decode(bytes);
                expect(decodeUtf8(bytes, 0, bytes.length)).toBe(expected);
                expect(decodeUtf8(padded, 2, 2 + bytes.length)).toBe(expected);
                expect(decodeUtf8(new Uint8Array(padded), 2, 2 + bytes.length)).toBe(expected);
            }
        }
    });
});
//# sourceMappingURL=strings.test.js.map