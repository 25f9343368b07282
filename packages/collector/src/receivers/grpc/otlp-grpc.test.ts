import { afterEach, describe, expect, it } from '@jest/globals';
import { status as Status } from '@grpc/grpc-js';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { encodeOtlpProto, protoReader } from '@skein/codecs';
import type { Span, Tag } from '@skein/model';
import { OverloadedError, ShuttingDownError, TenantRejectedError } from '../../ingest/span-ingest.js';
import type { Receiver } from '../receiver.js';
import { RawGrpcClient } from './grpc-client.js';
import { DEFAULT_GRPC_MAX_MESSAGE_SIZE, type GrpcReceiverConfig } from './options.js';
import { createOtlpGrpcReceiver } from './receivers.js';
import { rawClientDefinitions } from './service-definitions.js';
import { counterValue, RecordingIngest, silentLogger, testMetrics, testSpan, testSpans } from './test-support.js';
import { grpcFrame, rawGrpcRequest } from '../../../../../test/jest/raw-grpc-request.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function config(overrides: Partial<GrpcReceiverConfig> = {}): GrpcReceiverConfig {
  return { hostPort: { host: '127.0.0.1', port: 0 }, maxMessageSize: DEFAULT_GRPC_MAX_MESSAGE_SIZE, tlsEnabled: false, tlsCert: '', tlsKey: '', tlsClientCa: '', ...overrides };
}

async function startReceiver(overrides: Partial<GrpcReceiverConfig> = {}) {
  const ingest = new RecordingIngest();
  const { metrics } = testMetrics();
  const receiver: Receiver = createOtlpGrpcReceiver({ ingest, metrics, logger: silentLogger }, config(overrides));
  await receiver.start();
  cleanups.push(() => receiver.stop());
  const address = `127.0.0.1:${receiver.address()!.port}`;
  const client = new RawGrpcClient(rawClientDefinitions.otlpTraceService, address);
  cleanups.push(() => client.close());
  return { ingest, metrics, receiver, address, client };
}

function micros(time: [number, number]): number {
  return time[0] * 1_000_000 + Math.floor(time[1] / 1000);
}

function tagsOf(span: Span): Record<string, Tag['value']> {
  return Object.fromEntries(span.tags.map((t) => [t.key, t.value]));
}

/** `ExportTraceServiceResponse` → partial success numbers. */
function partialSuccess(bytes: Uint8Array): { rejectedSpans: number; errorMessage: string } | undefined {
  const r = protoReader(bytes, 'test');
  let result: { rejectedSpans: number; errorMessage: string } | undefined;
  while (r.more()) {
    const tag = r.tag();
    if (tag >>> 3 !== 1) {
      r.skip(tag & 7);
      continue;
    }
    const sub = r.message();
    result = { rejectedSpans: 0, errorMessage: '' };
    while (sub.more()) {
      const t = sub.tag();
      if (t >>> 3 === 1) result.rejectedSpans = sub.int64Number();
      else if (t >>> 3 === 2) result.errorMessage = sub.string();
      else sub.skip(t & 7);
    }
  }
  return result;
}

describe('OTLP gRPC receiver fed by the real OpenTelemetry exporter', () => {
  it('receives every span with its fields as Jaeger translates them', async () => {
    const { ingest, metrics, address } = await startReceiver();
    const exporter = new OTLPTraceExporter({ url: `http://${address}` });
    const memory = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'checkout', 'deployment.environment': 'test' }),
      spanProcessors: [new SimpleSpanProcessor(memory), new SimpleSpanProcessor(exporter)],
    });
    cleanups.push(() => provider.shutdown());
    const tracer = provider.getTracer('skein-test-scope', '1.2.3');

    const parent = tracer.startSpan('GET /cart', { kind: SpanKind.SERVER, attributes: { 'http.method': 'GET', 'retry.count': 3, ratio: 0.5, 'cache.hit': true } });
    parent.addEvent('cache miss', { key: 'user:1' });
    const child = tracer.startSpan('SELECT cart', { kind: SpanKind.CLIENT, links: [{ context: { traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', traceFlags: 1 } }] }, trace.setSpan(ROOT_CONTEXT, parent));
    child.setStatus({ code: SpanStatusCode.ERROR, message: 'deadlock' });
    child.end();
    parent.end();
    await provider.forceFlush();
    await ingest.waitForSpans(2);

    const sent = memory.getFinishedSpans();
    const received = ingest.batches.flatMap((b) => b.batch.spans);
    expect(received).toHaveLength(2);
    expect(ingest.batches.every((b) => b.context.receiver === 'otlp-grpc' && b.context.format === 'otlp.proto' && b.context.tenant === undefined)).toBe(true);

    const byName = (spans: Span[], name: string) => spans.find((s) => s.operationName === name)!;
    const sentByName = (name: string) => sent.find((s) => s.name === name) as ReadableSpan;
    for (const name of ['GET /cart', 'SELECT cart']) {
      const original = sentByName(name);
      const span = byName(received, name);
      expect(span.traceId).toBe(original.spanContext().traceId);
      expect(span.spanId).toBe(original.spanContext().spanId);
      expect(span.startTime).toBe(micros(original.startTime));
      expect(span.duration).toBe(Math.trunc((original.duration[0] * 1e9 + original.duration[1]) / 1000));
      expect(span.flags).toBe(1);
      expect(span.process.serviceName).toBe('checkout');
      expect(span.process.tags).toContainEqual({ key: 'deployment.environment', type: 'string', value: 'test' });
      expect(span.process.tags.some((t) => t.key === 'service.name')).toBe(false);
      expect(tagsOf(span)['otel.scope.name']).toBe('skein-test-scope');
      expect(tagsOf(span)['otel.scope.version']).toBe('1.2.3');
    }

    const cart = byName(received, 'GET /cart');
    expect(cart.references).toEqual([]);
    expect(cart.tags).toEqual(
      expect.arrayContaining([
        { key: 'http.method', type: 'string', value: 'GET' },
        { key: 'retry.count', type: 'int64', value: 3n },
        { key: 'ratio', type: 'float64', value: 0.5 },
        { key: 'cache.hit', type: 'bool', value: true },
        { key: 'span.kind', type: 'string', value: 'server' },
      ]),
    );
    const sentEvent = sentByName('GET /cart').events[0]!;
    expect(cart.logs).toEqual([
      {
        timestamp: micros(sentEvent.time),
        fields: [
          { key: 'event', type: 'string', value: 'cache miss' },
          { key: 'key', type: 'string', value: 'user:1' },
        ],
      },
    ]);

    const select = byName(received, 'SELECT cart');
    expect(select.references).toEqual([
      { refType: 'CHILD_OF', traceId: cart.traceId, spanId: cart.spanId },
      { refType: 'FOLLOWS_FROM', traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174' },
    ]);
    expect(tagsOf(select)).toMatchObject({ 'span.kind': 'client', 'otel.status_code': 'ERROR', 'otel.status_description': 'deadlock', error: true });

    // The ingest counts received spans; the receiver must not count them again (it once did: 2 per span).
    expect(await counterValue(metrics.spansReceived, { receiver: 'otlp-grpc', format: 'otlp.proto' })).toBe(0);
  });
});

describe('OTLP gRPC receiver: answers and status codes', () => {
  it('answers partial success with the count and reasons of rejected spans', async () => {
    const { client, ingest, metrics } = await startReceiver();
    const payload = encodeOtlpProto([testSpan(), testSpan({ spanId: '0000000000000000' })]);
    const { response, error } = await client.call('Export', payload);
    expect(error).toBeUndefined();
    const partial = partialSuccess(response!);
    expect(partial?.rejectedSpans).toBe(1);
    expect(partial?.errorMessage).toMatch(/^1 span\(s\) rejected: .*zero/);
    expect(ingest.spanCount()).toBe(1);
    expect(await counterValue(metrics.spansRejected, { receiver: 'otlp-grpc', reason: 'invalid-span' })).toBe(0); // the ingest's to count
  });

  it('answers an empty response when everything was accepted', async () => {
    const { client } = await startReceiver();
    const { response, error } = await client.call('Export', encodeOtlpProto(testSpans(3)));
    expect(error).toBeUndefined();
    expect(response!.length).toBe(0);
  });

  const garbage: Array<[string, Uint8Array, RegExp]> = [
    ['random bytes', Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), /^otlp\.proto: /],
    ['a truncated request', encodeOtlpProto(testSpans(2)).subarray(0, 40), /^otlp\.proto: .*(truncated|exceeds)/],
    ['a field with wire type 7', Uint8Array.from([0x0f]), /^otlp\.proto: /],
    ['a length prefix past the end', Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0x07]), /^otlp\.proto: length .* exceeds/],
  ];
  it.each(garbage)('%s → INVALID_ARGUMENT with the decoder message, and the server keeps serving', async (_name, payload, message) => {
    const { client, metrics, ingest } = await startReceiver();
    const { error } = await client.call('Export', payload);
    expect(error?.code).toBe(Status.INVALID_ARGUMENT);
    expect(error?.details).toMatch(message);
    expect(await counterValue(metrics.requestsRejected, { receiver: 'otlp-grpc', reason: 'malformed' })).toBe(1);
    expect(ingest.batches).toHaveLength(0);
    expect((await client.call('Export', encodeOtlpProto(testSpans(1)))).error).toBeUndefined();
    expect(ingest.spanCount()).toBe(1);
  });

  it('a message over the max size → RESOURCE_EXHAUSTED from grpc-js, and the server keeps serving', async () => {
    const { client, ingest } = await startReceiver({ maxMessageSize: 4096 });
    const big = encodeOtlpProto(testSpans(100));
    expect(big.length).toBeGreaterThan(4096);
    const { error } = await client.call('Export', big);
    expect(error?.code).toBe(Status.RESOURCE_EXHAUSTED);
    expect(error?.details).toMatch(/larger than max/);
    expect(ingest.batches).toHaveLength(0);
    expect((await client.call('Export', encodeOtlpProto(testSpans(2)))).error).toBeUndefined();
  });

  it('overload → RESOURCE_EXHAUSTED with a RetryInfo trailer naming the delay', async () => {
    const { client, ingest, metrics } = await startReceiver();
    ingest.failWith = new OverloadedError('queue holds 2000 of 2000 spans', 3);
    const { error } = await client.call('Export', encodeOtlpProto(testSpans(2)));
    expect(error?.code).toBe(Status.RESOURCE_EXHAUSTED);
    expect(error?.details).toBe('collector overloaded: queue holds 2000 of 2000 spans; retry after 3s');
    const details = error?.metadata.get('grpc-status-details-bin')[0] as Buffer;
    expect(details).toBeInstanceOf(Buffer);
    // google.rpc.Status{code=8, message, details=[Any{RetryInfo{retry_delay{seconds=3}}}]}
    expect(details.includes(Buffer.from('type.googleapis.com/google.rpc.RetryInfo'))).toBe(true);
    expect(details.subarray(details.length - 4)).toEqual(Buffer.from([0x0a, 0x02, 0x08, 0x03]));
    expect(details[0]).toBe(0x08);
    expect(details[1]).toBe(Status.RESOURCE_EXHAUSTED);
    expect(await counterValue(metrics.requestsRejected, { receiver: 'otlp-grpc', reason: 'overloaded' })).toBe(1);
  });

  it.each([
    ['shutting down', new ShuttingDownError(), Status.UNAVAILABLE, 'shutting-down'],
    ['a missing tenant', new TenantRejectedError('missing'), Status.UNAUTHENTICATED, 'tenant-missing'],
    ['a tenant not allowed', new TenantRejectedError('not-allowed', 'evil'), Status.PERMISSION_DENIED, 'tenant-not-allowed'],
    ['an unexpected failure', new Error('disk on fire'), Status.INTERNAL, 'internal'],
  ])('%s → the mapped status', async (_name, failure, code, reason) => {
    const { client, ingest, metrics } = await startReceiver();
    ingest.failWith = failure;
    const { error } = await client.call('Export', encodeOtlpProto(testSpans(1)));
    expect(error?.code).toBe(code);
    expect(error?.details).toContain(failure.message);
    expect(await counterValue(metrics.requestsRejected, { receiver: 'otlp-grpc', reason })).toBe(1);
  });

  it('passes the x-tenant metadata as the ingest tenant', async () => {
    const { client, ingest } = await startReceiver();
    await client.call('Export', encodeOtlpProto(testSpans(1)), { 'x-tenant': 'acme' });
    expect(ingest.batches[0]?.context.tenant).toBe('acme');
  });

  it('stop() lets an in-flight call finish, then refuses connections', async () => {
    const { client, ingest, receiver, address } = await startReceiver();
    let release!: () => void;
    ingest.gate = new Promise((resolve) => (release = resolve));
    const inFlight = client.call('Export', encodeOtlpProto(testSpans(1)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopped = receiver.stop();
    release();
    expect((await inFlight).error).toBeUndefined();
    await stopped;
    expect(receiver.address()).toBeUndefined();
    const late = new RawGrpcClient(rawClientDefinitions.otlpTraceService, address);
    cleanups.push(() => late.close());
    expect((await late.call('Export', encodeOtlpProto(testSpans(1)))).error?.code).toBe(Status.UNAVAILABLE);
  });
});

const EXPORT_PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';
const rawExport = (address: string, body: Buffer, headers: Record<string, string> = {}) => rawGrpcRequest(address, EXPORT_PATH, body, headers);

describe('edge-case requests', () => {
  it('an empty Export request (no resource spans) → OK, through a grpc-js client and a hand-written frame', async () => {
    const { address, client } = await startReceiver();
    expect((await client.call('Export', new Uint8Array())).error).toBeUndefined();
    expect(await rawExport(address, grpcFrame(false, Buffer.alloc(0)))).toMatchObject({ status: Status.OK });
  });
});

describe('incomplete gRPC frames', () => {
  it.each([
    ['a frame whose length promises more than was sent', Buffer.from([0, 0, 0, 0, 50, 1, 2])],
    ['three random bytes', Buffer.from([0x8f, 0x12, 0x33])],
  ])('%s → INVALID_ARGUMENT (not UNIMPLEMENTED), the server keeps serving', async (_name, body) => {
    const { address, client } = await startReceiver();
    const answer = await rawExport(address, body);
    expect(answer).toEqual({ status: Status.INVALID_ARGUMENT, message: 'the request holds no complete gRPC message (truncated frame or random bytes)' });
    expect((await client.call('Export', encodeOtlpProto(testSpans(1)))).error).toBeUndefined();
  });

  it.each([
    ['a gzip-flagged frame of random bytes', { 'grpc-encoding': 'gzip' }, /flagged compressed but is not valid data/],
    ['a deflate-flagged frame of random bytes', { 'grpc-encoding': 'deflate' }, /flagged compressed but is not valid data/],
  ])('%s → INVALID_ARGUMENT (not INTERNAL), the server keeps serving', async (_name, headers, message) => {
    const { address, client } = await startReceiver();
    const answer = await rawExport(address, grpcFrame(true, Buffer.from('definitely not compressed data')), headers);
    expect(answer.status).toBe(Status.INVALID_ARGUMENT);
    expect(answer.message).toMatch(message);
    expect((await client.call('Export', encodeOtlpProto(testSpans(1)))).error).toBeUndefined();
  });

  it('two messages on a unary method → INVALID_ARGUMENT (not UNIMPLEMENTED)', async () => {
    const { address } = await startReceiver();
    const message = Buffer.from(encodeOtlpProto(testSpans(1)));
    const answer = await rawExport(address, Buffer.concat([grpcFrame(false, message), grpcFrame(false, message)]));
    expect(answer).toEqual({ status: Status.INVALID_ARGUMENT, message: 'a unary method takes one request message; this request held more' });
  });

  it('an unreadable grpc-timeout header → INVALID_ARGUMENT naming it', async () => {
    const { address } = await startReceiver();
    const answer = await rawExport(address, grpcFrame(false, Buffer.from(encodeOtlpProto(testSpans(1)))), { 'grpc-timeout': 'soon' });
    expect(answer).toEqual({ status: Status.INVALID_ARGUMENT, message: 'Invalid grpc-timeout value "soon"' });
  });
});

