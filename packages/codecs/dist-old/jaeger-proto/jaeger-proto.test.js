import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { DecodeError } from '../errors.js';
import { expectOnlyDecodeError, expectTruncationsOnlyRaiseDecodeError } from '../testing/decode-errors.js';
import { bySpanId, spansArb } from '../protobuf/arbitrary-spans.js';
import { jaegerJsonSpan, jaegerProtoBatch, jaegerProtoSpan } from './index.js';
const fromHex = (hex) => new Uint8Array(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));
const toHex = (bytes) => Buffer.from(bytes).toString('hex');
// PostSpansRequest{batch{spans:[span], process{service_name:"svc"}}} assembled byte by byte from model.proto.
const GOLDEN_SPAN = '0a10 00000000000000000000000000000001' + // 1 trace_id: 16 bytes
    '1208 0000000000000002' + //                   2 span_id: 8 bytes
    '1a02 6f70' + //                               3 operation_name "op"
    '3205 0801 10e807' + //                        6 start_time {seconds 1, nanos 1000}
    '3a04 10c0843d' + //                           7 duration {nanos 1000000}
    '4206 0a016b 1a0176'; //                        8 tags {key "k", v_str "v"}
const GOLDEN_REQUEST = fromHex(`0a3e 0a35 ${GOLDEN_SPAN} 1205 0a03737663`);
const goldenSpan = () => ({
    traceId: '00000000000000000000000000000001',
    spanId: '0000000000000002',
    operationName: 'op',
    references: [],
    flags: 0,
    startTime: 1_000_001,
    duration: 1000,
    tags: [{ key: 'k', type: 'string', value: 'v' }],
    logs: [],
    process: { serviceName: 'svc', tags: [] },
    warnings: [],
});
describe('jaeger.proto.batch golden bytes', () => {
    it('decodes the hand-built PostSpansRequest', () => {
        expect(jaegerProtoBatch.decode(GOLDEN_REQUEST)).toEqual({ spans: [goldenSpan()], rejected: [] });
    });
    it('encodes the model span to exactly those bytes', () => {
        expect(toHex(jaegerProtoBatch.encode([goldenSpan()]))).toBe(toHex(GOLDEN_REQUEST));
    });
    it('a span-level process overrides the batch process', () => {
        const spanWithProcess = `${GOLDEN_SPAN} 5205 0a03616263`; // 10 process {service_name "abc"}
        const bytes = fromHex(`0a45 0a3c ${spanWithProcess} 1205 0a03737663`);
        expect(jaegerProtoBatch.decode(bytes).spans[0].process.serviceName).toBe('abc');
    });
});
describe('jaeger.proto.batch rejection and limits', () => {
    it('rejects an all-zero trace id with its reason and keeps the other span', () => {
        const good = goldenSpan();
        const zero = { ...goldenSpan(), spanId: '0000000000000003' };
        const bytes = jaegerProtoBatch.encode([good, zero]);
        // Patch the second span's trace id (last 01 of its 16 bytes) to zero.
        const hex = toHex(bytes);
        const second = hex.lastIndexOf('00000000000000000000000000000001');
        const patched = fromHex(`${hex.slice(0, second)}00000000000000000000000000000000${hex.slice(second + 32)}`);
        const out = jaegerProtoBatch.decode(patched);
        expect(out.spans.map((s) => s.spanId)).toEqual(['0000000000000002']);
        expect(out.rejected).toEqual([{ reason: 'traceId: all zeros', spanId: '0000000000000003', traceId: '00000000000000000000000000000000' }]);
    });
    it('refuses a 2^31 length prefix as DecodeError naming the field', () => {
        expect(() => jaegerProtoBatch.decode(fromHex('0a 8080808008 00'))).toThrow(/length prefix 2147483648 too large/);
    });
    it('drops a reference with a bad id and says so in warnings', () => {
        const ref = '2214 0a10 00000000000000000000000000000001 1200'; // 4 references {trace_id, span_id empty}
        const bytes = fromHex(`${GOLDEN_SPAN} ${ref}`);
        const span = jaegerProtoSpan.decode(bytes).spans[0];
        expect(span.references).toEqual([]);
        expect(span.warnings).toEqual(['reference spanId: all zeros; reference dropped']);
    });
    it('random bytes and truncations raise only DecodeError', () => {
        const valid = jaegerProtoBatch.encode([goldenSpan(), { ...goldenSpan(), spanId: '0000000000000009' }]);
        expectTruncationsOnlyRaiseDecodeError((payload) => jaegerProtoBatch.decode(payload), valid);
        fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
            for (const codec of [jaegerProtoBatch, jaegerProtoSpan, jaegerJsonSpan])
                expectOnlyDecodeError(() => codec.decode(bytes));
        }));
    });
});
describe('jaeger proto round trips', () => {
    it('batch: random spans (int64 extremes, binary, unicode) survive encode → decode', () => {
        fc.assert(fc.property(spansArb(), (spans) => {
            const out = jaegerProtoBatch.decode(jaegerProtoBatch.encode(spans));
            expect(out.rejected).toEqual([]);
            expect(bySpanId(out.spans)).toEqual(bySpanId(spans));
        }));
    });
    it('single span with process: round trip', () => {
        fc.assert(fc.property(spansArb(), (spans) => {
            for (const span of spans)
                expect(jaegerProtoSpan.decode(jaegerProtoSpan.encode([span])).spans).toEqual([span]);
        }));
    });
    it('single-span codecs refuse anything but one span', () => {
        expect(() => jaegerProtoSpan.encode([])).toThrow(RangeError);
    });
});
describe('jaeger.json.span (Kafka json, jsonpb)', () => {
    const golden = {
        traceId: 'AAAAAAAAAAAAAAAAAAAAAQ==',
        spanId: 'AAAAAAAAAAI=',
        operationName: 'op',
        references: [{ traceId: 'AAAAAAAAAAAAAAAAAAAAAQ==', spanId: 'AAAAAAAAAAM=', refType: 'FOLLOWS_FROM' }],
        flags: 1,
        startTime: '2017-01-26T16:46:31.639875Z',
        duration: '0.001s',
        tags: [
            { key: 'n', vType: 'INT64', vInt64: '-9223372036854775808' },
            { key: 's', vStr: 'x' },
            { key: 'b', vType: 'BOOL', vBool: true },
        ],
        logs: [{ timestamp: '2017-01-26T16:46:31.64Z', fields: [{ key: 'event', vStr: 'hit' }] }],
        process: { serviceName: 'svc', tags: [{ key: 'f', vType: 'FLOAT64', vFloat64: 1.5 }] },
    };
    const model = {
        traceId: '00000000000000000000000000000001',
        spanId: '0000000000000002',
        operationName: 'op',
        references: [{ refType: 'FOLLOWS_FROM', traceId: '00000000000000000000000000000001', spanId: '0000000000000003' }],
        flags: 1,
        startTime: 1485449191639875,
        duration: 1000,
        tags: [
            { key: 'n', type: 'int64', value: -(2n ** 63n) },
            { key: 's', type: 'string', value: 'x' },
            { key: 'b', type: 'bool', value: true },
        ],
        logs: [{ timestamp: 1485449191640000, fields: [{ key: 'event', type: 'string', value: 'hit' }] }],
        process: { serviceName: 'svc', tags: [{ key: 'f', type: 'float64', value: 1.5 }] },
        warnings: [],
    };
    it('decodes Jaeger-shaped jsonpb', () => {
        expect(jaegerJsonSpan.decode(Buffer.from(JSON.stringify(golden))).spans).toEqual([model]);
    });
    it('encodes to the same jsonpb text (field order, base64 ids, trimmed fractions)', () => {
        const logs = [{ timestamp: '2017-01-26T16:46:31.640Z', fields: golden.logs[0].fields }];
        expect(Buffer.from(jaegerJsonSpan.encode([model])).toString()).toBe(JSON.stringify({ ...golden, logs }));
    });
    it('accepts proto field names, numeric enums, numeric int64 and hex ids', () => {
        const loose = {
            trace_id: '00000000000000000000000000000001',
            span_id: 'AAAAAAAAAAI=',
            operation_name: 'op',
            start_time: '2017-01-26T17:46:31.639875+01:00',
            tags: [{ key: 'n', v_type: 2, v_int64: 7 }],
        };
        const span = jaegerJsonSpan.decode(Buffer.from(JSON.stringify(loose))).spans[0];
        expect([span.traceId, span.spanId, span.startTime, span.tags]).toEqual([
            model.traceId,
            model.spanId,
            model.startTime,
            [{ key: 'n', type: 'int64', value: 7n }],
        ]);
    });
    it('round-trips random spans', () => {
        fc.assert(fc.property(spansArb(), (spans) => {
            for (const span of spans)
                expect(jaegerJsonSpan.decode(jaegerJsonSpan.encode([span])).spans).toEqual([span]);
        }));
    });
    it('rejects all-zero ids, and treats __proto__ keys as plain data', () => {
        const zero = { ...golden, spanId: 'AAAAAAAAAAA=' };
        expect(jaegerJsonSpan.decode(Buffer.from(JSON.stringify(zero))).rejected[0].reason).toBe('spanId: all zeros');
        const hostile = `{"__proto__":{"polluted":true},"traceId":"AAAAAAAAAAAAAAAAAAAAAQ==","spanId":"AAAAAAAAAAI=","tags":[{"key":"__proto__","vStr":"x"}]}`;
        const out = jaegerJsonSpan.decode(Buffer.from(hostile));
        expect(out.spans[0].tags).toEqual([{ key: '__proto__', type: 'string', value: 'x' }]);
        expect({}.polluted).toBeUndefined();
    });
    it('wrong types are DecodeErrors naming the field', () => {
        const bad = { ...golden, tags: [{ key: 'n', vType: 'INT64', vInt64: 'twelve' }] };
        expect(() => jaegerJsonSpan.decode(Buffer.from(JSON.stringify(bad)))).toThrow(/field tags\[0\]\.vInt64/);
        expect(() => jaegerJsonSpan.decode(Buffer.from('{"traceId":'))).toThrow(DecodeError);
    });
});
//# sourceMappingURL=jaeger-proto.test.js.map