import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DecodeError } from '../errors.js';
import { expectOnlyDecodeError } from '../testing/decode-errors.js';
import { zipkinV1Json, zipkinV1Thrift, zipkinV2Json, zipkinV2Proto } from './codecs.js';
const json = (v) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
const ascii = (s) => [...s].map((c) => c.charCodeAt(0));
describe('zipkin v1 JSON by Jaeger rules', () => {
    const rpc = {
        traceId: '0000000000000001000000000000abcd',
        id: '00000000000000ff',
        parentId: '0000000000000000',
        name: 'get',
        debug: true,
        annotations: [
            { timestamp: 100, value: 'cs', endpoint: { serviceName: 'front', ipv4: '192.168.0.1', port: 8080 } },
            { timestamp: 110, value: 'sr', endpoint: { serviceName: 'back' } },
            { timestamp: 150, value: 'ss', endpoint: { serviceName: 'back' } },
            { timestamp: 160, value: 'cr', endpoint: { serviceName: 'front' } },
            { timestamp: 120, value: 'cache miss' },
            { timestamp: 130, value: '{"event":"retry","attempt":"2"}' },
        ],
        binaryAnnotations: [
            { key: 'sa', value: true, type: 'BOOL', endpoint: { serviceName: 'db', ipv4: '10.0.0.2', port: 65535 } },
            { key: 'http.status', value: 500, type: 'I32' },
            { key: 'error', value: 'boom' },
            { key: 'lc', value: 'jdbc' },
            { key: 'jaeger.hostname', value: 'h1' },
        ],
    };
    it('splits a shared cs/sr span, derives kind, timing, logs, tags, peer tags, process and flags', () => {
        const out = zipkinV1Json.decode(json([rpc]));
        expect(out.rejected).toEqual([]);
        expect(out.spans).toHaveLength(2);
        const [client, server] = out.spans;
        expect(client.traceId).toBe('0000000000000001000000000000abcd');
        expect(client.references).toEqual([]); // zero parent id means root
        expect(client.flags).toBe(2);
        expect(client.startTime).toBe(100); // cs
        expect(client.duration).toBe(60); // cr - cs
        expect(client.process).toEqual({ serviceName: 'front', tags: [{ key: 'hostname', type: 'string', value: 'h1' }, { key: 'ip', type: 'int64', value: BigInt(0xc0a80001 | 0) }] });
        expect(client.tags).toEqual([
            { key: 'peer.service', type: 'string', value: 'db' },
            { key: 'peer.ipv4', type: 'int64', value: 0x0a000002n },
            { key: 'peer.port', type: 'int64', value: 65535n },
            { key: 'http.status', type: 'int64', value: 500n },
            { key: 'error', type: 'bool', value: true },
            { key: 'component', type: 'string', value: 'jdbc' },
            { key: 'errZeroParentID', type: 'string', value: '0' },
            { key: 'error.message', type: 'string', value: 'boom' },
            { key: 'span.kind', type: 'string', value: 'client' },
        ]);
        expect(client.logs).toEqual([
            { timestamp: 120, fields: [{ key: 'event', type: 'string', value: 'cache miss' }] },
            { timestamp: 130, fields: [{ key: 'event', type: 'string', value: 'retry' }, { key: 'attempt', type: 'string', value: '2' }] },
        ]);
        expect(server).toMatchObject({ spanId: '00000000000000ff', startTime: 110, duration: 40, tags: [{ key: 'span.kind', type: 'string', value: 'server' }] });
    });
    it('rejects malformed and all-zero ids per span and keeps the rest', () => {
        const ok = { traceId: 'a', id: 'b', name: 'x', duration: 5, timestamp: 1 };
        const out = zipkinV1Json.decode(json([{ ...ok, id: 'xyz' }, ok, { ...ok, traceId: '0000' }, 42]));
        expect(out.spans.map((s) => s.spanId)).toEqual(['000000000000000b']);
        expect(out.rejected.map((r) => r.reason)).toEqual([
            'spans[0].id: "xyz" is not 1-16 hex digits',
            'spans[3].expected an object',
            'traceId: all zeros',
        ]);
    });
    it('fills a missing duration with 1µs and flags a negative one', () => {
        const out = zipkinV1Json.decode(json([{ traceId: '1', id: '2', timestamp: 5 }, { traceId: '1', id: '3', timestamp: 5, duration: -4 }]));
        expect(out.spans.map((s) => s.duration)).toEqual([1, 1]);
        expect(out.spans[1].tags).toContainEqual({ key: 'errNegativeDuration', type: 'string', value: '-4' });
    });
    it('throws DecodeError for a body that is not a JSON array', () => {
        expect(() => zipkinV1Json.decode(json('{"a":1}'))).toThrow(DecodeError);
        expect(() => zipkinV1Json.decode(json('[{'))).toThrow(DecodeError);
        expect(() => zipkinV1Json.decode(Uint8Array.from([0x5b, 0xff, 0x5d]))).toThrow(/UTF-8/);
    });
});
describe('zipkin v2 JSON', () => {
    const v2 = {
        traceId: 'abc',
        id: '1',
        parentId: '2',
        name: 'send',
        kind: 'PRODUCER',
        timestamp: 1000,
        duration: 30,
        shared: true,
        localEndpoint: { serviceName: 'orders', ipv6: '2001:db8::1' },
        remoteEndpoint: { serviceName: 'kafka', ipv4: '10.1.2.3', port: 9092 },
        annotations: [{ timestamp: 1010, value: 'flushed' }],
        tags: { 'messaging.system': 'kafka', error: 'false' },
    };
    it('maps kind, remote endpoint, annotations and tags', () => {
        const out = zipkinV2Json.decode(json([v2]));
        expect(out.rejected).toEqual([]);
        expect(out.spans).toEqual([
            {
                traceId: '0'.repeat(29) + 'abc',
                spanId: '0000000000000001',
                operationName: 'send',
                references: [{ refType: 'CHILD_OF', traceId: '0'.repeat(29) + 'abc', spanId: '0000000000000002' }],
                flags: 0,
                startTime: 1000,
                duration: 30,
                tags: [
                    { key: 'messaging.system', type: 'string', value: 'kafka' },
                    { key: 'error', type: 'bool', value: false },
                    { key: 'peer.service', type: 'string', value: 'kafka' },
                    { key: 'peer.ipv4', type: 'int64', value: 0x0a010203n },
                    { key: 'peer.port', type: 'int64', value: 9092n },
                    { key: 'span.kind', type: 'string', value: 'producer' },
                ],
                logs: [{ timestamp: 1010, fields: [{ key: 'event', type: 'string', value: 'flushed' }] }],
                process: { serviceName: 'orders', tags: [] },
                warnings: [],
            },
        ]);
    });
    it('takes the service name from localEndpoint even with no annotations or tags', () => {
        const out = zipkinV2Json.decode(json([{ traceId: '1', id: '2', localEndpoint: { serviceName: 'solo' } }]));
        expect(out.spans[0].process.serviceName).toBe('solo');
        expect(out.spans[0].tags).toEqual([]);
    });
    it('treats __proto__ keys as data and never pollutes prototypes', () => {
        const body = '[{"traceId":"1","id":"2","tags":{"__proto__":"x","constructor":"y"},"__proto__":{"polluted":true},"localEndpoint":{"__proto__":{"serviceName":"evil"}}}]';
        const out = zipkinV2Json.decode(json(body));
        expect(out.spans[0].tags).toEqual([
            { key: '__proto__', type: 'string', value: 'x' },
            { key: 'constructor', type: 'string', value: 'y' },
        ]);
        expect(out.spans[0].process.serviceName).toBe('unknown-service-name');
        expect({}.polluted).toBeUndefined();
        const encoded = JSON.parse(new TextDecoder().decode(zipkinV2Json.encode(out.spans)));
        expect(Object.keys(encoded[0].tags)).toEqual(['__proto__', 'constructor']);
    });
    it('rejects a bad endpoint address per span', () => {
        const out = zipkinV2Json.decode(json([{ traceId: '1', id: '2', localEndpoint: { ipv4: '300.1.1.1' } }]));
        expect(out.rejected[0].reason).toBe('spans[0].localEndpoint.ipv4: "300.1.1.1" is not an IPv4 address');
    });
    const hex = (n) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`)).filter((s) => !/^0+$/.test(s));
    it('round-trips encode → decode for spans in the canonical Zipkin shape', () => {
        const span = fc.record({
            traceId: hex(32),
            spanId: hex(16),
            operationName: fc.string(),
            parent: fc.option(hex(16), { nil: undefined }),
            flags: fc.constantFrom(0, 2),
            startTime: fc.integer({ min: 1, max: 2 ** 52 }),
            duration: fc.integer({ min: 0, max: 2 ** 40 }),
            tags: fc.dictionary(fc.string().filter((k) => !['error', 'span.kind', 'lc', 'sa', 'ca', 'ma', 'error.message', 'jaegerClient', 'jaeger.version', 'jaeger.hostname'].includes(k) && !k.startsWith('peer.')), fc.string()),
            kind: fc.constantFrom(undefined, 'client', 'server', 'producer', 'consumer'),
            events: fc.array(fc.record({ timestamp: fc.nat(), value: fc.string({ minLength: 1 }).filter((v) => !['cs', 'cr', 'sr', 'ss', 'ms', 'mr'].includes(v) && !v.startsWith('{')) }), { maxLength: 3 }),
            service: fc.string({ minLength: 1 }),
        });
        fc.assert(fc.property(fc.array(span, { maxLength: 3 }), (specs) => {
            const spans = specs.map((s) => ({
                traceId: s.traceId,
                spanId: s.spanId,
                operationName: s.operationName,
                references: s.parent ? [{ refType: 'CHILD_OF', traceId: s.traceId, spanId: s.parent }] : [],
                flags: s.flags,
                startTime: s.startTime,
                duration: s.duration,
                tags: [
                    ...Object.entries(s.tags).map(([key, value]) => ({ key, type: 'string', value })),
                    ...(s.kind ? [{ key: 'span.kind', type: 'string', value: s.kind }] : []),
                ],
                logs: s.events.map((e) => ({ timestamp: e.timestamp, fields: [{ key: 'event', type: 'string', value: e.value }] })),
                process: { serviceName: s.service, tags: [] },
                warnings: [],
            }));
            const out = zipkinV2Json.decode(zipkinV2Json.encode(spans));
            expect(out.rejected).toEqual([]);
            expect(out.spans).toEqual(spans);
        }), { numRuns: 200 });
    });
});
describe('zipkin v1 Thrift (hand-built TBinaryProtocol list<Span>)', () => {
    const i64 = (n) => [0, 0, 0, 0, (n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
    const endpoint = [0x08, 0x00, 0x01, 0x7f, 0x00, 0x00, 0x01, 0x06, 0x00, 0x02, 0x1f, 0x90, 0x0b, 0x00, 0x03, 0, 0, 0, 3, ...ascii('api'), 0x00];
    const body = Uint8Array.from([
        0x0c, 0, 0, 0, 1, // list<struct> size 1
        0x0a, 0x00, 0x01, ...i64(7), // trace_id
        0x0b, 0x00, 0x03, 0, 0, 0, 3, ...ascii('get'),
        0x0a, 0x00, 0x04, ...i64(9), // id
        0x0f, 0x00, 0x06, 0x0c, 0, 0, 0, 2, // annotations
        0x0a, 0x00, 0x01, ...i64(500), 0x0b, 0x00, 0x02, 0, 0, 0, 2, ...ascii('sr'), 0x0c, 0x00, 0x03, ...endpoint, 0x00,
        0x0a, 0x00, 0x01, ...i64(800), 0x0b, 0x00, 0x02, 0, 0, 0, 2, ...ascii('ss'), 0x0c, 0x00, 0x03, ...endpoint, 0x00,
        0x0f, 0x00, 0x08, 0x0c, 0, 0, 0, 1, // binary_annotations
        0x0b, 0x00, 0x01, 0, 0, 0, 1, ...ascii('n'), 0x0b, 0x00, 0x02, 0, 0, 0, 2, 0x01, 0x02, 0x08, 0x00, 0x03, 0, 0, 0, 2, 0x00, // I16 0x0102
        0x02, 0x00, 0x09, 0x01, // debug
        0x00,
    ]);
    it('decodes spans, endpoints and typed binary annotations', () => {
        const out = zipkinV1Thrift.decode(body);
        expect(out.spans).toEqual([
            {
                traceId: '0'.repeat(31) + '7',
                spanId: '0000000000000009',
                operationName: 'get',
                references: [],
                flags: 2,
                startTime: 500,
                duration: 300,
                tags: [{ key: 'n', type: 'int64', value: 258n }, { key: 'span.kind', type: 'string', value: 'server' }],
                logs: [],
                process: { serviceName: 'api', tags: [{ key: 'ip', type: 'int64', value: 0x7f000001n }] },
                warnings: [],
            },
        ]);
    });
    it('truncations only ever raise DecodeError', () => {
        for (let cut = 0; cut < body.length; cut++) {
            try {
                zipkinV1Thrift.decode(body.subarray(0, cut));
            }
            catch (e) {
                expect(e).toBeInstanceOf(DecodeError);
            }
        }
        expect(() => zipkinV1Thrift.decode(Uint8Array.from([0x0c, 0x7f, 0xff, 0xff, 0xff]))).toThrow(/container size/);
    });
});
describe('zipkin v2 proto3 ListOfSpans (hand-built)', () => {
    const id8 = (last) => [0, 0, 0, 0, 0, 0, 0, last];
    const spanMsg = (idLast) => [
        0x0a, 0x10, ...id8(0), ...id8(5), // trace_id 16 bytes
        0x1a, 0x08, ...id8(idLast), // id
        0x20, 0x01, // kind CLIENT
        0x2a, 0x02, ...ascii('op'),
        0x31, 0xe8, 0x03, 0, 0, 0, 0, 0, 0, // timestamp fixed64 1000
        0x38, 0x0a, // duration 10
        0x42, 0x05, 0x0a, 0x03, ...ascii('web'), // local_endpoint.service_name
        0x4a, 0x06, 0x12, 0x04, 10, 0, 0, 9, // remote_endpoint.ipv4
        0x5a, 0x06, 0x0a, 0x01, 0x6b, 0x12, 0x01, 0x76, // tags {k: v}
        0x60, 0x01, // debug
    ];
    const list = (...spans) => Uint8Array.from(spans.flatMap((s) => [0x0a, s.length, ...s]));
    it('decodes spans by the same rules as JSON', () => {
        const out = zipkinV2Proto.decode(list(spanMsg(3)));
        expect(out.rejected).toEqual([]);
        expect(out.spans[0]).toMatchObject({
            traceId: '0'.repeat(31) + '5',
            spanId: '0000000000000003',
            operationName: 'op',
            flags: 2,
            startTime: 1000,
            duration: 10,
            process: { serviceName: 'web', tags: [] },
            tags: [
                { key: 'k', type: 'string', value: 'v' },
                { key: 'peer.service', type: 'string', value: '' },
                { key: 'peer.ipv4', type: 'int64', value: 0x0a000009n },
                { key: 'span.kind', type: 'string', value: 'client' },
            ],
        });
    });
    it('rejects a zero span id and a wrong-length id, keeping the rest', () => {
        const bad = spanMsg(4);
        bad.splice(18, 10, 0x1a, 0x07, 0, 0, 0, 0, 0, 0, 4); // id with 7 bytes
        const bytes = Uint8Array.from([...list(spanMsg(0)), 0x0a, bad.length, ...bad, ...list(spanMsg(6))]);
        const out = zipkinV2Proto.decode(bytes);
        expect(out.spans.map((s) => s.spanId)).toEqual(['0000000000000006']);
        expect(out.rejected.map((r) => r.reason)).toEqual(['spans[1].id: 7 bytes, expected 8', 'id: all zeros']);
    });
    it('random bytes only ever raise DecodeError', () => {
        fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => expectOnlyDecodeError(() => zipkinV2Proto.decode(b))), { numRuns: 1000 });
    });
});
describe('JSON fuzz', () => {
    it.each([zipkinV1Json, zipkinV2Json])('$name: arbitrary JSON only ever raises DecodeError', (codec) => {
        fc.assert(fc.property(fc.oneof(fc.json(), fc.array(fc.jsonValue()).map((v) => JSON.stringify(v)), fc.string()), (text) => {
            try {
                const out = codec.decode(json(String(text)));
                expect(Array.isArray(out.spans)).toBe(true);
            }
            catch (e) {
                expect(e).toBeInstanceOf(DecodeError);
            }
        }), { numRuns: 1000 });
    });
});
//# sourceMappingURL=zipkin.test.js.map