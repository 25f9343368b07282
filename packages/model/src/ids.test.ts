import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { InvalidIdError, ModelError } from './errors.js';
import {
  formatJaegerTraceId,
  isSpanId,
  isTraceId,
  spanIdFromBytes,
  spanIdFromHex,
  spanIdFromInt64,
  spanIdFromWords,
  spanIdToBytes,
  spanIdToInt64,
  toSpanId,
  toTraceId,
  traceIdFromBytes,
  traceIdFromHex,
  traceIdFromHighLow,
  traceIdFromWords,
  traceIdToBytes,
  traceIdToHighLow,
  writeIdBytes,
} from './ids.js';
import { spanIdArb, traceIdArb } from './testing/span-arbitrary.js';

const FULL = '4bf92f3577b34da6a3ce929d0e0e4736';

function caught(run: () => unknown): InvalidIdError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidIdError) return error;
    throw error;
  }
  throw new Error('expected an InvalidIdError');
}

describe('hex ids', () => {
  it('keeps a canonical trace id as is', () => {
    expect(traceIdFromHex(FULL)).toBe(FULL);
  });

  it('lowercases and left-pads with zeros', () => {
    expect(traceIdFromHex('ABC')).toBe('00000000000000000000000000000abc');
    expect(traceIdFromHex('A3CE929D0E0E4736')).toBe('0000000000000000a3ce929d0e0e4736');
    expect(spanIdFromHex('1')).toBe('0000000000000001');
    expect(spanIdFromHex('00F067AA0BA902B7')).toBe('00f067aa0ba902b7');
  });

  it('accepts odd lengths (a high half shorter than 16 digits)', () => {
    expect(traceIdFromHex('1a3ce929d0e0e4736')).toBe('0000000000000001a3ce929d0e0e4736');
    expect(spanIdFromHex('abcde')).toBe('00000000000abcde');
  });

  it('rejects ids that are too long, naming the field and the input', () => {
    const error = caught(() => traceIdFromHex(`${FULL}0`, 'references[0].traceId'));
    expect(error).toBeInstanceOf(ModelError);
    expect(error.field).toBe('references[0].traceId');
    expect(error.message).toContain('references[0].traceId');
    expect(error.message).toContain('33 hex digits');
    expect(error.input).toBe(JSON.stringify(`${FULL}0`));
    expect(() => spanIdFromHex('0123456789abcdef0')).toThrow(/at most 16/);
  });

  it('rejects non-hex characters with their position', () => {
    expect(() => spanIdFromHex('00f067aa0ba9z2b7')).toThrow(/"z" at index 12/);
    expect(() => traceIdFromHex('0x1234')).toThrow(/"x" at index 1/);
    expect(() => traceIdFromHex(' 1234')).toThrow(InvalidIdError);
    expect(() => traceIdFromHex('12-4')).toThrow(InvalidIdError);
    expect(() => spanIdFromHex('１２')).toThrow(InvalidIdError); // full-width digits
    expect(() => spanIdFromHex('g')).toThrow(InvalidIdError);
    expect(() => spanIdFromHex('G')).toThrow(InvalidIdError);
  });

  it('rejects empty and all-zero ids', () => {
    expect(() => traceIdFromHex('')).toThrow(/empty/);
    expect(() => traceIdFromHex('0')).toThrow(/all zeros/);
    expect(() => traceIdFromHex('0'.repeat(32))).toThrow(/all zeros/);
    expect(() => spanIdFromHex('0000000000000000', 'spanId')).toThrow(/^spanId: id must not be all zeros/);
  });

  it('rejects non-strings with a typed error', () => {
    expect(() => traceIdFromHex(123 as unknown as string)).toThrow(InvalidIdError);
  });

  it('truncates and escapes long hostile input in the message', () => {
    const hostile = `\n${'x'.repeat(10_000)}`;
    const error = caught(() => spanIdFromHex(hostile));
    expect(error.message.length).toBeLessThan(200);
    expect(error.message).not.toContain('\n');
    expect(error.message).toContain('10001 chars');
  });
});

describe('byte ids', () => {
  it('reads 16 and 8 bytes big-endian, padding 8-byte trace ids', () => {
    expect(traceIdFromBytes(Buffer.from(FULL, 'hex'))).toBe(FULL);
    expect(traceIdFromBytes(Buffer.from('a3ce929d0e0e4736', 'hex'))).toBe(`${'0'.repeat(16)}a3ce929d0e0e4736`);
    expect(spanIdFromBytes(new Uint8Array([0, 0xf0, 0x67, 0xaa, 0x0b, 0xa9, 0x02, 0xb7]))).toBe('00f067aa0ba902b7');
  });

  it('reads a view into a larger buffer at its offset', () => {
    const big = Buffer.from(`ffff${FULL}ffff`, 'hex');
    expect(traceIdFromBytes(big.subarray(2, 18))).toBe(FULL);
  });

  it('rejects other lengths and all zeros', () => {
    expect(() => traceIdFromBytes(new Uint8Array(12))).toThrow(/8 or 16 bytes/);
    expect(() => spanIdFromBytes(new Uint8Array(16))).toThrow(/8 bytes/);
    expect(() => spanIdFromBytes(new Uint8Array(8))).toThrow(/all zeros/);
    expect(() => traceIdFromBytes(new Uint8Array(16))).toThrow(/all zeros/);
    expect(caught(() => traceIdFromBytes(new Uint8Array(12))).input).toBe('12 bytes 0x000000000000000000000000');
  });
});

describe('int64 ids', () => {
  it('reads signed halves as Jaeger Thrift sends them', () => {
    expect(traceIdFromHighLow(-1n, -2n)).toBe('fffffffffffffffffffffffffffffffe');
    expect(traceIdFromHighLow(0n, 1n)).toBe('00000000000000000000000000000001');
    expect(traceIdFromHighLow(-(2n ** 63n), 0n)).toBe('80000000000000000000000000000000');
    expect(spanIdFromInt64(-1n)).toBe('ffffffffffffffff');
    expect(spanIdFromInt64(2n ** 63n - 1n)).toBe('7fffffffffffffff');
  });

  it('reads unsigned halves', () => {
    expect(traceIdFromHighLow(2n ** 64n - 1n, 2n ** 63n)).toBe('ffffffffffffffff8000000000000000');
    expect(spanIdFromInt64(0xa3ce929d0e0e4736n)).toBe('a3ce929d0e0e4736');
  });

  it('reads safe-integer numbers, negative ones as two’s complement', () => {
    expect(spanIdFromInt64(255)).toBe('00000000000000ff');
    expect(spanIdFromInt64(-2)).toBe('fffffffffffffffe');
    expect(spanIdFromInt64(-(2 ** 53) + 1)).toBe('ffe0000000000001');
    expect(traceIdFromHighLow(0, Number.MAX_SAFE_INTEGER)).toBe(`${'0'.repeat(16)}001fffffffffffff`);
  });

  it('rejects out-of-range, unsafe and zero values', () => {
    expect(() => spanIdFromInt64(2n ** 64n)).toThrow(/range/);
    expect(() => spanIdFromInt64(-(2n ** 63n) - 1n)).toThrow(/range/);
    expect(() => spanIdFromInt64(2 ** 60)).toThrow(/safe integer/);
    expect(() => spanIdFromInt64(1.5)).toThrow(/safe integer/);
    expect(() => spanIdFromInt64(0n)).toThrow(/all zeros/);
    expect(() => traceIdFromHighLow(0n, 0)).toThrow(/all zeros/);
  });

  it('reads 32-bit words, signed or unsigned', () => {
    expect(spanIdFromWords(-1, 0xfffffffe)).toBe('fffffffffffffffe');
    expect(spanIdFromWords(0, 1)).toBe('0000000000000001');
    expect(traceIdFromWords(0x4bf92f35, 0x77b34da6, -0x5c316d63, 0x0e0e4736)).toBe(FULL);
    expect(() => spanIdFromWords(2 ** 32, 0)).toThrow(/32-bit word/);
    expect(() => spanIdFromWords(0, 0)).toThrow(/all zeros/);
  });

  it('writes halves back as signed int64s', () => {
    expect(traceIdToHighLow('fffffffffffffffffffffffffffffffe')).toEqual({ high: -1n, low: -2n });
    expect(traceIdToHighLow(FULL)).toEqual({ high: 0x4bf92f3577b34da6n, low: BigInt.asIntN(64, 0xa3ce929d0e0e4736n) });
    expect(spanIdToInt64('8000000000000000')).toBe(-(2n ** 63n));
    expect(spanIdToInt64('00000000000000ff')).toBe(255n);
  });
});

describe('any form', () => {
  it('dispatches on the input type', () => {
    expect(toTraceId('ABC')).toBe(traceIdFromHex('abc'));
    expect(toTraceId(Buffer.from(FULL, 'hex'))).toBe(FULL);
    expect(toTraceId({ high: 0n, low: 5 })).toBe(`${'0'.repeat(31)}5`);
    expect(toSpanId(5n)).toBe('0000000000000005');
    expect(toSpanId('f')).toBe('000000000000000f');
  });

  it('rejects anything else, naming the field', () => {
    expect(() => toTraceId(null, 'spans[1].traceId')).toThrow(/^spans\[1\]\.traceId: trace id must be/);
    expect(() => toTraceId({ high: '1', low: 2 })).toThrow(InvalidIdError);
    expect(() => toSpanId([1, 2], 'spanId')).toThrow(/got array\(2\)/);
  });
});

describe('reverse conversions', () => {
  it('writes bytes, into a fresh array or a given buffer', () => {
    expect(Buffer.from(traceIdToBytes(FULL)).toString('hex')).toBe(FULL);
    expect(Array.from(spanIdToBytes('00f067aa0ba902b7'))).toEqual([0, 0xf0, 0x67, 0xaa, 0x0b, 0xa9, 0x02, 0xb7]);
    const target = new Uint8Array(26);
    expect(writeIdBytes(FULL, target, 1)).toBe(17);
    expect(writeIdBytes('00f067aa0ba902b7', target, 17)).toBe(25);
    expect(Buffer.from(target).toString('hex')).toBe(`00${FULL}00f067aa0ba902b700`);
    expect(() => writeIdBytes(FULL, target, 20)).toThrow(/no room/);
  });

  it('refuses ids that are not canonical', () => {
    expect(() => traceIdToBytes('ABC')).toThrow(InvalidIdError);
    expect(() => spanIdToBytes('00F067AA0BA902B7')).toThrow(/canonical span id/);
    expect(() => spanIdToInt64('0000000000000000')).toThrow(InvalidIdError);
  });

  it('formats trace ids as Jaeger prints them', () => {
    expect(formatJaegerTraceId(FULL)).toBe(FULL);
    expect(formatJaegerTraceId(`${'0'.repeat(16)}00000000000000ab`)).toBe('00000000000000ab');
    expect(formatJaegerTraceId(`${'0'.repeat(15)}1${'0'.repeat(16)}`)).toBe(`${'0'.repeat(15)}1${'0'.repeat(16)}`);
  });

  it('recognises canonical ids only', () => {
    expect(isTraceId(FULL)).toBe(true);
    expect(isTraceId(FULL.toUpperCase())).toBe(false);
    expect(isTraceId('0'.repeat(32))).toBe(false);
    expect(isSpanId('00f067aa0ba902b7')).toBe(true);
    expect(isSpanId('0f067aa0ba902b7')).toBe(false);
    expect(isSpanId(42)).toBe(false);
  });
});

describe('round trips (property)', () => {
  it('hex → bytes → hex and hex → int64s → hex are identities', () => {
    fc.assert(
      fc.property(traceIdArb, spanIdArb, (traceId, spanId) => {
        expect(traceIdFromBytes(traceIdToBytes(traceId))).toBe(traceId);
        const { high, low } = traceIdToHighLow(traceId);
        expect(traceIdFromHighLow(high, low)).toBe(traceId);
        expect(traceIdFromHighLow(BigInt.asUintN(64, high), BigInt.asUintN(64, low))).toBe(traceId);
        expect(spanIdFromBytes(spanIdToBytes(spanId))).toBe(spanId);
        expect(spanIdFromInt64(spanIdToInt64(spanId))).toBe(spanId);
        expect(traceIdFromHex(formatJaegerTraceId(traceId))).toBe(traceId);
      }),
    );
  });

  it('any case and any leading-zero trimming parse to the same id', () => {
    fc.assert(
      fc.property(traceIdArb, fc.boolean(), (traceId, upper) => {
        const trimmed = traceId.replace(/^0+/, '');
        expect(traceIdFromHex(upper ? trimmed.toUpperCase() : trimmed)).toBe(traceId);
      }),
    );
  });

  it('parses exactly the strings that look like hex ids', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        const valid = /^[0-9a-fA-F]{1,16}$/.test(text) && /[1-9a-fA-F]/.test(text);
        if (valid) expect(spanIdFromHex(text)).toBe(text.toLowerCase().padStart(16, '0'));
        else expect(() => spanIdFromHex(text)).toThrow(InvalidIdError);
      }),
    );
  });
});
