import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { partsToBigInt, partsToNumber, partsToUnsignedBigInt } from './int64-pair.js';
const words = (value) => {
    const unsigned = BigInt.asUintN(64, value);
    return [Number(unsigned >> 32n), Number(unsigned & 0xffffffffn)];
};
describe('int64 word pairs', () => {
    it('are exact on both sides of the small-value fast path (±2^53) and at the int64 extremes', () => {
        const edges = [0n, 1n, -1n, 2n ** 32n - 1n, 2n ** 32n, -(2n ** 32n), 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n];
        const values = [...edges, ...edges.map((v) => -v), 2n ** 63n - 1n, -(2n ** 63n)];
        for (const value of values) {
            const [hi, lo] = words(value);
            expect(partsToBigInt(hi, lo)).toBe(value);
            expect(partsToUnsignedBigInt(hi, lo)).toBe(BigInt.asUintN(64, value));
        }
    });
    it('match BigInt arithmetic for any 64-bit value', () => {
        fc.assert(fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (value) => {
            const [hi, lo] = words(value);
            expect(partsToBigInt(hi, lo)).toBe(value);
            expect(partsToUnsignedBigInt(hi, lo)).toBe(BigInt.asUintN(64, value));
            if (value >= -(2n ** 53n) && value <= 2n ** 53n)
                expect(partsToNumber(hi, lo)).toBe(Number(value));
        }), { numRuns: 2000 });
    });
});
//# sourceMappingURL=int64-pair.test.js.map