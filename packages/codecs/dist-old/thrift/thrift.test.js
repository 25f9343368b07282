import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DecodeError } from '../errors.js';
import { BinaryReader } from './binary-reader.js';
import { BinaryWriter } from './binary-writer.js';
import { CompactReader } from './compact-reader.js';
import { CompactWriter } from './compact-writer.js';
import { bigintToParts, partsToBigInt } from './int64.js';
import { MessageType, TType } from './types.js';
const bytes = (...b) => Uint8Array.from(b);
const compact = (b, limits = {}) => new CompactReader('test.compact', b, limits);
const binary = (b, limits = {}) => new BinaryReader('test.binary', b, limits);
function catchError(fn) {
    try {
        fn();
    }
    catch (e) {
        return e;
    }
    throw new Error('expected an error');
}
describe('TCompactProtocol golden bytes', () => {
    it('reads zigzag varints for i32 and i64', () => {
        const r = compact(bytes(0x01, 0x02, 0xd0, 0x0f, 0x01));
        expect(r.readI32()).toBe(-1);
        expect(r.readI32()).toBe(1);
        expect(r.readI32()).toBe(1000);
        r.readI64Parts();
        expect(partsToBigInt(r.hi, r.lo)).toBe(-1n);
    });
    it('reads the extreme i64 values from 10-byte varints', () => {
        // zigzag(INT64_MIN) = 2^64-1: nine 0xff then 0x01
        const r = compact(bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01));
        r.readI64Parts();
        expect(partsToBigInt(r.hi, r.lo)).toBe(-(2n ** 63n));
        r.readI64Parts();
        expect(partsToBigInt(r.hi, r.lo)).toBe(2n ** 63n - 1n);
    });
    it('reads field-id deltas, long-form ids and bools folded into the field type', () => {
        // struct { 1: bool true, 3: bool false, 300: i32 5 } → 0x11, 0x22, long form: type 5, zigzag i16 600 = 0xd8 0x04, value 0x0a
        const r = compact(bytes(0x11, 0x22, 0x05, 0xd8, 0x04, 0x0a, 0x00));
        r.readStructBegin();
        expect(r.readFieldBegin()).toBe(TType.BOOL);
        expect(r.fieldId).toBe(1);
        expect(r.readBool()).toBe(true);
        expect(r.readFieldBegin()).toBe(TType.BOOL);
        expect(r.fieldId).toBe(3);
        expect(r.readBool()).toBe(false);
        expect(r.readFieldBegin()).toBe(TType.I32);
        expect(r.fieldId).toBe(300);
        expect(r.readI32()).toBe(5);
        expect(r.readFieldBegin()).toBe(TType.STOP);
    });
    it('reads short and long list headers, map headers and little-endian doubles', () => {
        const r = compact(bytes(0x38, 0x00, 0x02, 0x58, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf8, 0x3f, 0xf5, 0x14, ...new Array(20).fill(0)));
        expect(r.readListBegin()).toBe(3);
        expect(r.elemType).toBe(TType.STRING);
        expect(r.readMapBegin()).toBe(0);
        expect(r.readMapBegin()).toBe(2);
        expect([r.keyType, r.valueType]).toEqual([TType.I32, TType.STRING]);
        expect(r.readDouble()).toBe(1.5);
        expect(r.readListBegin()).toBe(20);
        expect(r.elemType).toBe(TType.I32);
    });
    it('reads a message header: protocol id 0x82, version 1, type in the top 3 bits', () => {
        const r = compact(bytes(0x82, 0x81, 0x07, 0x02, 0x68, 0x69));
        expect(r.readMessageBegin()).toEqual({ name: 'hi', type: MessageType.ONEWAY, seqId: 7 });
    });
    it('writes the same bytes it is specified to read', () => {
        const w = new CompactWriter();
        w.writeMessageBegin('hi', MessageType.ONEWAY, 7);
        w.writeStructBegin();
        w.writeFieldBegin(TType.BOOL, 1);
        w.writeBool(true);
        w.writeFieldBegin(TType.I32, 300);
        w.writeI32(5);
        w.writeFieldBegin(TType.LIST, 301);
        w.writeListBegin(TType.I32, 20);
        w.writeFieldStop();
        w.writeStructEnd();
        expect([...w.finish()]).toEqual([0x82, 0x81, 0x07, 0x02, 0x68, 0x69, 0x11, 0x05, 0xd8, 0x04, 0x0a, 0x19, 0xf5, 0x14, 0x00]);
    });
});
describe('TBinaryProtocol golden bytes', () => {
    it('reads big-endian fields and a strict message header', () => {
        const r = binary(bytes(0x80, 0x01, 0x00, 0x04, 0, 0, 0, 2, 0x68, 0x69, 0, 0, 0, 9, 0x0a, 0x00, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0x00));
        expect(r.readMessageBegin()).toEqual({ name: 'hi', type: MessageType.ONEWAY, seqId: 9 });
        r.readStructBegin();
        expect(r.readFieldBegin()).toBe(TType.I64);
        expect(r.fieldId).toBe(1);
        r.readI64Parts();
        expect(partsToBigInt(r.hi, r.lo)).toBe(-2n);
        expect(r.readFieldBegin()).toBe(TType.STOP);
    });
    it('reads the old non-strict message header (name length first)', () => {
        const r = binary(bytes(0, 0, 0, 2, 0x68, 0x69, 0x01, 0, 0, 0, 3));
        expect(r.readMessageBegin()).toEqual({ name: 'hi', type: MessageType.CALL, seqId: 3 });
    });
    it('rejects an unknown strict version', () => {
        const e = catchError(() => binary(bytes(0x80, 0x02, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0)).readMessageBegin());
        expect(e).toBeInstanceOf(DecodeError);
        expect(e.message).toContain('0x80020001');
    });
    it('writes a strict header and big-endian doubles', () => {
        const w = new BinaryWriter();
        w.writeMessageBegin('hi', MessageType.ONEWAY, 9);
        w.writeDouble(1.5);
        expect([...w.finish()]).toEqual([0x80, 0x01, 0x00, 0x04, 0, 0, 0, 2, 0x68, 0x69, 0, 0, 0, 9, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0]);
    });
});
const protocols = [
    ['binary', () => new BinaryWriter(), (b) => binary(b)],
    ['compact', () => new CompactWriter(), (b) => compact(b)],
];
describe.each(protocols)('%s protocol round trips', (_name, makeWriter, makeReader) => {
    it('round-trips scalars of every kind', () => {
        const parts = { hi: 0, lo: 0 };
        fc.assert(fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.double({ noNaN: true }), fc.string({ unit: 'grapheme', maxLength: 80 }), fc.integer({ min: -32768, max: 32767 }), fc.boolean(), (i32, i64, dbl, str, i16, bool) => {
            const w = makeWriter();
            w.writeStructBegin();
            w.writeFieldBegin(TType.I32, 1);
            w.writeI32(i32);
            w.writeFieldBegin(TType.I64, 2);
            bigintToParts(i64, parts);
            w.writeI64Parts(parts.hi, parts.lo);
            w.writeFieldBegin(TType.DOUBLE, 20);
            w.writeDouble(dbl);
            w.writeFieldBegin(TType.STRING, 21);
            w.writeString(str);
            w.writeFieldBegin(TType.I16, 5);
            w.writeI16(i16);
            w.writeFieldBegin(TType.BOOL, 6);
            w.writeBool(bool);
            w.writeFieldStop();
            w.writeStructEnd();
            const r = makeReader(w.finish());
            r.readStructBegin();
            const got = [];
            for (let t = r.readFieldBegin(); t !== TType.STOP; t = r.readFieldBegin()) {
                if (t === TType.I32)
                    got.push(r.readI32());
                else if (t === TType.I64) {
                    r.readI64Parts();
                    got.push(partsToBigInt(r.hi, r.lo));
                }
                else if (t === TType.DOUBLE)
                    got.push(r.readDouble());
                else if (t === TType.STRING)
                    got.push(r.readString());
                else if (t === TType.I16)
                    got.push(r.readI16());
                else if (t === TType.BOOL)
                    got.push(r.readBool());
            }
            expect(got).toEqual([i32, i64, dbl, str, i16, bool]);
            expect(r.remaining()).toBe(0);
        }), { numRuns: 300 });
    });
    it('skips unknown nested structures, lists and maps', () => {
        const w = makeWriter();
        w.writeStructBegin();
        w.writeFieldBegin(TType.MAP, 1);
        w.writeMapBegin(TType.STRING, TType.LIST, 1);
        w.writeString('k');
        w.writeListBegin(TType.BOOL, 2);
        w.writeBool(true);
        w.writeBool(false);
        w.writeFieldBegin(TType.STRUCT, 2);
        w.writeStructBegin();
        w.writeFieldBegin(TType.SET, 1);
        w.writeListBegin(TType.DOUBLE, 1);
        w.writeDouble(2.5);
        w.writeFieldStop();
        w.writeStructEnd();
        w.writeFieldBegin(TType.I32, 3);
        w.writeI32(42);
        w.writeFieldStop();
        w.writeStructEnd();
        const r = makeReader(w.finish());
        r.readStructBegin();
        let value;
        for (let t = r.readFieldBegin(); t !== TType.STOP; t = r.readFieldBegin()) {
            if (r.fieldId === 3)
                value = r.readI32();
            else
                r.skip(t);
        }
        expect(value).toBe(42);
    });
});
describe('hostile input', () => {
    it('refuses a declared list size of 2^31-1 without allocating', () => {
        const e = catchError(() => binary(bytes(0x0c, 0x7f, 0xff, 0xff, 0xff, 0x00)).skip(TType.LIST));
        expect(e).toBeInstanceOf(DecodeError);
        expect(e.location.offset).toBe(0);
        expect(e.detail).toMatch(/container size 2147483647/);
    });
    it('refuses a negative (2^31 as i32) list size', () => {
        const e = catchError(() => binary(bytes(0x0c, 0x80, 0x00, 0x00, 0x00)).skip(TType.LIST));
        expect(e.detail).toMatch(/negative container size/);
    });
    it('refuses compact list sizes beyond the configured limit', () => {
        const e = catchError(() => compact(bytes(0xf5, 0x80, 0x80, 0x80, 0x80, 0x08), { maxContainerSize: 10 }).skip(TType.LIST));
        expect(e.detail).toMatch(/exceeds limit 10|cannot fit/);
    });
    it('refuses a string length beyond the buffer', () => {
        const e = catchError(() => compact(bytes(0xff, 0x07, 0x61)).readString());
        expect(e).toBeInstanceOf(DecodeError);
        expect(e.detail).toMatch(/string length 1023 exceeds the 1 bytes left/);
        const huge = catchError(() => compact(bytes(0xff, 0xff, 0xff, 0xff, 0x07, 0x61)).readString());
        expect(huge.detail).toMatch(/string length 2147483647 exceeds limit/);
        const e2 = catchError(() => binary(bytes(0x00, 0x00, 0x10, 0x00, 0x61)).readString());
        expect(e2.detail).toMatch(/string length 4096/);
    });
    it('refuses nesting deeper than the limit', () => {
        // compact: field 1 STRUCT (0x1c) repeated 200 times
        const deep = new Uint8Array(200).fill(0x1c);
        const e = catchError(() => compact(deep, { maxDepth: 32 }).skip(TType.STRUCT));
        expect(e.detail).toMatch(/nesting deeper than limit 32/);
        // binary: lists of lists
        const lists = new Uint8Array(5 * 200);
        for (let i = 0; i < 200; i++)
            lists.set([0x0f, 0, 0, 0, 1], i * 5);
        const e2 = catchError(() => binary(lists).skip(TType.LIST));
        expect(e2.detail).toMatch(/nesting deeper than limit 64/);
    });
    it('refuses overlong varints', () => {
        const e = catchError(() => compact(new Uint8Array(12).fill(0xff)).readI64Parts());
        expect(e.detail).toMatch(/varint64 longer than 10 bytes/);
    });
    it.each(protocols)('%s: random bytes only ever raise DecodeError', (_n, _w, makeReader) => {
        fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom(TType.STRUCT, TType.LIST, TType.MAP), (b, type) => {
            try {
                makeReader(b).skip(type);
            }
            catch (e) {
                expect(e).toBeInstanceOf(DecodeError);
            }
        }), { numRuns: 2000 });
    });
});
//# sourceMappingURL=thrift.test.js.map