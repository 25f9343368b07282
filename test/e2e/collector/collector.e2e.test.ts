/**
 * The collector end to end: third-party senders (OpenTelemetry JS exporters, jaeger-client) → the collector's
 * receivers → pipeline → queue → the real Kafka → read back and decoded with the codecs' Kafka decoder.
 *
 * @services kafka
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter as OtlpGrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { decodeKafkaValue, encodeOtlpProto } from '@skein/codecs';
import { startCollector, type CollectorHandle, type QueuedSpanIngest } from '@skein/collector';
import { platformaticClients, TopicAdmin, type ConnectionSettings } from '@skein/kafka';
import { findTag, type Span } from '@skein/model';
import { createLogger, loadConfig } from '@skein/runtime';
import { collectorOptions } from '@skein/collector';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { serviceAddress, uniqueName } from '../../jest/service-address.js';
import { FlakyWriter, readTopic, waitFor } from './kafka-helpers.js';

const require = createRequire(import.meta.url);
const connection = (): ConnectionSettings => ({ brokers: serviceAddress('KAFKA_BROKERS').split(','), clientId: 'collector-e2e' });

let admin: TopicAdmin;
const topics: string[] = [];
async function newTopic(): Promise<string> {
  const topic = uniqueName('skein_collector_e2e');
  topics.push(topic);
  await admin.ensureTopic({ topic, partitions: 3, replicationFactor: 1 });
  return topic;
}

function collectorConfig(topic: string, extra: Record<string, string> = {}) {
  return loadConfig(
    collectorOptions,
    {
      'admin.http.host-port': '127.0.0.1:0',
      'log-level': 'silent',
      'span-storage.type': 'kafka',
      'kafka.producer.brokers': serviceAddress('KAFKA_BROKERS'),
      'kafka.producer.topic': topic,
      'collector.otlp.http.host-port': '127.0.0.1:0',
      'collector.http-server.host-port': '127.0.0.1:0',
      'collector.zipkin.host-port': '127.0.0.1:0',
      'collector.otlp.grpc.host-port': '127.0.0.1:0',
      'collector.grpc-server.host-port': 'off',
      'processor.jaeger-compact.server-host-port': 'off',
      'processor.jaeger-binary.server-host-port': 'off',
      ...extra,
    },
    {},
  );
}

beforeAll(() => {
  admin = new TopicAdmin(platformaticClients.admin(connection()));
});
afterAll(async () => {
  await admin.deleteTopics(topics).catch(() => undefined);
  await admin.close();
});

function tracerFor(service: string, exporter: SpanExporter): { tracer: Tracer; provider: BasicTracerProvider } {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service, 'deployment.environment': 'e2e' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  return { tracer: provider.getTracer('e2e-scope', '1.2.3'), provider };
}

/** One parent and one child span with attributes, an event and an error status; returns their ids. */
async function emit(service: string, exporter: SpanExporter): Promise<{ traceId: string; parentId: string; childId: string }> {
  const { tracer, provider } = tracerFor(service, exporter);
  const parent = tracer.startSpan('GET /checkout', { kind: SpanKind.SERVER, attributes: { 'http.method': 'GET', 'http.status_code': 500, 'big.int': 7, ratio: 0.25, ok: false } });
  const ctx = (await import('@opentelemetry/api')).trace.setSpan((await import('@opentelemetry/api')).context.active(), parent);
  const child = tracer.startSpan('SELECT orders', { kind: SpanKind.CLIENT, attributes: { 'db.system': 'postgresql' } }, ctx);
  child.addEvent('query-start', { rows: 3 });
  child.end();
  parent.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
  parent.end();
  await provider.forceFlush();
  await provider.shutdown();
  return { traceId: parent.spanContext().traceId, parentId: parent.spanContext().spanId, childId: child.spanContext().spanId };
}

describe('collector → Kafka with real senders', () => {
  let topic: string;
  let collector: CollectorHandle;
  const url = (receiver: string, path: string) => `http://127.0.0.1:${collector.addresses[receiver]!.port}${path}`;

  beforeAll(async () => {
    topic = await newTopic();
    collector = await startCollector(collectorConfig(topic), { logger: createLogger({ component: 'e2e', level: 'silent' }) });
  });
  afterAll(async () => {
    await collector?.stop();
  });

  it('is ready once Kafka answers', async () => {
    const ready = await fetch(`http://127.0.0.1:${collector.admin!.port}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('carries spans from every sender to the topic, field by field', async () => {
    const sent: Record<string, { traceId: string; parentId: string; childId: string }> = {};
    sent['otlp-proto'] = await emit('svc-otlp-proto', new OtlpProtoExporter({ url: url('otlp-http', '/v1/traces') }));
    sent['otlp-json'] = await emit('svc-otlp-json', new OtlpJsonExporter({ url: url('otlp-http', '/v1/traces') }));
    sent['otlp-grpc'] = await emit('svc-otlp-grpc', new OtlpGrpcExporter({ url: `http://127.0.0.1:${collector.addresses['otlp-grpc']!.port}` }));
    sent['zipkin'] = await emit('svc-zipkin', new ZipkinExporter({ url: url('zipkin', '/api/v2/spans') }));

    // jaeger-client over HTTP (Thrift binary to /api/traces).
    const { initTracer } = require('jaeger-client') as { initTracer: (config: object, options: object) => JaegerTracer };
    const jaeger = initTracer(
      { serviceName: 'svc-jaeger-client', sampler: { type: 'const', param: 1 }, reporter: { collectorEndpoint: url('jaeger-http', '/api/traces'), flushIntervalMs: 50 } },
      { tags: { 'client.tag': 'yes' }, logger: { info: () => undefined, error: (m: string) => process.stderr.write(`jaeger-client: ${m}\n`) } },
    );
    const jspan = jaeger.startSpan('jaeger-op');
    jspan.setTag('jaeger.tag', 42);
    jspan.log({ event: 'something', value: 'x' });
    jspan.finish();
    const jaegerSpanId = jspan.context().toSpanId().padStart(16, '0');
    await new Promise<void>((resolve) => jaeger.close(resolve));

    const expected = Object.values(sent).length * 2 + 1;
    const spans = (await readTopic(connection(), topic, expected)).flatMap((r) => decodeKafkaValue(r.value!).spans);
    const byId = (id: string) => spans.filter((s) => s.spanId === id);

    for (const [sender, ids] of Object.entries(sent)) {
      const parents = byId(ids.parentId);
      expect({ sender, count: parents.length }).toEqual({ sender, count: 1 });
      const parent = parents[0] as Span;
      expect(parent.traceId).toBe(ids.traceId);
      expect(parent.operationName).toBe('GET /checkout');
      expect(parent.process.serviceName).toBe(`svc-${sender}`);
      expect(findTag(parent.tags, 'http.method')?.value).toBe('GET');
      expect(String(findTag(parent.tags, 'http.status_code')?.value)).toBe('500');
      expect(findTag(parent.tags, 'span.kind')?.value).toBe('server');
      expect(findTag(parent.tags, 'error')?.value === true || findTag(parent.tags, 'error')?.value === 'true').toBe(true);
      expect(parent.duration).toBeGreaterThanOrEqual(0);
      expect(Math.abs(parent.startTime / 1000 - Date.now())).toBeLessThan(120_000);
      const child = byId(ids.childId)[0] as Span;
      expect(child.references).toContainEqual({ refType: 'CHILD_OF', traceId: ids.traceId, spanId: ids.parentId });
      expect(child.operationName).toBe('SELECT orders');
      expect(findTag(child.tags, 'span.kind')?.value).toBe('client');
      if (sender.startsWith('otlp')) {
        expect(findTag(parent.process.tags, 'deployment.environment')?.value).toBe('e2e');
        expect(findTag(parent.tags, 'otel.scope.name')?.value).toBe('e2e-scope');
        expect(child.logs[0]?.fields).toContainEqual({ key: 'event', type: 'string', value: 'query-start' });
      }
    }
    // The OTLP protobuf senders' requests took the fast path (transcoded, not decoded); JSON cannot.
    const transcoded = await collector.registry.getSingleMetricAsString('skein_collector_spans_transcoded_total');
    expect(transcoded).toMatch(/receiver="otlp-http",format="otlp\.proto"} 2\b/);
    expect(transcoded).toMatch(/receiver="otlp-grpc",format="otlp\.proto"} 2\b/);
    expect(transcoded).not.toMatch(/otlp\.json/);

    const jaegerSpans = byId(jaegerSpanId);
    expect(jaegerSpans).toHaveLength(1);
    expect(jaegerSpans[0]!.operationName).toBe('jaeger-op');
    expect(jaegerSpans[0]!.process.serviceName).toBe('svc-jaeger-client');
    // jaeger-client sends JavaScript numbers as float64 tags.
    expect(findTag(jaegerSpans[0]!.tags, 'jaeger.tag')).toEqual({ key: 'jaeger.tag', type: 'float64', value: 42 });
    expect(findTag(jaegerSpans[0]!.process.tags, 'client.tag')?.value).toBe('yes');
    expect(jaegerSpans[0]!.logs[0]?.fields).toContainEqual({ key: 'event', type: 'string', value: 'something' });
  });
});

interface JaegerSpan {
  setTag(key: string, value: unknown): void;
  log(fields: Record<string, unknown>): void;
  finish(): void;
  context(): { toSpanId(): string };
}
interface JaegerTracer {
  startSpan(name: string): JaegerSpan;
  close(callback: () => void): void;
}

describe('the span topic', () => {
  it('readiness names a missing topic and how to create it; --kafka.producer.create-topic creates it at start', async () => {
    const missing = uniqueName('skein_collector_missing');
    const logger = createLogger({ component: 'e2e', level: 'silent' });
    const waiting = await startCollector(collectorConfig(missing), { logger });
    try {
      const ready = await fetch(`http://127.0.0.1:${waiting.admin!.port}/readyz`);
      expect(ready.status).toBe(503);
      const body = JSON.stringify(await ready.json());
      expect(body).toContain(`Kafka topic \\"${missing}\\" does not exist on ${serviceAddress('KAFKA_BROKERS')}`);
      expect(body).toContain('--kafka.producer.create-topic=true');
    } finally {
      await waiting.stop();
    }

    topics.push(missing);
    const creating = await startCollector(collectorConfig(missing, { 'kafka.producer.create-topic': 'true', 'kafka.producer.topic-partitions': '4' }), { logger });
    try {
      expect((await fetch(`http://127.0.0.1:${creating.admin!.port}/readyz`)).status).toBe(200);
      expect(await admin.partitions(missing)).toBe(4);
    } finally {
      await creating.stop();
    }
  });
});

describe('overload and writer outage', () => {
  it('answers 429 with Retry-After when the queue is full, recovers, and every accepted span is in the topic exactly once', async () => {
    const topic = await newTopic();
    const config = collectorConfig(topic, { 'collector.queue-size': '500', 'collector.queue.max-wait': '60s', 'collector.num-workers': '2' });
    // The real Kafka writer, behind a switch that makes it fail like an unreachable broker (the shared Kafka must not
    // be stopped, and a TCP proxy cannot cut a Kafka client off: it reconnects to the advertised broker address).
    const { spanWriterKind, sectionValues } = await import('@skein/collector');
    const kind = spanWriterKind('kafka');
    const real = await kind.create(sectionValues(config, 'writer.kafka', kind.options), { logger: createLogger({ component: 'e2e', level: 'silent' }), metrics: new (await import('@skein/runtime')).Registry() });
    const flaky = new FlakyWriter(real);
    const collector = await startCollector(config, { logger: createLogger({ component: 'e2e', level: 'silent' }), writer: flaky });
    try {
      const endpoint = `http://127.0.0.1:${collector.addresses['otlp-http']!.port}/v1/traces`;
      const send = async (spans: Span[]) => {
        const response = await fetch(endpoint, { method: 'POST', body: encodeOtlpProto(spans), headers: { 'content-type': 'application/x-protobuf' } });
        return { status: response.status, retryAfter: response.headers.get('retry-after'), ids: spans.map((s) => s.spanId) };
      };
      const batch = (n: number) => Array.from({ length: n }, () => newSpan());

      flaky.failing = true;
      // 100-span requests: five fill the 500-span queue and wait for the writer; the sixth is refused at once.
      const waiting = Array.from({ length: 5 }, () => send(batch(100)));
      await waitFor(() => (collector.ingest as QueuedSpanIngest).queuedSpans >= 500, 10_000);
      const refused = await send(batch(100));
      expect(refused.status).toBe(429);
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
      await waitFor(() => flaky.failures >= 2, 10_000);

      flaky.failing = false;
      const answered = await Promise.all(waiting);
      expect(answered.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
      const after = await send(batch(100));
      expect(after.status).toBe(200);

      const accepted = [...answered, after].flatMap((a) => a.ids);
      const records = await readTopic(connection(), topic, accepted.length);
      await new Promise((resolve) => setTimeout(resolve, 1000)); // anything written twice would arrive by now
      const again = await readTopic(connection(), topic, accepted.length);
      const inTopic = again.flatMap((r) => decodeKafkaValue(r.value!).spans.map((s) => s.spanId));
      expect(records.length).toBeGreaterThanOrEqual(accepted.length);
      expect(inTopic.length).toBe(accepted.length);
      expect(new Set(inTopic)).toEqual(new Set(accepted));
      expect(inTopic).not.toEqual(expect.arrayContaining(refused.ids));
      const metrics = await collector.registry.getSingleMetricAsString('skein_collector_spans_dropped_total');
      expect(metrics).toMatch(/reason="queue-full"} 100/);
    } finally {
      await collector.stop();
    }
  });
});

function newSpan(): Span {
  return {
    traceId: randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
    operationName: 'overload',
    references: [],
    flags: 1,
    startTime: Date.now() * 1000,
    duration: 10,
    tags: [{ key: 'k', type: 'string', value: 'v' }],
    logs: [],
    process: { serviceName: 'overload-svc', tags: [] },
    warnings: [],
  };
}
