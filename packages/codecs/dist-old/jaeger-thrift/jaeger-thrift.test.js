import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DecodeError } from '../errors.js';
import { expectOnlyDecodeError, expectTruncationsOnlyRaiseDecodeError } from '../testing/decode-errors.js';
import { encodeEmitBatch, encodeJaegerBatch, encodeSubmitBatches, jaegerAgentBinary, jaegerAgentCompact, jaegerThriftBinary, jaegerThriftCompact, jaegerAgentCompactCodec } from './codecs.js';
const ascii = (s) => [...s].map((c) => c.charCodeAt(0));
const i64be = (n) => {
    const u = BigInt.asUintN(64, n);
    return Array.from({ length: 8 }, (_, i) => Number((u >> BigInt(8 * (7 - i))) & 0xffn));
};
/** Agent.emitBatch in TCompactProtocol, built byte by byte from agent.thrift / jaeger.thrift. */
const compactEmitBatch = Uint8Array.from([
    0x82, 0x81, 0x00, 0x09, ...ascii('emitBatch'), // protocol id, version 1 | ONEWAY<<5, seqid 0, name
    0x1c, // args field 1: STRUCT (Batch)
    0x1c, 0x18, 0x03, ...ascii('svc'), 0x00, // Batch.1 process { 1: serviceName "svc" }
    0x19, 0x1c, // Batch.2 spans: list of 1 struct
    0x16, 0x0a, // traceIdLow = 5 (zigzag 10)
    0x16, 0x00, // traceIdHigh = 0
    0x16, 0x01, // spanId = -1 (zigzag 1)
    0x16, 0x04, // parentSpanId = 2
    0x18, 0x02, ...ascii('op'), // operationName
    0x25, 0x02, // field 7 (delta 2) flags = 1
    0x16, 0xd0, 0x0f, // startTime = 1000
    0x16, 0x0e, // duration = 7
    0x19, 0x2c, // tags: list of 2 structs
    0x18, 0x01, ...ascii('k'), 0x15, 0x06, 0x46, 0x03, 0x00, // {key k, vType LONG, 6: vLong -2}
    0x18, 0x01, ...ascii('b'), 0x15, 0x04, 0x31, 0x00, // {key b, vType BOOL, 5: vBool true (bool in type)}
    0x00, // end Span
    0x00, // end Batch
    0x00, // end args
]);
/** The same Batch as a bare TBinaryProtocol struct, as POSTed to /api/traces. */
const binaryBatchBody = [
    0x0c, 0x00, 0x01, 0x0b, 0x00, 0x01, 0, 0, 0, 3, ...ascii('svc'), 0x00,
    0x0f, 0x00, 0x02, 0x0c, 0, 0, 0, 1,
    0x0a, 0x00, 0x01, ...i64be(5n),
    0x0a, 0x00, 0x02, ...i64be(0n),
    0x0a, 0x00, 0x03, ...i64be(-1n),
    0x0a, 0x00, 0x04, ...i64be(2n),
    0x0b, 0x00, 0x05, 0, 0, 0, 2, ...ascii('op'),
    0x08, 0x00, 0x07, 0, 0, 0, 1,
    0x0a, 0x00, 0x08, ...i64be(1000n),
    0x0a, 0x00, 0x09, ...i64be(7n),
    0x0f, 0x00, 0x0a, 0x0c, 0, 0, 0, 2,
    0x0b, 0x00, 0x01, 0, 0, 0, 1, ...ascii('k'), 0x08, 0x00, 0x02, 0, 0, 0, 3, 0x0a, 0x00, 0x06, ...i64be(-2n), 0x00,
    0x0b, 0x00, 0x01, 0, 0, 0, 1, ...ascii('b'), 0x08, 0x00, 0x02, 0, 0, 0, 2, 0x02, 0x00, 0x05, 0x01, 0x00,
    0x00,
    0x00,
];
const expectedSpan = {
    traceId: '00000000000000000000000000000005',
    spanId: 'ffffffffffffffff',
    operationName: 'op',
    references: [{ refType: 'CHILD_OF', traceId: '00000000000000000000000000000005', spanId: '0000000000000002' }],
    flags: 1,
    startTime: 1000,
    duration: 7,
    tags: [
        { key: 'k', type: 'int64', value: -2n },
        { key: 'b', type: 'bool', value: true },
    ],
    logs: [],
    process: { serviceName: 'svc', tags: [] },
    warnings: [],
};
function decodeError(fn) {
    try {
        fn();
    }
    catch (e) {
        if (e instanceof DecodeError)
            return e;
        throw e;
    }
    throw new Error('expected a DecodeError');
}
describe('golden fixtures built from the IDL', () => {
    it('decodes a hand-built compact emitBatch datagram', () => {
        expect(jaegerAgentCompact.decode(compactEmitBatch)).toEqual({ spans: [expectedSpan], rejected: [] });
    });
    it('decodes a hand-built binary Batch body', () => {
        expect(jaegerThriftBinary.decode(Uint8Array.from(binaryBatchBody))).toEqual({ spans: [expectedSpan], rejected: [] });
    });
    it('decodes a binary emitBatch with the strict header and with the old non-strict header', () => {
        const args = [0x0c, 0x00, 0x01, ...binaryBatchBody, 0x00];
        const strict = Uint8Array.from([0x80, 0x01, 0x00, 0x04, 0, 0, 0, 9, ...ascii('emitBatch'), 0, 0, 0, 0, ...args]);
        const old = Uint8Array.from([0, 0, 0, 9, ...ascii('emitBatch'), 0x04, 0, 0, 0, 0, ...args]);
        expect(jaegerAgentBinary.decode(strict).spans).toEqual([expectedSpan]);
        expect(jaegerAgentBinary.decode(old).spans).toEqual([expectedSpan]);
    });
    it('encodes emitBatch in compact to exactly the bytes the spec implies', () => {
        // Our encoder writes parentSpanId before references, the flags, and omits empty lists: same layout as the fixture.
        const encoded = encodeEmitBatch(expectedSpan.process, [expectedSpan], 'compact');
        expect([...encoded]).toEqual([...compactEmitBatch]);
    });
    it('encodes a binary Batch to exactly the hand-built body', () => {
        expect([...encodeJaegerBatch(expectedSpan.process, [expectedSpan], 'binary')]).toEqual(binaryBatchBody);
    });
});
describe('Jaeger translation rules', () => {
    it('rejects all-zero trace and span ids with a reason, keeping the rest of the batch', () => {
        const good = { ...expectedSpan };
        const zeroTrace = { ...expectedSpan, traceId: '0'.repeat(32), references: [] };
        const zeroSpan = { ...expectedSpan, spanId: '0'.repeat(16) };
        const body = encodeJaegerBatch(expectedSpan.process, [zeroTrace, good, zeroSpan]);
        const out = jaegerThriftBinary.decode(body);
        expect(out.spans).toEqual([expectedSpan]);
        expect(out.rejected.map((r) => r.reason)).toEqual(['traceId: all zeros', 'spanId: all zeros']);
    });
    it('keeps explicit references and does not duplicate the parent', () => {
        const span = {
            ...expectedSpan,
            references: [
                { refType: 'FOLLOWS_FROM', traceId: expectedSpan.traceId, spanId: '00000000000000aa' },
                { refType: 'CHILD_OF', traceId: expectedSpan.traceId, spanId: '0000000000000002' },
            ],
        };
        const out = jaegerThriftBinary.decode(jaegerThriftBinary.encode([span]));
        expect(out.spans[0].references).toEqual(span.references);
    });
    it('every span of a batch gets the batch process, even when process follows spans on the wire', () => {
        // Batch with field 2 (spans, empty list) before field 1 (process)
        const body = Uint8Array.from([0x0f, 0x00, 0x02, 0x0c, 0, 0, 0, 0, 0x0c, 0x00, 0x01, 0x0b, 0x00, 0x01, 0, 0, 0, 1, 0x78, 0x00, 0x00]);
        expect(jaegerThriftBinary.decode(body)).toEqual({ spans: [], rejected: [] });
        const missing = decodeError(() => jaegerThriftBinary.decode(Uint8Array.from([0x00])));
        expect(missing.detail).toMatch(/Batch.process: required field is missing/);
    });
    it('refuses to encode spans of different processes into one batch', () => {
        const other = { ...expectedSpan, process: { serviceName: 'other', tags: [] } };
        expect(() => jaegerThriftBinary.encode([expectedSpan, other])).toThrow(/one process/);
    });
    it('names the field path and offset of a problem', () => {
        const body = Uint8Array.from(binaryBatchBody);
        // Corrupt the length of the first tag's key: 0,0,0,1 → 0x7f,0xff,0xff,0xff
        const keyAt = binaryBatchBody.findIndex((_, i) => binaryBatchBody[i] === 0x0f && binaryBatchBody[i + 2] === 0x0a) + 11;
        body.set([0x7f, 0xff, 0xff, 0xff], keyAt);
        const e = decodeError(() => jaegerThriftBinary.decode(body));
        expect(e.location.field).toBe('batch.spans[0].tags[0]');
        expect(e.location.offset).toBe(keyAt);
    });
    it('rejects unknown agent methods and non-call messages', () => {
        const w = Uint8Array.from([0x82, 0x81, 0x00, 0x03, ...ascii('foo'), 0x00]);
        expect(decodeError(() => jaegerAgentCompact.decode(w)).detail).toMatch(/unknown Agent method "foo"/);
        const reply = Uint8Array.from([0x82, 0x41, 0x00, 0x09, ...ascii('emitBatch'), 0x00]);
        expect(decodeError(() => jaegerAgentCompact.decode(reply)).detail).toMatch(/message type 2/);
    });
    it('reads emitZipkinBatch through the Zipkin rules', () => {
        // emitZipkinBatch(1: list<Span>) compact: one span {1: trace_id 1, 3: name "z", 4: id 3}
        const msg = Uint8Array.from([0x82, 0x81, 0x00, 0x0f, ...ascii('emitZipkinBatch'), 0x19, 0x1c, 0x16, 0x02, 0x28, 0x01, 0x7a, 0x16, 0x06, 0x00, 0x00]);
        const out = jaegerAgentCompact.decode(msg);
        expect(out.spans).toHaveLength(1);
        expect(out.spans[0]).toMatchObject({ traceId: '0'.repeat(31) + '1', spanId: '0000000000000003', operationName: 'z', duration: 1 });
        expect(out.spans[0].process.serviceName).toBe('unknown-service-name');
    });
});
const hex = (n) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`)).filter((s) => !/^0+$/.test(s));
const tagArb = fc.oneof(fc.record({ key: fc.string(), type: fc.constant('string'), value: fc.string({ unit: 'grapheme' }) }), fc.record({ key: fc.string(), type: fc.constant('bool'), value: fc.boolean() }), fc.record({ key: fc.string(), type: fc.constant('int64'), value: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }) }), fc.record({ key: fc.string(), type: fc.constant('float64'), value: fc.double({ noNaN: true }) }), fc.record({ key: fc.string(), type: fc.constant('binary'), value: fc.uint8Array({ maxLength: 20 }) }));
const spanArb = (process) => fc.record({
    traceId: hex(32),
    spanId: hex(16),
    operationName: fc.string(),
    references: fc.constant([]),
    flags: fc.integer({ min: 0, max: 255 }),
    startTime: fc.integer({ min: 0, max: 2 ** 52 }),
    duration: fc.integer({ min: 0, max: 2 ** 40 }),
    tags: fc.array(tagArb, { maxLength: 5 }),
    logs: fc.array(fc.record({ timestamp: fc.integer({ min: 0, max: 2 ** 52 }), fields: fc.array(tagArb, { maxLength: 3 }) }), { maxLength: 3 }),
    process: fc.constant(process),
    warnings: fc.constant([]),
});
describe.each([jaegerThriftBinary, jaegerAgentCompact, jaegerAgentBinary])('$name', (codec) => {
    const process = { serviceName: 'svc', tags: [{ key: 'ip', type: 'string', value: '10.0.0.1' }] };
    it('round-trips encode → decode', () => {
        fc.assert(fc.property(fc.array(spanArb(process), { maxLength: 4 }), (spans) => {
            const out = codec.decode(codec.encode(spans));
            expect(out.rejected).toEqual([]);
            expect(out.spans).toEqual(spans.map((s) => ({ ...s, process: spans.length ? process : s.process })));
        }), { numRuns: 150 });
    });
    it('truncations and random bytes only ever raise DecodeError', () => {
        const valid = codec.encode([expectedSpan, { ...expectedSpan, logs: [{ timestamp: 5, fields: expectedSpan.tags }] }]);
        expectTruncationsOnlyRaiseDecodeError((payload) => codec.decode(payload), valid);
        fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), (noise, at) => {
            const mutated = valid.slice();
            mutated.set(noise.subarray(0, Math.max(0, mutated.length - (at % mutated.length))), at % mutated.length);
            for (const input of [noise, mutated])
                expectOnlyDecodeError(() => codec.decode(input));
        }), { numRuns: 1500 });
    });
});
describe('limits', () => {
    it('applies configured limits per codec instance', () => {
        const strict = jaegerAgentCompactCodec({ maxContainerSize: 1 });
        const e = decodeError(() => strict.decode(compactEmitBatch));
        expect(e.detail).toMatch(/container size 2 exceeds limit 1/);
        expect(e.location.field).toBe('batch.spans[0].tags');
    });
});
describe('Collector.submitBatches on POST /api/traces', () => {
    /** submitBatches([batch, batch]) as a strict TBinaryProtocol CALL, built byte by byte from jaeger.thrift. */
    const binaryCall = Uint8Array.from([
        0x80, 0x01, 0x00, 0x01, 0, 0, 0, 13, ...ascii('submitBatches'), 0, 0, 0, 7, // version | CALL, name, seqid 7
        0x0f, 0x00, 0x01, 0x0c, 0, 0, 0, 2, // args field 1: list<Batch> of 2
        ...binaryBatchBody,
        ...binaryBatchBody,
        0x00, // end args
    ]);
    it('reads a binary call message with every batch, and still reads a bare Batch', () => {
        const decoded = jaegerThriftBinary.decode(binaryCall);
        expect(decoded.rejected).toEqual([]);
        expect(decoded.spans).toEqual([expectedSpan, expectedSpan]);
        expect(jaegerThriftBinary.decode(Uint8Array.from(binaryBatchBody)).spans).toEqual([expectedSpan]);
    });
    it('reads both framings in the compact protocol, one process per batch', () => {
        const other = { ...expectedSpan, spanId: '0000000000000abc', process: { serviceName: 'other', tags: [{ key: 'ip', type: 'string', value: '10.0.0.9' }] } };
        const call = encodeSubmitBatches([{ process: expectedSpan.process, spans: [expectedSpan] }, { process: other.process, spans: [other] }], 'compact');
        expect(call[0]).toBe(0x82);
        expect(jaegerThriftCompact.decode(call).spans).toEqual([expectedSpan, other]);
        expect(jaegerThriftCompact.decode(jaegerThriftCompact.encode([expectedSpan])).spans).toEqual([expectedSpan]);
        const binary = encodeSubmitBatches([{ process: other.process, spans: [other] }], 'binary');
        expect(jaegerThriftBinary.decode(binary).spans).toEqual([other]);
    });
    it('refuses other methods and messages, and a call without its batches, naming what is wrong', () => {
        const renamed = Uint8Array.from(binaryCall);
        renamed.set(ascii('submitBatchez'), 8);
        expect(decodeError(() => jaegerThriftBinary.decode(renamed)).message).toMatch(/unknown Collector method "submitBatchez" \(known: submitBatches\)/);
        const reply = Uint8Array.from(binaryCall);
        reply[3] = 0x02;
        expect(decodeError(() => jaegerThriftBinary.decode(reply)).message).toMatch(/message type 2 is not a call/);
        const empty = Uint8Array.from([0x80, 0x01, 0x00, 0x01, 0, 0, 0, 13, ...ascii('submitBatches'), 0, 0, 0, 0, 0x00]);
        expect(decodeError(() => jaegerThriftBinary.decode(empty)).message).toMatch(/argument 1 \(batches\) is missing/);
    });
    it('raises only DecodeError on truncated or corrupted calls', () => {
        expectTruncationsOnlyRaiseDecodeError((payload) => jaegerThriftBinary.decode(payload), binaryCall);
        const compactCall = encodeSubmitBatches([{ process: expectedSpan.process, spans: [expectedSpan] }], 'compact');
        expectTruncationsOnlyRaiseDecodeError((payload) => jaegerThriftCompact.decode(payload), compactCall);
        fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), (tail) => {
            expectOnlyDecodeError(() => jaegerThriftBinary.decode(Uint8Array.from([0x80, 0x01, 0x00, 0x01, ...tail])));
            expectOnlyDecodeError(() => jaegerThriftCompact.decode(Uint8Array.from([0x82, ...tail])));
        }));
    });
});
//# sourceMappingURL=jaeger-thrift.test.js.map