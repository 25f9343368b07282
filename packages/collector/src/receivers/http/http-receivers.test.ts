import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { encodeJaegerBatch, encodeOtlpJson, encodeOtlpProto, encodeSubmitBatches, encodeZipkinV2Json } from '@skein/codecs';
import type { Span } from '@skein/model';
import type { MemoryStorage } from '@skein/storage';
import type { CollectorHandle } from '../../collector.js';
import { startTestCollector, testSpan } from '../../testing/spans.js';

let collector: CollectorHandle;
let storage: MemoryStorage;
let url: (receiver: string, path: string) => string;

beforeAll(async () => {
  ({ collector, storage, url } = await startTestCollector({ 'collector.http.max-body-size': '65536', 'collector.http.max-decompressed-size': '262144' }));
});
afterAll(async () => {
  await collector.stop();
});

async function post(receiver: string, path: string, body: Uint8Array | string, headers: Record<string, string>): Promise<{ status: number; text: string; bytes: Uint8Array; headers: Headers }> {
  const response = await fetch(url(receiver, path), { method: 'POST', body, headers });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, text: Buffer.from(bytes).toString('utf8'), bytes, headers: response.headers };
}

async function stored(span: Span): Promise<Span | undefined> {
  const trace = await storage.createSpanReader().getTrace(span.traceId);
  return trace?.spans.find((s) => s.spanId === span.spanId);
}

const PROTO = { 'content-type': 'application/x-protobuf' };
const JSON_CT = { 'content-type': 'application/json' };
const THRIFT = { 'content-type': 'application/x-thrift' };
const gzipBomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x61)); // ~50 KB that inflates to 50 MiB
const zeroIdOtlpJson = (good: Span) => {
  const value = JSON.parse(Buffer.from(encodeOtlpJson([good, testSpan()])).toString('utf8'));
  value.resourceSpans[0].scopeSpans[0].spans[1].spanId = '0000000000000000';
  return JSON.stringify(value);
};

describe('OTLP/HTTP POST /v1/traces', () => {
  it('accepts protobuf, gzip protobuf and JSON, answering 200 in the request encoding', async () => {
    const spans = [testSpan(), testSpan(), testSpan()];
    const proto = await post('otlp-http', '/v1/traces', encodeOtlpProto([spans[0]!]), PROTO);
    expect(proto.status).toBe(200);
    expect(proto.headers.get('content-type')).toMatch(/application\/x-protobuf/);
    expect(proto.bytes.byteLength).toBe(0);
    const gz = await post('otlp-http', '/v1/traces', gzipSync(encodeOtlpProto([spans[1]!])), { ...PROTO, 'content-encoding': 'gzip' });
    expect(gz.status).toBe(200);
    const json = await post('otlp-http', '/v1/traces', encodeOtlpJson([spans[2]!]), JSON_CT);
    expect(json.status).toBe(200);
    expect(JSON.parse(json.text)).toEqual({});
    for (const span of spans) expect((await stored(span))?.operationName).toBe(span.operationName);
  });

  it('answers partial success naming an all-zero span id, keeping the rest (JSON)', async () => {
    const good = testSpan();
    const reply = await post('otlp-http', '/v1/traces', zeroIdOtlpJson(good), JSON_CT);
    expect(reply.status).toBe(200);
    const body = JSON.parse(reply.text);
    expect(body.partialSuccess.rejectedSpans).toBe('1');
    expect(body.partialSuccess.errorMessage).toMatch(/1 span rejected: .*span/);
    expect(await stored(good)).toBeDefined();
  });

  it('answers partial success in protobuf for a protobuf request', async () => {
    const good = testSpan();
    const stale = testSpan({ startTime: Date.UTC(1990, 0, 1) * 1000 });
    const reply = await post('otlp-http', '/v1/traces', encodeOtlpProto([good, stale]), PROTO);
    expect(reply.status).toBe(200);
    // ExportTraceServiceResponse{ partial_success(1){ rejected_spans(1)=1, error_message(2) } }
    const text = Buffer.from(reply.bytes).toString('latin1');
    expect(reply.bytes[0]).toBe(0x0a);
    expect(text).toMatch(/startTime .* is before 2000-01-01/);
  });

  it.each([
    ['truncated protobuf', encodeOtlpProto([testSpan()]).slice(0, 40), PROTO, 400, /otlp/i],
    ['invalid JSON', '{"resourceSpans": [', JSON_CT, 400, /json/i],
    ['JSON with __proto__ keys', '{"__proto__": {"polluted": true}, "resourceSpans": [{"__proto__": {"x": 1}, "scopeSpans": []}]}', JSON_CT, 200, /^/],
    ['wrong content type', 'hello', { 'content-type': 'text/plain' }, 415, /Content-Type "text\/plain" is not supported/],
    ['missing content type', encodeOtlpProto([testSpan()]), {}, 415, /Content-Type "\(none\)"/],
    ['oversized body', new Uint8Array(70_000), PROTO, 413, /over the 65536-byte limit/],
    ['gzip bomb', gzipBomb, { ...PROTO, 'content-encoding': 'gzip' }, 413, /decompresses to more than the 262144-byte limit/],
    ['bad gzip', Buffer.from('not gzip at all'), { ...PROTO, 'content-encoding': 'gzip' }, 400, /not valid gzip/],
    ['unknown encoding', encodeOtlpProto([testSpan()]), { ...PROTO, 'content-encoding': 'br' }, 415, /Content-Encoding "br"/],
  ] as Array<[string, Uint8Array | string, Record<string, string>, number, RegExp]>)('%s: answered with the status and a message naming the problem', async (_name, body, headers, status, message) => {
    const reply = await post('otlp-http', '/v1/traces', body, headers);
    expect(reply.status).toBe(status);
    if (status !== 200) {
      // google.rpc.Status in the reply's encoding: JSON has a message field; protobuf carries the text verbatim.
      const error = reply.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(reply.text).message : reply.text;
      expect(error).toMatch(message);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('Jaeger Thrift POST /api/traces', () => {
  it('accepts a Thrift batch with 202 and stores it field by field', async () => {
    const span = testSpan({ tags: [{ key: 'big', type: 'int64', value: 2n ** 62n }, { key: 'ok', type: 'bool', value: true }] });
    for (const contentType of ['application/x-thrift', 'application/vnd.apache.thrift.binary']) {
      const s = { ...span, spanId: testSpan().spanId };
      const reply = await post('jaeger-http', '/api/traces', encodeJaegerBatch(s.process, [s]), { 'content-type': contentType });
      expect(reply.status).toBe(202);
      const got = await stored(s);
      expect(got?.tags).toEqual(expect.arrayContaining(s.tags));
      expect(got?.process.serviceName).toBe('users');
    }
  });

  it('accepts a Collector.submitBatches call (Thrift HTTP transport framing), binary and compact, every batch stored', async () => {
    for (const [protocol, contentType] of [['binary', 'application/x-thrift'], ['compact', 'application/vnd.apache.thrift.compact']] as const) {
      const first = testSpan();
      const second = testSpan({ process: { serviceName: `opencensus-${protocol}`, tags: [] } });
      const body = encodeSubmitBatches([{ process: first.process, spans: [first] }, { process: second.process, spans: [second] }], protocol);
      const reply = await post('jaeger-http', '/api/traces', body, { 'content-type': contentType });
      expect(reply.status).toBe(202);
      expect((await stored(first))?.process.serviceName).toBe('users');
      expect((await stored(second))?.process.serviceName).toBe(`opencensus-${protocol}`);
    }
    const wrongMethod = encodeSubmitBatches([{ process: testSpan().process, spans: [testSpan()] }], 'binary');
    wrongMethod.set(Buffer.from('submitBatchez'), 8);
    const reply = await post('jaeger-http', '/api/traces', wrongMethod, THRIFT);
    expect(reply.status).toBe(400);
    expect(reply.text).toMatch(/unknown Collector method "submitBatchez"/);
  });

  it('serves the sampling route registered by the sampling module', async () => {
    const response = await fetch(url('jaeger-http', '/api/sampling?service=frontend'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ strategyType: 'PROBABILISTIC' });
    expect((await fetch(url('jaeger-http', '/api/sampling'))).status).toBe(400);
  });

  it.each([
    ['JSON content type', '{}', JSON_CT, 415, /Content-Type "application\/json" is not supported on \/api\/traces/],
    ['truncated Thrift', encodeJaegerBatch(testSpan().process, [testSpan()]).slice(0, 30), THRIFT, 400, /thrift/i],
    ['garbage', Buffer.from([0xff, 0xff, 0xff, 0xff, 0x7f]), THRIFT, 400, /./],
    ['oversized body', new Uint8Array(70_000), THRIFT, 413, /65536-byte limit/],
    ['gzip bomb', gzipBomb, { ...THRIFT, 'content-encoding': 'gzip' }, 413, /decompresses/],
    ['only all-zero ids', encodeJaegerBatch(testSpan().process, [testSpan({ traceId: '0'.repeat(32) })]), THRIFT, 400, /rejected/],
  ] as Array<[string, Uint8Array | string, Record<string, string>, number, RegExp]>)('%s', async (_name, body, headers, status, message) => {
    const reply = await post('jaeger-http', '/api/traces', body, headers);
    expect(reply.status).toBe(status);
    expect(reply.text).toMatch(message);
  });
});

describe('Zipkin POST /api/v1/spans and /api/v2/spans', () => {
  it('accepts v2 JSON with 202 (with and without a content type)', async () => {
    const span = testSpan({ process: { serviceName: 'zsvc', tags: [] } });
    const reply = await post('zipkin', '/api/v2/spans', encodeZipkinV2Json([span]), JSON_CT);
    expect(reply.status).toBe(202);
    expect((await stored(span))?.process.serviceName).toBe('zsvc');
    const bare = testSpan();
    expect((await post('zipkin', '/api/v2/spans', encodeZipkinV2Json([bare]), {})).status).toBe(202);
  });

  it('accepts v1 JSON', async () => {
    const traceId = testSpan().traceId.slice(16);
    const id = testSpan().spanId;
    const v1 = [{ traceId, id, name: 'get', timestamp: Date.now() * 1000, duration: 10, annotations: [], binaryAnnotations: [{ key: 'lc', value: 'x', endpoint: { serviceName: 'v1svc' } }] }];
    const reply = await post('zipkin', '/api/v1/spans', JSON.stringify(v1), JSON_CT);
    expect(reply.status).toBe(202);
  });

  it.each([
    ['/api/v2/spans', 'invalid JSON', '[{', JSON_CT, 400],
    ['/api/v2/spans', '__proto__ keys', '[{"__proto__":{"polluted":1},"traceId":"0000000000000001","id":"0000000000000002","name":"x","timestamp":1,"localEndpoint":{"serviceName":"s"}}]', JSON_CT, 400],
    ['/api/v2/spans', 'truncated proto', Buffer.from([0x0a, 0x50, 0x0a]), { 'content-type': 'application/x-protobuf' }, 400],
    ['/api/v2/spans', 'Thrift on v2', Buffer.from([0x0c]), THRIFT, 415],
    ['/api/v1/spans', 'truncated Thrift', Buffer.from([0x0c, 0x00, 0x00, 0x00, 0x05]), THRIFT, 400],
    ['/api/v1/spans', 'protobuf on v1', Buffer.from([0x0a]), { 'content-type': 'application/x-protobuf' }, 415],
    ['/api/v2/spans', 'oversized body', new Uint8Array(70_000), JSON_CT, 413],
    ['/api/v2/spans', 'gzip bomb', gzipBomb, { ...JSON_CT, 'content-encoding': 'gzip' }, 413],
  ] as Array<[string, string, Uint8Array | string, Record<string, string>, number]>)('%s %s', async (path, _name, body, headers, status) => {
    const reply = await post('zipkin', path, body, headers);
    expect(reply.status).toBe(status);
    expect(reply.text.length).toBeGreaterThan(5);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('after all the bad input', () => {
  it('the process is healthy, counted every refusal, and still accepts spans', async () => {
    const span = testSpan();
    expect((await post('otlp-http', '/v1/traces', encodeOtlpProto([span]), PROTO)).status).toBe(200);
    const metrics = await collector.registry.getSingleMetricAsString('skein_collector_requests_rejected_total');
    for (const reason of ['decode', 'unsupported-content-type', 'body-too-large', 'decompressed-too-large', 'bad-compression', 'unsupported-encoding']) {
      expect(metrics).toContain(`reason="${reason}"`);
    }
    const rejected = await collector.registry.getSingleMetricAsString('skein_collector_spans_rejected_total');
    expect(rejected).toMatch(/reason="(invalid-span-id|decode)"/);
    const health = await fetch(`http://127.0.0.1:${collector.admin!.port}/healthz`);
    expect(health.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${collector.admin!.port}/readyz`)).status).toBe(200);
  });
});

describe('tenancy through HTTP', () => {
  it('401 without the header, 403 for a tenant outside the list, 200 for an allowed one', async () => {
    const tenanted = await startTestCollector({ 'multi-tenancy.enabled': 'true', 'multi-tenancy.tenants': 'acme' });
    try {
      const body = encodeOtlpProto([testSpan()]);
      const send = (headers: Record<string, string>) => fetch(tenanted.url('otlp-http', '/v1/traces'), { method: 'POST', body, headers: { ...PROTO, ...headers } });
      expect((await send({})).status).toBe(401);
      expect((await send({ 'x-tenant': 'evil' })).status).toBe(403);
      expect((await send({ 'x-tenant': 'acme' })).status).toBe(200);
    } finally {
      await tenanted.collector.stop();
    }
  });
});

describe('request bytes in flight across receivers (--collector.http.max-bytes-in-flight)', () => {
  it('answers 429 with Retry-After while other bodies hold the budget, and takes requests again once they are done', async () => {
    const { request } = await import('node:http');
    const small = await startTestCollector({ 'collector.http.max-bytes-in-flight': '1048576', 'collector.http.max-body-size': '2097152' });
    try {
      const target = new URL(small.url('otlp-http', '/v1/traces'));
      // A slow client: 900 KB of a 1.2 MB body sent, the rest held back.
      const held = request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(1_200_000) } });
      const heldAnswer = new Promise<number>((resolve, reject) => {
        held.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        held.on('error', reject);
      });
      held.write(Buffer.alloc(900_000, 0x20));
      await new Promise((resolve) => setTimeout(resolve, 200));

      const body = encodeOtlpJson([testSpan()]);
      const padded = Buffer.concat([Buffer.from(body), Buffer.alloc(300_000, 0x20)]);
      const refused = await fetch(small.url('otlp-http', '/v1/traces'), { method: 'POST', body: padded, headers: JSON_CT });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(await refused.text()).toContain('too many request bytes are being read at once');
      // Another receiver shares the budget.
      const zipkin = await fetch(small.url('zipkin', '/api/v2/spans'), { method: 'POST', body: Buffer.concat([Buffer.from(encodeZipkinV2Json([testSpan()])), Buffer.alloc(300_000, 0x20)]), headers: JSON_CT });
      expect(zipkin.status).toBe(429);

      held.end(Buffer.alloc(300_000, 0x20)); // whitespace only: not a valid OTLP document
      expect(await heldAnswer).toBe(400);
      const accepted = await fetch(small.url('otlp-http', '/v1/traces'), { method: 'POST', body: padded, headers: JSON_CT });
      expect(accepted.status).toBe(200);
      const metrics = await small.collector.registry.metrics();
      expect(metrics).toMatch(/skein_collector_requests_rejected_total\{[^}]*receiver="otlp-http",reason="bytes-in-flight"[^}]*\} 1/);
      expect(metrics).toMatch(/skein_collector_requests_rejected_total\{[^}]*receiver="zipkin",reason="bytes-in-flight"[^}]*\} 1/);
    } finally {
      await small.collector.stop();
    }
    // The held 1.2 MB body is decoded on the decode thread, whose start (tsx under Jest) takes seconds on a busy machine;
    // with four JVMs beside the tests it once took more than 20 s in CI.
  }, 60_000);
});
