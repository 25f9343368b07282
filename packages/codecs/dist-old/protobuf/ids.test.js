import { describe, expect, it } from '@jest/globals';
import { idFromBytes, idFromHex, idToBytes } from './ids.js';
import { protoReader } from './reader.js';
import { ProtoWriter } from './writer.js';
const bytes = (...b) => Uint8Array.from(b);
describe('id results on top of the model helpers', () => {
    it('idFromBytes pads short ids, refuses long and all-zero ones with the codec reasons', () => {
        expect(idFromBytes(bytes(0xab, 0xcd), 8, 'spanId')).toEqual({ ok: true, id: '000000000000abcd' });
        expect(idFromBytes(bytes(1, 2, 3, 4, 5, 6, 7, 8), 16, 'traceId')).toEqual({ ok: true, id: '00000000000000000102030405060708' });
        expect(idFromBytes(bytes(1, 2, 3), 16, 'traceId')).toEqual({ ok: true, id: '00000000000000000000000000010203' });
        expect(idFromBytes(new Uint8Array(9), 8, 'spanId')).toEqual({ ok: false, reason: 'spanId: 9 bytes, expected 8' });
        expect(idFromBytes(new Uint8Array(16), 16, 'traceId')).toEqual({ ok: false, reason: 'traceId: all zeros' });
        expect(idFromBytes(new Uint8Array(0), 8, 'spanId')).toEqual({ ok: false, reason: 'spanId: all zeros' });
    });
    it('idFromHex lowercases and pads, and tells all-zero ids from malformed ones', () => {
        expect(idFromHex('ABC', 8, 'spanId')).toEqual({ ok: true, id: '0000000000000abc' });
        expect(idFromHex('000', 16, 'traceId')).toEqual({ ok: false, reason: 'traceId: all zeros' });
        expect(idFromHex('', 8, 'spanId')).toEqual({ ok: false, reason: 'spanId: "" is not 16 hex characters' });
        expect(idFromHex('00g', 8, 'spanId')).toEqual({ ok: false, reason: 'spanId: "00g" is not 16 hex characters' });
        expect(idFromHex('0'.repeat(17), 8, 'spanId')).toEqual({ ok: false, reason: `spanId: "${'0'.repeat(17)}" is not 16 hex characters` });
    });
    it('idToBytes and ProtoWriter.idField write canonical ids directly and other hex leniently', () => {
        expect(idToBytes('0102030405060708')).toEqual(bytes(1, 2, 3, 4, 5, 6, 7, 8));
        expect(idToBytes('abc')).toEqual(bytes(0x0a, 0xbc));
        expect(idToBytes('0000000000000000')).toEqual(new Uint8Array(8));
        for (const id of ['0102030405060708', '000102030405060708090a0b0c0d0e0f', 'ABCDEF0123456789', 'abc', '', '0000000000000000']) {
            const r = protoReader(new ProtoWriter().idField(1, id).finish(), 'test');
            expect(r.tag()).toBe(10);
            expect(r.bytesCopy()).toEqual(idToBytes(id));
            expect(r.more()).toBe(false);
        }
    });
});
//# sourceMappingURL=ids.test.js.map