import { describe, expect, it } from '@jest/globals';
import { partsToHex, wordsToHex128 } from './int64.js';
describe('thrift id words to hex', () => {
    it('formats signed and unsigned words, and zero as zeros', () => {
        expect(partsToHex(0, 0)).toBe('0000000000000000');
        expect(partsToHex(0xffffffff, 0xfffffffe)).toBe('fffffffffffffffe');
        expect(partsToHex(1, 0xab)).toBe('00000001000000ab');
        expect(wordsToHex128(0, 0, 0, 0)).toBe('0'.repeat(32));
        expect(wordsToHex128(0, 0, 0, 1)).toBe('0'.repeat(31) + '1');
        expect(wordsToHex128(0x80000000, 0, 0, 0xdeadbeef)).toBe('80000000' + '0'.repeat(16) + 'deadbeef');
    });
});
//# sourceMappingURL=int64.test.js.map