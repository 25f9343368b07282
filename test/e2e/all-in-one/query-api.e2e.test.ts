/**
 * `skein all-in-one` end to end: third-party senders (OpenTelemetry JS exporters, Zipkin exporter, jaeger-client over
 * UDP and HTTP) → the all-in-one's receivers → its SQLite store → Jaeger's query API, checked field by field.
 * No external servers: the all-in-one runs as a child process on loopback with a temporary data dir.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OTLPTraceExporter as OtlpGrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { createSocket } from 'node:dgram';
import { emitJaegerClientSpan, emitOtelTrace, emitTwoServiceTrace, type EmittedTrace } from './senders.js';
import { eventually, newDataDir, removeDataDir, startSkein, type RunningSkein } from './skein-process.js';
import { getJson, type JaegerSpan, type JaegerTrace, tagOf } from './jaeger-json.js';

let skein: RunningSkein;
let dataDir: string;

beforeAll(async () => {
  dataDir = newDataDir();
  skein = await startSkein({ dataDir });
});

afterAll(async () => {
  if (skein) {
    const exit = await skein.stop();
    expect(exit.code).toBe(0);
  }
  removeDataDir(dataDir);
});

/** The trace as the query API serves it, once it holds `spanCount` spans. */
async function traceById(traceId: string, spanCount: number): Promise<JaegerTrace> {
  return eventually(async () => {
    const { status, body } = await getJson<{ data: JaegerTrace[] }>(skein.url('query', `/api/traces/${traceId}`));
    return status === 200 && body.data[0]!.spans.length >= spanCount ? body.data[0] : undefined;
  }, `trace ${traceId} with ${spanCount} spans`);
}

const OTLP_SENDERS: ReadonlyArray<[string, () => SpanExporter]> = [
  ['otlp-grpc', () => new OtlpGrpcExporter({ url: `http://127.0.0.1:${skein.listeners['otlp-grpc']!.port}` })],
  ['otlp-proto', () => new OtlpProtoExporter({ url: skein.url('otlp-http', '/v1/traces') })],
  ['otlp-json', () => new OtlpJsonExporter({ url: skein.url('otlp-http', '/v1/traces') })],
];

function expectMicros(value: number): void {
  expect(Number.isSafeInteger(value)).toBe(true);
  // µs since the epoch of a span sent just now (ms would be 1000× smaller, ns 1000× larger).
  expect(Math.abs(value / 1000 - Date.now())).toBeLessThan(5 * 60_000);
}

/** What every sender must get right: ids, names, the parent reference, µs times, span kind, error flag, the process. */
function expectCommonShape(trace: JaegerTrace, sent: EmittedTrace, service: string): { parent: JaegerSpan; child: JaegerSpan } {
  expect(trace.traceID).toBe(sent.traceId);
  expect(trace.spans).toHaveLength(2);
  const parent = trace.spans.find((span) => span.spanID === sent.parentId)!;
  const child = trace.spans.find((span) => span.spanID === sent.childId)!;
  expect(parent).toBeDefined();
  expect(child).toBeDefined();
  for (const span of [parent, child]) {
    expect(span.traceID).toBe(sent.traceId);
    expectMicros(span.startTime);
    expect(Number.isSafeInteger(span.duration) && span.duration >= 0).toBe(true);
    expect(trace.processes[span.processID]?.serviceName).toBe(service);
  }
  expect(parent.operationName).toBe('GET /checkout');
  expect(parent.references).toEqual([]);
  expect(child.operationName).toBe('SELECT orders');
  expect(child.references).toEqual([{ refType: 'CHILD_OF', traceID: sent.traceId, spanID: sent.parentId }]);
  expect(child.startTime).toBeGreaterThanOrEqual(parent.startTime);
  expect(tagOf(parent, 'span.kind')).toEqual({ key: 'span.kind', type: 'string', value: 'server' });
  expect(tagOf(child, 'span.kind')).toEqual({ key: 'span.kind', type: 'string', value: 'client' });
  expect(tagOf(parent, 'http.method')).toEqual({ key: 'http.method', type: 'string', value: 'GET' });
  expect(tagOf(child, 'db.system')).toEqual({ key: 'db.system', type: 'string', value: 'postgresql' });
  expect(trace.warnings).toBeNull();
  return { parent, child };
}

describe('OpenTelemetry exporters → all-in-one → /api/traces/{id}', () => {
  it.each(OTLP_SENDERS)('%s: every field as Jaeger renders it', async (sender, exporter) => {
    const service = `svc-${sender}`;
    const sent = await emitOtelTrace(service, exporter());
    const trace = await traceById(sent.traceId, 2);
    const { parent, child } = expectCommonShape(trace, sent, service);

    expect(tagOf(parent, 'http.status_code')).toEqual({ key: 'http.status_code', type: 'int64', value: 500 });
    expect(tagOf(parent, 'ratio')).toEqual({ key: 'ratio', type: 'float64', value: 0.25 });
    expect(tagOf(parent, 'ok')).toEqual({ key: 'ok', type: 'bool', value: false });
    // 2^60 is beyond 2^53: Jaeger writes such int64 values as exact decimal strings. (The JSON exporter writes the
    // number as 1152921504606847000, which reads back as the same double, 2^60.)
    expect(tagOf(parent, 'big.int')).toEqual({ key: 'big.int', type: 'int64', value: '1152921504606846976' });
    expect(tagOf(parent, 'otel.status_code')).toEqual({ key: 'otel.status_code', type: 'string', value: 'ERROR' });
    expect(tagOf(parent, 'otel.status_description')).toEqual({ key: 'otel.status_description', type: 'string', value: 'boom' });
    expect(tagOf(parent, 'error')).toEqual({ key: 'error', type: 'bool', value: true });
    expect(tagOf(child, 'error')).toBeUndefined();
    expect(tagOf(parent, 'otel.scope.name')).toEqual({ key: 'otel.scope.name', type: 'string', value: 'e2e-scope' });
    expect(tagOf(parent, 'otel.scope.version')).toEqual({ key: 'otel.scope.version', type: 'string', value: '1.2.3' });

    // Resource attributes are process tags; both spans share one process entry.
    expect(parent.processID).toBe(child.processID);
    expect(Object.keys(trace.processes)).toHaveLength(1);
    expect(trace.processes[parent.processID]!.tags).toEqual(
      expect.arrayContaining([
        { key: 'deployment.environment', type: 'string', value: 'e2e' },
        { key: 'host.id', type: 'string', value: 'host-1' },
      ]),
    );
    expect(trace.processes[parent.processID]!.tags.find((tag) => tag.key === 'service.name')).toBeUndefined();

    // The event is a log with an `event` field first, its attributes after, its timestamp within the span.
    expect(parent.logs).toEqual([]);
    expect(child.logs).toHaveLength(1);
    expect(child.logs[0]!.fields).toEqual([
      { key: 'event', type: 'string', value: 'query-start' },
      { key: 'rows', type: 'int64', value: 3 },
    ]);
    expectMicros(child.logs[0]!.timestamp);
    expect(child.logs[0]!.timestamp).toBeGreaterThanOrEqual(child.startTime);
    expect(child.logs[0]!.timestamp).toBeLessThanOrEqual(child.startTime + child.duration);
    expect(parent.warnings).toBeNull();
  });

  it('Zipkin exporter (v2 JSON): ids, kinds, parent, error, µs times', async () => {
    const sent = await emitOtelTrace('svc-zipkin', new ZipkinExporter({ url: skein.url('zipkin', '/api/v2/spans') }));
    const trace = await traceById(sent.traceId, 2);
    const { parent, child } = expectCommonShape(trace, sent, 'svc-zipkin');
    // Zipkin tags are strings on the wire, so numbers arrive as strings, as in Jaeger.
    expect(tagOf(parent, 'http.status_code')).toEqual({ key: 'http.status_code', type: 'string', value: '500' });
    expect(tagOf(parent, 'error')).toMatchObject({ key: 'error' });
    // Zipkin annotations become logs carrying the annotation text as `event`.
    expect(child.logs).toHaveLength(1);
    expect(child.logs[0]!.fields[0]).toMatchObject({ key: 'event', type: 'string' });
    expect(String(child.logs[0]!.fields[0]!.value)).toContain('query-start');
  });
});

describe('jaeger-client → all-in-one', () => {
  it.each([
    ['UDP Thrift binary (6832)', () => ({ agentHost: '127.0.0.1', agentPort: skein.listeners['udp-binary']!.port })],
    ['HTTP Thrift binary (14268)', () => ({ collectorEndpoint: skein.url('jaeger-http', '/api/traces') })],
  ] as const)('%s', async (transport, reporter) => {
    const service = `svc-jaeger-${transport.startsWith('UDP') ? 'udp' : 'http'}`;
    const sent = await emitJaegerClientSpan(service, reporter());
    // jaeger-client ids are 64-bit; the UI JSON uses 16 hex digits when the high half is zero.
    const traceId = sent.traceId.padStart(16, '0');
    const trace = await traceById(traceId, 1);
    expect(trace.traceID).toBe(traceId);
    const span = trace.spans[0]!;
    expect(span.spanID).toBe(sent.spanId.padStart(16, '0'));
    expect(span.operationName).toBe('jaeger-op');
    expect(span.references).toEqual([]);
    expectMicros(span.startTime);
    // jaeger-client sends every JavaScript number as float64.
    expect(tagOf(span, 'jaeger.tag')).toEqual({ key: 'jaeger.tag', type: 'float64', value: 42 });
    expect(tagOf(span, 'span.kind')).toEqual({ key: 'span.kind', type: 'string', value: 'server' });
    expect(span.logs[0]!.fields).toEqual([
      { key: 'event', type: 'string', value: 'something' },
      { key: 'value', type: 'string', value: 'x' },
    ]);
    const process = trace.processes[span.processID]!;
    expect(process.serviceName).toBe(service);
    expect(process.tags).toEqual(
      expect.arrayContaining([
        { key: 'client.tag', type: 'string', value: 'yes' },
        { key: 'jaeger.version', type: 'string', value: 'Node-3.19.0' },
      ]),
    );
  });
});

describe('search, services and operations', () => {
  let sent: EmittedTrace;
  beforeAll(async () => {
    sent = await emitOtelTrace('svc-search', new OtlpProtoExporter({ url: skein.url('otlp-http', '/v1/traces') }));
    await traceById(sent.traceId, 2);
  });

  it('lists the service and its operations', async () => {
    const services = await getJson<{ data: string[]; total: number; errors: null }>(skein.url('query', '/api/services'));
    expect(services.status).toBe(200);
    expect(services.body.data).toContain('svc-search');
    expect(services.body.total).toBe(services.body.data.length);
    expect(services.body.errors).toBeNull();
    const operations = await getJson<{ data: string[]; total: number }>(skein.url('query', '/api/services/svc-search/operations'));
    expect([...operations.body.data].sort()).toEqual(['GET /checkout', 'SELECT orders']);
    expect(operations.body.total).toBe(2);
  });

  it('finds the trace by service and tags, and not by a tag it lacks', async () => {
    const tags = encodeURIComponent(JSON.stringify({ 'http.method': 'GET', error: 'true' }));
    const found = await getJson<{ data: JaegerTrace[]; errors: null }>(skein.url('query', `/api/traces?service=svc-search&tags=${tags}&lookback=1h&limit=20`));
    expect(found.status).toBe(200);
    expect(found.body.errors).toBeNull();
    expect(found.body.data.map((trace) => trace.traceID)).toEqual([sent.traceId]);
    expect(found.body.data[0]!.spans).toHaveLength(2);

    const byOperation = await getJson<{ data: JaegerTrace[] }>(skein.url('query', `/api/traces?service=svc-search&operation=${encodeURIComponent('SELECT orders')}&tag=db.system:postgresql`));
    expect(byOperation.body.data.map((trace) => trace.traceID)).toEqual([sent.traceId]);

    const none = await getJson<{ data: JaegerTrace[] }>(skein.url('query', `/api/traces?service=svc-search&tags=${encodeURIComponent('{"http.method":"POST"}')}`));
    expect(none.status).toBe(200);
    expect(none.body.data).toEqual([]);
  });

  it('answers 404 in Jaeger\'s envelope for an unknown trace', async () => {
    const missing = await getJson<{ data: null; errors: Array<{ code: number; msg: string }> }>(skein.url('query', '/api/traces/0123456789abcdef0123456789abcdef'));
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0]).toMatchObject({ code: 404, msg: 'trace not found' });
  });
});

describe('dependencies computed on read', () => {
  it('links the two services of one trace', async () => {
    const traceId = await emitTwoServiceTrace('dep-frontend', 'dep-backend', () => new OtlpProtoExporter({ url: skein.url('otlp-http', '/v1/traces') }));
    await traceById(traceId, 2);
    const { status, body } = await getJson<{ data: Array<{ parent: string; child: string; callCount: number }> }>(
      skein.url('query', `/api/dependencies?endTs=${Date.now() + 60_000}&lookback=3600000`),
    );
    expect(status).toBe(200);
    expect(body.data).toContainEqual({ parent: 'dep-frontend', child: 'dep-backend', callCount: 1 });
  });
});

describe('int64 beyond 2^53 end to end', () => {
  it('keeps every digit of int64 max from OTLP JSON to the UI JSON', async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const body = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc-int64' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId,
                  spanId: 'b7ad6b7169203331',
                  name: 'int64',
                  kind: 2,
                  startTimeUnixNano: String(BigInt(Date.now()) * 1_000_000n),
                  endTimeUnixNano: String((BigInt(Date.now()) + 5n) * 1_000_000n),
                  attributes: [
                    { key: 'max', value: { intValue: '9223372036854775807' } },
                    { key: 'min', value: { intValue: '-9223372036854775808' } },
                    { key: 'safe', value: { intValue: '9007199254740991' } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    const response = await fetch(skein.url('otlp-http', '/v1/traces'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
    const span = (await traceById(traceId, 1)).spans[0]!;
    expect(tagOf(span, 'max')).toEqual({ key: 'max', type: 'int64', value: '9223372036854775807' });
    expect(tagOf(span, 'min')).toEqual({ key: 'min', type: 'int64', value: '-9223372036854775808' });
    expect(tagOf(span, 'safe')).toEqual({ key: 'safe', type: 'int64', value: 9007199254740991 });
    expect(span.duration).toBe(5000);
  });
});

describe('sampling on 5778', () => {
  it("answers Jaeger's default probabilistic 0.001 for any service", async () => {
    const sampling = await getJson<unknown>(skein.url('sampling-http', '/sampling?service=x'));
    expect(sampling.status).toBe(200);
    expect(sampling.body).toEqual({ strategyType: 'PROBABILISTIC', probabilisticSampling: { samplingRate: 0.001 } });
    // The legacy root endpoint (where jaeger-client looks) uses the numeric strategy type.
    const legacy = await getJson<unknown>(skein.url('sampling-http', '/?service=x'));
    expect(legacy.body).toEqual({ strategyType: 0, probabilisticSampling: { samplingRate: 0.001 } });
    // The collector's own endpoint on 14268 agrees.
    const collector = await getJson<unknown>(skein.url('jaeger-http', '/api/sampling?service=x'));
    expect(collector.body).toEqual(sampling.body);
  });
});

describe('bad input', () => {
  it('is refused, naming the problem, on every receiver and leaves the all-in-one healthy and ingesting', async () => {
    const garbage = Buffer.from('\u0000\u00ffnot a span at all\u0001\u0002');
    const cases: Array<{ receiver: string; path: string; contentType: string; body: Buffer | string; status: number; says: RegExp }> = [
      { receiver: 'otlp-http', path: '/v1/traces', contentType: 'application/x-protobuf', body: garbage, status: 400, says: /otlp\.proto/ },
      // OTLP has a partial-success channel: a refused span is reported in a 200, naming the problem.
      { receiver: 'otlp-http', path: '/v1/traces', contentType: 'application/json', body: '{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"zz"}]}]}]}', status: 200, says: /"rejectedSpans":"1".*traceId/ },
      { receiver: 'otlp-http', path: '/v1/traces', contentType: 'text/plain', body: 'hello', status: 415, says: /Content-Type/ },
      { receiver: 'jaeger-http', path: '/api/traces', contentType: 'application/x-thrift', body: garbage, status: 400, says: /jaeger\.thrift/ },
      { receiver: 'zipkin', path: '/api/v2/spans', contentType: 'application/json', body: '{"__proto__":{"polluted":true}}', status: 400, says: /JSON array/ },
      { receiver: 'zipkin', path: '/api/v2/spans', contentType: 'application/json', body: '[{"traceId":"0","id":"0"}]', status: 400, says: /all zeros/ },
    ];
    for (const { receiver, path, contentType, body, status, says } of cases) {
      const response = await fetch(skein.url(receiver, path), { method: 'POST', headers: { 'content-type': contentType }, body });
      const text = await response.text();
      expect({ receiver, contentType, status: response.status }).toEqual({ receiver, contentType, status });
      expect(text).toMatch(says);
    }
    const udp = createSocket('udp4');
    for (const port of [skein.listeners['udp-binary']!.port, skein.listeners['udp-compact']!.port]) {
      await new Promise<void>((resolve, reject) => udp.send(garbage, port, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
    }
    udp.close();

    const ready = await fetch(skein.url('admin', '/readyz'));
    expect(ready.status).toBe(200);
    const sent = await emitOtelTrace('svc-after-bad-input', new OtlpProtoExporter({ url: skein.url('otlp-http', '/v1/traces') }));
    expect((await traceById(sent.traceId, 2)).spans).toHaveLength(2);
    const metrics = await (await fetch(skein.url('admin', '/metrics'))).text();
    expect(metrics).toMatch(/skein_collector_requests_rejected_total\{[^}]*receiver="otlp-http"/);
    expect(metrics).toMatch(/skein_query_request_duration_seconds/);
    expect(skein.child.exitCode).toBeNull();
  });
});
