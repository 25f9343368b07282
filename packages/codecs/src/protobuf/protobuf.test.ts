import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { DecodeError } from '../errors.js';
import { MAX_JSON_DEPTH, parseJsonPayload, ProtoReader, ProtoWriter, WireType, protoReader, utf8Length } from './index.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const fromHex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));

function readAll(bytes: Uint8Array, visit: (r: ProtoReader, tag: number) => void): void {
  const r = protoReader(bytes, 'test');
  while (r.more()) visit(r, r.tag());
}

describe('ProtoWriter golden bytes (protobuf encoding guide examples)', () => {
  it('writes field 1 = 150 as 08 96 01', () => {
    expect(hex(new ProtoWriter().tag(1, WireType.VARINT).uint32(150).finish())).toBe('089601');
  });
  it('writes field 2 = "testing" as 12 07 74 65 73 74 69 6e 67', () => {
    expect(hex(new ProtoWriter().stringField(2, 'testing').finish())).toBe('120774657374696e67');
  });
  it('writes a nested message field 3 { 1: 150 } as 1a 03 08 96 01', () => {
    const w = new ProtoWriter().messageField(3).tag(1, WireType.VARINT).uint32(150).ldelim();
    expect(hex(w.finish())).toBe('1a03089601');
  });
  it('writes negative int32 as ten bytes', () => {
    expect(hex(new ProtoWriter().int32(-1).finish())).toBe('ffffffffffffffffff01');
  });
  it('writes sint32 zigzag', () => {
    expect(hex(new ProtoWriter().sint32(-1).sint32(1).sint32(-2).finish())).toBe('010203');
  });
  it('grows the length prefix when a forked body exceeds 127 bytes', () => {
    const body = 'x'.repeat(300);
    const w = new ProtoWriter(4).messageField(1).stringField(2, body).ldelim();
    const bytes = w.finish();
    const r = protoReader(bytes, 'test');
    expect(r.tag()).toBe(0x0a);
    const inner = r.message();
    expect(inner.tag()).toBe(0x12);
    expect(inner.string()).toBe(body);
    expect(r.more()).toBe(false);
  });
  it('refuses finish with an open fork', () => {
    expect(() => new ProtoWriter().fork().finish()).toThrow(/open fork/);
  });
});

describe('ProtoReader round trips', () => {
  it('int64 / uint64 / sint64 at the extremes', () => {
    const values = [0n, 1n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 53n + 1n];
    for (const v of values) {
      const w = new ProtoWriter().int64(v).sint64(v).sfixed64(v).uint64(BigInt.asUintN(64, v)).fixed64(BigInt.asUintN(64, v));
      const r = protoReader(w.finish(), 'test');
      expect([r.int64(), r.sint64(), r.sfixed64(), r.uint64(), r.fixed64()]).toEqual([
        v,
        v,
        v,
        BigInt.asUintN(64, v),
        BigInt.asUintN(64, v),
      ]);
    }
  });

  it('property: every scalar kind round-trips', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
        fc.integer(),
        fc.double(),
        fc.string({ unit: 'grapheme' }),
        fc.uint8Array({ maxLength: 300 }),
        fc.boolean(),
        fc.maxSafeNat(),
        (i64, i32, dbl, str, bin, flag, safe) => {
          const w = new ProtoWriter(1)
            .int64(i64)
            .sint64(i64)
            .int32(i32)
            .sint32(i32)
            .sfixed32(i32)
            .double(dbl)
            .string(str)
            .bytes(bin)
            .bool(flag)
            .int64Number(safe)
            .fixed64Number(safe);
          const r = protoReader(w.finish(), 'test');
          expect(r.int64()).toBe(i64);
          expect(r.sint64()).toBe(i64);
          expect(r.int32()).toBe(i32);
          expect(r.sint32()).toBe(i32);
          expect(r.sfixed32()).toBe(i32);
          expect(Object.is(r.double(), dbl)).toBe(true);
          expect(r.string()).toBe(str);
          expect(hex(r.bytesCopy())).toBe(hex(bin));
          expect(r.bool()).toBe(flag);
          expect(r.uint64Number()).toBe(safe);
          expect(r.fixed64Number()).toBe(safe);
          expect(r.more()).toBe(false);
        },
      ),
    );
  });

  it('int64Number reads negative varints exactly within the safe range', () => {
    const r = protoReader(new ProtoWriter().int64(-123456789012n).finish(), 'test');
    expect(r.int64Number()).toBe(-123456789012);
  });

  it('fixed64NanosToMicros is exact where dividing a double is not', () => {
    const nanos = 1_700_000_000_123_456_999n;
    const r = protoReader(new ProtoWriter().fixed64(nanos).finish(), 'test');
    expect(r.fixed64NanosToMicros()).toBe(Number(nanos / 1000n));
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 53n * 1000n }), (n) => {
        const reader = protoReader(new ProtoWriter().fixed64(n).finish(), 'test');
        expect(reader.fixed64NanosToMicros()).toBe(Number(n / 1000n));
      }),
    );
  });

  it('utf8Length matches TextEncoder, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
      }),
    );
  });

  it('skips unknown fields of every wire type', () => {
    const w = new ProtoWriter()
      .tag(9, WireType.VARINT).int64(-5n)
      .tag(10, WireType.FIXED64).double(1.5)
      .tag(11, WireType.LENGTH_DELIMITED).string('skip me')
      .tag(12, WireType.FIXED32).fixed32(7)
      .stringField(1, 'kept');
    const seen: string[] = [];
    readAll(w.finish(), (r, tag) => {
      if (tag >>> 3 === 1) seen.push(r.string());
      else r.skip(tag & 7);
    });
    expect(seen).toEqual(['kept']);
  });

  it('reads packed and unpacked repeated scalars alike', () => {
    const packed = new ProtoWriter().messageField(4).uint32(1).uint32(300).uint32(3).ldelim();
    const unpacked = new ProtoWriter().tag(4, WireType.VARINT).uint32(1).tag(4, WireType.VARINT).uint32(300).tag(4, WireType.VARINT).uint32(3);
    for (const bytes of [packed.finish(), unpacked.finish()]) {
      const out: number[] = [];
      readAll(bytes, (r, tag) => r.repeated(tag, WireType.VARINT, (x) => x.uint32(), (v) => out.push(v)));
      expect(out).toEqual([1, 300, 3]);
    }
  });
});

describe('ProtoReader limits', () => {
  const expectDecodeError = (fn: () => unknown, pattern: RegExp): DecodeError => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(DecodeError);
      expect((error as Error).message).toMatch(pattern);
      return error as DecodeError;
    }
    throw new Error('expected a DecodeError');
  };

  it('truncated varint names the offset', () => {
    const error = expectDecodeError(() => protoReader(fromHex('0896'), 'test').tag() && protoReader(fromHex('96'), 'test').uint32(), /truncated varint/);
    expect(error.location.offset).toBe(0);
  });

  it('length prefix 2^31 is refused with the field path', () => {
    const bytes = fromHex('0a' + '8080808008' + '00');
    const error = expectDecodeError(() => {
      const r = protoReader(bytes, 'test');
      r.tag();
      r.message();
    }, /length prefix 2147483648 too large/);
    expect(error.location.field).toBe('#1');
  });

  it('length beyond the buffer is refused', () => {
    expectDecodeError(() => {
      const r = protoReader(fromHex('0a0501'), 'test');
      r.tag();
      r.string();
    }, /length 5 exceeds the 1 bytes left/);
  });

  it('nesting deeper than the limit is refused, and the path shows the chain', () => {
    let w = new ProtoWriter();
    for (let i = 0; i < 10; i++) w = w.messageField(1);
    for (let i = 0; i < 10; i++) w = w.ldelim();
    const bytes = w.finish();
    const error = expectDecodeError(() => {
      let r = protoReader(bytes, 'test', 5);
      for (;;) {
        r.tag();
        r = r.message();
      }
    }, /nesting deeper than 5/);
    expect(error.location.field).toBe('#1.#1.#1.#1.#1.#1');
  });

  it('messages entered in place count toward the depth limit and show in the path, mixed with sub-readers', () => {
    let w = new ProtoWriter();
    for (let i = 0; i < 10; i++) w = w.messageField(i % 2 ? 2 : 1);
    for (let i = 0; i < 10; i++) w = w.ldelim();
    const error = expectDecodeError(() => {
      let r = protoReader(w.finish(), 'test', 5);
      for (let level = 0; ; level++) {
        r.tag();
        if (level % 3 === 2) r = r.message();
        else r.enter();
      }
    }, /nesting deeper than 5/);
    expect(error.location.field).toBe('#1.#2.#1.#2.#1.#2');
  });

  it('leave goes past the unread rest of an entered message and restores the outer bounds and field', () => {
    const bytes = new ProtoWriter().messageField(3).tag(1, WireType.VARINT).int32(7).tag(2, WireType.VARINT).int32(8).ldelim().tag(4, WireType.VARINT).int32(9).finish();
    const r = protoReader(bytes, 'test');
    expect(r.tag() >>> 3).toBe(3);
    const outer = r.enter();
    expect(r.tag() >>> 3).toBe(1);
    expect(r.int32()).toBe(7);
    r.leave(outer);
    expect(r.field).toBe(3);
    expect(r.tag() >>> 3).toBe(4);
    expect(r.int32()).toBe(9);
    expect(r.more()).toBe(false);
  });

  it('a truncated entered message is refused before anything in it is read', () => {
    expectDecodeError(() => {
      const r = protoReader(fromHex('1a0508'), 'test');
      r.tag();
      r.enter();
    }, /length 5 exceeds the 1 bytes left/);
  });

  it('field number 0 and group wire types are refused', () => {
    expectDecodeError(() => protoReader(fromHex('00'), 'test').tag(), /invalid field number 0/);
    expectDecodeError(() => {
      const r = protoReader(fromHex('0b'), 'test');
      r.skip(r.tag() & 7);
    }, /unsupported wire type 3/);
  });

  it('an 11-byte varint is refused', () => {
    expectDecodeError(() => protoReader(fromHex('ffffffffffffffffffff01'), 'test').uint64(), /longer than 10 bytes/);
  });

  it('property: random bytes only ever raise DecodeError when walked generically', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const walk = (r: ProtoReader): void => {
          while (r.more()) {
            const tag = r.tag();
            if ((tag & 7) === WireType.LENGTH_DELIMITED && (tag >>> 3) % 2 === 0) walk(r.message());
            else r.skip(tag & 7);
          }
        };
        try {
          walk(protoReader(bytes, 'test', 8));
        } catch (error) {
          expect(error).toBeInstanceOf(DecodeError);
        }
      }),
    );
  });
});

describe('parseJsonPayload nesting limit', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  it(`refuses JSON nested deeper than ${MAX_JSON_DEPTH} levels fast, without parsing it`, () => {
    const deep = bytes('['.repeat(4_000_000));
    const started = performance.now();
    expect(() => parseJsonPayload(deep, 'otlp.json')).toThrow(`invalid JSON: nested deeper than ${MAX_JSON_DEPTH} levels`);
    const elapsed = performance.now() - started;
    const parseStarted = performance.now();
    expect(() => JSON.parse('['.repeat(4_000_000))).toThrow();
    // The refusal stops at the first bracket over the limit; JSON.parse reads all four million.
    expect(elapsed).toBeLessThan((performance.now() - parseStarted) / 10);
  });

  it(`accepts ${MAX_JSON_DEPTH} levels, and brackets and escaped quotes inside strings do not count`, () => {
    expect(parseJsonPayload(bytes(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`), 'x')).toBeDefined();
    const tricky = `{"a":"${'['.repeat(500)}\\"${'{'.repeat(500)}"}`;
    expect(parseJsonPayload(bytes(tricky), 'x')).toEqual(JSON.parse(tricky));
  });
});
