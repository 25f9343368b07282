import { describe, it, expect } from '@jest/globals';
import fc from 'fast-check';
import { DecodeError } from '../errors.js';
import { expectOnlyDecodeError, expectTruncationsOnlyRaiseDecodeError } from '../testing/decode-errors.js';
import { bySpanId, spansArb } from '../protobuf/arbitrary-spans.js';
import { ProtoWriter, WireType } from '../protobuf/index.js';
import { encodeOtlpExportResponse, otlpJson, otlpProto, decodeOtlpJsonValue, spanToOtlp } from './index.js';
const json = (value) => Buffer.from(JSON.stringify(value));
const str = (key, value) => ({ key, type: 'string', value });
// The example request from the OTLP specification (opentelemetry-proto examples/trace.json).
const SPEC_EXAMPLE = {
    resourceSpans: [
        {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'my.service' } }] },
            scopeSpans: [
                {
                    scope: { name: 'my.library', version: '1.0.0', attributes: [{ key: 'my.scope.attribute', value: { stringValue: 'some scope attribute' } }] },
                    spans: [
                        {
                            traceId: '5B8EFFF798038103D269B633813FC60C',
                            spanId: 'EEE19B7EC3C1B174',
                            parentSpanId: 'EEE19B7EC3C1B173',
                            name: "I'm a server span",
                            startTimeUnixNano: '1544712660000000000',
                            endTimeUnixNano: '1544712661000000000',
                            kind: 2,
                            attributes: [{ key: 'my.span.attr', value: { stringValue: 'some value' } }],
                        },
                    ],
                },
            ],
        },
    ],
};
const SPEC_EXAMPLE_MODEL = {
    traceId: '5b8efff798038103d269b633813fc60c',
    spanId: 'eee19b7ec3c1b174',
    operationName: "I'm a server span",
    references: [{ refType: 'CHILD_OF', traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b173' }],
    flags: 0,
    startTime: 1544712660000000,
    duration: 1_000_000,
    tags: [str('otel.scope.name', 'my.library'), str('otel.scope.version', '1.0.0'), str('my.span.attr', 'some value'), str('span.kind', 'server')],
    logs: [],
    process: { serviceName: 'my.service', tags: [] },
    warnings: [],
};
/** One span in an OTLP JSON request, with overrides. */
function request(span, resourceAttributes = [{ key: 'service.name', value: { stringValue: 'svc' } }], scope = {}) {
    return json({
        resourceSpans: [
            {
                resource: { attributes: resourceAttributes },
                scopeSpans: [{ scope, spans: [{ traceId: '0102030405060708090a0b0c0d0e0f10', spanId: '0102030405060708', name: 'op', startTimeUnixNano: '1000', endTimeUnixNano: '3000', ...span }] }],
            },
        ],
    });
}
const one = (payload) => {
    const out = otlpJson.decode(payload);
    expect(out.rejected).toEqual([]);
    return out.spans[0];
};
describe('OTLP JSON: the spec example', () => {
    it('decodes to the model Jaeger would build', () => {
        expect(otlpJson.decode(json(SPEC_EXAMPLE))).toEqual({ spans: [SPEC_EXAMPLE_MODEL], rejected: [] });
    });
    it('the same request in protobuf decodes identically', () => {
        expect(otlpProto.decode(otlpProto.encode([SPEC_EXAMPLE_MODEL])).spans).toEqual([SPEC_EXAMPLE_MODEL]);
    });
    it('encodes back to the spec shape (hex ids, int enums, string int64)', () => {
        const value = JSON.parse(Buffer.from(otlpJson.encode([SPEC_EXAMPLE_MODEL])).toString());
        const span = value.resourceSpans[0].scopeSpans[0].spans[0];
        expect(span).toMatchObject({
            traceId: '5b8efff798038103d269b633813fc60c',
            parentSpanId: 'eee19b7ec3c1b173',
            kind: 2,
            startTimeUnixNano: '1544712660000000000',
            endTimeUnixNano: '1544712661000000000',
            attributes: [{ key: 'my.span.attr', value: { stringValue: 'some value' } }],
        });
        expect(value.resourceSpans[0].scopeSpans[0].scope).toEqual({ name: 'my.library', version: '1.0.0' });
        expect(value.resourceSpans[0].resource.attributes).toEqual([{ key: 'service.name', value: { stringValue: 'my.service' } }]);
    });
});
describe('OTLP → model translation rules', () => {
    it.each([
        [1, 'internal'],
        [2, 'server'],
        [3, 'client'],
        [4, 'producer'],
        [5, 'consumer'],
        ['SPAN_KIND_CLIENT', 'client'],
    ])('kind %p → span.kind=%p', (kind, tag) => {
        expect(one(request({ kind })).tags).toEqual([str('span.kind', tag)]);
    });
    it('kind UNSPECIFIED adds no tag', () => {
        expect(one(request({ kind: 0 })).tags).toEqual([]);
    });
    it('status ERROR → otel.status_code=ERROR, error=true, otel.status_description', () => {
        expect(one(request({ status: { code: 2, message: 'boom' } })).tags).toEqual([
            str('otel.status_code', 'ERROR'),
            { key: 'error', type: 'bool', value: true },
            str('otel.status_description', 'boom'),
        ]);
    });
    it('status OK → otel.status_code=OK, no error tag; UNSET → nothing', () => {
        expect(one(request({ status: { code: 'STATUS_CODE_OK' } })).tags).toEqual([str('otel.status_code', 'OK')]);
        expect(one(request({ status: {} })).tags).toEqual([]);
    });
    it('scope name/version become the first tags', () => {
        expect(one(request({ attributes: [{ key: 'a', value: { boolValue: true } }] }, undefined, { name: 'lib', version: '2' })).tags).toEqual([
            str('otel.scope.name', 'lib'),
            str('otel.scope.version', '2'),
            { key: 'a', type: 'bool', value: true },
        ]);
    });
    it('resource: service.name leaves the tags; no attributes → OTLPResourceNoServiceName; others without it → ""', () => {
        const attrs = [
            { key: 'host.name', value: { stringValue: 'h1' } },
            { key: 'service.name', value: { stringValue: 'cart' } },
        ];
        expect(one(request({}, attrs)).process).toEqual({ serviceName: 'cart', tags: [str('host.name', 'h1')] });
        expect(one(request({}, [])).process).toEqual({ serviceName: 'OTLPResourceNoServiceName', tags: [] });
        expect(one(request({}, [attrs[0]])).process).toEqual({ serviceName: '', tags: [str('host.name', 'h1')] });
    });
    it('events → logs with an event field; an explicit event attribute wins', () => {
        const span = one(request({
            events: [
                { timeUnixNano: '2000000', name: 'retry', attributes: [{ key: 'n', value: { intValue: '3' } }] },
                { timeUnixNano: '3000000', name: 'ignored', attributes: [{ key: 'event', value: { stringValue: 'own' } }] },
            ],
        }));
        expect(span.logs).toEqual([
            { timestamp: 2000, fields: [str('event', 'retry'), { key: 'n', type: 'int64', value: 3n }] },
            { timestamp: 3000, fields: [str('event', 'own')] },
        ]);
    });
    it('links → FOLLOWS_FROM after the parent; opentracing.ref_type=child_of → CHILD_OF; a link to the parent retypes it', () => {
        const trace = '0102030405060708090a0b0c0d0e0f10';
        const span = one(request({
            parentSpanId: 'aaaaaaaaaaaaaaaa',
            links: [
                { traceId: 'ffffffffffffffffffffffffffffffff', spanId: '1111111111111111', attributes: [{ key: 'x', value: { stringValue: 'dropped' } }] },
                { traceId: trace, spanId: '2222222222222222', attributes: [{ key: 'opentracing.ref_type', value: { stringValue: 'child_of' } }] },
                { traceId: trace, spanId: 'aaaaaaaaaaaaaaaa', attributes: [{ key: 'opentracing.ref_type', value: { stringValue: 'follows_from' } }] },
            ],
        }));
        expect(span.references).toEqual([
            { refType: 'FOLLOWS_FROM', traceId: trace, spanId: 'aaaaaaaaaaaaaaaa' },
            { refType: 'FOLLOWS_FROM', traceId: 'ffffffffffffffffffffffffffffffff', spanId: '1111111111111111' },
            { refType: 'CHILD_OF', traceId: trace, spanId: '2222222222222222' },
        ]);
    });
    it('trace state → w3c.tracestate; sampled flag → flags bit 0', () => {
        const span = one(request({ traceState: 'k=v', flags: 0x301 }));
        expect(span.tags).toEqual([str('w3c.tracestate', 'k=v')]);
        expect(span.flags).toBe(1);
    });
    it('dropped counts add no tags by default (as Jaeger) and otel.dropped_* when asked', () => {
        const payload = JSON.parse(Buffer.from(request({ droppedAttributesCount: 2, droppedEventsCount: 0, droppedLinksCount: 5 })).toString());
        expect(decodeOtlpJsonValue(payload).spans[0].tags).toEqual([]);
        expect(decodeOtlpJsonValue(payload, { recordDroppedCounts: true }).spans[0].tags).toEqual([
            { key: 'otel.dropped_attributes_count', type: 'int64', value: 2n },
            { key: 'otel.dropped_links_count', type: 'int64', value: 5n },
        ]);
    });
    it('array and kvlist attributes become JSON strings (sorted map keys, exact ints, base64 bytes)', () => {
        const span = one(request({
            attributes: [
                { key: 'arr', value: { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '9223372036854775807' }, { doubleValue: 1.5 }, {}] } } },
                { key: 'map', value: { kvlistValue: { values: [{ key: 'z', value: { boolValue: true } }, { key: 'a', value: { bytesValue: 'AQI=' } }] } } },
            ],
        }));
        expect(span.tags).toEqual([str('arr', '["a",9223372036854775807,1.5,null]'), str('map', '{"a":"AQI=","z":true}')]);
    });
    it('nanosecond times: start floored to µs, duration from the exact nanosecond difference', () => {
        const span = one(request({ startTimeUnixNano: '1700000000000000999', endTimeUnixNano: '1700000000000002001' }));
        expect([span.startTime, span.duration]).toEqual([1700000000000000, 1]);
    });
});
describe('OTLP partial success and hostile input', () => {
    it('all-zero and short ids reject only their span, with reasons', () => {
        const body = {
            resourceSpans: [
                {
                    scopeSpans: [
                        {
                            spans: [
                                { traceId: '00000000000000000000000000000000', spanId: '0102030405060708' },
                                { traceId: '0102030405060708090a0b0c0d0e0f10', spanId: '0000000000000000' },
                                { traceId: '0102', spanId: '0102030405060708' },
                                { traceId: '0102030405060708090a0b0c0d0e0f10', spanId: '0102030405060708' },
                            ],
                        },
                    ],
                },
            ],
        };
        const out = otlpJson.decode(json(body));
        expect(out.spans.map((s) => s.spanId)).toEqual(['0102030405060708']);
        expect(out.rejected.map((r) => r.reason)).toEqual(['traceId: all zeros', 'spanId: all zeros', 'traceId: 4 hex characters, expected 32']);
        // The same through protobuf.
        const proto = otlpProto.decode(otlpProto.encode(out.spans));
        expect(proto.spans).toHaveLength(1);
    });
    it('protobuf span with a 17-byte trace id is rejected, the next one kept', () => {
        const w = new ProtoWriter().messageField(1).messageField(2);
        w.messageField(2).bytesField(1, new Uint8Array(17).fill(1)).bytesField(2, new Uint8Array(8).fill(2)).ldelim();
        w.messageField(2).bytesField(1, new Uint8Array(16).fill(1)).bytesField(2, new Uint8Array(8).fill(3)).ldelim();
        const out = otlpProto.decode(w.ldelim().ldelim().finish());
        expect(out.rejected).toEqual([{ reason: 'traceId: 17 bytes, expected 16', spanId: '0202020202020202' }]);
        expect(out.spans.map((s) => s.spanId)).toEqual(['0303030303030303']);
    });
    it('partial-success response bytes', () => {
        expect(Buffer.from(encodeOtlpExportResponse(0)).toString('hex')).toBe('');
        // partial_success {rejected_spans: 2, error_message: "x"}
        expect(Buffer.from(encodeOtlpExportResponse(2, 'x')).toString('hex')).toBe('0a050802120178');
    });
    it('deeply nested arrayValue is refused (JSON and protobuf)', () => {
        const nested = (levels) => {
            let value = { stringValue: 'leaf' };
            for (let i = 0; i < levels; i++)
                value = { arrayValue: { values: [value] } };
            return value;
        };
        // Within the JSON bracket limit, the attribute-value limit refuses it; far beyond, the byte scan does first.
        expect(() => otlpJson.decode(request({ attributes: [{ key: 'deep', value: nested(100) }] }))).toThrow(/nesting deeper than 64/);
        expect(() => otlpJson.decode(request({ attributes: [{ key: 'deep', value: nested(200) }] }))).toThrow(/nested deeper than 512 levels/);
        // request.resource_spans → scope_spans → spans → attributes → value, then array_value/values 150 times.
        const path = [1, 2, 2, 9, 2];
        for (let i = 0; i < 150; i++)
            path.push(5, 1);
        let w = new ProtoWriter();
        for (const field of path)
            w = w.tag(field, WireType.LENGTH_DELIMITED).fork();
        for (let i = 0; i < path.length; i++)
            w = w.ldelim();
        expect(() => otlpProto.decode(w.finish())).toThrow(DecodeError);
    });
    it('__proto__ keys are data, never prototypes', () => {
        const text = `{"__proto__":{"polluted":1},"resourceSpans":[{"resource":{"attributes":[{"key":"__proto__","value":{"kvlistValue":{"values":[{"key":"__proto__","value":{"stringValue":"x"}}]}}}]},"scopeSpans":[{"spans":[{"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"0102030405060708"}]}]}]}`;
        const out = otlpJson.decode(Buffer.from(text));
        expect(out.spans[0].process.tags).toEqual([str('__proto__', '{"__proto__":"x"}')]);
        expect({}.polluted).toBeUndefined();
    });
    it('wrong JSON types are DecodeErrors with the path', () => {
        expect(() => otlpJson.decode(request({ startTimeUnixNano: 'soon' }))).toThrow(/field resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]\.startTimeUnixNano/);
        expect(() => otlpJson.decode(Buffer.from('[1,2'))).toThrow(DecodeError);
    });
    it('random bytes and truncations raise only DecodeError', () => {
        const valid = otlpProto.encode([SPEC_EXAMPLE_MODEL]);
        expectTruncationsOnlyRaiseDecodeError((payload) => otlpProto.decode(payload), valid);
        fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
            for (const codec of [otlpProto, otlpJson])
                expectOnlyDecodeError(() => codec.decode(bytes));
        }));
    });
});
describe('model → OTLP reverse rules', () => {
    it('pulls kind, status, trace state, scope and parent out of tags and references', () => {
        const { scope, span } = spanToOtlp({
            ...SPEC_EXAMPLE_MODEL,
            tags: [
                str('otel.library.name', 'old.lib'),
                str('span.kind', 'client'),
                { key: 'error', type: 'bool', value: true },
                str('otel.status_code', 'ERROR'),
                str('otel.status_description', 'bad'),
                str('w3c.tracestate', 'a=b'),
                str('keep', 'me'),
            ],
            logs: [{ timestamp: 5, fields: [str('event', 'boom'), str('x', 'y')] }],
        });
        expect(scope).toEqual({ name: 'old.lib', version: '' });
        expect(span).toMatchObject({ kind: 3, statusCode: 2, statusMessage: 'bad', traceState: 'a=b', parentSpanId: 'eee19b7ec3c1b173', links: [] });
        expect(span.attributes).toEqual([str('keep', 'me')]);
        expect(span.events).toEqual([{ timeMicros: 5, name: 'boom', attributes: [str('x', 'y')] }]);
    });
    it('http.status_code 500 without explicit status → ERROR (Jaeger fallback)', () => {
        expect(spanToOtlp({ ...SPEC_EXAMPLE_MODEL, tags: [{ key: 'http.status_code', type: 'int64', value: 500n }] }).span.statusCode).toBe(2);
    });
});
describe('OTLP round trips (model → OTLP → model)', () => {
    const sampledOnly = { flags: fc.constantFrom(0, 1) };
    it('protobuf', () => {
        fc.assert(fc.property(spansArb(sampledOnly), (spans) => {
            const out = otlpProto.decode(otlpProto.encode(spans));
            expect(out.rejected).toEqual([]);
            expect(bySpanId(out.spans)).toEqual(bySpanId(spans));
        }));
    });
    it('JSON', () => {
        fc.assert(fc.property(spansArb(sampledOnly), (spans) => {
            const out = otlpJson.decode(otlpJson.encode(spans));
            expect(bySpanId(out.spans)).toEqual(bySpanId(spans));
        }));
    });
});
//# sourceMappingURL=otlp.test.js.map