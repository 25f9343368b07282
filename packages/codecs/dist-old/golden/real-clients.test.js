/**
 * Golden tests against real client libraries: each client below sends a known trace to a capture server inside
 * the test (HTTP on 127.0.0.1:0, or a UDP socket for jaeger-client's agent sender); the exact bytes it sent are
 * decoded with the matching `@skein/codecs` codec and the resulting spans are compared field by field with what
 * the client itself reports (ids from span contexts, times from the recorded spans) and with the translation
 * tables in `packages/codecs/README.md`.
 *
 * Clients: OpenTelemetry JS OTLP/HTTP protobuf and OTLP/HTTP JSON exporters, the Zipkin exporter (v2 JSON), and
 * jaeger-client over HTTP (Thrift binary `Batch`) and UDP (`Agent.emitBatch`, Thrift binary).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { jaegerAgentBinary, jaegerThriftBinary, otlpJson, otlpProto, zipkinV2Json } from '../index.js';
const require = createRequire(import.meta.url);
/** Every wait in this file is bounded by this; a client that never sends fails the test instead of hanging it. */
const WAIT_MS = 8_000;
const TEST_TIMEOUT_MS = 20_000;
const cleanups = [];
afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse())
        await cleanup();
});
/** Resolves with `promise`, or rejects after `ms`, naming `what`; the timer never outlives the wait. */
async function within(promise, what, ms = WAIT_MS) {
    let timer;
    const timeout = new Promise((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    });
    try {
        return await Promise.race([promise, timeout]);
    }
    finally {
        clearTimeout(timer);
    }
}
async function startHttpCapture(response) {
    const requests = [];
    const waiters = [];
    const server = createServer((req, res) => {
        const chunks = [];
        req.on('data', (chunk) => chunks.push(chunk));
        req.on('end', () => {
            requests.push({
                method: req.method ?? '',
                path: req.url ?? '',
                contentType: req.headers['content-type'],
                contentEncoding: req.headers['content-encoding'],
                body: new Uint8Array(Buffer.concat(chunks)),
            });
            res.writeHead(response.status, { 'content-type': response.contentType });
            res.end(response.body);
            for (const wake of waiters.splice(0))
                wake();
        });
    });
    await within(new Promise((resolve) => server.listen(0, '127.0.0.1', resolve)), 'the capture server to listen');
    cleanups.push(async () => {
        server.closeAllConnections();
        await within(new Promise((resolve) => server.close(() => resolve())), 'the capture server to close');
    });
    const { port } = server.address();
    return {
        url: (path) => `http://127.0.0.1:${port}${path}`,
        requests,
        received: (count) => within(new Promise((resolve) => {
            const check = () => {
                if (requests.length >= count)
                    resolve(requests);
                else
                    waiters.push(check);
            };
            check();
        }), `${count} request(s) at the capture server`),
    };
}
async function startUdpCapture() {
    const datagrams = [];
    const waiters = [];
    const socket = createSocket('udp4');
    socket.on('message', (message) => {
        datagrams.push(new Uint8Array(message));
        for (const wake of waiters.splice(0))
            wake();
    });
    await within(new Promise((resolve) => socket.bind(0, '127.0.0.1', resolve)), 'the UDP socket to bind');
    cleanups.push(() => within(new Promise((resolve) => socket.close(() => resolve())), 'the UDP socket to close'));
    return {
        port: socket.address().port,
        datagrams,
        received: (count) => within(new Promise((resolve) => {
            const check = () => {
                if (datagrams.length >= count)
                    resolve(datagrams);
                else
                    waiters.push(check);
            };
            check();
        }), `${count} UDP datagram(s)`),
    };
}
function decodeAll(codec, payload) {
    const batch = codec.decode(payload);
    expect(batch.rejected).toEqual([]);
    return batch.spans;
}
function byId(spans, spanId) {
    const found = spans.filter((span) => span.spanId === spanId);
    expect(found).toHaveLength(1);
    return found[0];
}
const str = (key, value) => ({ key, type: 'string', value });
const bool = (key, value) => ({ key, type: 'bool', value });
const int = (key, value) => ({ key, type: 'int64', value });
const dbl = (key, value) => ({ key, type: 'float64', value });
// ---------------------------------------------------------------------------------------------------------------
// OpenTelemetry JS: one trace, sent through a real exporter, with the SDK's own record of every span.
/** 2^62 + 2^10: beyond 2^53, yet exactly representable as a double, so a JS attribute can carry it exactly. */
const BIG_INT = 2 ** 62 + 2 ** 10;
const BIG_INT_EXACT = (1n << 62n) + 1024n;
const STRING_LIST = ['a', 'b "quoted"'];
const LINKED = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' };
const SCOPE = { name: 'golden-scope', version: '4.5.6' };
const RESOURCE = {
    'service.name': 'golden-svc',
    'deployment.environment': 'golden',
    'host.cpu.count': 8,
    'feature.beta': true,
    'process.load': 1.5,
};
/** Passes spans to a real exporter and keeps the SDK's ReadableSpans: what the client reports having sent. */
class RecordingExporter {
    inner;
    spans = [];
    constructor(inner) {
        this.inner = inner;
    }
    export(spans, resultCallback) {
        this.spans.push(...spans);
        this.inner.export(spans, resultCallback);
    }
    shutdown() {
        return this.inner.shutdown();
    }
    forceFlush() {
        return this.inner.forceFlush?.() ?? Promise.resolve();
    }
}
/**
 * Explicit client times with sub-µs nanoseconds (the SDK's own start times are whole ms), about a second ago: they
 * tell flooring from rounding, and the child (start, event, end) lies inside the parent.
 */
function otelTimes() {
    const seconds = Math.floor(Date.now() / 1000) - 1;
    return {
        seconds,
        parentStart: [seconds, 100_000_789],
        childStart: [seconds, 101_250_999],
        event: [seconds, 102_500_501],
        childEnd: [seconds, 103_500_001],
    };
}
/**
 * A server span (typed attributes incl. an int beyond 2^53 and a string array, ERROR status) and its client child
 * (an event with attributes, a link to another trace, OK status), exported in one batch.
 */
async function emitOtelTrace(exporter) {
    const recording = new RecordingExporter(exporter);
    const provider = new BasicTracerProvider({
        resource: resourceFromAttributes(RESOURCE),
        spanProcessors: [new BatchSpanProcessor(recording, { scheduledDelayMillis: 60_000, maxExportBatchSize: 512 })],
    });
    try {
        const tracer = provider.getTracer(SCOPE.name, SCOPE.version);
        const times = otelTimes();
        const parent = tracer.startSpan('GET /checkout', {
            kind: SpanKind.SERVER,
            startTime: times.parentStart,
            attributes: {
                'http.request.method': 'GET',
                'feature.enabled': true,
                'http.response.status_code': 500,
                'big.int': BIG_INT,
                'neg.int': -7,
                ratio: 0.25,
                'tags.list': STRING_LIST,
            },
        });
        const child = tracer.startSpan('SELECT orders', {
            kind: SpanKind.CLIENT,
            startTime: times.childStart,
            attributes: { 'db.system': 'postgresql' },
            links: [{ context: { ...LINKED, traceFlags: 1 }, attributes: { 'link.reason': 'retry' } }],
        }, trace.setSpan(context.active(), parent));
        child.addEvent('query-start', { rows: 3, cached: false, 'sql.fraction': 0.5, note: 'first' }, times.event);
        child.setStatus({ code: SpanStatusCode.OK });
        child.end(times.childEnd);
        parent.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
        // The parent ends on the SDK's own clock (sub-µs nanoseconds too).
        parent.end();
        await within(provider.forceFlush(), 'the OpenTelemetry provider to flush');
        expect(recording.spans).toHaveLength(2);
        expect(recording.spans.map((span) => span.endTime[1] % 1000 !== 0 || span.startTime[1] % 1000 !== 0)).toEqual([true, true]);
        const find = (spanId) => recording.spans.find((span) => span.spanContext().spanId === spanId);
        return {
            seconds: times.seconds,
            traceId: parent.spanContext().traceId,
            parentId: parent.spanContext().spanId,
            childId: child.spanContext().spanId,
            parent: find(parent.spanContext().spanId),
            child: find(child.spanContext().spanId),
        };
    }
    finally {
        await within(provider.shutdown(), 'the OpenTelemetry provider to shut down');
    }
}
function hrNanos(time) {
    return BigInt(Math.trunc(time[0])) * 1000000000n + BigInt(Math.trunc(time[1]));
}
/** The client's own µs value of an hrtime (fractional). */
function hrMicros(time) {
    return time[0] * 1e6 + time[1] / 1e3;
}
/** The µs of an OTLP time: the ns value floored (README, `start_time_unix_nano`). */
function otlpMicros(time) {
    return Number(hrNanos(time) / 1000n);
}
/** OTLP duration: (end − start) in ns, truncated to µs. */
function otlpDuration(span) {
    return Number((hrNanos(span.endTime) - hrNanos(span.startTime)) / 1000n);
}
/** Times must agree with the client's hrtime to within 1 µs. */
function expectTimesNearClient(decoded, sent) {
    expect(Math.abs(decoded.startTime - hrMicros(sent.startTime))).toBeLessThanOrEqual(1);
    expect(Math.abs(decoded.duration - hrMicros(sent.duration))).toBeLessThanOrEqual(1);
    expect(Number.isSafeInteger(decoded.startTime)).toBe(true);
    expect(Number.isSafeInteger(decoded.duration)).toBe(true);
}
/** The resource as process tags (README: attributes keep their type, `service.name` leaves the tags). */
function expectedOtlpProcessTags(sent) {
    const tags = [];
    for (const [key, value] of Object.entries(sent.resource.attributes)) {
        if (key === 'service.name')
            continue;
        if (typeof value === 'string')
            tags.push(str(key, value));
        else if (typeof value === 'boolean')
            tags.push(bool(key, value));
        else if (typeof value === 'number')
            tags.push(Number.isInteger(value) ? int(key, BigInt(value)) : dbl(key, value));
        else
            throw new Error(`unexpected resource attribute ${key}`);
    }
    return tags;
}
/** The whole expected Skein pair for an OTLP export (proto and JSON translate the same). */
function expectOtlpTrace(spans, sent) {
    expect(spans).toHaveLength(2);
    const parent = byId(spans, sent.parentId);
    const child = byId(spans, sent.childId);
    const process = { serviceName: 'golden-svc', tags: expectedOtlpProcessTags(sent.parent) };
    // The resource attributes set in this test are all there, typed; service.name is not a tag.
    expect(process.tags).toEqual(expect.arrayContaining([str('deployment.environment', 'golden'), int('host.cpu.count', 8n), bool('feature.beta', true), dbl('process.load', 1.5)]));
    const [event] = sent.child.events;
    expect(event).toBeDefined();
    expect(parent).toEqual({
        traceId: sent.traceId,
        spanId: sent.parentId,
        operationName: 'GET /checkout',
        references: [],
        flags: 1,
        startTime: otlpMicros(sent.parent.startTime),
        duration: otlpDuration(sent.parent),
        tags: [
            str('otel.scope.name', SCOPE.name),
            str('otel.scope.version', SCOPE.version),
            str('http.request.method', 'GET'),
            bool('feature.enabled', true),
            int('http.response.status_code', 500n),
            int('big.int', BIG_INT_EXACT),
            int('neg.int', -7n),
            dbl('ratio', 0.25),
            str('tags.list', JSON.stringify(STRING_LIST)),
            str('span.kind', 'server'),
            str('otel.status_code', 'ERROR'),
            bool('error', true),
            str('otel.status_description', 'boom'),
        ],
        logs: [],
        process,
        warnings: [],
    });
    expect(child).toEqual({
        traceId: sent.traceId,
        spanId: sent.childId,
        operationName: 'SELECT orders',
        references: [
            { refType: 'CHILD_OF', traceId: sent.traceId, spanId: sent.parentId },
            { refType: 'FOLLOWS_FROM', traceId: LINKED.traceId, spanId: LINKED.spanId },
        ],
        flags: 1,
        startTime: otlpMicros(sent.child.startTime),
        duration: otlpDuration(sent.child),
        tags: [
            str('otel.scope.name', SCOPE.name),
            str('otel.scope.version', SCOPE.version),
            str('db.system', 'postgresql'),
            str('span.kind', 'client'),
            str('otel.status_code', 'OK'),
        ],
        logs: [
            {
                timestamp: otlpMicros(event.time),
                fields: [str('event', 'query-start'), int('rows', 3n), bool('cached', false), dbl('sql.fraction', 0.5), str('note', 'first')],
            },
        ],
        process,
        warnings: [],
    });
    // int64 is a bigint and exact: 2^62 + 1024, not the nearest "round" decimal.
    const big = parent.tags.find((tag) => tag.key === 'big.int');
    expect(typeof big?.value).toBe('bigint');
    expect(big?.value).toBe(4611686018427388928n);
    expectTimesNearClient(parent, sent.parent);
    expectTimesNearClient(child, sent.child);
    expect(Math.abs(child.logs[0].timestamp - hrMicros(event.time))).toBeLessThanOrEqual(1);
    // The explicit times, worked out by hand: .789/.999/.501 µs are floored, and the child's 2 249 002 ns last 2249 µs.
    const base = sent.seconds * 1_000_000;
    expect(parent.startTime).toBe(base + 100_000);
    expect(child.startTime).toBe(base + 101_250);
    expect(child.duration).toBe(2249);
    expect(child.logs[0].timestamp).toBe(base + 102_500);
    expect(child.startTime).toBeGreaterThanOrEqual(parent.startTime);
    // Both spans share one process object's content.
    expect(child.process).toEqual(parent.process);
}
describe('OpenTelemetry JS exporters → @skein/codecs', () => {
    it('OTLP/HTTP protobuf exporter → otlpProto', async () => {
        const capture = await startHttpCapture({ status: 200, contentType: 'application/x-protobuf', body: new Uint8Array(0) });
        const sent = await emitOtelTrace(new OtlpProtoExporter({ url: capture.url('/v1/traces'), compression: undefined }));
        const [request, ...more] = await capture.received(1);
        expect(more).toEqual([]);
        expect(request.method).toBe('POST');
        expect(request.path).toBe('/v1/traces');
        expect(request.contentType).toBe('application/x-protobuf');
        expect(request.contentEncoding).toBeUndefined();
        // A protobuf body, not JSON text.
        expect(request.body[0]).toBe(0x0a);
        expectOtlpTrace(decodeAll(otlpProto, request.body), sent);
    }, TEST_TIMEOUT_MS);
    it('OTLP/HTTP JSON exporter → otlpJson', async () => {
        const capture = await startHttpCapture({ status: 200, contentType: 'application/json', body: '{}' });
        const sent = await emitOtelTrace(new OtlpJsonExporter({ url: capture.url('/v1/traces'), compression: undefined }));
        const [request, ...more] = await capture.received(1);
        expect(more).toEqual([]);
        expect(request.method).toBe('POST');
        expect(request.path).toBe('/v1/traces');
        expect(request.contentType).toBe('application/json');
        expect(request.contentEncoding).toBeUndefined();
        const text = new TextDecoder().decode(request.body);
        expect(text.startsWith('{"resourceSpans":')).toBe(true);
        // The exporter writes ids as hex and int attributes as JSON numbers, so 2^62 + 1024 is on the wire as the
        // shortest decimal that reads back as that double; the decoded tag must still be the client's exact value.
        expect(text).toContain(`"traceId":"${sent.traceId}"`);
        expect(text).toContain(`"intValue":${JSON.stringify(BIG_INT)}`);
        expectOtlpTrace(decodeAll(otlpJson, request.body), sent);
    }, TEST_TIMEOUT_MS);
    it('Zipkin exporter (v2 JSON) → zipkinV2Json', async () => {
        const capture = await startHttpCapture({ status: 202, contentType: 'text/plain', body: '' });
        const sent = await emitOtelTrace(new ZipkinExporter({ url: capture.url('/api/v2/spans') }));
        const [request, ...more] = await capture.received(1);
        expect(more).toEqual([]);
        expect(request.method).toBe('POST');
        expect(request.path).toBe('/api/v2/spans');
        expect(request.contentType).toBe('application/json');
        expect(request.contentEncoding).toBeUndefined();
        // The exporter writes µs as the client's unrounded hrtime in µs (fractional) and durations rounded; Zipkin
        // values are read as integers (README: v2 `timestamp`/`duration` in µs), so each must be the wire value cut.
        const wire = JSON.parse(new TextDecoder().decode(request.body));
        expect(wire).toHaveLength(2);
        const wireParent = wire.find((span) => span.id === sent.parentId);
        const wireChild = wire.find((span) => span.id === sent.childId);
        expect(wireParent.timestamp).toBe(hrMicros(sent.parent.startTime));
        expect(wireChild.annotations).toHaveLength(1);
        const spans = decodeAll(zipkinV2Json, request.body);
        expect(spans).toHaveLength(2);
        const parent = byId(spans, sent.parentId);
        const child = byId(spans, sent.childId);
        // Zipkin tags are strings; the exporter copies the resource attributes onto every span as tags.
        const resourceTags = [
            str('service.name', 'golden-svc'),
            ...Object.entries(sent.parent.resource.attributes)
                .filter(([key]) => key !== 'service.name')
                .map(([key, value]) => str(key, String(value))),
        ];
        expect(resourceTags).toEqual(expect.arrayContaining([str('host.cpu.count', '8'), str('feature.beta', 'true'), str('process.load', '1.5')]));
        const process = { serviceName: 'golden-svc', tags: [] };
        expect(parent).toEqual({
            traceId: sent.traceId,
            spanId: sent.parentId,
            operationName: 'GET /checkout',
            references: [],
            flags: 0,
            startTime: Math.trunc(wireParent.timestamp),
            duration: wireParent.duration,
            tags: [
                str('http.request.method', 'GET'),
                str('feature.enabled', 'true'),
                str('http.response.status_code', '500'),
                str('big.int', String(BIG_INT)),
                str('neg.int', '-7'),
                str('ratio', '0.25'),
                str('tags.list', STRING_LIST.join(',')),
                str('otel.status_code', 'ERROR'),
                // The exporter puts the status message in `error`; a non-bool `error` becomes error=true plus
                // error.message (README, Zipkin table), the latter after the input tags.
                bool('error', true),
                ...resourceTags,
                str('error.message', 'boom'),
                str('span.kind', 'server'),
            ],
            logs: [],
            process,
            warnings: [],
        });
        const [event] = sent.child.events;
        expect(child).toEqual({
            traceId: sent.traceId,
            spanId: sent.childId,
            operationName: 'SELECT orders',
            references: [{ refType: 'CHILD_OF', traceId: sent.traceId, spanId: sent.parentId }],
            flags: 0,
            startTime: Math.trunc(wireChild.timestamp),
            duration: wireChild.duration,
            tags: [str('db.system', 'postgresql'), str('otel.status_code', 'OK'), ...resourceTags, str('span.kind', 'client')],
            // Zipkin annotations carry only the event name (its attributes are not sent); the name is the `event` field.
            logs: [{ timestamp: Math.round(hrMicros(event.time)), fields: [str('event', 'query-start')] }],
            process,
            warnings: [],
        });
        expectTimesNearClient(parent, sent.parent);
        expectTimesNearClient(child, sent.child);
        expect(Math.abs(child.logs[0].timestamp - hrMicros(event.time))).toBeLessThanOrEqual(1);
    }, TEST_TIMEOUT_MS);
});
const JAEGER_VERSION = `Node-${require('jaeger-client/package.json').version}`;
const BINARY_TAG = [0, 1, 2, 0xfe, 0xff];
/**
 * A server span with tags of every type jaeger-client writes (string, bool, number → double, Buffer → binary,
 * object → JSON string) and an error, and its client child with a log; explicit ms times (quarter-ms steps) so the
 * µs on the wire are known exactly.
 */
async function emitJaegerTrace(reporter, traceId128bit) {
    const { initTracer } = require('jaeger-client');
    const errors = [];
    const tracer = initTracer({ serviceName: 'golden-jaeger', sampler: { type: 'const', param: 1 }, reporter: { ...reporter, flushIntervalMs: 60_000 } }, {
        traceId128bit,
        tags: { 'client.tag': 'yes', 'client.number': 7, hostname: 'golden-host', ip: '10.1.2.3' },
        logger: { info: () => undefined, error: (message) => errors.push(message) },
    });
    const t0 = Date.now() - 10;
    const parent = tracer.startSpan('GET /checkout', { startTime: t0, tags: { 'span.kind': 'server' } });
    parent.setTag('http.method', 'GET');
    parent.setTag('http.status_code', 500);
    parent.setTag('ratio', 0.25);
    parent.setTag('feature.enabled', true);
    parent.setTag('payload', Buffer.from(BINARY_TAG));
    parent.setTag('object', { a: 1, b: 'two' });
    parent.setTag('error', true);
    const child = tracer.startSpan('SELECT orders', { childOf: parent.context(), startTime: t0 + 1.25, tags: { 'span.kind': 'client' } });
    child.log({ event: 'query-start', rows: 3, cached: false, note: 'first' }, t0 + 2.5);
    child.finish(t0 + 3.5);
    parent.finish(t0 + 5.75);
    await within(new Promise((resolve) => tracer.close(resolve)), 'jaeger-client to flush and close');
    return {
        traceId: parent.context().toTraceId().padStart(32, '0'),
        parentId: parent.context().toSpanId().padStart(16, '0'),
        childId: child.context().toSpanId().padStart(16, '0'),
        t0,
        errors,
    };
}
function expectJaegerTrace(spans, sent, traceId128bit) {
    expect(sent.errors).toEqual([]);
    expect(spans).toHaveLength(2);
    // 64-bit trace ids are left-padded to 32 hex digits; 128-bit ones use all of them.
    if (traceId128bit)
        expect(sent.traceId.slice(0, 16)).not.toBe('0000000000000000');
    else
        expect(sent.traceId.slice(0, 16)).toBe('0000000000000000');
    const parent = byId(spans, sent.parentId);
    const child = byId(spans, sent.childId);
    const micros = (ms) => Math.round(ms * 1000);
    const process = {
        serviceName: 'golden-jaeger',
        tags: [
            str('client.tag', 'yes'),
            dbl('client.number', 7),
            str('hostname', 'golden-host'),
            str('ip', '10.1.2.3'),
            str('jaeger.version', JAEGER_VERSION),
            { key: 'client-uuid', type: 'string', value: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) },
        ],
    };
    expect(parent).toEqual({
        traceId: sent.traceId,
        spanId: sent.parentId,
        operationName: 'GET /checkout',
        references: [],
        flags: 1,
        startTime: micros(sent.t0),
        duration: 5750,
        tags: [
            // The const sampler tags the root span with its decision.
            str('sampler.type', 'const'),
            bool('sampler.param', true),
            str('span.kind', 'server'),
            str('http.method', 'GET'),
            // jaeger-client sends every JavaScript number as a double.
            dbl('http.status_code', 500),
            dbl('ratio', 0.25),
            bool('feature.enabled', true),
            { key: 'payload', type: 'binary', value: new Uint8Array(BINARY_TAG) },
            str('object', '{"a":1,"b":"two"}'),
            bool('error', true),
        ],
        logs: [],
        process,
        warnings: [],
    });
    expect(child).toEqual({
        traceId: sent.traceId,
        spanId: sent.childId,
        operationName: 'SELECT orders',
        references: [{ refType: 'CHILD_OF', traceId: sent.traceId, spanId: sent.parentId }],
        flags: 1,
        startTime: micros(sent.t0 + 1.25),
        duration: 2250,
        tags: [str('span.kind', 'client')],
        logs: [{ timestamp: micros(sent.t0 + 2.5), fields: [str('event', 'query-start'), dbl('rows', 3), bool('cached', false), str('note', 'first')] }],
        process,
        warnings: [],
    });
    // µs agree with the client's ms times.
    expect(Math.abs(parent.startTime - sent.t0 * 1000)).toBeLessThanOrEqual(1);
    expect(Math.abs(child.startTime - (sent.t0 + 1.25) * 1000)).toBeLessThanOrEqual(1);
    const payload = parent.tags.find((tag) => tag.key === 'payload');
    expect(payload.value).toBeInstanceOf(Uint8Array);
    expect(Array.from(payload.value)).toEqual(BINARY_TAG);
}
describe('jaeger-client → @skein/codecs', () => {
    it('HTTP sender (Thrift binary Batch, 128-bit trace id) → jaegerThriftBinary', async () => {
        const capture = await startHttpCapture({ status: 202, contentType: 'text/plain', body: '' });
        const sent = await emitJaegerTrace({ collectorEndpoint: capture.url('/api/traces') }, true);
        const [request, ...more] = await capture.received(1);
        expect(more).toEqual([]);
        expect(request.method).toBe('POST');
        expect(request.path).toBe('/api/traces');
        expect(request.contentType).toBe('application/x-thrift');
        expect(request.contentEncoding).toBeUndefined();
        // A bare Batch struct: it opens with the `process` field (STRUCT, id 1), not a message header.
        expect(Array.from(request.body.subarray(0, 3))).toEqual([0x0c, 0x00, 0x01]);
        expectJaegerTrace(decodeAll(jaegerThriftBinary, request.body), sent, true);
    }, TEST_TIMEOUT_MS);
    it('UDP sender (Agent.emitBatch, Thrift binary, 64-bit trace id) → jaegerAgentBinary', async () => {
        const capture = await startUdpCapture();
        const sent = await emitJaegerTrace({ agentHost: '127.0.0.1', agentPort: capture.port }, false);
        const [datagram] = await capture.received(1);
        expect(capture.datagrams).toHaveLength(1);
        // A strict TBinaryProtocol message header (version 1, ONEWAY) naming emitBatch.
        expect(Array.from(datagram.subarray(0, 4))).toEqual([0x80, 0x01, 0x00, 0x04]);
        expect(new TextDecoder().decode(datagram.subarray(8, 17))).toBe('emitBatch');
        expectJaegerTrace(decodeAll(jaegerAgentBinary, datagram), sent, false);
        // The same datagram is not a bare Batch.
        expect(() => jaegerThriftBinary.decode(datagram)).toThrow();
    }, TEST_TIMEOUT_MS);
});
//# sourceMappingURL=real-clients.test.js.map