import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { DecodeError } from '../errors.js';
import { expectOnlyDecodeError } from '../testing/decode-errors.js';
import { encodeSingleSpan } from '../jaeger-proto/index.js';
import { bySpanId, spansArb } from '../protobuf/arbitrary-spans.js';
import { decodeKafkaValue, detectKafkaEncoding, kafkaEncodingByName, kafkaEncodings, kafkaJson, kafkaProtobuf, kafkaSkeinBatch } from './index.js';
const span = (traceId, spanId) => ({
    traceId,
    spanId,
    operationName: 'op',
    references: [],
    flags: 1,
    startTime: 1_700_000_000_000_000,
    duration: 5,
    tags: [],
    logs: [],
    process: { serviceName: 'svc', tags: [] },
    warnings: [],
});
const T1 = '000000000000000000000000000000a1';
const T2 = '000000000000000000000000000000a2';
describe('Kafka span encodings', () => {
    it('protobuf: one Jaeger Span per record, keyed by trace id hex, bytes = the api_v2 Span with its process', () => {
        const spans = [span(T1, '0000000000000001'), span(T2, '0000000000000002')];
        const messages = kafkaProtobuf.encode(spans);
        expect(messages.map((m) => m.key)).toEqual([T1, T2]);
        expect(Buffer.from(messages[0].value).equals(Buffer.from(encodeSingleSpan(spans[0])))).toBe(true);
    });
    it('json: one jsonpb span per record, keyed by trace id', () => {
        const messages = kafkaJson.encode([span(T1, '0000000000000001')]);
        expect(messages[0].key).toBe(T1);
        expect(JSON.parse(Buffer.from(messages[0].value).toString()).spanId).toBe('AAAAAAAAAAE=');
    });
    it('skein-batch: one record per trace, magic prefix, keyed by trace id', () => {
        const messages = kafkaSkeinBatch.encode([span(T1, '0000000000000001'), span(T2, '0000000000000002'), span(T1, '0000000000000003')]);
        expect(messages.map((m) => m.key)).toEqual([T1, T2]);
        expect(Buffer.from(messages[0].value.subarray(0, 4)).toString('hex')).toBe('00534b01');
        expect(kafkaSkeinBatch.decode(messages[0].value).spans.map((s) => s.spanId)).toEqual(['0000000000000001', '0000000000000003']);
    });
    it.each([...kafkaEncodings.keys()])('%s round-trips random spans', (name) => {
        const encoding = kafkaEncodingByName(name);
        fc.assert(fc.property(spansArb(), (spans) => {
            const decoded = encoding.encode(spans).flatMap((m) => {
                const out = encoding.decode(m.value);
                expect(out.rejected).toEqual([]);
                for (const s of out.spans)
                    expect(m.key).toBe(s.traceId);
                return out.spans;
            });
            expect(bySpanId(decoded)).toEqual(bySpanId(spans));
        }), { numRuns: 50 });
    });
    it('detectKafkaEncoding tells the three apart, and decodeKafkaValue follows it', () => {
        const spans = [span(T1, '0000000000000001')];
        for (const encoding of kafkaEncodings.values()) {
            const value = encoding.encode(spans)[0].value;
            expect(detectKafkaEncoding(value)).toBe(encoding.name);
            expect(decodeKafkaValue(value).spans).toEqual(spans);
        }
    });
    it('an unknown skein-batch version and a bad encoding name are refused clearly', () => {
        const value = kafkaSkeinBatch.encode([span(T1, '0000000000000001')])[0].value.slice();
        value[3] = 9;
        expect(() => kafkaSkeinBatch.decode(value)).toThrow(/unsupported skein-batch version 9/);
        expect(() => kafkaEncodingByName('avro')).toThrow(/unknown Kafka span encoding "avro"/);
    });
    it('garbage values raise only DecodeError', () => {
        fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => expectOnlyDecodeError(() => decodeKafkaValue(bytes))));
    });
});
//# sourceMappingURL=kafka.test.js.map